"""Repeated captions, paragraphs and sentences (``duplicate.*``).

Scraped pages often carry a photo caption twice (image alt text and caption)
or a paragraph pasted twice. The later copy is flagged with its line break and
the suggestion to delete it; a caption that repeats a body paragraph is the
copy flagged, so the story keeps its paragraph. Web furniture is left to the
furniture check, so a "Read more" headline that repeats the story's own
headline is reported once, as furniture.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofdesk.core.checks._newsroom import dupes, scan
from proofdesk.core.checks._newsroom.text import Span, line_span, sentence_span
from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.checks.furniture import FurnitureCheck
from proofdesk.core.document import Document
from proofdesk.core.findings import Category, Finding, Severity

_C = Category.DUPLICATE


class DuplicatesCheck(Check):
    family = "duplicate"
    # check_document reads only the document and options fixed at start: the engine may reuse it.
    cacheable_document_pass = True
    rules = (
        RuleInfo("duplicate.caption", _C, Severity.ERROR, "A caption repeated, or repeating a body paragraph"),
        RuleInfo("duplicate.paragraph", _C, Severity.ERROR, "A paragraph that repeats an earlier one"),
        RuleInfo("duplicate.sentence", _C, Severity.WARNING, "A sentence that repeats an earlier one"),
    )

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        # Each paragraph's normalised words and sentences by its text, so an edit re-reads one paragraph.
        self._parts: dict[str, dupes._Parts] = {}
        # The house's furniture lines, which the duplicate search skips like the furniture check does.
        self._extra = FurnitureCheck(ctx)._extra_lines()

    def check_document(self, doc: Document) -> Iterable[Finding]:
        blocks = doc.blocks
        hits = scan.scan(blocks, self._extra)
        skip = {i for h in hits for i in range(h.first, h.last + 1)}
        found: dict[tuple[int, int], Finding] = {}
        memo = self._parts
        dups = dupes.duplicates_with_layout(blocks, skip, memo)
        # Keep only this draft's paragraphs, so memory tracks the draft.
        self._parts = {b.text: memo[b.text] for b in blocks if b.text in memo}
        for dup in dups:
            f = self._finding(doc, dup)
            found.setdefault((f.start, f.end), f)
        return sorted(found.values(), key=lambda f: f.sort_key)

    def _finding(self, doc: Document, dup: dupes.Dup) -> Finding:
        block = doc.blocks[dup.block]
        line = doc.line_col(doc.blocks[dup.original_block].start)[0]
        if dup.whole:
            start, end = line_span(doc.text, block.start, block.end)
        else:
            rel = sentence_span(block.text, Span(dup.start, dup.end))
            start, end = block.start + rel[0], block.start + rel[1]
        where = "above" if dup.original_block < dup.block else "below"
        what = {"caption": "Caption", "paragraph": "Paragraph", "sentence": "Sentence"}[dup.kind]
        message = f"{what} repeats line {line} {where}; delete this copy."
        return self.finding(f"duplicate.{dup.kind}", doc.text, start, end, message, [""])


CHECKS = [DuplicatesCheck]
