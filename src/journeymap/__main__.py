"""``python -m journeymap``: the same as the ``journeymap`` command."""

from journeymap.cli import main

if __name__ == "__main__":
    main()
