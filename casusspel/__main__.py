"""``python -m casusspel`` runs the same CLI as the ``casusspel`` command."""

from cli import main

if __name__ == "__main__":
    main()
