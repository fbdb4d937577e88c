"""The window's file handling: opening, saving, exporting, restoring originals and changes made on disk.

MainWindow inherits it; what a draft tab is and how it is wired stays in main_window.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow

from proofdesk.core.document import Document
from proofdesk.core.io.errors import InputError, OutputError
from proofdesk.core.paths import AppPaths
from proofdesk.core.settings import UiState
from proofdesk.gui import services
from proofdesk.gui.dialogs import ExportDialog, Prompter
from proofdesk.gui.draft_tab import DraftTab

if TYPE_CHECKING:
    from proofdesk.gui.forms.ui_main_window import Ui_MainWindow

OPEN_FILTER = "Drafts (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)"


class DraftFilesWindow(QMainWindow):
    """Set up by MainWindow.__init__: these attributes, and add_document()."""

    paths: AppPaths
    prompts: Prompter
    ui: Ui_MainWindow
    ui_state: UiState
    watcher: QFileSystemWatcher
    # Drafts whose "changed on disk" question is open, so a second notification does not ask again.
    _asking_about: set[Path]

    def add_document(self, doc: Document) -> DraftTab:
        """Open ``doc`` in a new tab (MainWindow builds and wires the tab)."""
        raise NotImplementedError

    def tabs(self) -> list[DraftTab]:
        w = self.ui.tabs
        return [t for t in (w.widget(i) for i in range(w.count())) if isinstance(t, DraftTab)]

    def current_tab(self) -> DraftTab | None:
        w = self.ui.tabs.currentWidget()
        return w if isinstance(w, DraftTab) else None

    def open_path(self, path: Path) -> DraftTab | None:
        path = Path(path)
        for i, tab in enumerate(self.tabs()):
            if tab.path is not None and tab.path.resolve() == path.resolve():
                self.ui.tabs.setCurrentIndex(i)
                return tab
        try:
            from proofdesk.core.io.readers import read_document

            doc = read_document(path)
        except InputError as exc:
            self.prompts.error("Cannot open draft", f"{exc.path.name}: {exc.reason}")
            return None
        tab = self.add_document(doc)
        for notice in doc.notices:
            self.statusBar().showMessage(notice, 10_000)
        self.ui_state.add_recent(path.resolve())
        self._rebuild_recent_menu()
        return tab

    def _on_modified(self, tab: DraftTab) -> None:
        i = self.ui.tabs.indexOf(tab)
        self.ui.tabs.setTabText(i, tab.title + (" *" if tab.modified else ""))
        if tab is self.current_tab():
            self._update_title()

    def _update_title(self) -> None:
        tab = self.current_tab()
        if tab is None:
            self.setWindowTitle("ProofDesk")
            return
        self.setWindowTitle(f"{tab.title}{'*' if tab.modified else ''} — ProofDesk")

    def open_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Open draft", "", OPEN_FILTER)
        for name in names:
            self.open_path(Path(name))

    def _rebuild_recent_menu(self) -> None:
        menu = self.ui.menuRecent
        menu.clear()
        for name in self.ui_state.recent_files:
            act = menu.addAction(name)
            act.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        menu.setEnabled(bool(self.ui_state.recent_files))

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        for url in e.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
        e.acceptProposedAction()

    def save(self, tab: DraftTab | None = None) -> bool:
        tab = tab or self.current_tab()
        if tab is None:
            return False
        if tab.path is None:
            return self.save_as(tab)
        return self._write(tab, tab.path)

    def save_as(self, tab: DraftTab | None = None) -> bool:
        tab = tab or self.current_tab()
        if tab is None:
            return False
        start = str(tab.path) if tab.path else ""
        name, _ = QFileDialog.getSaveFileName(self, "Save draft as", start, OPEN_FILTER)
        if not name:
            return False
        return self._write(tab, Path(name))

    def _write(self, tab: DraftTab, path: Path) -> bool:
        if tab.path is not None:
            self.watcher.removePath(str(tab.path))
        try:
            # The first save of a draft keeps the untouched original in the backups folder.
            keep = not tab.backup_kept and path == tab.path
            outcome = services.save_document(tab.source, tab.text, path, self.paths, keep_backup=keep)
        except (OutputError, InputError) as exc:
            self.prompts.error("Cannot save", f"{exc.path}: {exc.reason}")
            return False
        except Exception as exc:  # backups or writer errors carry their own sentence
            self.prompts.error("Cannot save", str(exc))
            return False
        finally:
            if tab.path is not None:
                self.watcher.addPath(str(tab.path))
        tab.backup_kept = tab.backup_kept or outcome.backup is not None
        tab.mark_saved(path)
        self.watcher.addPath(str(path))
        i = self.ui.tabs.indexOf(tab)
        self.ui.tabs.setTabText(i, tab.title)
        self._update_title()
        self.ui_state.add_recent(path.resolve())
        self._rebuild_recent_menu()
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def export(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        fmt = services.FORMATS.get(tab.source.source_format, "txt")
        dlg = ExportDialog(tab.path, fmt, self)
        if dlg.exec() != ExportDialog.DialogCode.Accepted:
            return
        self.export_to(tab, dlg.choice())

    def export_to(self, tab: DraftTab, choice: object) -> bool:
        from proofdesk.gui.dialogs import ExportChoice

        assert isinstance(choice, ExportChoice)
        try:
            n = services.export_clean_copy(
                tab.source, tab.text, tab.findings, choice.output, choice.fmt, choice.report, tab.accepted_changes()
            )
        except (OutputError, InputError) as exc:
            self.prompts.error("Cannot export", f"{exc.path}: {exc.reason}")
            return False
        except Exception as exc:
            self.prompts.error("Cannot export", str(exc))
            return False
        written = f"{choice.output.name}" + (f" and {choice.report.name}" if choice.report else "")
        self.statusBar().showMessage(f"Exported clean copy ({n} furniture/duplicate removals): {written}", 8000)
        return True

    def restore_original(self) -> None:
        tab = self.current_tab()
        if tab is None or tab.path is None:
            return
        from proofdesk.core.backups import BackupError, list_backups, restore_backup

        backups = list_backups(tab.path, self.paths)
        if not backups:
            self.prompts.info("Restore original", f"No backup of {tab.title} has been kept yet.")
            return
        labels = [f"{b.created.astimezone().strftime('%Y-%m-%d %H:%M:%S')} — {b.size:,} bytes" for b in backups]
        label, ok = QInputDialog.getItem(self, "Restore original", "Put back the version kept at:", labels, 0, False)
        if not ok:
            return
        backup = backups[labels.index(label)]
        if not self.prompts.confirm("Restore original", f"Replace {tab.title} on disk with this backup?"):
            return
        self.watcher.removePath(str(tab.path))
        try:
            restore_backup(backup, tab.path)
            self._reload(tab)
        except BackupError as exc:
            self.prompts.error("Restore original", str(exc))
        finally:
            self.watcher.addPath(str(tab.path))

    def _reload(self, tab: DraftTab) -> None:
        from proofdesk.core.io.readers import read_document

        assert tab.path is not None
        try:
            doc = read_document(tab.path)
        except InputError as exc:
            self.prompts.error("Cannot reload", f"{exc.path.name}: {exc.reason}")
            return
        tab.reload(doc, services.document_factory(doc))
        self._on_modified(tab)

    def _on_file_changed(self, name: str) -> None:
        path = Path(name)
        # Editors that save by renaming drop the watch; put it back if the file is there again.
        if path.exists() and name not in self.watcher.files():
            self.watcher.addPath(name)
        for tab in self.tabs():
            if tab.path is not None and tab.path == path:
                self.handle_external_change(tab)

    def handle_external_change(self, tab: DraftTab) -> None:
        if tab.path is None or tab.path in self._asking_about or not tab.disk_changed():
            return
        self._asking_about.add(tab.path)
        try:
            while True:
                answer = self.prompts.external_change(tab.title)
                if answer == "compare":
                    try:
                        from proofdesk.core.io.readers import read_document

                        theirs = read_document(tab.path).text
                    except InputError as exc:
                        self.prompts.error("Compare", f"{exc.path.name}: {exc.reason}")
                        continue
                    self.prompts.show_compare(tab.text, theirs)
                    continue
                if answer == "reload":
                    self._reload(tab)
                else:
                    # Keep mine: remember the disk version as seen, and mark the draft modified so a save
                    # (never an automatic one) is what writes it back.
                    from proofdesk.gui.draft_tab import _sha_of

                    tab.disk_sha = _sha_of(tab.path)
                    tab.document.setModified(True)
                break
        finally:
            self._asking_about.discard(tab.path)
