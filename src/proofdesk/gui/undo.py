"""Undo steps. The text lives in the QTextDocument, whose own undo stack holds every text change;
the window's QUndoStack mirrors it one-to-one and adds what the document cannot know: the review
session (pending findings, ignores) before and after each accept. So one accept, or one accept-all,
is exactly one step, and typing interleaves with accepts in the order it happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from proofdesk.core.review import Change

if TYPE_CHECKING:
    from proofdesk.gui.draft_tab import DraftTab


class TypingCommand(QUndoCommand):
    """One step of the document's own undo stack (typing, paste, cut)."""

    def __init__(self, tab: DraftTab) -> None:
        super().__init__("Typing")
        self.tab = tab
        self._done = True

    def undo(self) -> None:
        self.tab.document_undo()
        self._done = False

    def redo(self) -> None:
        if self._done:  # pushed after the fact: the document already holds the change
            return
        self.tab.document_redo()
        self._done = True


class ReviewCommand(QUndoCommand):
    """An accept, accept-all, ignore or ignore-rule, already applied when pushed."""

    def __init__(self, tab: DraftTab, change: Change, label: str) -> None:
        super().__init__(label)
        self.tab = tab
        self.change = change
        self._done = True

    def undo(self) -> None:
        self.tab.revert_change(self.change)
        self._done = False

    def redo(self) -> None:
        if self._done:
            return
        self.tab.reapply_change(self.change)
        self._done = True
