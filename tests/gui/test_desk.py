"""The desk, driven as a sub-editor would: keys, menus, context menus, gutter buttons (pytest-qt, offscreen)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from desk_helpers import SLOW, wait_checked
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from proofdesk.core.findings import Category
from proofdesk.gui.workers import CheckResult

DRAFT = "The council was encourafged by teh plan.\nIt will recieve  funding.\n"


def key(qtbot, window, seq: str) -> None:  # type: ignore[no-untyped-def]
    """Press a shortcut where the sub-editor's focus is: in the draft."""
    tab = window.current_tab()
    target = tab.editor if tab is not None else window
    ks = QKeySequence(seq)[0]
    qtbot.keyClick(target, ks.key(), ks.keyboardModifiers())


def texts(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.text for f in tab.findings]


# Contracts --------------------------------------------------------------------------------


def test_menus_toolbar_and_keys_are_the_documented_ones(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "Review", "View", "Settings", "Help"]
    ui = window.ui
    expected = {
        ui.actionOpen: "Ctrl+O",
        ui.actionSave: "Ctrl+S",
        ui.actionSaveAs: "Ctrl+Shift+S",
        ui.actionExport: "Ctrl+E",
        ui.actionUndo: "Ctrl+Z",
        ui.actionRedo: "Ctrl+Shift+Z",
        ui.actionNext: "Alt+Down",
        ui.actionPrevious: "Alt+Up",
        ui.actionAccept: "Ctrl+Return",
        ui.actionIgnore: "Ctrl+I",
        ui.actionAcceptAll: "Ctrl+Shift+A",
        ui.actionFind: "Ctrl+F",
        ui.actionGuide: "F1",
    }
    for action, seq in expected.items():
        assert action.shortcut().toString() == seq, action.objectName()
        menus = [w for w in action.associatedObjects() if isinstance(w, QMenu)]
        assert menus, f"{action.objectName()} is in no menu"
    assert ui.toolBar.actions()


