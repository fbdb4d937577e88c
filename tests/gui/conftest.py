"""A main window on temporary folders, with a small deterministic check set.

The real families are tested in tests/core; here the checks only need to be
predictable: a word list with suggestions and the real double-space rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from desk_helpers import CHECKS, SLOW, wait_checked

from proofdesk.core.paths import AppPaths, resolve_paths


@pytest.fixture
def app_paths(isolated_dirs: Path) -> AppPaths:
    return resolve_paths()


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from proofdesk.gui.app import make_application
    from proofdesk.gui.main_window import MainWindow

    make_application()
    w = MainWindow(app_paths, checks=CHECKS)
    qtbot.addWidget(w)

    # No modal dialog may block a test: any question not answered by the test fails it loudly.
    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args}")

    for name in ("error", "info", "confirm_accept_all", "external_change", "recover", "confirm"):
        setattr(w.prompts, name, unexpected)
    # pytest-qt closes the window after each test; unsaved test edits are thrown away then.
    w.prompts.unsaved_changes = lambda name: "discard"
    w.resize(1200, 800)
    w.show()
    yield w
    SLOW.clear()
    for tab in w.tabs():
        tab.document.setModified(False)
        tab.shutdown()


@pytest.fixture
def open_draft(window, tmp_path: Path, qtbot) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    def _open(text: str, name: str = "story.txt", wait: bool = True) -> object:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        tab = window.open_path(path)
        assert tab is not None
        if wait:
            wait_checked(qtbot, tab)
        return tab

    return _open
