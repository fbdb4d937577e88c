"""The proposed copy: the draft with every pending first suggestion applied, shown Meld-style.

Deleted text stays visible, struck through; inserted text is marked. Line
breaks inside an insertion are shown as ↵ so the pane keeps one block per draft
block, which is what lets both panes scroll in step. A gutter at the left has
an accept button (✓) beside each change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from proofdesk.core.diffing import Segment
from proofdesk.core.findings import Finding
from proofdesk.gui.offsets import utf16_len

BUTTON = 16


@dataclass(frozen=True)
class ProposedChange:
    position: int  # UTF-16 position in the proposed pane
    finding: Finding


class _Gutter(QWidget):
    def __init__(self, view: ProposedView) -> None:
        super().__init__(view)
        self.view = view
        self.hits: list[tuple[QRect, Finding]] = []
        self.setMouseTracking(True)
        self.setToolTip("Accept this change")

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, e: QPaintEvent) -> None:
        self.hits = self.view.paint_gutter(self, e.rect())

    def mousePressEvent(self, e: QMouseEvent) -> None:
        for rect, finding in self.hits:
            if rect.contains(e.position().toPoint()):
                self.view.accept_requested.emit(finding)
                return


class ProposedView(QPlainTextEdit):
    accept_requested = Signal(object)  # Finding
    change_clicked = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.document().setUndoRedoEnabled(False)
        self.changes: list[ProposedChange] = []
        self._gutter = _Gutter(self)
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self.updateRequest.connect(self._on_update_request)
        self._deleted = QTextCharFormat()
        self._deleted.setFontStrikeOut(True)
        self._deleted.setForeground(QColor("#b71c1c"))
        self._deleted.setBackground(QColor(255, 205, 210, 140))
        self._inserted = QTextCharFormat()
        self._inserted.setForeground(QColor("#1b5e20"))
        self._inserted.setBackground(QColor(200, 230, 201, 160))
        self._inserted.setFontUnderline(True)
        self._plain = QTextCharFormat()
        self.current: Finding | None = None

    def gutter_width(self) -> int:
        return BUTTON + 6

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def show_segments(self, segments: list[Segment]) -> None:
        """Replace the pane's contents; the scroll position is kept."""
        bar = self.verticalScrollBar()
        keep = bar.value()
        doc = self.document()
        doc.clear()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        changes: list[ProposedChange] = []
        pos = 0
        for seg in segments:
            if seg.op == "equal":
                cursor.insertText(seg.text, self._plain)
                pos += utf16_len(seg.text)
                continue
            shown = seg.text.replace("\n", "↵") if seg.op == "insert" else seg.text
            if seg.finding is not None and (not changes or changes[-1].finding.key != seg.finding.key):
                changes.append(ProposedChange(pos, seg.finding))
            cursor.insertText(shown, self._deleted if seg.op == "delete" else self._inserted)
            pos += utf16_len(shown)
        cursor.endEditBlock()
        self.changes = changes
        bar.setValue(keep)
        self._gutter.update()

    def scroll_to_block(self, number: int) -> None:
        block = self.document().findBlockByNumber(number)
        if block.isValid():
            self.verticalScrollBar().setValue(block.firstLineNumber())

    def show_change(self, finding: Finding | None) -> None:
        self.current = finding
        if finding is None:
            return
        for ch in self.changes:
            if ch.finding.key == finding.key:
                c = self.textCursor()
                c.setPosition(ch.position)
                self.setTextCursor(c)
                self.ensureCursorVisible()
                break
        self._gutter.update()

    def paint_gutter(self, gutter: QWidget, rect: QRect) -> list[tuple[QRect, Finding]]:
        painter = QPainter(gutter)
        painter.fillRect(rect, self.palette().window())
        hits: list[tuple[QRect, Finding]] = []
        if not self.changes:
            painter.end()
            return hits
        top_block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        start = top_block.position()
        end_cursor = self.cursorForPosition(QPoint(0, height))
        end = end_cursor.block().position() + end_cursor.block().length()
        # Changes are in document order; only those on screen are painted.
        lo, hi = 0, len(self.changes)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.changes[mid].position < start:
                lo = mid + 1
            else:
                hi = mid
        used_rows: dict[int, int] = {}
        for ch in self.changes[lo:]:
            if ch.position > end:
                break
            block = self.document().findBlock(ch.position)
            layout = block.layout()
            if layout is None:
                continue
            line = layout.lineForTextPosition(ch.position - block.position())
            geo = self.blockBoundingGeometry(block).translated(offset)
            y = int(geo.top() + (line.y() if line.isValid() else 0))
            # Several changes on one screen line share the gutter row: only the first gets a button.
            if used_rows.get(y):
                continue
            used_rows[y] = 1
            box = QRect(3, y + 1, BUTTON, BUTTON)
            is_current = self.current is not None and ch.finding.key == self.current.key
            painter.setPen(QColor("#1b5e20"))
            painter.setBrush(QColor("#a5d6a7") if is_current else QColor("#e8f5e9"))
            painter.drawRoundedRect(box, 3, 3)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "✓")
            hits.append((box, ch.finding))
        painter.end()
        return hits

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        pos = self.cursorForPosition(e.position().toPoint()).position()
        best: ProposedChange | None = None
        for ch in self.changes:
            if ch.position > pos:
                break
            best = ch
        if best is not None and pos - best.position <= len(best.finding.text) + 40:
            self.change_clicked.emit(best.finding)

    def gutter(self) -> QWidget:
        return self._gutter
