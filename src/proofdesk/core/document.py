"""The draft as the engine sees it: one text and the blocks that tile it.

Every reader produces a :class:`Document`. Offsets are Python ``str`` indices
(code points) into ``Document.text``; a block's ``text`` is always
``document.text[block.start:block.end]`` and never includes the line break
that ends it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CAPTION = "caption"
    QUOTE = "quote"
    LIST_ITEM = "list"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-like unit of the draft.

    ``skips`` are spans relative to ``start`` that checks must not look inside
    (code spans, URLs, markup); ``level`` is the heading level or list depth.
    ``source_index`` ties the block back to the source structure (e.g. the
    .docx paragraph it came from) so writers can put edits back in place.
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    level: int = 0
    skips: tuple[tuple[int, int], ...] = ()
    source_index: int | None = None

    def __post_init__(self) -> None:
        if len(self.text) != self.end - self.start:
            raise ValueError(f"block text does not fit span {self.start}..{self.end}")

    def is_skipped(self, start: int, end: int) -> bool:
        """True if the block-relative span touches a skipped region."""
        return any(s < end and start < e for s, e in self.skips)


@dataclass(slots=True)
class Document:
    text: str
    blocks: list[Block]
    source_format: str = "txt"
    path: Path | None = None
    notices: list[str] = field(default_factory=list)
    # Reader-specific data a writer needs to write the same document back
    # (for .docx the parsed python-docx document); opaque to the engine.
    source: Any = None
    _line_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def words(self) -> int:
        return count_words(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of ``offset``."""
        starts = self._line_starts
        if starts is None:
            starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
            self._line_starts = starts
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - starts[lo] + 1

    def block_at(self, offset: int) -> Block | None:
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset > b.end:
                lo = mid + 1
            else:
                return b
        return None

    def iter_blocks(self, kinds: Sequence[BlockKind] | None = None) -> Iterator[Block]:
        for block in self.blocks:
            if kinds is None or block.kind in kinds:
                yield block


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def line_blocks(text: str, kind: BlockKind = BlockKind.PARAGRAPH) -> list[Block]:
    """One block per non-blank line: the shape of pasted and scraped plain text."""
    blocks: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            # The whole line, spaces included, so typography can see stray indents.
            blocks.append(Block(kind, pos, pos + len(line), line))
        pos += len(line) + 1
    return blocks


def document_from_text(text: str, source_format: str = "txt", path: Path | None = None) -> Document:
    """A plain-text document: every non-blank line is a paragraph block."""
    return Document(text=text, blocks=line_blocks(text), source_format=source_format, path=path)
