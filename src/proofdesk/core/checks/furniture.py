"""Web furniture left in scraped and CMS-pasted drafts (``furniture.*``).

Search boxes, promos, "Read more" blocks, adverts, share and newsletter
prompts, photo credits, author bios and tag lines. Each finding covers whole
lines with their line break and suggests deleting them. Position matters, so
this is a document-wide check; see ``_newsroom.scan`` for how lines are judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from proofdesk.core.checks._newsroom.scan import Hit, scan
from proofdesk.core.checks._newsroom.text import line_span
from proofdesk.core.checks.base import Check, RuleInfo
from proofdesk.core.document import Document
from proofdesk.core.findings import Category, Finding, Severity

_E, _W = Severity.ERROR, Severity.WARNING
_C = Category.FURNITURE

MESSAGES = {
    "furniture.search-box": "Search-box label left from the web page.",
    "furniture.page-chrome": "Page navigation or metadata left from the web page.",
    "furniture.promo": "Promotion of another story, not part of this one.",
    "furniture.related-block": "'Read more' / related-stories block left from the web page.",
    "furniture.advertisement": "Advertisement marker left from the web page.",
    "furniture.prompt": "Share, follow, newsletter, app or cookie prompt left from the web page.",
    "furniture.photo-credit": "Photo credit on a line of its own, left by the CMS.",
    "furniture.author-bio": "Author biography after the story: remove unless the page carries it.",
    "furniture.tag-line": "Tag or category line left from the web page.",
    "furniture.house-line": "Line listed as furniture in the house style.",
}


class FurnitureCheck(Check):
    family = "furniture"
    # check_document reads only the document and options fixed at start: the engine may reuse it.
    cacheable_document_pass = True
    rules = (
        RuleInfo("furniture.search-box", _C, _E, "Search-box labels such as 'Type to search'"),
        RuleInfo("furniture.page-chrome", _C, _E, "Navigation, breadcrumbs, 'min read', comment counts"),
        RuleInfo("furniture.promo", _C, _E, "'Also on <Site>: <headline>' and similar one-line promos"),
        RuleInfo("furniture.related-block", _C, _E, "'Read more' / 'Related' blocks with their headlines"),
        RuleInfo("furniture.advertisement", _C, _E, "'Advertisement' and sponsored-content markers"),
        RuleInfo("furniture.prompt", _C, _E, "Share, follow, newsletter, app and cookie prompts"),
        RuleInfo("furniture.photo-credit", _C, _E, "Photo-credit-only lines"),
        RuleInfo("furniture.author-bio", _C, _W, "Author bio blocks after the story"),
        RuleInfo("furniture.tag-line", _C, _W, "Trailing tag and category lines"),
        RuleInfo("furniture.house-line", _C, _E, "Lines the house style lists under furniture: extra-lines"),
    )

    def _extra_lines(self) -> Sequence[str]:
        extra = self.ctx.options(self.family).get("extra-lines", [])
        if isinstance(extra, str):
            return [extra]
        return [str(x) for x in extra] if isinstance(extra, list | tuple) else []

    def check_document(self, doc: Document) -> Iterable[Finding]:
        blocks = doc.blocks
        for hit in scan(blocks, self._extra_lines()):
            yield self._finding(doc, hit)

    def _finding(self, doc: Document, hit: Hit) -> Finding:
        first, last = doc.blocks[hit.first], doc.blocks[hit.last]
        start, end = line_span(doc.text, first.start, last.end)
        return self.finding(hit.rule, doc.text, start, end, MESSAGES[hit.rule], [""])


def furniture_hits(doc: Document, extra: Sequence[str] = ()) -> list[Hit]:
    """Furniture in ``doc`` by block index, for checks that must skip it (duplicates)."""
    return scan(doc.blocks, extra)


CHECKS = [FurnitureCheck]
