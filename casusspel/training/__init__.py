"""Training days: programmes, planning, learning questions and self-assessment."""
