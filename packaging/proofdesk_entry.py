"""Entry point of the PyInstaller bundle: the same `proofdesk` command as the installed package."""

import sys

from proofdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
