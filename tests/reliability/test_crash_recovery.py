"""Crash recovery: edit in the real app, SIGKILL it, start it again, restore, and compare (issue 8 §3)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))
from desk_x11 import REPO, Desk, desk, x_display

from proofdesk.core.paths import resolve_paths

__all__ = ["desk", "x_display"]

pytestmark = pytest.mark.e2e

SAMPLE = REPO / "resources" / "samples" / "scraped-story.txt"


def _journals() -> list[Path]:
    return sorted(resolve_paths().autosave.glob("*.journal.json"))


def test_killed_app_offers_the_draft_back_and_it_matches(desk: Desk, tmp_path: Path) -> None:
    draft = tmp_path / "story.txt"
    shutil.copyfile(SAMPLE, draft)
    original = draft.read_text(encoding="utf-8")

    desk.start(draft, title="story.txt")
    desk.settle()
    desk.key("ctrl+Home")
    desk.type("BREAKING ")
    desk.settle()  # let the re-check of the typed line land before reviewing
    desk.key("alt+Down", pause=0.2, settle=True)
    desk.key("ctrl+Return", pause=0.2, settle=True)  # an accept writes the journal at once
    journals = _journals()
    assert len(journals) == 1, journals
    journaled = json.loads(journals[0].read_text(encoding="utf-8"))["text"]
    assert journaled.startswith("BREAKING ") and journaled != original

    desk.kill()
    assert draft.read_text(encoding="utf-8") == original, "a crash must not touch the draft on disk"

    again = Desk(desk.display)
    try:
        again.start(title="Recover unsaved work")
        again.key("Return", pause=1.5)  # "Restore it?" — Yes is the default
        again.window = again.wait_window("story.txt")
        again.focus()
        assert again.title().startswith("story.txt*"), again.title()
        again.key("ctrl+s", pause=1.0)
        again.screenshot("crash-recovery-restored")
        assert draft.read_text(encoding="utf-8") == journaled
        assert again.quit() == 0
        assert _journals() == [], "a clean exit leaves no journal to offer next time"
    finally:
        again.kill()
