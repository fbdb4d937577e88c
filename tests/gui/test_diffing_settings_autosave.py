"""Qt-free helpers of the desk: word diff, proposed copy, settings files, autosave journal."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from proofdesk.core.autosave import Journal, orphaned_journals
from proofdesk.core.diffing import apply_segments, proposed_segments, word_diff
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.settings import Settings, UiState, load_settings, load_ui_state, save_settings, save_ui_state


@given(st.text(alphabet="ab ,.\n😀", max_size=40), st.text(alphabet="ab ,.\n😀", max_size=40))
def test_word_diff_rebuilds_both_texts(a: str, b: str) -> None:
    segs = word_diff(a, b)
    assert "".join(s.text for s in segs if s.op != "insert") == a
    assert apply_segments(segs) == b


def test_word_diff_marks_a_changed_word_only() -> None:
    segs = word_diff("the cat sat", "the dog sat")
    assert [(s.op, s.text) for s in segs if s.op != "equal"] == [("delete", "cat"), ("insert", "dog")]


def test_proposed_copy_applies_first_suggestions_and_keeps_deleted_text() -> None:
    text = "a teh b  c"
    f1 = Finding("r", Category.SPELLING, Severity.ERROR, 2, 5, "teh", "m", ("the", "tea"))
    f2 = Finding("d", Category.TYPOGRAPHY, Severity.WARNING, 7, 9, "  ", "m", (" ",))
    none = Finding("n", Category.STYLE, Severity.WARNING, 0, 1, "a", "m", ())
    segs = proposed_segments(text, [f2, none, f1])
    assert apply_segments(segs) == "a the b c"
    assert "".join(s.text for s in segs if s.op != "insert") == text
    assert [s.finding for s in segs if s.op == "insert"] == [f1, f2]


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    s = Settings(language="en-US", disabled_checks=["grammar", "typography"], editor_font_size=14, theme="dark")
    save_settings(path, s)
    loaded, messages = load_settings(path)
    assert loaded == s and messages == []


def test_settings_out_of_range_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "fr", "theme": "neon", "editor_font_size": 500, "unknown": 1}))
    loaded, messages = load_settings(path)
    assert (loaded.language, loaded.theme, loaded.editor_font_size) == ("en-GB", "system", 48)
    assert messages == []


def test_corrupt_settings_are_set_aside_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    loaded, messages = load_settings(path)
    assert loaded == Settings()
    assert len(messages) == 1 and "settings.json" in messages[0]
    assert not path.exists()
    assert len(list(tmp_path.glob("settings.json.corrupt-*"))) == 1


def test_ui_state_is_separate_and_keeps_ten_recent(tmp_path: Path) -> None:
    state = UiState()
    for i in range(12):
        state.add_recent(Path(f"/d/{i}.txt"))
    state.add_recent(Path("/d/5.txt"))
    save_ui_state(tmp_path / "ui.json", state)
    loaded, _ = load_ui_state(tmp_path / "ui.json")
    assert loaded.recent_files[0] == "/d/5.txt" and len(loaded.recent_files) == 10


def test_languagetool_setting_never_means_network_by_default() -> None:
    # "auto" means a LanguageTool installed on this machine, on loopback, or none (tests/core/languagetool
    # prove it opens no other connection); a server URL is used only when the user enters one.
    assert Settings().languagetool == "auto"
    assert Settings(
        languagetool_mode="url", languagetool_url="http://localhost:8081", disabled_checks=[]
    ).languagetool == ("http://localhost:8081")


def test_journal_is_offered_only_when_its_process_is_gone(tmp_path: Path) -> None:
    j = Journal(tmp_path, tmp_path / "story.txt")
    assert j.write("draft one")
    assert not j.write("draft one")
    assert orphaned_journals(tmp_path) == []  # this process is alive
    data = json.loads(j.file.read_text())
    data["pid"] = 2**22 + 12345  # beyond pid_max on most systems: a dead process
    j.file.write_text(json.dumps(data))
    entries = orphaned_journals(tmp_path)
    assert [(e.source, e.text) for e in entries] == [(tmp_path / "story.txt", "draft one")]
    j.discard()
    assert orphaned_journals(tmp_path) == []


def test_unreadable_journal_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / f"x-{os.getpid()}.journal.json").write_text("garbage")
    assert orphaned_journals(tmp_path) == []
    assert list(tmp_path.glob("*.corrupt"))
