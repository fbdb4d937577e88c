"""The proposed copy: the draft with every pending first suggestion applied, shown Meld-style.

Deleted text stays visible, struck through; inserted text is marked. Line
breaks inside an insertion are shown as ↵, so the pane keeps one block per draft
line — that is what lets both panes scroll in step. A gutter at the left has an
accept button (✓) beside each change.

The pane is updated by *chunks* (a draft line, or lines joined by a finding that
spans them): only chunks whose text or changes differ are re-rendered, a few
hundred per event-loop turn, so a 100,000-word draft never blocks the GUI thread.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from proofdesk.core.corrections import resolve_overlaps
from proofdesk.core.findings import Finding
from proofdesk.gui.offsets import utf16_len

BUTTON = 16
BUTTONS_PER_ROW = 2
BATCH = 150  # chunks rendered per event-loop turn
_NEWLINE = re.compile("\n")
PLAIN, DELETED, INSERTED = 0, 1, 2


@dataclass(frozen=True)
class ProposedChange:
    position: int  # UTF-16 position in the proposed pane
    finding: Finding


@dataclass(frozen=True, slots=True)
class Chunk:
    lines: int
    # (text, kind) pieces; kinds are PLAIN, DELETED, INSERTED. Equal pieces compare equal: the signature.
    pieces: tuple[tuple[str, int], ...]
    # (UTF-16 offset in the chunk, finding) of each change, in order.
    changes: tuple[tuple[int, Finding], ...]

    def same_as(self, other: Chunk) -> bool:
        return self.pieces == other.pieces and [f.key for _, f in self.changes] == [f.key for _, f in other.changes]


def build_chunks(text: str, findings: Sequence[Finding]) -> list[Chunk]:
    """The proposed copy of ``text`` as chunks, one per line unless a change spans lines."""
    return list(iter_chunks(text, findings))


def iter_chunks(text: str, findings: Sequence[Finding]) -> Iterator[Chunk]:
    """build_chunks one chunk at a time, so the GUI thread can build a long draft's copy between paints."""
    chosen, _ = resolve_overlaps(f for f in findings if f.suggestions)
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    n_lines = len(starts)
    fi = 0
    line = 0
    while line < n_lines:
        first = line
        c_start = starts[first]
        last = first
        mine: list[Finding] = []
        # Take every change that starts on this chunk's lines; a change reaching further extends the chunk.
        while fi < len(chosen):
            f = chosen[fi]
            f_line = bisect.bisect_right(starts, f.start) - 1
            if f_line > last:
                break
            mine.append(f)
            end_line = f_line
            if f.end > f.start:
                end_line = bisect.bisect_right(starts, f.end - 1) - 1
                # A span ending in a line break joins the next line to this chunk: the break is inside it.
                if text[f.end - 1] == "\n":
                    end_line += 1
            last = max(last, end_line)
            fi += 1
        c_end = starts[last + 1] - 1 if last + 1 < n_lines else len(text)
        pieces: list[tuple[str, int]] = []
        changes: list[tuple[int, Finding]] = []
        pos = c_start
        u16 = 0
        for f in mine:
            if f.start > pos:
                piece = text[pos : f.start]
                pieces.append((piece, PLAIN))
                u16 += utf16_len(piece)
            changes.append((u16, f))
            if f.end > f.start:
                pieces.append((f.text, DELETED))
                u16 += utf16_len(f.text)
            if f.suggestions[0]:
                shown = f.suggestions[0].replace("\n", "↵")
                pieces.append((shown, INSERTED))
                u16 += utf16_len(shown)
            pos = max(pos, f.end)
        if pos < c_end:
            pieces.append((text[pos:c_end], PLAIN))
        yield Chunk(last - first + 1, tuple(pieces), tuple(changes))
        line = last + 1


