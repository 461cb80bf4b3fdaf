"""Allow ``python -m kltransfer``."""

from kltransfer.cli import main

if __name__ == "__main__":
    main()
