"""The main window: tabs of drafts, menus and toolbar from ui/main_window.ui, status bar, review actions.

File handling (open, save, export, restore, changes on disk) is inherited from draft_files.DraftFilesWindow.
"""

from __future__ import annotations

import base64
import contextlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QFileSystemWatcher, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QKeySequence,
    QTextDocument,
    QUndoGroup,
)
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QWidget

from proofdesk.core.checks.base import Check, CheckContext
from proofdesk.core.document import Document
from proofdesk.core.findings import Category, Severity
from proofdesk.core.paths import AppPaths
from proofdesk.core.settings import Settings, load_settings, load_ui_state, save_settings, save_ui_state
from proofdesk.gui import services
from proofdesk.gui.dialogs import Prompter, SettingsDialog, about_text
from proofdesk.gui.draft_files import DraftFilesWindow
from proofdesk.gui.draft_tab import DraftTab
from proofdesk.gui.forms.ui_main_window import Ui_MainWindow

log = logging.getLogger(__name__)

AUTOSAVE_MS = 30_000


class MainWindow(DraftFilesWindow):
    def __init__(
        self, paths: AppPaths, checks: Sequence[type[Check]] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        # None: every registered check family (tests pass their own).
        self.checks = checks
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.prompts = Prompter(self)
        self.settings, messages = load_settings(paths.settings_file)
        self.ui_state, ui_messages = load_ui_state(paths.ui_state_file)
        self._startup_messages = messages + ui_messages
        self.context = self._initial_context()
        self.undo_group = QUndoGroup(self)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self._asking_about: set[Path] = set()
        self.setAcceptDrops(True)
        self._build_status_bar()
        self._wire_actions()
        self.ui.findBar.hide()
        self.ui.tabs.currentChanged.connect(self._on_tab_changed)
        self.ui.tabs.tabCloseRequested.connect(self.close_tab)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_all)
        self.autosave_timer.start()
        self._restore_ui_state()
        self._apply_appearance()
        self._update_title()
        self._update_actions()

    # Setup -----------------------------------------------------------------------------

    def _initial_context(self) -> CheckContext:
        try:
            return services.build_context(self.settings, self.paths)
        except services.SettingsError as exc:
            self._startup_messages.append("The house style in your settings could not be loaded:\n" + str(exc))
            fallback = Settings(language=self.settings.language)
            try:
                return services.build_context(fallback, self.paths)
            except services.SettingsError as again:
                # Even the bundled style failed (a broken install): check with the built-in rules only.
                self._startup_messages.append("The bundled house style could not be loaded:\n" + str(again))
                return CheckContext(language=self.settings.language)

    def _build_status_bar(self) -> None:
        bar = self.ui.statusbar
        self.words_label = QLabel()
        self.findings_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(140)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.style_label = QLabel()
        self.language_label = QLabel()
        self.grammar_label = QLabel()
        left: list[QWidget] = [self.words_label, self.findings_label]
        right: list[QWidget] = [self.progress_bar, self.style_label, self.language_label, self.grammar_label]
        for w in left:
            bar.addWidget(w)
        for w in right:
            bar.addPermanentWidget(w)
        named: list[tuple[str, QWidget]] = [
            ("wordsLabel", self.words_label),
            ("findingsLabel", self.findings_label),
            ("checkProgress", self.progress_bar),
            ("styleLabel", self.style_label),
            ("languageLabel", self.language_label),
            ("grammarLabel", self.grammar_label),
        ]
        for name, w in named:
            w.setObjectName(name)

    def _wire_actions(self) -> None:
        ui = self.ui
        handlers: dict[QAction, Callable[[], object]] = {
            ui.actionOpen: self.open_dialog,
            ui.actionSave: self.save,
            ui.actionSaveAs: self.save_as,
            ui.actionExport: self.export,
            ui.actionRestoreOriginal: self.restore_original,
            ui.actionCloseTab: lambda: self.close_tab(ui.tabs.currentIndex()),
            ui.actionQuit: self.close,
            ui.actionUndo: self.undo_group.undo,
            ui.actionRedo: self.undo_group.redo,
            ui.actionFind: self.show_find,
            ui.actionNext: lambda: self._with_tab(lambda t: t.next_finding()),
            ui.actionPrevious: lambda: self._with_tab(lambda t: t.previous_finding()),
            ui.actionAccept: self.accept_current,
            ui.actionIgnore: lambda: self._with_tab(lambda t: t.ignore() or t.next_finding()),
            ui.actionAcceptAll: self.accept_all,
            ui.actionIgnoreRule: self.ignore_rule,
            ui.actionAddToDictionary: self.add_to_dictionary,
            ui.actionRecheck: lambda: self._with_tab(lambda t: t.start_check()),
            ui.actionPreferences: self.edit_settings,
            ui.actionGuide: self.prompts.show_guide,
            ui.actionAbout: self.about,
        }
        for action, handler in handlers.items():
            action.triggered.connect(lambda _checked=False, h=handler: h())
        # Keypad Enter too: sub-editors use either.
        ui.actionAccept.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        for action in handlers:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        ui.actionShowProposed.toggled.connect(self._show_proposed)
        ui.actionShowFindings.toggled.connect(self._show_findings)
        ui.actionShowToolbar.toggled.connect(ui.toolBar.setVisible)
        self.undo_group.canUndoChanged.connect(ui.actionUndo.setEnabled)
        self.undo_group.canRedoChanged.connect(ui.actionRedo.setEnabled)
        ui.findEdit.returnPressed.connect(lambda: self.find_text(backward=False))
        ui.findNext.clicked.connect(lambda: self.find_text(backward=False))
        ui.findPrevious.clicked.connect(lambda: self.find_text(backward=True))
        ui.findClose.clicked.connect(self.hide_find)
        close_find = QAction(self)
        close_find.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        close_find.triggered.connect(self.hide_find)
        ui.findBar.addAction(close_find)
        self.review_actions = [
            ui.actionAccept,
            ui.actionIgnore,
            ui.actionAcceptAll,
            ui.actionIgnoreRule,
            ui.actionAddToDictionary,
            None,
            ui.actionNext,
            ui.actionPrevious,
        ]

    def _restore_ui_state(self) -> None:
        st = self.ui_state
        try:
            if st.geometry:
                self.restoreGeometry(QByteArray(base64.b64decode(st.geometry)))
            if st.window_state:
                self.restoreState(QByteArray(base64.b64decode(st.window_state)))
        except ValueError:
            pass
        self._rebuild_recent_menu()

    def _apply_appearance(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
                self.settings.theme, Qt.ColorScheme.Unknown
            )
            app.styleHints().setColorScheme(scheme)
        for tab in self.tabs():
            self._apply_font(tab)
        self.language_label.setText(self.context.language)
        self.style_label.setText(self.context.style.name)
        self.grammar_label.setText(services.grammar_status(self.settings))

    def _apply_font(self, tab: DraftTab) -> None:
        font = QFont(self.settings.editor_font) if self.settings.editor_font else tab.editor.font()
        font.setPointSize(self.settings.editor_font_size)
        tab.editor.setFont(font)
        tab.proposed.setFont(font)

    # Tabs ------------------------------------------------------------------------------

    def _with_tab(self, fn: Callable[[DraftTab], object]) -> None:
        tab = self.current_tab()
        if tab is not None:
            fn(tab)

    def _engine_factory(self) -> services.EngineSpec:
        # Picklable: the engine is built in the checker process (proofdesk.gui.check_process).
        return services.engine_spec(services.engine_config(self.context, self.settings), self.checks)

    def prewarm(self) -> None:
        """Build and warm an engine in the checker process now, so the first draft's underlines come sooner."""
        from proofdesk.gui.workers import check_process

        check_process().prewarm(self._engine_factory())

    def add_document(self, doc: Document) -> DraftTab:
        tab = DraftTab(doc, self._engine_factory(), self.paths.autosave, services.document_factory(doc), self)
        self._apply_font(tab)
        tab.panel.context_actions = self.review_actions
        tab.editor.extra_actions = [self.ui.actionUndo, self.ui.actionRedo]
        tab.modified_changed.connect(lambda _m, t=tab: self._on_modified(t))
        tab.status_changed.connect(lambda t=tab: self._on_status(t))
        tab.current_changed.connect(lambda _f: self._update_actions())
        tab.check_error.connect(lambda msg: self.statusBar().showMessage(f"A check failed: {msg}", 15_000))
        self.undo_group.addStack(tab.undo_stack)
        index = self.ui.tabs.addTab(tab, tab.title)
        self.ui.tabs.setCurrentIndex(index)
        if doc.path is not None:
            self.watcher.addPath(str(doc.path))
        tab.editor.setFocus()
        tab.start_check()
        return tab

    def close_tab(self, index: int) -> bool:
        tab = self.ui.tabs.widget(index)
        if not isinstance(tab, DraftTab):
            return True
        if tab.modified:
            answer = self.prompts.unsaved_changes(tab.title)
            if answer == "cancel" or (answer == "save" and not self.save(tab)):
                return False
        self._drop_tab(index, tab)
        return True

    def _drop_tab(self, index: int, tab: DraftTab) -> None:
        tab.shutdown()
        if tab.path is not None:
            self.watcher.removePath(str(tab.path))
        self.undo_group.removeStack(tab.undo_stack)
        self.ui.tabs.removeTab(index)
        tab.deleteLater()

    def _on_tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.undo_group.setActiveStack(tab.undo_stack if tab else None)  # type: ignore[arg-type]
        self._update_title()
        self._update_actions()
        if tab is not None:
            self._on_status(tab)

    def _update_actions(self) -> None:
        tab = self.current_tab()
        has = tab is not None
        for act in (
            self.ui.actionSave,
            self.ui.actionSaveAs,
            self.ui.actionExport,
            self.ui.actionCloseTab,
            self.ui.actionNext,
            self.ui.actionPrevious,
            self.ui.actionAccept,
            self.ui.actionIgnore,
            self.ui.actionAcceptAll,
            self.ui.actionIgnoreRule,
            self.ui.actionRecheck,
            self.ui.actionFind,
        ):
            act.setEnabled(has)
        self.ui.actionRestoreOriginal.setEnabled(has and tab is not None and tab.path is not None)
        current = tab.current if tab else None
        self.ui.actionAddToDictionary.setEnabled(current is not None and current.category == Category.SPELLING)

    def _on_status(self, tab: DraftTab) -> None:
        if tab is not self.current_tab():
            return
        counts = tab.severity_counts()
        parts = [
            f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}"
            for s in (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)
        ]
        self.words_label.setText(f"{tab.status_words():,} words")
        self.findings_label.setText(" · ".join(parts))
        done, total = tab.progress
        if tab.checking and total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
            self.progress_bar.show()
        elif tab.checking:
            self.progress_bar.setRange(0, 0)
            self.progress_bar.show()
        else:
            self.progress_bar.hide()
        self._update_actions()

    # Files ------------------------------------------------------------------------------

    # Review -----------------------------------------------------------------------------

    def accept_current(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        if tab.current is None:
            tab.next_finding()
            return
        if not tab.current.suggestions:
            self.statusBar().showMessage("This finding has no automatic fix; edit the text or press Ctrl+I.", 5000)
        tab.accept()
        tab.write_journal()

    def accept_all(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        current = tab.current or tab.next_finding()
        if current is None:
            return
        chosen, skipped = tab.session.fixable(current.rule)
        if not chosen:
            self.statusBar().showMessage(f"No finding of {current.rule} has an automatic fix.", 5000)
            return
        if self.prompts.confirm_accept_all(current.rule, chosen, skipped):
            tab.accept_all(current.rule)
            tab.write_journal()

    def ignore_rule(self) -> None:
        tab = self.current_tab()
        if tab is not None and tab.current is not None:
            tab.ignore_rule(tab.current.rule)

    def add_to_dictionary(self) -> None:
        tab = self.current_tab()
        if tab is None or tab.current is None or tab.current.category != Category.SPELLING:
            return
        self.add_word(tab.current.text)

    def add_word(self, word: str) -> None:
        try:
            services.add_to_dictionary(word, self.paths)
        except Exception as exc:
            self.prompts.error("Add to dictionary", str(exc))
            return
        self._rebuild_engines()
        for tab in self.tabs():
            tab.dismiss_word(word)
        self.statusBar().showMessage(f"Added “{word}” to your dictionary", 5000)

    def _rebuild_engines(self) -> None:
        # A style that stopped loading keeps the context it had (the settings dialog reports why).
        with contextlib.suppress(services.SettingsError):
            self.context = services.build_context(self.settings, self.paths)
        for tab in self.tabs():
            tab.dispatcher.reset_engine(self._engine_factory())
            tab.dispatcher.schedule()

    # Find -------------------------------------------------------------------------------

    def show_find(self) -> None:
        self.ui.findBar.show()
        tab = self.current_tab()
        if tab is not None and tab.editor.textCursor().hasSelection():
            self.ui.findEdit.setText(tab.editor.textCursor().selectedText())
        self.ui.findEdit.setFocus()
        self.ui.findEdit.selectAll()

    def hide_find(self) -> None:
        self.ui.findBar.hide()
        self._with_tab(lambda t: t.editor.setFocus())

    def find_text(self, backward: bool = False) -> bool:
        tab = self.current_tab()
        needle = self.ui.findEdit.text()
        if tab is None or not needle:
            return False
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        if self.ui.findCase.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        found = tab.editor.find(needle, flags)
        if not found:
            # Wrap round once, as most editors do.
            c = tab.editor.textCursor()
            c.movePosition(c.MoveOperation.End if backward else c.MoveOperation.Start)
            tab.editor.setTextCursor(c)
            found = tab.editor.find(needle, flags)
        if not found:
            self.statusBar().showMessage(f"“{needle}” not found", 3000)
        return bool(found)

    # Settings, help -------------------------------------------------------------------------

    def edit_settings(self) -> None:
        dlg = SettingsDialog(self.settings, services.check_families(), self)
        if dlg.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dlg.settings())

    def apply_settings(self, new: Settings) -> bool:
        """Use ``new``; a house style with errors is reported and the previous one stays in force."""
        ok = True
        try:
            context = services.build_context(new, self.paths)
        except services.SettingsError as exc:
            self.prompts.show_style_errors(exc.problems)
            new.house_style, new.vale_config = self.settings.house_style, self.settings.vale_config
            context = self.context
            ok = False
        self.settings = new
        self.context = context
        try:
            save_settings(self.paths.settings_file, new)
        except OSError as exc:
            self.prompts.error("Preferences", f"Could not save your settings: {exc}")
        self._apply_appearance()
        self._rebuild_engines()
        return ok

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About ProofDesk", about_text(services.grammar_status(self.settings)))

    # Autosave, recovery, shutdown ---------------------------------------------------------------

    def autosave_all(self) -> int:
        written = 0
        for tab in self.tabs():
            try:
                written += int(tab.write_journal())
            except OSError as exc:
                self.statusBar().showMessage(f"Autosave failed: {exc}", 10_000)
        return written

    def offer_recovery(self) -> int:
        from proofdesk.core.autosave import orphaned_journals

        entries = orphaned_journals(self.paths.autosave)
        if not entries:
            return 0
        restore = self.prompts.recover(entries)
        count = 0
        for entry in entries:
            if restore:
                tab = self.open_path(entry.source) if entry.source and entry.source.exists() else None
                if tab is None:
                    from proofdesk.core.document import document_from_text

                    tab = self.add_document(document_from_text(entry.text))
                    tab.document.setModified(True)
                if tab.text != entry.text:
                    tab.replace_text(entry.text)
                count += 1
            entry.file.unlink(missing_ok=True)
        return count

    def show_startup_messages(self) -> None:
        for message in self._startup_messages:
            self.prompts.error("ProofDesk settings", message)
        self._startup_messages.clear()

    def closeEvent(self, e: QCloseEvent) -> None:
        for tab in list(self.tabs()):
            i = self.ui.tabs.indexOf(tab)
            self.ui.tabs.setCurrentIndex(i)
            if not self.close_tab(i):
                e.ignore()
                return
        self.ui_state.geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode()
        self.ui_state.window_state = base64.b64encode(bytes(self.saveState().data())).decode()
        try:
            save_ui_state(self.paths.ui_state_file, self.ui_state)
        except OSError:
            log.warning("could not save window state to %s", self.paths.ui_state_file)
        e.accept()

    # View toggles -------------------------------------------------------------------------

    def _show_proposed(self, shown: bool) -> None:
        for tab in self.tabs():
            tab.proposed.setVisible(shown)

    def _show_findings(self, shown: bool) -> None:
        for tab in self.tabs():
            tab.panel.setVisible(shown)
