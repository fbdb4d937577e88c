"""Typography: spacing, dashes, quotes and ellipses (``typography.*``).

House settings (``checks:`` in the house style):

- ``typography.quotes: {style: curly|straight|consistent}`` — default ``curly``
  for en-GB, ``consistent`` (whatever the story mostly uses) otherwise;
- ``typography.dashes: {style: en|em}`` — default spaced en dash for en-GB,
  unspaced em dash for en-US.

Every rule offers a fix that only touches punctuation and spacing, and the
fixes of one pass never overlap, so accepting them all leaves nothing for a
second pass to find.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Iterator

from proofdesk.core.checks._quotes import QUOTE_MARKS, Kind, Mark, Role, analyse
from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.findings import Category, Finding, Severity

_DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[^\s,;:?!])[ \t\u00a0]+(?=[,;:?!](?!\w))", re.MULTILINE)
_SPACE_BEFORE_PUNCT_HINT = re.compile(r"[ \t\u00a0][,;:?!]")
# A hyphen with spaces round it, or two or more hyphens, standing between words.
_DASH = re.compile(
    # "--" glued to one word only is a command-line option (--accept), not a dash.
    r"(?<=[\w.,!?;:\"'“”‘’)\]%…])(?:[ \t]+-+[ \t]+|-{2,})(?=[\w\"'“”‘’(\[£$€#@])",
)
# "LONDON, May 9 (Reuters) -": the agency dateline keeps its own hyphen.
_DATELINE = re.compile(r"^\W*[A-ZÀ-Þ][A-ZÀ-Þ .'’/-]+(?:,[^.\n]{0,40}?)?(?: \([A-Za-z ]+\))?$")
_ELLIPSIS = re.compile(r"(?<![.…])(?:\.\.\.|\. \. \.)(?![.…])(?! \.)")
_BULLETS = "•·▪●◦‣■□►▸"
_BULLET_STARTS = frozenset(_BULLETS + "*-")
_SPACES = (" ", "\t", "\u00a0")
_STRAY_BULLET = re.compile(
    rf"^[ \t\u00a0]*(?:[{_BULLETS}][ \t\u00a0]*|[*-][ \t\u00a0]+)+(?=[^\s{_BULLETS}*-])", re.MULTILINE
)
_LEADING = re.compile(r"^[ \t\u00a0]+", re.MULTILINE)
_TRAILING = re.compile(r"(?<=\S)[ \t\u00a0]+$", re.MULTILINE)
# Text in which punctuation is literal: web and mail addresses, file paths.
_LITERAL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|org|net|co\.uk|gov|io)\S*")
# Something every literal above contains; most paragraphs have none, and _LITERAL is slow to fail.
_LITERAL_HINT = re.compile(r"://|www\.|@|\.(?:com|org|net|co\.uk|gov|io)")

# Any character _quotes.analyse takes for a quote mark; without one it finds no marks.
_QUOTE_HINT = re.compile("[" + "".join(sorted(QUOTE_MARKS)) + "]")
_CURLY = {(Kind.DOUBLE, Role.OPEN): "“", (Kind.DOUBLE, Role.CLOSE): "”", (Kind.SINGLE, Role.OPEN): "‘"}
_STRAIGHT = {Kind.DOUBLE: '"', Kind.SINGLE: "'"}
_QUOTE_STYLES = ("curly", "straight", "consistent")
_ROLE_NAMES = {Role.OPEN: "opening quote mark", Role.CLOSE: "closing quote mark", Role.APOSTROPHE: "apostrophe"}


def _curly_for(mark: Mark) -> str:
    return _CURLY.get((mark.kind, mark.role), "’")


def quote_style(ctx: CheckContext) -> str:
    style = ctx.options("typography.quotes").get("style")
    if style in _QUOTE_STYLES:
        return str(style)
    return "curly" if ctx.language.lower().startswith("en-gb") else "consistent"


def dash_style(ctx: CheckContext) -> str:
    style = ctx.options("typography.dashes").get("style")
    if style in ("en", "em"):
        return str(style)
    return "em" if ctx.language.lower().startswith("en-us") else "en"


# (rule, start, end, message, replacement): a plain tuple, since building a dataclass for each of the
# hundreds of quote marks in a story cost more than finding them.
_Hit = tuple[str, int, int, str, str]
_STRAIGHT_MARKS = ('"', "'")
_CURLY_MARKS = ("“", "”", "‘", "’")


def _literal_spans(block: Block) -> list[tuple[int, int]]:
    spans = list(block.skips)
    if _LITERAL_HINT.search(block.text):
        spans.extend(m.span() for m in _LITERAL.finditer(block.text))
    return spans


def wrong_quote_marks(text: str, style: str) -> Iterator[tuple[Mark, str]]:
    """Marks that break ``style`` (curly or straight), with the mark that should stand there."""
    for mark in analyse(text).marks:
        char = mark.char
        if style == "straight":
            if char not in _STRAIGHT_MARKS:
                yield mark, _STRAIGHT[mark.kind]
        elif char in _STRAIGHT_MARKS:
            yield mark, _curly_for(mark)
        elif char in _CURLY_MARKS and char != _curly_for(mark):
            # A curly mark facing the wrong way: ‘90s, ”Hello.
            yield mark, _curly_for(mark)


class TypographyCheck(Check):
    family = "typography"
    # check_document reads only the document and options fixed at start: the engine may reuse it.
    cacheable_document_pass = True
    rules = (
        RuleInfo("typography.double-space", Category.TYPOGRAPHY, Severity.WARNING, "Two or more spaces between words"),
        RuleInfo(
            "typography.space-before-punctuation",
            Category.TYPOGRAPHY,
            Severity.WARNING,
            "A space before , ; : ? or !",
        ),
        RuleInfo("typography.dash", Category.TYPOGRAPHY, Severity.SUGGESTION, "A hyphen or -- used as a dash"),
        RuleInfo("typography.ellipsis", Category.TYPOGRAPHY, Severity.SUGGESTION, "Three dots instead of an ellipsis"),
        RuleInfo("typography.stray-bullet", Category.TYPOGRAPHY, Severity.WARNING, "A bullet left at a line start"),
        RuleInfo(
            "typography.line-space", Category.TYPOGRAPHY, Severity.WARNING, "Spaces at the start or end of a line"
        ),
        RuleInfo(
            "typography.quotes",
            Category.TYPOGRAPHY,
            Severity.SUGGESTION,
            "Quote marks or apostrophes not in the house style (curly or straight)",
        ),
        RuleInfo(
            "typography.mixed-quotes",
            Category.TYPOGRAPHY,
            Severity.SUGGESTION,
            "Straight and curly quote marks mixed in one story",
        ),
    )

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.quote_style = quote_style(ctx)
        self.dash = " – " if dash_style(ctx) == "en" else "—"
        self._info = {info.id: info for info in self.rules}

    def fingerprint(self) -> Hashable:
        return (self.ctx.language, self.quote_style, self.dash)

    def check_block(self, block: Block) -> Iterable[Finding]:
        if block.kind is BlockKind.CODE:
            return []
        text = block.text
        hits = list(self._hits(block))
        if not hits:
            # Most paragraphs: no need to look for addresses to spare.
            return []
        literal = _literal_spans(block)
        claimed: list[tuple[int, int]] = []
        findings: list[Finding] = []
        info = self._info
        # Order matters: wider fixes first, so a narrower one inside them is dropped, not applied twice.
        for rule, start, end, message, replacement in hits:
            if literal and any(s < end and start < e for s, e in literal):
                continue
            if any(s < end and start < e for s, e in claimed):
                continue
            claimed.append((start, end))
            findings.append(
                Finding(
                    rule=rule,
                    category=info[rule].category,
                    severity=info[rule].severity,
                    start=start,
                    end=end,
                    text=text[start:end],
                    message=message,
                    suggestions=(replacement,),
                )
            )
        findings.sort(key=lambda f: f.sort_key)
        return findings

    def _hits(self, block: Block) -> Iterator[_Hit]:
        text = block.text
        lines = "\n" in text
        # A stray bullet starts a line: in a one-line paragraph, only the first visible character can be one.
        if block.kind is not BlockKind.LIST_ITEM and (lines or text.lstrip(" \t\u00a0")[:1] in _BULLET_STARTS):
            for m in _STRAY_BULLET.finditer(text):
                yield ("typography.stray-bullet", m.start(), m.end(), "Remove the stray bullet.", "")
        # Each pattern below is tried only when the text holds what it needs: most paragraphs hold none of it,
        # and a failing search still steps through every character.
        leading = text.startswith(_SPACES) or (lines and ("\n " in text or "\n\t" in text or "\n\u00a0" in text))
        for m in _LEADING.finditer(text) if leading else ():
            yield ("typography.line-space", m.start(), m.end(), "Remove the space at the start of the line.", "")
        trailing = text.endswith(_SPACES) or (lines and (" \n" in text or "\t\n" in text or "\u00a0\n" in text))
        for m in _TRAILING.finditer(text) if trailing else ():
            yield ("typography.line-space", m.start(), m.end(), "Remove the space at the end of the line.", "")
        dashes = "--" in text or " -" in text or "\t-" in text
        for m in _DASH.finditer(text) if dashes else ():
            if m.start() < 80 and _DATELINE.match(text, 0, m.start()):
                continue
            if text[m.start() - 1].isdigit() and text[m.end()].isdigit():
                # 10 - 12, 31 -- 9: a range or a score takes a closed-up en dash in both styles.
                yield ("typography.dash", m.start(), m.end(), "Use an en dash (–) in a range or score.", "–")
                continue
            name = "a spaced en dash" if self.dash == " – " else "an em dash"
            yield ("typography.dash", m.start(), m.end(), f"Use {name} ({self.dash.strip()}) here.", self.dash)
        for m in _ELLIPSIS.finditer(text) if "..." in text or ". . ." in text else ():
            yield ("typography.ellipsis", m.start(), m.end(), "Use an ellipsis character (…).", "…")
        for m in _SPACE_BEFORE_PUNCT.finditer(text) if _SPACE_BEFORE_PUNCT_HINT.search(text) else ():
            punct = text[m.end()]
            yield ("typography.space-before-punctuation", m.start(), m.end(), f"No space before '{punct}'.", "")
        for m in _DOUBLE_SPACE.finditer(text) if "  " in text else ():
            yield ("typography.double-space", m.start(), m.end(), "Use a single space between words.", " ")
        if self.quote_style in ("curly", "straight") and _QUOTE_HINT.search(text):
            for mark, right in wrong_quote_marks(text, self.quote_style):
                what = _ROLE_NAMES[mark.role]
                yield ("typography.quotes", mark.pos, mark.pos + 1, f"Use {right} for this {what}.", right)

    def review(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Keep bullets that belong to a list: only a bullet line with no bulleted neighbour is stray."""
        if not any(f.rule == "typography.stray-bullet" for f in findings):
            return findings
        bulleted = [_STRAY_BULLET.match(b.text) is not None for b in doc.blocks]
        starts = [b.start for b in doc.blocks]
        kept: list[Finding] = []
        for f in findings:
            if f.rule == "typography.stray-bullet":
                i = bisect_right(starts, f.start) - 1
                if (i > 0 and bulleted[i - 1]) or (i + 1 < len(bulleted) and bulleted[i + 1]):
                    continue
            kept.append(f)
        return kept

    def check_document(self, doc: Document) -> Iterable[Finding]:
        if self.quote_style != "consistent":
            return []
        curly = straight = 0
        for block in doc.blocks:
            if block.kind is BlockKind.CODE:
                continue
            for mark in analyse(block.text).marks:
                if mark.char in "\"'":
                    straight += 1
                else:
                    curly += 1
        if not curly or not straight:
            return []
        majority = "straight" if straight > curly else "curly"
        findings: list[Finding] = []
        for block in doc.blocks:
            if block.kind is BlockKind.CODE:
                continue
            literal = _literal_spans(block)
            for mark, right in wrong_quote_marks(block.text, majority):
                if any(s <= mark.pos < e for s, e in literal):
                    continue
                pos = block.start + mark.pos
                message = f"The story mostly uses {majority} quote marks; use {right} here."
                findings.append(self.finding("typography.mixed-quotes", doc.text, pos, pos + 1, message, [right]))
        return findings


CHECKS = [TypographyCheck]
