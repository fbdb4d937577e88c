"""One open draft: the editor, the proposed copy and the findings list, with its review session,
its background checker, its undo stack and its autosave journal."""

from __future__ import annotations

import bisect
import hashlib
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QUndoStack
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from proofdesk.core.autosave import Journal
from proofdesk.core.corrections import Edit
from proofdesk.core.document import Document
from proofdesk.core.engine import Engine
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.fixing import Change as FixChange
from proofdesk.core.review import Change, ReviewSession, following, preceding
from proofdesk.gui.editor import DraftEditor
from proofdesk.gui.findings_view import FindingsPanel
from proofdesk.gui.offsets import OffsetMap
from proofdesk.gui.proposed import Chunk, ChunkBuilder, ProposedView, build_chunks
from proofdesk.gui.undo import ReviewCommand, TypingCommand
from proofdesk.gui.workers import CheckDispatcher, CheckRequest, CheckResult

REFRESH_MS = 40
_BREAK = re.compile("\n")
# Drafts longer than this (code points, ~8,000 words) get their proposed copy laid out over several turns.
BACKGROUND_CHUNKS_FROM = 50_000


@dataclass
class TabStats:
    checks: int = 0
    stale_dropped: int = 0
    first_result_at: float | None = None
    last_error: str | None = None


def _common_prefix(a: str, b: str, start: int = 0) -> int:
    """Length of the common prefix of ``a`` and ``b``, given that the first ``start`` characters match.

    Grows in doubling steps and bisects the step that fails, so only C-speed slice comparisons run.
    """
    n = min(len(a), len(b))
    lo, step = start, 64
    while lo < n:
        hi = min(n, lo + step)
        if a[lo:hi] == b[lo:hi]:
            lo, step = hi, step * 2
            continue
        ok, bad = lo, hi
        while bad - ok > 1:
            mid = (ok + bad) // 2
            if a[lo:mid] == b[lo:mid]:
                ok = mid
            else:
                bad = mid
        return ok
    return n


def text_edit_between(old: str, new: str, hint: int = 0) -> Edit | None:
    """The single replacement turning ``old`` into ``new`` (None if they are equal).

    ``hint`` is where the change probably starts (Qt's contentsChange position).
    """
    if old == new:
        return None
    hint = min(max(hint, 0), len(old), len(new))
    prefix = _common_prefix(old, new, hint if old[:hint] == new[:hint] else 0)
    limit = min(len(old), len(new)) - prefix
    suffix = min(_common_prefix(old[::-1], new[::-1]), limit)
    return Edit(prefix, len(old) - suffix, new[prefix : len(new) - suffix], old[prefix : len(old) - suffix])


