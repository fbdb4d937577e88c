"""Attribution: credit lines, quotes without a speaker, unbalanced quote marks, weak sourcing.

Quote attribution needs the neighbouring paragraphs (a quote may be attributed
in the next sentence, or continue a run from a speaker named above), so it runs
in ``check_document``: one linear pass over the blocks, with each paragraph's
own analysis cached by its text.

Settings (``checks:`` in the house style):

- ``attribution.credit-line: {patterns: [regex, …]}`` — the credit-line forms the
  desk accepts; they replace the built-in agency forms;
- ``attribution.unattributed-quote: {min-words: 5}`` — shortest partial quote
  that needs a speaker (a quoted full sentence needs one from three words).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from proofdesk.core.checks._attribution_cues import (
    BACK_REFERENCE,
    NAME,
    TITLE_SMALL_WORDS,
    WEAK_SOURCING,
    has_cue,
    may_have_weak_sourcing,
    may_refer_back,
)
from proofdesk.core.checks._credit_line import CreditLines, find_agency_source
from proofdesk.core.checks._newsroom.lazyre import lazy
from proofdesk.core.checks._newsroom.text import folded
from proofdesk.core.checks._quotes import Kind, Quote, analyse, starts_with_opening_quote
from proofdesk.core.checks._sentences import sentence_bounds, sentence_index
from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.findings import Category, Finding, Severity

_PROSE_KINDS = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM, BlockKind.CAPTION)
_WORD = lazy(r"\w+(?:[’'-]\w+)*")
_TERMINAL_MARKS = frozenset(".!?…:;")
_CLOSERS = "\"'”’)]"
_DEFAULT_MIN_WORDS = 5
_FULL_SENTENCE_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class _QuoteVerdict:
    quote: Quote
    attributed: bool
    # No attribution yet and nothing after it in the paragraph: the next paragraph may still name the speaker.
    at_paragraph_end: bool
    at_paragraph_start: bool


@dataclass(frozen=True, slots=True)
class _Paragraph:
    verdicts: tuple[_QuoteVerdict, ...]
    opens_run: bool  # a quote paragraph, or one ending in an introduced quote or a colon
    ends_with_colon: bool
    lead_attribution: bool  # its first words name the speaker of a quote just above


def is_prose(block: Block) -> bool:
    """A story paragraph rather than a headline, label or promo line (those are transparent here)."""
    if block.kind not in _PROSE_KINDS:
        return False
    text = block.text.strip()
    # The last mark before any closing quotes and brackets ends the sentence.
    # Read from the end, not searched for through the paragraph (measured: is_prose 1.2 -> 0.3 ms per run).
    ends = text.rstrip(_CLOSERS)[-1:]
    return ends in _TERMINAL_MARKS or len(_WORD.findall(text)) >= 15 or starts_with_opening_quote(text) is not None


def _masked(text: str, quotes: Sequence[Quote]) -> str:
    """The text with every top-level quotation blanked out: words inside a quote never attribute it."""
    parts: list[str] = []
    pos = 0  # everything before it is copied or blanked
    for q in quotes:
        if q.depth:
            continue
        start = max(q.start, pos)  # a quote inside one already blanked goes on from where that one ended
        if q.end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(" " * (q.end - start))
        pos = q.end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _title_like(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    capitals = sum(1 for w in content if w[:1].isupper())
    return len(content) >= 2 and capitals >= 0.8 * len(content)


def _is_full_sentence(text: str, q: Quote, bounds: tuple[tuple[int, int], ...]) -> bool:
    before = text[: q.start].rstrip()
    return not before or before.endswith((":", ",")) or any(s == q.start for s, _ in bounds)


@lru_cache(maxsize=32768)
def _paragraph(text: str, min_words: int) -> _Paragraph:
    analysis = analyse(text)
    top = analysis.top_level()
    ends_with_colon = text.rstrip().endswith(":")
    lead = may_refer_back(text) and BACK_REFERENCE.match(text) is not None
    if not top:
        # Most paragraphs quote no one: nothing below but the run flags applies to them.
        return _Paragraph((), ends_with_colon or starts_with_opening_quote(text) is not None, ends_with_colon, lead)
    masked = _masked(text, top)
    bounds = sentence_bounds(text)
    first = len(text) - len(text.lstrip(" \t\u00a0•·*-–—"))
    verdicts: list[_QuoteVerdict] = []
    low = folded(masked)
    for q in top:
        words = _WORD.findall(q.inner(text))
        full = _is_full_sentence(text, q, bounds)
        if len(words) < (_FULL_SENTENCE_MIN_WORDS if full else min_words) or _title_like(words):
            continue
        s_idx = sentence_index(bounds, q.start)
        e_idx = sentence_index(bounds, max(q.start, q.end - 1))
        window_start = bounds[s_idx - 1][0] if s_idx > 0 else 0
        has_next = e_idx + 1 < len(bounds)
        window_end = bounds[e_idx + 1][1] if has_next else len(text)
        attributed = has_cue(masked, low, window_start, window_end)
        if not attributed and masked[: q.start].rstrip().endswith(":"):
            attributed = True
        verdicts.append(_QuoteVerdict(q, attributed, not has_next, q.start == first))
    opens_run = ends_with_colon or starts_with_opening_quote(text) is not None
    if not opens_run:
        last = top[-1]
        attributed_last = any(v.quote == last and v.attributed for v in verdicts)
        in_last_sentence = sentence_index(bounds, max(last.start, last.end - 1)) == len(bounds) - 1
        # "…,” she said. / She said: “…” — a quote paragraph; a quoted phrase inside a paraphrase is not.
        full = _is_full_sentence(text, last, bounds)
        opens_run = (not last.closed) or (full and attributed_last and in_last_sentence)
    return _Paragraph(tuple(verdicts), opens_run, ends_with_colon, lead)


class AttributionCheck(Check):
    family = "attribution"
    # check_document reads only the document and options fixed at start: the engine may reuse it.
    cacheable_document_pass = True
    rules = (
        RuleInfo(
            "attribution.credit-line",
            Category.ATTRIBUTION,
            Severity.WARNING,
            "Agency credit line missing or not in a house form",
        ),
        RuleInfo(
            "attribution.unattributed-quote",
            Category.ATTRIBUTION,
            Severity.WARNING,
            "A direct quote with no speaker named in its sentence or the next",
        ),
        RuleInfo(
            "attribution.unbalanced-quotes",
            Category.ATTRIBUTION,
            Severity.WARNING,
            "An opening quote mark with no closing one in the paragraph, or the reverse",
        ),
        RuleInfo(
            "attribution.weak-sourcing",
            Category.ATTRIBUTION,
            Severity.SUGGESTION,
            "Unnamed sources: 'sources said', 'experts say', 'it is understood'",
        ),
    )

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.credit_lines = CreditLines.from_options(ctx.options("attribution.credit-line"))
        raw = ctx.options("attribution.unattributed-quote").get("min-words", _DEFAULT_MIN_WORDS)
        self.min_words = raw if isinstance(raw, int) and raw > 0 else _DEFAULT_MIN_WORDS

    def fingerprint(self) -> tuple[str, str]:
        return (self.ctx.language, repr(sorted(self.ctx.options("attribution").items())))

    # Per block: unnamed sources need nothing but the sentence they are in.
    def check_block(self, block: Block) -> Iterable[Finding]:
        if block.kind is BlockKind.CODE:
            return []
        text = block.text
        if not may_have_weak_sourcing(text):
            return []
        masked = _masked(text, analyse(text).top_level())
        findings: list[Finding] = []
        for m in WEAK_SOURCING.finditer(masked):
            if block.is_skipped(m.start(), m.end()):
                continue
            s, e = sentence_bounds(text)[sentence_index(sentence_bounds(text), m.start())]
            sentence = masked[s:e]
            rest = sentence[: m.start() - s] + " " * (m.end() - m.start()) + sentence[m.end() - s :]
            if NAME.search(rest):
                continue
            message = f"'{m.group()}' leaves the source unnamed; name it or say why it cannot be named."
            findings.append(self.finding("attribution.weak-sourcing", text, m.start(), m.end(), message))
        return findings

    def check_document(self, doc: Document) -> Iterable[Finding]:
        prose = [b for b in doc.blocks if is_prose(b)]
        yield from self._unbalanced(doc, prose)
        yield from self._unattributed(doc, prose)
        yield from self._credit_line(doc)

    def _unbalanced(self, doc: Document, prose: list[Block]) -> Iterator[Finding]:
        starts = [b.start for b in prose]
        for block in doc.blocks:
            if block.kind is BlockKind.CODE:
                continue
            analysis = analyse(block.text)
            if not analysis.unclosed and not analysis.unopened:
                continue
            k = bisect_right(starts, block.start)
            nxt = prose[k] if k < len(prose) else None
            reopened = starts_with_opening_quote(nxt.text) if nxt is not None else None
            for mark in analysis.unclosed:
                if mark in analysis.open_at_end and reopened is mark.kind:
                    continue  # the multi-paragraph convention: no closing mark, next paragraph reopens
                pos = block.start + mark.pos
                what = "quotation" if mark.kind is Kind.DOUBLE else "single quotation"
                message = f"This {what} is never closed in the paragraph."
                yield self.finding("attribution.unbalanced-quotes", doc.text, pos, pos + 1, message)
            for mark in analysis.unopened:
                if mark.pos and block.text[mark.pos - 1].isdigit():
                    continue  # 5ft 10" — an inch mark, not a quote
                pos = block.start + mark.pos
                message = "This closing quote mark has no opening mark in the paragraph."
                yield self.finding("attribution.unbalanced-quotes", doc.text, pos, pos + 1, message)

    def _unattributed(self, doc: Document, prose: list[Block]) -> Iterator[Finding]:
        run_open = False
        colon_before = False
        pending: list[tuple[Block, Quote]] = []
        for block in prose:
            para = _paragraph(block.text, self.min_words)
            if pending:
                if not para.lead_attribution:
                    yield from (self._unattributed_finding(doc, b, q) for b, q in pending)
                pending = []
            speaker_unnamed = False
            for v in para.verdicts:
                if v.attributed:
                    continue
                if v.at_paragraph_start and (run_open or colon_before):
                    continue  # a later paragraph of a run from a speaker already named
                speaker_unnamed = True
                if v.at_paragraph_end:
                    pending.append((block, v.quote))
                else:
                    yield self._unattributed_finding(doc, block, v.quote)
            # A run needs a named speaker at its head: after an unattributed quote, the next bare one is flagged too.
            run_open = para.opens_run and not speaker_unnamed
            colon_before = para.ends_with_colon
        for b, q in pending:
            yield self._unattributed_finding(doc, b, q)

    def _unattributed_finding(self, doc: Document, block: Block, q: Quote) -> Finding:
        message = "No speaker is named for this quote; name them after the first quoted sentence."
        return self.finding(
            "attribution.unattributed-quote", doc.text, block.start + q.start, block.start + q.end, message
        )

    def _credit_line(self, doc: Document) -> Iterator[Finding]:
        found = False
        for block in doc.blocks:
            verdict = self.credit_lines.judge(block.text)
            if verdict is None:
                continue
            found = True
            if verdict.ok:
                continue
            yield self.finding(
                "attribution.credit-line",
                doc.text,
                block.start,
                block.end,
                verdict.message,
                [verdict.fix] if verdict.fix is not None else [],
            )
        if found:
            return
        source = find_agency_source(doc.text)
        if source is not None:
            start, end, agency = source
            message = f"The story is credited to {agency} but has no credit line (e.g. 'Reporting by …; Editing by …')."
            yield self.finding("attribution.credit-line", doc.text, start, end, message)


CHECKS = [AttributionCheck]
