"""A desk process for the checker-lifetime tests: opens a draft, prints the checker's pid once it is checked,
then quits (``quit``) or waits to be killed (``wait``).

    python checker_host.py DRAFT quit|wait
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from proofdesk.core.paths import resolve_paths
from proofdesk.gui.app import make_application, show_desk
from proofdesk.gui.workers import check_process


def main() -> int:
    draft, mode = Path(sys.argv[1]), sys.argv[2]
    app = make_application()
    from proofdesk.gui.main_window import MainWindow

    window = MainWindow(resolve_paths())
    show_desk(window)
    tab = window.open_path(draft)
    assert tab is not None

    def poll() -> None:
        if tab.checking or tab.stats.checks == 0:
            return
        timer.stop()
        print(f"CHECKER {check_process().pid} FINDINGS {len(tab.findings)}", flush=True)
        if mode == "quit":
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    QTimer.singleShot(60_000, lambda: app.exit(3))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
