"""The same bad drafts as test_bad_inputs_matrix.py, opened in the app: a dialog naming the file and the
reason for a refused one, a status-bar notice for one read anyway — never an exception out of File ▸ Open.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from test_bad_inputs_matrix import CASES, Case, Env

from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.readers import read_document
from proofdesk.core.paths import resolve_paths

# Drafts, not options: the house-style and LanguageTool rows are about settings, not the file opened.
FILE_CASES = [c for c in CASES if not any(w in c.name for w in ("house style", "house rule", "LanguageTool"))]


@pytest.fixture
def window(qtbot, isolated_dirs: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from proofdesk.gui.app import make_application
    from proofdesk.gui.main_window import MainWindow

    make_application()
    w = MainWindow(resolve_paths(), checks=[TypographyCheck])
    qtbot.addWidget(w)

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args}")

    for name in ("error", "info", "confirm_accept_all", "external_change", "recover", "confirm"):
        setattr(w.prompts, name, unexpected)
    w.prompts.unsaved_changes = lambda name: "discard"
    yield w
    for tab in w.tabs():
        tab.document.setModified(False)
        tab.shutdown()


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {case.bug}")] if case.bug else []
    return pytest.param(case, marks=marks, id=case.name.split(" (")[0])


@pytest.mark.parametrize("case", [_param(c) for c in FILE_CASES])
def test_open_in_the_app(case: Case, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "desk"
    folder.mkdir()
    monkeypatch.chdir(folder)
    dialogs: list[tuple[str, str]] = []
    window.prompts.error = lambda title, text: dialogs.append((title, text))
    with ExitStack() as stack:
        path = folder / case.build(Env(folder, monkeypatch, stack))[0]
        started = time.perf_counter()
        tab = window.open_path(path)
        took = time.perf_counter() - started
        try:
            expected: InputError | None = None
            doc = read_document(path)
        except InputError as exc:
            expected = exc
    assert took < case.seconds
    if case.refused:
        assert expected is not None
        assert tab is None and window.tabs() == []
        assert len(dialogs) == 1, dialogs
        _title, text = dialogs[0]
        assert path.name in text and expected.reason in text, text
        return
    assert tab is not None and dialogs == []
    if doc.notices:
        # The last notice stays in the status bar (each is shown for 10 s).
        assert window.statusBar().currentMessage() == doc.notices[-1]
