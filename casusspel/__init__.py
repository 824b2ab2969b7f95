"""casusspel: a case-study game engine for trainings in diversity-sensitive work."""

__version__ = "0.1.0"
