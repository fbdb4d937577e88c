"""Starting the desk: ``proofdesk [FILE…]`` ends up here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import proofdesk
from proofdesk.core.paths import APP_ID, APP_NAME, AppPaths

if TYPE_CHECKING:
    from proofdesk.gui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    from proofdesk.gui.compat import guard_none_refcount

    guard_none_refcount()
    # Checks run on worker threads; a short GIL switch interval hands the GUI thread the interpreter
    # within a millisecond when it needs it, instead of the default 5 ms per hand-over.
    sys.setswitchinterval(0.001)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationDomain("proofdesk.org")
    app.setApplicationVersion(proofdesk.__version__)
    app.setDesktopFileName(APP_ID)
    return app


def start_desk(window: MainWindow, files: list[Path]) -> None:
    """Show the window, then warm the checker and open ``files`` (what ``proofdesk FILE…`` does)."""
    app = QApplication.instance()
    window.show()
    # Paint the window before anything else: the checker's dictionary load competes with the GUI
    # thread for the interpreter, so it starts only once the window is on screen.
    if app is not None:
        app.processEvents()
    window.prewarm()

    def after_show() -> None:
        for f in files:
            window.open_path(Path(f))
        window.show_startup_messages()
        window.offer_recovery()

    QTimer.singleShot(0, after_show)


def run(files: list[Path], paths: AppPaths) -> int:
    """Open the main window with ``files`` and run until it closes; returns the exit status."""
    app = make_application()
    from proofdesk.gui.main_window import MainWindow

    window = MainWindow(paths)
    start_desk(window, files)
    status = app.exec()
    window.deleteLater()
    # PySide6 can crash tearing down Qt objects during interpreter exit; everything is saved by now.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
