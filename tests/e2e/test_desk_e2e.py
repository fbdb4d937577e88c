"""The real ``proofdesk`` process in a real window, driven with the keyboard (xdotool under Xvfb)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from desk_x11 import REPO, SCREENSHOTS, Desk

from proofdesk.core.document import Document, document_from_text
from proofdesk.core.findings import Finding
from proofdesk.core.paths import resolve_paths
from proofdesk.core.review import ReviewSession

pytestmark = pytest.mark.e2e

SAMPLE = REPO / "resources" / "samples" / "scraped-story.txt"
# After a key, a moment for the desk to react before waiting for it (and its checker) to go idle.
SETTLE = 0.2


def _engine():  # type: ignore[no-untyped-def]
    from proofdesk.core.settings import Settings
    from proofdesk.gui import services

    settings = Settings()
    paths = resolve_paths()
    return services.make_engine(services.engine_config(services.build_context(settings, paths), settings))


def expected_after_accepts(text: str, presses: int) -> str:
    """What Alt+Down then ``presses`` × Ctrl+Return must leave, worked out with the Qt-free core.

    Mirrors the desk: Alt+Down picks the first finding; Ctrl+Return applies the current finding's first
    suggestion (or just moves on when it has none) and makes the next finding current; the draft is
    re-checked after each change, and a current finding the re-check no longer reports is dropped
    (the next Ctrl+Return then picks the next finding after the cursor).
    """
    engine = _engine()

    def check(t: str) -> list[Finding]:
        doc: Document = document_from_text(t)
        return engine.check(doc)

    session = ReviewSession(text, check(text))
    current = session.next_after(0)
    cursor = current.end if current else 0
    for _ in range(presses):
        if current is None:
            current = session.next_after(cursor)
            cursor = current.end if current else cursor
            continue
        if not current.suggestions:
            following = [f for f in session.findings if f.sort_key > current.sort_key]
            current = following[0] if following else (session.findings[0] if session.findings else None)
            cursor = current.end if current else cursor
            continue
        change = session.accept(current)
        nxt = session.next_after(change.inverse[0].end)
        session.set_findings(check(session.text))
        current = session.find(nxt.key) if nxt is not None else None
        if current is not None:
            cursor = current.end
        elif nxt is not None:
            cursor = nxt.end
    return session.text


def test_alt_down_then_ctrl_return_accepts_in_order_and_ctrl_s_saves(desk: Desk, tmp_path: Path) -> None:
    from proofdesk.core.backups import list_backups

    draft = tmp_path / "sample.txt"
    shutil.copyfile(SAMPLE, draft)
    original = draft.read_text(encoding="utf-8")
    presses = 5
    expected = expected_after_accepts(original, presses)
    assert expected != original

    desk.start(draft, title="sample.txt")
    desk.settle()  # the first check: the checker process starts and loads its dictionaries
    desk.key("alt+Down", pause=SETTLE, settle=True)
    for _ in range(presses):
        desk.key("ctrl+Return", pause=SETTLE, settle=True)
    assert desk.title().startswith("sample.txt*"), desk.title()
    desk.key("ctrl+s", pause=1.0)
    desk.screenshot("accept-in-order-and-save")
    assert desk.title().startswith("sample.txt —"), desk.title()

    assert draft.read_text(encoding="utf-8") == expected
    backups = list_backups(draft, resolve_paths())
    assert len(backups) == 1
    assert backups[0].path.read_text(encoding="utf-8") == original
    assert desk.quit() == 0


def test_undo_and_redo_keys_in_the_real_window(desk: Desk, tmp_path: Path) -> None:
    draft = tmp_path / "sample.txt"
    shutil.copyfile(SAMPLE, draft)
    original = draft.read_text(encoding="utf-8")
    desk.start(draft, title="sample.txt")
    desk.settle()
    desk.key("alt+Down", pause=SETTLE, settle=True)
    desk.key("ctrl+Return", pause=SETTLE, settle=True)
    desk.key("ctrl+z", pause=SETTLE, settle=True)
    desk.key("ctrl+shift+z", pause=SETTLE, settle=True)
    desk.key("ctrl+z", pause=SETTLE, settle=True)
    assert not desk.title().startswith("sample.txt*"), "undoing every change leaves the draft unmodified"
    desk.key("ctrl+s", pause=1.0)
    desk.screenshot("undo-redo")
    assert draft.read_text(encoding="utf-8") == original


def test_readme_screenshot_of_the_sample_draft(desk: Desk, tmp_path: Path) -> None:
    """Makes the README screenshot from the bundled sample draft.

    Always saved to artifacts/screenshots/readme.png; copied over the committed docs/screenshot.png
    only when that is missing or PROOFDESK_UPDATE_SCREENSHOT=1, so a test run leaves the tree clean.
    """
    draft = tmp_path / "scraped-story.txt"
    shutil.copyfile(SAMPLE, draft)
    desk.start(draft, title="scraped-story.txt")
    desk.settle()
    desk.xdotool("windowsize", desk.window, "1360", "860", check=False)
    desk.xdotool("windowmove", desk.window, "0", "0", check=False)
    time.sleep(0.5)
    for _ in range(3):
        desk.key("alt+Down", pause=0.3)
    time.sleep(0.8)
    shot = desk.screenshot("readme")
    assert shot.stat().st_size > 10_000
    target = REPO / "docs" / "screenshot.png"
    if not target.exists() or os.environ.get("PROOFDESK_UPDATE_SCREENSHOT") == "1":
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, target)
    assert (SCREENSHOTS / "readme.png").exists()
