"""Starting the desk: ``proofdesk [FILE…]`` ends up here."""

from __future__ import annotations

import gc
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
    # Checks run in their own process (gui/check_process.py); a short GIL switch interval still helps if
    # anything else ever runs Python on a thread here: the GUI thread gets the interpreter within 1 ms.
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


def settle_heap() -> None:
    """Take everything loaded so far (modules, Qt wrappers, the window) out of the garbage collector's sight.

    A full collection walks every tracked object with the GIL held, on the GUI thread: 14-32 ms
    with the desk's modules loaded, measured by benchmarks/gui_bench.py. Objects alive at start-up
    live for the whole session anyway; freezing them leaves only the drafts' own objects to walk,
    and a higher first threshold makes the collections rarer.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def show_desk(window: MainWindow) -> None:
    """Show the window and paint it, then start warming the checker."""
    app = QApplication.instance()
    window.show()
    # Paint the window before anything else: the checker process starts only once it is on screen.
    if app is not None:
        app.processEvents()
    # The checker process starts (and loads its dictionaries) while this process settles its heap.
    window.prewarm()
    settle_heap()


def start_desk(window: MainWindow, files: list[Path]) -> None:
    """Show the window, then warm the checker and open ``files`` (what ``proofdesk FILE…`` does)."""
    show_desk(window)

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