class ChunkBuilder(QObject):
    """Builds chunks on the GUI thread a few milliseconds per event-loop turn; only the newest build is delivered.

    A worker thread would share the GIL with the GUI thread: each of Qt's calls into Python (a findings-list
    repaint makes hundreds) then waited for the interpreter, which made 40-60 ms stalls on a 100k draft.
    """

    def __init__(self, parent: QObject | None = None, budget: float = 0.004) -> None:
        super().__init__(parent)
        self._budget = budget
        self._work: Iterator[Chunk] | None = None
        self._done: list[Chunk] = []
        self._callback: Callable[[list[Chunk]], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    @property
    def busy(self) -> bool:
        return self._work is not None

    def submit(self, text: str, findings: Sequence[Finding], callback: Callable[[list[Chunk]], None]) -> None:
        self._work = iter_chunks(text, list(findings))
        self._done = []
        self._callback = callback
        self._timer.start()

    def _step(self) -> None:
        work = self._work
        if work is None:
            return
        deadline = time.perf_counter() + self._budget
        done = self._done
        for chunk in work:
            done.append(chunk)
            if len(done) % 64 == 0 and time.perf_counter() > deadline:
                self._timer.start()
                return
        self._work = None
        if self._callback is not None:
            self._callback(done)


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
    rendered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.document().setUndoRedoEnabled(False)
        self._chunks: list[Chunk] = []
        self._first_line: list[int] = []
        self._target: list[Chunk] = []
        self._gutter = _Gutter(self)
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self.updateRequest.connect(self._on_update_request)
        deleted = QTextCharFormat()
        deleted.setFontStrikeOut(True)
        deleted.setForeground(QColor("#b71c1c"))
        deleted.setBackground(QColor(255, 205, 210, 140))
        inserted = QTextCharFormat()
        inserted.setForeground(QColor("#1b5e20"))
        inserted.setBackground(QColor(200, 230, 201, 160))
        inserted.setFontUnderline(True)
        self._formats = (QTextCharFormat(), deleted, inserted)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._render_step)
        self.current: Finding | None = None

    def gutter_width(self) -> int:
        return BUTTONS_PER_ROW * (BUTTON + 2) + 6

    def gutter(self) -> QWidget:
        return self._gutter

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    # Rendering -----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._pending.isActive()

    def show_chunks(self, chunks: list[Chunk]) -> None:
        """Make the pane show ``chunks``; the first batch now, the rest over the next event-loop turns."""
        self._target = chunks
        self._render_step()

    def _render_step(self) -> None:
        old, new = self._chunks, self._target
        p = 0
        limit = min(len(old), len(new))
        while p < limit and old[p].same_as(new[p]):
            p += 1
        s = 0
        while s < limit - p and old[len(old) - 1 - s].same_as(new[len(new) - 1 - s]):
            s += 1
        a, b = p, len(old) - s
        new_mid = new[p : len(new) - s]
        if a == b and not new_mid:
            self._gutter.update()
            self.rendered.emit()
            return
        take = new_mid[:BATCH]
        bar = self.verticalScrollBar()
        keep = bar.value()
        self._replace(a, b, take)
        bar.setValue(keep)
        if len(new_mid) > BATCH or (a != b and len(take) < len(new_mid)):
            self._pending.start()
        else:
            self._gutter.update()
            self.rendered.emit()

    def _block_start(self, chunk: int) -> int:
        return self.document().findBlockByNumber(self._first_line[chunk]).position()

    def _chunk_end(self, chunk: int) -> int:
        block = self.document().findBlockByNumber(self._first_line[chunk] + self._chunks[chunk].lines - 1)
        return block.position() + block.length() - 1

    def _replace(self, a: int, b: int, items: list[Chunk]) -> None:
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        n = len(self._chunks)
        if n == 0:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            self._insert(cursor, items)
        elif a < b:
            start, end = self._block_start(a), self._chunk_end(b - 1)
            if not items:
                # Also remove one line break next to the removed chunks.
                if b < n:
                    end = self._block_start(b)
                elif a > 0:
                    start = self._chunk_end(a - 1)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            self._insert(cursor, items)
        elif a < n:
            cursor.setPosition(self._block_start(a))
            self._insert(cursor, items)
            cursor.insertText("\n", self._formats[PLAIN])
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText("\n", self._formats[PLAIN])
            self._insert(cursor, items)
        cursor.endEditBlock()
        self._chunks[a:b] = items
        first = []
        line = 0
        for ch in self._chunks:
            first.append(line)
            line += ch.lines
        self._first_line = first

    def _insert(self, cursor: QTextCursor, items: list[Chunk]) -> None:
        formats = self._formats
        for i, ch in enumerate(items):
            if i:
                cursor.insertText("\n", formats[PLAIN])
            for text, kind in ch.pieces:
                cursor.insertText(text, formats[kind])

    # Changes and navigation --------------------------------------------------------------------

    @property
    def changes(self) -> list[ProposedChange]:
        out: list[ProposedChange] = []
        for i, ch in enumerate(self._chunks):
            if ch.changes:
                base = self._block_start(i)
                out.extend(ProposedChange(base + off, f) for off, f in ch.changes)
        return out

    def scroll_to_block(self, number: int) -> None:
        block = self.document().findBlockByNumber(number)
        if block.isValid():
            self.verticalScrollBar().setValue(block.firstLineNumber())

    def show_change(self, finding: Finding | None) -> None:
        self.current = finding
        if finding is not None:
            for i, ch in enumerate(self._chunks):
                for off, f in ch.changes:
                    if f.key == finding.key:
                        c = self.textCursor()
                        c.setPosition(self._block_start(i) + off)
                        self.setTextCursor(c)
                        self.ensureCursorVisible()
                        break
                else:
                    continue
                break
        self._gutter.update()

    def paint_gutter(self, gutter: QWidget, rect: QRect) -> list[tuple[QRect, Finding]]:
        painter = QPainter(gutter)
        painter.fillRect(rect, self.palette().window())
        hits: list[tuple[QRect, Finding]] = []
        if not self._chunks:
            painter.end()
            return hits
        offset = self.contentOffset()
        top_line = self.firstVisibleBlock().blockNumber()
        bottom = self.cursorForPosition(QPoint(0, self.viewport().height())).block().blockNumber()
        i = max(0, bisect.bisect_right(self._first_line, top_line) - 1)
        per_row: dict[int, int] = {}
        while i < len(self._chunks) and self._first_line[i] <= bottom:
            ch = self._chunks[i]
            if ch.changes:
                base = self._block_start(i)
                for off, f in ch.changes:
                    pos = base + off
                    block = self.document().findBlock(pos)
                    layout = block.layout()
                    if layout is None:
                        continue
                    line = layout.lineForTextPosition(pos - block.position())
                    geo = self.blockBoundingGeometry(block).translated(offset)
                    y = int(geo.top() + (line.y() if line.isValid() else 0))
                    k = per_row.get(y, 0)
                    per_row[y] = k + 1
                    if k >= BUTTONS_PER_ROW:
                        continue  # the row is full: the next button appears once one of these is accepted
                    box = QRect(3 + k * (BUTTON + 2), y + 1, BUTTON, BUTTON)
                    is_current = self.current is not None and f.key == self.current.key
                    painter.setPen(QColor("#1b5e20"))
                    painter.setBrush(QColor("#a5d6a7") if is_current else QColor("#e8f5e9"))
                    painter.drawRoundedRect(box, 3, 3)
                    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "✓")
                    hits.append((box, f))
            i += 1
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
