"""Authored content: case model, YAML with positions, checks, schema, author tools."""