class DraftTab(QWidget):
    modified_changed = Signal(bool)
    status_changed = Signal()
    current_changed = Signal(object)
    check_error = Signal(str)

    def __init__(
        self,
        doc: Document,
        engine_factory: Callable[[], Engine],
        autosave_dir: Path,
        make_document: Callable[[str], Document],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = doc
        self.path: Path | None = doc.path
        self.session = ReviewSession(doc.text)
        self.current: Finding | None = None
        self.revision = 0
        self.words = doc.words
        self.progress = (0, 0)
        self.stats = TabStats()
        self.backup_kept = False
        self.disk_sha = _sha_of(self.path)
        self.journal = Journal(autosave_dir, self.path)
        self._applying = False
        self._checked_revision = -1
        self._breaks: list[int] = []
        self._breaks_of: str | None = None

        self.undo_stack = QUndoStack(self)
        self.editor = DraftEditor()
        self.editor.setObjectName("draftEditor")
        self.proposed = ProposedView()
        self.proposed.setObjectName("proposedView")
        self.panel = FindingsPanel()
        self.panel.model.set_line_function(self._line_of)
        panes = QSplitter(Qt.Orientation.Horizontal)
        panes.setObjectName("panesSplitter")
        panes.addWidget(self.editor)
        panes.addWidget(self.proposed)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("tabSplitter")
        self.splitter.addWidget(panes)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.editor.setPlainText(doc.text)
        self.document = self.editor.document()
        self.document.setModified(False)
        self.offsets = OffsetMap(doc.text)
        self.editor.set_offsets(self.offsets)
        self.editor.bind(self.session.in_range, self.session.at)
        self.document.contentsChange.connect(self._on_contents_change)
        self.document.undoCommandAdded.connect(self._on_undo_added)
        self.document.modificationChanged.connect(self.modified_changed)

        self.dispatcher = CheckDispatcher(engine_factory, make_document, self._request, self)
        self.dispatcher.result.connect(self._on_result)
        self.dispatcher.progress.connect(self._on_progress)
        self.dispatcher.busy_changed.connect(lambda _busy: self.status_changed.emit())
        self.dispatcher.crashed.connect(self._on_checker_crashed)

        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh_views)
        self._syncing_scroll = False
        self._chunker = ChunkBuilder(self)
        self.editor.viewport_moved.connect(self._sync_proposed_scroll)
        self.proposed.verticalScrollBar().valueChanged.connect(self._sync_editor_scroll)

        self.editor.finding_clicked.connect(self.set_current)
        self.editor.suggestion_chosen.connect(lambda f, i: self.accept(f, i))
        self.editor.ignore_requested.connect(self.ignore)
        self.editor.ignore_rule_requested.connect(self.ignore_rule)
        self.editor.undo_requested.connect(self.undo_stack.undo)
        self.editor.redo_requested.connect(self.undo_stack.redo)
        self.proposed.accept_requested.connect(lambda f: self.accept(f))
        self.proposed.change_clicked.connect(self.set_current)
        self.panel.finding_activated.connect(self.set_current)
        self.refresh_views()

    # Properties -----------------------------------------------------------------------

    @property
    def title(self) -> str:
        return self.path.name if self.path else "Untitled"

    @property
    def modified(self) -> bool:
        return self.document.isModified()

    @property
    def text(self) -> str:
        return self.session.text

    @property
    def findings(self) -> list[Finding]:
        return self.session.findings

    def severity_counts(self) -> Counter[Severity]:
        return Counter(f.severity for f in self.session.findings)

    def _line_of(self, offset: int) -> int:
        # The findings list asks for every row's line (4,286 rows on a 100k draft): counting line breaks
        # from the top each time was quadratic; bisect in the breaks, found once per text.
        text = self.session.text
        if self._breaks_of is not text:
            self._breaks = [m.start() for m in _BREAK.finditer(text)]
            self._breaks_of = text
        return bisect.bisect_left(self._breaks, offset) + 1

    # Checking ---------------------------------------------------------------------------

    def start_check(self) -> None:
        self.dispatcher.run_now()

    def _request(self) -> CheckRequest:
        return CheckRequest(self.revision, self.session.text, self.editor.visible_cp_range())

    def _on_result(self, result: CheckResult) -> None:
        if result.revision != self.revision:
            # The text moved on since this job took its snapshot: its offsets are wrong now.
            self.stats.stale_dropped += 1
            return
        if result.error:
            self.stats.last_error = result.error
            self.check_error.emit(result.error)
            return
        self.session.set_findings(result.findings, result.within)
        if result.within is None:
            self.stats.checks += 1
            self.words = result.words
            self._checked_revision = result.revision
            self.progress = (0, 0)
            self.editor.typing = False
        if self.stats.first_result_at is None:
            self.stats.first_result_at = time.perf_counter()
        self._keep_current()
        self.editor.findings_changed()
        self.schedule_refresh()

    def _on_checker_crashed(self, message: str) -> None:
        self.stats.last_error = message
        self.check_error.emit(message)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress = (done, total)
        self.status_changed.emit()

    @property
    def checking(self) -> bool:
        return self.dispatcher.busy

    # Keeping the session in step with the editor ---------------------------------------------

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._applying:
            return
        new = self.editor.toPlainText()
        edit = text_edit_between(self.session.text, new, self.offsets.to_cp(position))
        if edit is None:
            return
        self.session.apply_edit(edit)
        self._text_changed()

    def _on_undo_added(self) -> None:
        if not self._applying:
            self.undo_stack.push(TypingCommand(self))

    def _text_changed(self) -> None:
        self.revision += 1
        self.offsets = OffsetMap(self.session.text)
        self.editor.set_offsets(self.offsets)
        self._keep_current()
        self.editor.findings_changed()
        self.dispatcher.schedule()
        self.schedule_refresh()

    def document_undo(self) -> None:
        self.document.undo()

    def document_redo(self) -> None:
        self.document.redo()

    def _apply_edits(self, edits: list[Edit], offsets: OffsetMap) -> None:
        self._applying = True
        try:
            cursor = QTextCursor(self.document)
            cursor.beginEditBlock()
            for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
                cursor.setPosition(offsets.to_utf16(e.start))
                cursor.setPosition(offsets.to_utf16(e.end), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(e.replacement)
            cursor.endEditBlock()
        finally:
            self._applying = False

    def _run_document(self, step: Callable[[], None]) -> None:
        self._applying = True
        try:
            step()
        finally:
            self._applying = False

    def _resync_if_needed(self) -> None:
        # Belt and braces: if Qt's idea of the text ever differs from the session's, the editor wins.
        actual = self.editor.toPlainText()
        edit = text_edit_between(self.session.text, actual)
        if edit is not None:
            self.session.apply_edit(edit)

    def revert_change(self, change: Change) -> None:
        if change.changed_text:
            self._run_document(self.document.undo)
        self.session.restore(change.before)
        self._after_review(change.changed_text)
        if change.accepted:
            self.set_current(self.session.find(change.accepted[0].key))

    def reapply_change(self, change: Change) -> None:
        if change.changed_text:
            self._run_document(self.document.redo)
        self.session.restore(change.after)
        self._after_review(change.changed_text)

    def _after_review(self, text_changed: bool) -> None:
        if text_changed:
            self._resync_if_needed()
            self._text_changed()
            self.write_journal()
        else:
            self._keep_current()
            self.editor.findings_changed()
            self.schedule_refresh()

    # Review actions ------------------------------------------------------------------------

    def _commit(self, change: Change, label: str) -> None:
        if change.changed_text:
            self._apply_edits(change.edits, OffsetMap(change.before.text))
        self.undo_stack.push(ReviewCommand(self, change, label))
        self._after_review(change.changed_text)
        for inv in change.inverse:
            self.editor.flash(inv.start, inv.end)

    def _live(self, finding: Finding | None) -> Finding | None:
        """The session's own copy of ``finding``: a re-check may reword a message but keeps the key."""
        return self.session.find(finding.key) if finding is not None else None

    def accept(self, finding: Finding | None = None, choice: int = 0) -> bool:
        f = self._live(finding or self.current)
        if f is None:
            return False
        if not f.suggestions:
            self.next_finding()
            return False
        change = self.session.accept(f, choice)
        shown = change.edits[0].replacement or "(deleted)"
        self._commit(change, f"Accept “{shown}”")
        self.set_current(self.session.next_after(change.inverse[0].end))
        return True

    def accept_all(self, rule: str) -> Change | None:
        chosen, _ = self.session.fixable(rule)
        if not chosen:
            return None
        change = self.session.accept_all(rule)
        self._commit(change, f"Accept all {len(change.accepted)} × {rule}")
        self.set_current(self.session.next_after(self.editor.cp_at_cursor()))
        return change

    def ignore(self, finding: Finding | None = None) -> bool:
        f = self._live(finding or self.current)
        if f is None:
            return False
        after = following(self.session.findings, f)
        change = self.session.ignore(f)
        self.undo_stack.push(ReviewCommand(self, change, f"Ignore “{f.text}”"))
        self._after_review(False)
        self.set_current(after if after is not None and after.key != f.key else None)
        return True

    def ignore_rule(self, rule: str) -> None:
        change = self.session.ignore_rule(rule)
        self.undo_stack.push(ReviewCommand(self, change, f"Ignore rule {rule}"))
        self._after_review(False)
        self.set_current(self.session.next_after(self.editor.cp_at_cursor()))

    def dismiss_word(self, word: str) -> None:
        """A word added to the dictionary: its spelling findings go now, and the engine is rebuilt."""
        self.session.dismiss_where(lambda f: f.category == Category.SPELLING and f.text == word)
        self._after_review(False)

    # Navigation --------------------------------------------------------------------------

    def set_current(self, finding: Finding | None) -> None:
        self.current = finding
        self.editor.current = finding
        if finding is not None:
            self.editor.select_span(finding.start, finding.end)
        self.editor.schedule_refresh()
        self.proposed.show_change(finding)
        self.panel.show_current(finding)
        self.current_changed.emit(finding)

    def _keep_current(self) -> None:
        if self.current is not None:
            self.current = self.editor.current = self._live(self.current)

    def next_finding(self) -> Finding | None:
        if self.current is not None and self.session.find(self.current.key) is not None:
            f = following(self.session.findings, self.current)
        else:
            f = self.session.next_after(self.editor.cp_at_cursor())
        self.set_current(f)
        return f

    def previous_finding(self) -> Finding | None:
        if self.current is not None and self.session.find(self.current.key) is not None:
            f = preceding(self.session.findings, self.current)
        else:
            f = self.session.previous_before(max(0, self.editor.cp_at_cursor() - 1))
        self.set_current(f)
        return f

    # Views ------------------------------------------------------------------------------

    def schedule_refresh(self) -> None:
        self._refresh.start()

    def refresh_views(self) -> None:
        findings = self.session.findings
        self.panel.set_findings(findings, self.current)
        text = self.session.text
        if len(text) < BACKGROUND_CHUNKS_FROM:
            self.proposed.show_chunks(build_chunks(text, findings))
        else:
            # Laying out a long draft's proposed copy takes 10-15 ms of Python: a slice per event-loop turn.
            self._chunker.submit(text, findings, self._show_chunks)
        self.proposed.show_change(self.current)
        self._sync_proposed_scroll()
        self.editor.refresh_underlines()
        self.status_changed.emit()

    def _show_chunks(self, chunks: list[Chunk]) -> None:
        self.proposed.show_chunks(chunks)

    @property
    def views_busy(self) -> bool:
        """True while the proposed copy is still being laid out or drawn."""
        return self._refresh.isActive() or self._chunker.busy or self.proposed.busy or self.panel.busy

    def _sync_proposed_scroll(self) -> None:
        if self._syncing_scroll:
            return
        self._syncing_scroll = True
        try:
            with QSignalBlocker(self.proposed.verticalScrollBar()):
                self.proposed.scroll_to_block(self.editor.firstVisibleBlock().blockNumber())
        finally:
            self._syncing_scroll = False

    def _sync_editor_scroll(self) -> None:
        if self._syncing_scroll:
            return
        self._syncing_scroll = True
        try:
            block = self.document.findBlockByNumber(self.proposed.firstVisibleBlock().blockNumber())
            if block.isValid():
                self.editor.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._syncing_scroll = False

    # Files ------------------------------------------------------------------------------

    def replace_text(self, text: str) -> None:
        """Put ``text`` in the editor as one undoable edit (recovery, keep-mine after a reload)."""
        cursor = QTextCursor(self.document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)

    def reload(self, doc: Document, make_document: Callable[[str], Document]) -> None:
        """Replace everything with ``doc`` as read from disk (undo history starts again)."""
        self.dispatcher.cancel()
        self.dispatcher.set_document_factory(make_document)
        self.source = doc
        self._applying = True
        try:
            self.editor.setPlainText(doc.text)
        finally:
            self._applying = False
        self.session = ReviewSession(doc.text)
        self.editor.bind(self.session.in_range, self.session.at)
        self.undo_stack.clear()
        self.document.setModified(False)
        self.disk_sha = _sha_of(self.path)
        self.current = None
        self.editor.current = None
        self._text_changed()
        self.dispatcher.run_now()

    def mark_saved(self, path: Path) -> None:
        if path != self.path:
            self.path = path
            self.journal.retarget(path)
        self.document.setModified(False)
        self.disk_sha = _sha_of(path)
        self.journal.discard()

    def disk_changed(self) -> bool:
        if self.path is None or not self.path.exists():
            return False
        return _sha_of(self.path) != self.disk_sha

    def write_journal(self) -> bool:
        if not self.modified:
            return False
        return self.journal.write(self.session.text)

    def shutdown(self) -> None:
        # No need to wait for the checker: a closed dispatcher's replies are ignored and its engine dropped.
        self.dispatcher.close()
        self.journal.discard()

    def accepted_changes(self) -> list[FixChange]:
        """The accepts still in effect (undone ones excluded), oldest first, for the change report."""
        out: list[FixChange] = []
        for i in range(self.undo_stack.index()):
            cmd = self.undo_stack.command(i)
            if isinstance(cmd, ReviewCommand) and cmd.change.changed_text:
                ch = cmd.change
                out.extend(
                    FixChange.for_accept(ch.before.text, f, e.replacement)
                    for f, e in zip(ch.accepted, ch.edits, strict=False)
                )
        return out

    def status_words(self) -> int:
        # The count from the last check (counted on the worker); typing updates it at the next check.
        return self.words


def _sha_of(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