def test_title_names_the_file_and_stars_when_modified(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    assert window.windowTitle() == "story.txt — ProofDesk"
    qtbot.keyClicks(tab.editor, "x")
    assert window.windowTitle() == "story.txt* — ProofDesk"
    key(qtbot, window, "Ctrl+Z")
    assert window.windowTitle() == "story.txt — ProofDesk"


def test_bad_file_gets_a_dialog_not_a_crash(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    window.prompts.error = lambda title, text: seen.append(text)
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01binary")
    assert window.open_path(tmp_path / "blob.txt") is None
    assert window.open_path(tmp_path / "missing.txt") is None
    assert len(seen) == 2 and "binary" in seen[0] and "no such file" in seen[1]
    assert window.tabs() == []


# Checking and showing ------------------------------------------------------------------------


def test_findings_are_listed_by_category_with_counts_and_filtered(window, open_draft) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    assert texts(tab) == ["encourafged", "teh", "recieve", "  "]
    model = tab.panel.model
    groups = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert groups == ["Spelling (3)", "Typography (1)"]
    tab.panel.text.setText("teh")
    assert model.shown == 1
    tab.panel.text.clear()
    tab.panel.category.setCurrentIndex(tab.panel.category.findData("typography"))
    assert model.shown == 1
    tab.panel.category.setCurrentIndex(0)
    tab.panel.severity.setCurrentIndex(tab.panel.severity.findData("error"))
    assert model.shown == 3
    tab.panel.severity.setCurrentIndex(0)
    tab.panel.rule.setCurrentIndex(tab.panel.rule.findData("typography.double-space"))
    assert model.shown == 1
    assert "4 words" not in window.words_label.text() and window.words_label.text().endswith("words")
    assert window.findings_label.text() == "3 errors · 1 warning · 0 suggestions"


def test_underlines_are_drawn_for_each_finding(window, open_draft) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    selected = sorted(s.cursor.selectedText() for s in tab.editor.extraSelections())
    assert selected == sorted(["encourafged", "teh", "recieve", "  "])


def test_an_emoji_before_a_finding_keeps_its_underline_in_place(window, open_draft) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft("😀 🎉🎉 teh 𝒳 recieve\n")
    assert texts(tab) == ["teh", "recieve"]
    assert sorted(s.cursor.selectedText() for s in tab.editor.extraSelections()) == ["recieve", "teh"]
    tab.next_finding()
    assert tab.editor.textCursor().selectedText() == "teh"
    assert tab.accept()
    assert tab.text == "😀 🎉🎉 the 𝒳 recieve\n"
    assert tab.editor.toPlainText() == tab.text


def test_proposed_copy_shows_deletions_and_insertions_in_step(window, open_draft) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    shown = tab.proposed.toPlainText()
    assert "encourafgedencouraged" in shown and "tehthe" in shown
    assert tab.proposed.document().blockCount() == tab.document.blockCount()
    assert [c.finding.text for c in tab.proposed.changes] == ["encourafged", "teh", "recieve", "  "]


# Reviewing with the keyboard --------------------------------------------------------------------


def test_alt_down_selects_in_all_three_places_and_ctrl_return_accepts(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    key(qtbot, window, "Alt+Down")
    assert tab.current is not None and tab.current.text == "encourafged"
    assert tab.editor.textCursor().selectedText() == "encourafged"
    assert tab.panel.model.finding(tab.panel.view.currentIndex()) == tab.current
    key(qtbot, window, "Alt+Down")
    assert tab.current.text == "teh"
    key(qtbot, window, "Alt+Up")
    assert tab.current.text == "encourafged"
    key(qtbot, window, "Ctrl+Return")
    assert tab.text.startswith("The council was encouraged by teh plan.")
    assert tab.current is not None and tab.current.text == "teh"
    key(qtbot, window, "Ctrl+Return")
    assert tab.text.startswith("The council was encouraged by the plan.")
    assert tab.undo_stack.count() == 2
    key(qtbot, window, "Ctrl+Z")
    assert tab.text.startswith("The council was encouraged by teh plan.")
    key(qtbot, window, "Ctrl+Z")
    assert tab.text == DRAFT and tab.editor.toPlainText() == DRAFT
    assert texts(tab)[:2] == ["encourafged", "teh"]
    key(qtbot, window, "Ctrl+Shift+Z")
    assert tab.text.startswith("The council was encouraged by teh")
    wait_checked(qtbot, tab)
    assert all(tab.text[f.start : f.end] == f.text for f in tab.findings)


def test_accept_works_when_a_recheck_rewords_the_current_finding(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft("dupe encourafged text\n")
    assert texts(tab) == ["dupe ", "encourafged"]
    tab.set_current(tab.findings[1])
    assert tab.accept()
    wait_checked(qtbot, tab)
    current = tab.findings[0]
    assert current.message != "Delete this (22 characters)."  # the re-check reworded it
    key(qtbot, window, "Alt+Up")
    key(qtbot, window, "Ctrl+Return")
    assert tab.text == "encouraged text\n"


def test_ctrl_i_ignores_and_moves_on_and_undo_brings_it_back(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    key(qtbot, window, "Alt+Down")
    key(qtbot, window, "Ctrl+I")
    assert "encourafged" not in texts(tab)
    assert tab.current.text == "teh"
    tab.start_check()
    wait_checked(qtbot, tab)
    assert "encourafged" not in texts(tab), "an ignored finding came back after a re-check"
    key(qtbot, window, "Ctrl+Z")
    assert "encourafged" in texts(tab)
    assert tab.text == DRAFT


def test_accept_all_confirms_with_count_and_preview_and_is_one_undo_step(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    draft = "teh one, teh two, teh three; recieve\n"
    tab = open_draft(draft)
    asked: list[tuple[str, int]] = []

    def confirm(rule, chosen, skipped):  # type: ignore[no-untyped-def]
        from proofdesk.gui.dialogs import accept_all_preview

        preview = accept_all_preview(rule, chosen, skipped)
        assert "Accept all 3 findings of testspell.word" in preview or "Accept all 4" in preview
        assert "teh → the" in preview
        asked.append((rule, len(chosen)))
        return True

    window.prompts.confirm_accept_all = confirm
    key(qtbot, window, "Alt+Down")
    key(qtbot, window, "Ctrl+Shift+A")
    assert asked == [("testspell.word", 4)]
    assert tab.text == "the one, the two, the three; receive\n"
    assert tab.undo_stack.count() == 1
    key(qtbot, window, "Ctrl+Z")
    assert tab.text == draft and tab.editor.toPlainText() == draft
    assert texts(tab) == ["teh", "teh", "teh", "recieve"]
    key(qtbot, window, "Ctrl+Shift+Z")
    assert tab.text == "the one, the two, the three; receive\n"


def test_accept_all_cancelled_changes_nothing(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft("teh teh\n")
    window.prompts.confirm_accept_all = lambda *a: False
    tab.next_finding()
    window.accept_all()
    assert tab.text == "teh teh\n" and tab.undo_stack.count() == 0


def test_typing_and_accepting_interleave_in_undo(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    cursor = tab.editor.textCursor()
    cursor.setPosition(0)
    tab.editor.setTextCursor(cursor)
    qtbot.keyClicks(tab.editor, "NEW ")
    assert tab.text.startswith("NEW The council")
    assert all(tab.text[f.start : f.end] == f.text for f in tab.findings), "findings did not follow the text"
    tab.set_current(tab.findings[0])
    assert tab.accept()
    key(qtbot, window, "Ctrl+Z")
    assert tab.text.startswith("NEW The council was encourafged")
    key(qtbot, window, "Ctrl+Z")
    assert tab.text == DRAFT


# Background checking -------------------------------------------------------------------------------


def test_typing_while_a_check_is_running(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft("recieve this.\n" * 40)
    SLOW.set()
    tab.start_check()
    qtbot.waitUntil(lambda: tab.dispatcher._running is not None, timeout=2000)
    cursor = tab.editor.textCursor()
    cursor.setPosition(0)
    tab.editor.setTextCursor(cursor)
    qtbot.keyClicks(tab.editor, "teh ")
    SLOW.clear()
    wait_checked(qtbot, tab, timeout=10_000)
    assert tab.text.startswith("teh recieve this.")
    assert texts(tab)[:2] == ["teh", "recieve"] and len(tab.findings) == 41
    assert all(tab.text[f.start : f.end] == f.text for f in tab.findings)


def test_a_stale_result_arriving_after_an_edit_is_dropped(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    old_revision = tab.revision
    stale = list(tab.findings)
    qtbot.keyClicks(tab.editor, "ab")
    before = list(tab.findings)
    tab._on_result(CheckResult(job_id=999, revision=old_revision, findings=stale))
    assert tab.stats.stale_dropped == 1
    assert tab.findings == before
    wait_checked(qtbot, tab)
    assert all(tab.text[f.start : f.end] == f.text for f in tab.findings)


def test_the_word_being_typed_gets_no_underline(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft("Hello\n")
    cursor = tab.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    tab.editor.setTextCursor(cursor)
    qtbot.keyClicks(tab.editor, "teh")
    wait_checked(qtbot, tab)
    assert texts(tab) == ["teh"]
    # Results are in and typing has paused: now it is underlined.
    assert [f.text for f in tab.editor.underlined()] == ["teh"]
    qtbot.keyClicks(tab.editor, "h")  # still typing the same word
    assert tab.editor.underlined() == []


# Mouse: context menu, click, gutter -------------------------------------------------------------------


def _point_of(tab, start: int) -> QPoint:  # type: ignore[no-untyped-def]
    c = tab.editor.textCursor()
    c.setPosition(tab.offsets.to_utf16(start) + 1)
    return tab.editor.cursorRect(c).center()


def test_right_click_menu_offers_suggestions_ignore_rule_and_dictionary(window, open_draft) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    f = tab.findings[0]
    menu = tab.editor.build_context_menu(_point_of(tab, f.start))
    names = [a.objectName() for a in menu.actions()]
    assert {"suggestion-0", "suggestion-1", "ignore", "ignore-rule", "add-word"} <= set(names)
    assert not any(
        a.text().replace("&", "").startswith("Undo") for a in menu.actions() if a.objectName() != "actionUndo"
    )
    next(a for a in menu.actions() if a.objectName() == "suggestion-1").trigger()
    assert tab.text.startswith("The council was encourages by")
    menu = tab.editor.build_context_menu(_point_of(tab, tab.findings[0].start))
    next(a for a in menu.actions() if a.objectName() == "ignore-rule").trigger()
    assert all(x.rule != "testspell.word" for x in tab.findings)


def test_add_to_dictionary_removes_the_word_and_remembers_it(window, open_draft, app_paths) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("proofdesk.core.vocabulary")
    tab = open_draft("Zhigang met teh Zhigang.\n")
    window.add_word("teh")
    assert "teh" not in texts(tab)
    assert "teh" in app_paths.personal_dictionary.read_text(encoding="utf-8")


def test_clicking_an_underline_selects_its_finding(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    target = next(f for f in tab.findings if f.text == "recieve")
    qtbot.mouseClick(tab.editor.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(tab, target.start))
    assert tab.current == target
    assert tab.panel.model.finding(tab.panel.view.currentIndex()) == target


def test_gutter_button_accepts_that_change(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    gutter = tab.proposed.gutter()
    gutter.repaint()
    qtbot.waitUntil(lambda: bool(gutter.hits), timeout=2000)
    rect, finding = gutter.hits[0]
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.text.startswith("The council was encouraged")
    assert tab.undo_stack.count() == 1
    assert finding.text == "encourafged"


def test_findings_list_context_menu_has_the_review_actions(window, open_draft) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    actions = [a for a in tab.panel.context_actions if a is not None]
    assert window.ui.actionAccept in actions and window.ui.actionIgnore in actions
    assert window.ui.actionAcceptAll in actions and window.ui.actionIgnoreRule in actions


# Files ------------------------------------------------------------------------------------------------


def test_ctrl_s_saves_and_keeps_the_original(window, open_draft, qtbot, app_paths) -> None:  # type: ignore[no-untyped-def]
    from proofdesk.core.backups import list_backups

    tab = open_draft(DRAFT)
    key(qtbot, window, "Alt+Down")
    key(qtbot, window, "Ctrl+Return")
    key(qtbot, window, "Ctrl+S")
    assert tab.path.read_text(encoding="utf-8") == DRAFT.replace("encourafged", "encouraged")
    backups = list_backups(tab.path, app_paths)
    assert len(backups) == 1 and backups[0].path.read_text(encoding="utf-8") == DRAFT
    assert window.windowTitle() == "story.txt — ProofDesk"
    key(qtbot, window, "Ctrl+Return")
    key(qtbot, window, "Ctrl+S")
    assert len(list_backups(tab.path, app_paths)) == 1, "only the untouched original is kept"


def test_export_writes_clean_copy_and_report(window, open_draft, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from proofdesk.gui.dialogs import ExportChoice

    tab = open_draft(DRAFT)
    out, report = tmp_path / "clean.txt", tmp_path / "changes.json"
    assert window.export_to(tab, ExportChoice("txt", out, report))
    assert out.read_text(encoding="utf-8").startswith("The council was encourafged")
    assert report.exists()


def test_closing_with_unsaved_changes_asks(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    qtbot.keyClicks(tab.editor, "x")
    asked: list[str] = []
    window.prompts.unsaved_changes = lambda name: asked.append(name) or "cancel"
    assert not window.close_tab(0)
    assert asked == ["story.txt"] and window.tabs() == [tab]
    window.prompts.unsaved_changes = lambda name: "discard"
    assert window.close_tab(0)
    assert window.tabs() == []


def test_several_drafts_in_tabs_each_with_its_own_undo(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    a = open_draft("teh one\n", name="a.txt")
    b = open_draft("teh two\n", name="b.txt")
    assert window.ui.tabs.count() == 2 and window.current_tab() is b
    key(qtbot, window, "Alt+Down")
    key(qtbot, window, "Ctrl+Return")
    window.ui.tabs.setCurrentWidget(a)
    assert window.windowTitle() == "a.txt — ProofDesk"
    assert not window.ui.actionUndo.isEnabled()
    window.ui.tabs.setCurrentWidget(b)
    key(qtbot, window, "Ctrl+Z")
    assert b.text == "teh two\n" and a.text == "teh one\n"


def test_autosave_journal_and_recovery_after_a_crash(window, open_draft, qtbot, app_paths) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    key(qtbot, window, "Alt+Down")
    key(qtbot, window, "Ctrl+Return")  # each accept writes the journal
    journal = json.loads(tab.journal.file.read_text(encoding="utf-8"))
    assert journal["text"] == tab.text
    qtbot.keyClicks(tab.editor, "Z")
    assert window.autosave_all() == 1
    # Pretend the process died: a journal from a dead pid is offered on the next start.
    journal = json.loads(tab.journal.file.read_text(encoding="utf-8"))
    journal["pid"] = 2**22 + 4321
    tab.journal.file.write_text(json.dumps(journal), encoding="utf-8")
    expected = tab.text
    tab.document.setModified(False)
    window.close_tab(0)
    tab.journal.file.write_text(json.dumps(journal), encoding="utf-8")  # closing discarded ours; put the crash one back
    window.prompts.recover = lambda entries: True
    assert window.offer_recovery() == 1
    restored = window.current_tab()
    assert restored.text == expected and restored.modified


def test_external_change_asks_and_reload_or_keep(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    qtbot.keyClicks(tab.editor, "mine ")
    answers = ["compare", "keep"]
    compared: list[tuple[str, str]] = []
    window.prompts.external_change = lambda name: answers.pop(0)
    window.prompts.show_compare = lambda mine, theirs: compared.append((mine, theirs))
    tab.path.write_text("Changed elsewhere.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: not answers, timeout=3000)
    assert compared and compared[0][1] == "Changed elsewhere.\n"
    assert tab.text.startswith("mine ") and tab.modified
    window.prompts.external_change = lambda name: "reload"
    tab.path.write_text("Changed again.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: tab.text == "Changed again.\n", timeout=3000)
    assert not tab.modified


def test_restore_original_puts_back_the_backup(window, open_draft, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    tab = open_draft(DRAFT)
    tab.next_finding()
    tab.accept()
    assert window.save()
    window.prompts.confirm = lambda title, text: True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    window.restore_original()
    assert tab.path.read_text(encoding="utf-8") == DRAFT
    assert tab.text == DRAFT


# Settings, find, help ------------------------------------------------------------------------------------


def test_broken_house_style_is_reported_and_the_previous_stays(window, tmp_path: Path, app_paths) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n", encoding="utf-8")
    shown: list[list[str]] = []
    window.prompts.show_style_errors = lambda problems: shown.append(list(problems))
    before = window.context
    new = window.settings.__class__(house_style=str(bad), editor_font_size=15, theme="dark")
    assert not window.apply_settings(new)
    assert shown and any("bad.yaml" in p for p in shown[0])
    assert window.context.style.path == before.style.path and window.settings.house_style == ""
    assert window.settings.editor_font_size == 15
    saved = json.loads(app_paths.settings_file.read_text(encoding="utf-8"))
    assert saved["theme"] == "dark" and saved["house_style"] == ""


def test_settings_dialog_round_trips_its_fields(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from proofdesk.core.settings import Settings
    from proofdesk.gui.dialogs import SettingsDialog

    s = Settings(
        language="en-US",
        disabled_checks=["testspell"],
        languagetool_mode="url",
        languagetool_url="http://localhost:8081",
        editor_font_size=13,
        theme="light",
    )
    dlg = SettingsDialog(s, ["testspell", "typography"], window)
    qtbot.addWidget(dlg)
    got = dlg.settings()
    assert (got.language, got.disabled_checks, got.languagetool, got.editor_font_size, got.theme) == (
        "en-US",
        ["testspell"],
        "http://localhost:8081",
        13,
        "light",
    )
    dlg.ui.ltUrlEdit.setText("https://api.languagetool.org/v2")
    assert dlg.problem() is not None and "leave this machine" in dlg.problem()
    dlg.ui.ltPublicOptIn.setChecked(True)
    assert dlg.problem() is None


def test_ctrl_f_finds_text_and_f1_opens_the_guide(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    key(qtbot, window, "Ctrl+F")
    assert window.ui.findBar.isVisible()
    qtbot.keyClicks(window.ui.findEdit, "plan")
    qtbot.keyClick(window.ui.findEdit, Qt.Key.Key_Return)
    assert tab.editor.textCursor().selectedText() == "plan"
    opened: list[bool] = []
    window.prompts.show_guide = lambda: opened.append(True)
    window.ui.actionGuide.triggered.disconnect()
    window.ui.actionGuide.triggered.connect(window.prompts.show_guide)
    key(qtbot, window, "F1")
    assert opened == [True]


def test_about_names_versions(window) -> None:  # type: ignore[no-untyped-def]
    from proofdesk.gui.dialogs import about_text

    text = about_text("Grammar: off")
    assert "ProofDesk 0.1.0" in text and "Qt 6." in text and "LanguageTool" in text


def test_category_enum_covers_the_list_groups() -> None:
    assert {c.value for c in Category} >= {"spelling", "typography"}
