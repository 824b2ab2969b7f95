"""Scoring of reflections against the pillars of a framework.

Pure functions: text + framework (+ case-specific indicators) -> scores with evidence.
Nothing here touches the terminal or the file system, and nothing imports ``casusspel``.
"""
