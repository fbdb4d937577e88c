"""Entry point of the PyInstaller bundle: the same `proofdesk` command as the installed package."""

import sys

if __name__ == "__main__":
    # The desk's checker process is this same executable (proofdesk.gui.workers.worker_command).
    from proofdesk.gui.check_process import run_if_worker

    run_if_worker(sys.argv)

    from proofdesk.cli.main import main

    sys.exit(main())
