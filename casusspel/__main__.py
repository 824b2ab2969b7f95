"""``python -m casusspel`` runs the same CLI as the ``casusspel`` command."""

from casusspel.cli import main

if __name__ == "__main__":
    main()
