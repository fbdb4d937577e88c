"""The draft editor: an ordinary QPlainTextEdit plus finding underlines, hover text and a suggestions menu.

Underlines are ExtraSelections (never document formats, so they cannot leak into
the text or the undo stack), built only for the lines on screen and cached per
finding. Undo/redo keys go to the window's QUndoStack, not the document's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.gui.offsets import OffsetMap

SEVERITY_COLOURS = {
    Severity.ERROR: QColor("#d32f2f"),
    Severity.WARNING: QColor("#ef8a00"),
    Severity.SUGGESTION: QColor("#1e88e5"),
}
FLASH_MS = 700


def describe(f: Finding) -> str:
    fixes = ", ".join(repr(s) if s else "(delete)" for s in f.suggestions[:5]) or "no automatic fix"
    return f"{f.message}\n[{f.rule}] → {fixes}"


class DraftEditor(QPlainTextEdit):
    suggestion_chosen = Signal(object, int)  # Finding, suggestion index
    ignore_requested = Signal(object)
    ignore_rule_requested = Signal(str)
    add_word_requested = Signal(object)
    finding_clicked = Signal(object)
    undo_requested = Signal()
    redo_requested = Signal()
    viewport_moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self._offsets = OffsetMap("")
        self._findings_in: Callable[[int, int], Sequence[Finding]] = lambda a, b: ()
        self._findings_at: Callable[[int], Sequence[Finding]] = lambda a: ()
        self.current: Finding | None = None
        # Set while the user types and until results for the new text arrive: the word under the
        # cursor is still being written, so it gets no underline.
        self.typing = False
        self._cache: dict[tuple[str, int, int, str], QTextEdit.ExtraSelection] = {}
        self._flash: list[tuple[int, int]] = []
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.refresh_underlines)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.cursorPositionChanged.connect(self.schedule_refresh)
        self.extra_actions: list[QAction] = []

    # Wiring ---------------------------------------------------------------------

    def bind(
        self,
        findings_in: Callable[[int, int], Sequence[Finding]],
        findings_at: Callable[[int], Sequence[Finding]],
    ) -> None:
        self._findings_in = findings_in
        self._findings_at = findings_at

    def set_offsets(self, offsets: OffsetMap) -> None:
        self._offsets = offsets
        self._cache.clear()

    @property
    def offsets(self) -> OffsetMap:
        return self._offsets

    def findings_changed(self) -> None:
        self._cache.clear()
        self.schedule_refresh()

    def schedule_refresh(self) -> None:
        self._refresh.start()

    def _on_scroll(self) -> None:
        self.schedule_refresh()
        self.viewport_moved.emit()

    # Offsets ----------------------------------------------------------------------

    def cp_at_cursor(self, cursor: QTextCursor | None = None) -> int:
        c = cursor or self.textCursor()
        return self._offsets.to_cp(c.position())

    def visible_cp_range(self) -> tuple[int, int]:
        first = self.firstVisibleBlock()
        start = first.position()
        last = self.cursorForPosition(QPoint(self.viewport().width() - 1, self.viewport().height() - 1))
        end = last.block().position() + last.block().length()
        return self._offsets.to_cp(start), self._offsets.to_cp(end)

    def select_span(self, start_cp: int, end_cp: int, centre: bool = True) -> None:
        c = self.textCursor()
        c.setPosition(self._offsets.to_utf16(start_cp))
        c.setPosition(self._offsets.to_utf16(end_cp), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)
        if centre:
            self.centerCursor()

    def flash(self, start_cp: int, end_cp: int) -> None:
        """Briefly highlight what an accept changed (Meld's cue)."""
        self._flash.append((start_cp, max(end_cp, start_cp + 1)))
        self.schedule_refresh()
        QTimer.singleShot(FLASH_MS, self._end_flash)

    def _end_flash(self) -> None:
        if self._flash:
            self._flash.pop(0)
        self.schedule_refresh()

    # Underlines -------------------------------------------------------------------

    def _selection(self, f: Finding) -> QTextEdit.ExtraSelection:
        sel = self._cache.get(f.key)
        if sel is None:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            fmt.setUnderlineColor(SEVERITY_COLOURS[f.severity])
            if f.start == f.end:  # an insertion point: mark the character before it
                fmt.setBackground(SEVERITY_COLOURS[f.severity].lighter(180))
            sel.format = fmt
            c = QTextCursor(self.document())
            start, end = f.start, f.end
            if start == end:
                start = max(0, start - 1)
            c.setPosition(self._offsets.to_utf16(start))
            c.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = c
            self._cache[f.key] = sel
        return sel

    def underlined(self) -> list[Finding]:
        """The findings that get an underline now (tests and the benchmark read this)."""
        lo, hi = self.visible_cp_range()
        found = list(self._findings_in(max(0, lo - 2000), hi + 2000))
        if self.typing:
            lo_word, hi_word = self.word_at_cursor()
            found = [f for f in found if not (f.start <= hi_word and f.end >= lo_word)]
        return found

    def word_at_cursor(self) -> tuple[int, int]:
        """Code-point span of the word the cursor is in or just after (empty at a space)."""
        c = self.textCursor()
        block = c.block()
        text = block.text()  # a Python str: indexed by code point, unlike Qt's positions
        block_cp = self._offsets.to_cp(block.position())
        at = self._offsets.to_cp(c.position()) - block_cp
        lo = at
        while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "'’-"):
            lo -= 1
        hi = at
        while hi < len(text) and (text[hi].isalnum() or text[hi] in "'’-"):
            hi += 1
        return block_cp + lo, block_cp + hi

    def refresh_underlines(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = [self._selection(f) for f in self.underlined()]
        if self.current is not None:
            cur = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight).lighter(170))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            cur.format = fmt
            c = QTextCursor(self.document())
            c.setPosition(self._offsets.to_utf16(self.current.start))
            c.setPosition(
                self._offsets.to_utf16(max(self.current.end, self.current.start)), QTextCursor.MoveMode.KeepAnchor
            )
            cur.cursor = c
            selections.insert(0, cur)
        for start, end in self._flash:
            fl = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#fff176"))
            fl.format = fmt
            c = QTextCursor(self.document())
            limit = self.document().characterCount() - 1
            c.setPosition(min(self._offsets.to_utf16(start), limit))
            c.setPosition(min(self._offsets.to_utf16(end), limit), QTextCursor.MoveMode.KeepAnchor)
            fl.cursor = c
            selections.append(fl)
        self.setExtraSelections(selections)

    # Events -------------------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) and self._is_undo_key(e):
            # Let the window's Undo/Redo actions have these keys: they drive the shared QUndoStack.
            e.ignore()
            return False
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            found = self._findings_under(e.pos())
            if found:
                QToolTip.showText(e.globalPos(), "\n\n".join(describe(f) for f in found), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    @staticmethod
    def _is_undo_key(e: QKeyEvent) -> bool:
        return (
            e.matches(QKeySequence.StandardKey.Undo)
            or e.matches(QKeySequence.StandardKey.Redo)
            or (
                e.key() == Qt.Key.Key_Z
                and e.modifiers() == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            )
        )

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        if self._is_undo_key(e):
            self.redo_requested.emit()
            return
        if (e.text() and e.text().isprintable()) or e.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.typing = True
        super().keyPressEvent(e)

    def _findings_under(self, pos: QPoint) -> list[Finding]:
        c = self.cursorForPosition(pos)
        cp = self._offsets.to_cp(c.position())
        return [f for f in self._findings_at(cp) if f.start <= cp < max(f.end, f.start + 1)]

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        if e.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            found = self._findings_under(e.position().toPoint())
            if found:
                self.finding_clicked.emit(found[0])

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.build_context_menu(e.pos())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def build_context_menu(self, pos: QPoint) -> QMenu:
        menu = QMenu(self)
        for f in self._findings_under(pos)[:3]:
            head = menu.addAction(f.message)
            head.setEnabled(False)
            for i, s in enumerate(f.suggestions[:8]):
                act = menu.addAction(f"→ {s}" if s else "→ (delete)")
                act.setObjectName(f"suggestion-{i}")
                act.triggered.connect(lambda _=False, f=f, i=i: self.suggestion_chosen.emit(f, i))
            ignore = menu.addAction("Ignore")
            ignore.setObjectName("ignore")
            ignore.triggered.connect(lambda _=False, f=f: self.ignore_requested.emit(f))
            ignore_rule = menu.addAction(f"Ignore rule for this draft ({f.rule})")
            ignore_rule.setObjectName("ignore-rule")
            ignore_rule.triggered.connect(lambda _=False, f=f: self.ignore_rule_requested.emit(f.rule))
            if f.category == Category.SPELLING:
                add = menu.addAction(f"Add “{f.text}” to dictionary")
                add.setObjectName("add-word")
                add.triggered.connect(lambda _=False, f=f: self.add_word_requested.emit(f))
            menu.addSeparator()
        standard = self.createStandardContextMenu(pos)
        for act in standard.actions():
            # The document's own undo would bypass the review's undo stack.
            if act.objectName() in ("edit-undo", "edit-redo") or act.text().replace("&", "").startswith(
                ("Undo", "Redo")
            ):
                continue
            act.setParent(menu)
            menu.addAction(act)
        standard.deleteLater()
        if self.extra_actions:
            menu.addSeparator()
            for act in self.extra_actions:
                menu.addAction(act)
        return menu
