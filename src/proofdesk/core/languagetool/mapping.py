"""LanguageTool matches → ProofDesk findings, with offsets exact to the code point.

LanguageTool is Java: its ``offset``/``length`` count UTF-16 code units of the
text it was sent (markup included when the request used ``data``), so an emoji
before a match would shift a naive mapping by one. We convert through a
UTF-16 index of the request text, then attribute the match to the block piece
it falls in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.shadowing import drop_repeats, family_rank

RULE_PREFIX = "grammar."
MAX_SUGGESTIONS = 5

# LanguageTool's spelling rules; ProofDesk's own speller owns spelling unless the house style says otherwise.
SPELLING_RULE_PREFIXES = ("MORFOLOGIK_", "HUNSPELL_")

_STYLE_CATEGORIES = frozenset(
    {
        "STYLE",
        "REDUNDANCY",
        "PLAIN_ENGLISH",
        "WIKIPEDIA",
        "REPETITIONS_STYLE",
        "GENDER_NEUTRALITY",
        "BRITISH_ENGLISH",
        "AMERICAN_ENGLISH",
        "CREATIVE_WRITING",
        "TEXT_ANALYSIS",
    }
)
_STYLE_ISSUES = frozenset({"style", "locale-violation", "register"})
_TYPOGRAPHY_ISSUES = frozenset({"typographical", "whitespace"})


def is_spelling_rule(rule_id: str, issue_type: str = "") -> bool:
    return rule_id.startswith(SPELLING_RULE_PREFIXES) or issue_type == "misspelling"


def classify(rule: Mapping[str, Any]) -> tuple[Category, Severity]:
    """ProofDesk's category and severity for a LanguageTool rule, from its category id and issue type."""
    rule_id = str(rule.get("id", ""))
    issue = str(rule.get("issueType", ""))
    category = rule.get("category")
    cat_id = str(category.get("id", "")) if isinstance(category, Mapping) else ""
    if is_spelling_rule(rule_id, issue):
        return Category.SPELLING, Severity.ERROR
    if cat_id == "TYPOGRAPHY" or issue in _TYPOGRAPHY_ISSUES:
        return Category.TYPOGRAPHY, Severity.WARNING
    if cat_id in _STYLE_CATEGORIES or issue in _STYLE_ISSUES:
        return Category.STYLE, Severity.SUGGESTION
    return Category.GRAMMAR, Severity.WARNING


_SUGGESTION_TAG = re.compile(r"</?suggestion>")


def clean_message(message: str) -> str:
    # LanguageTool marks replacements inline; quote them instead of showing the tags.
    return _SUGGESTION_TAG.sub("'", message).strip()


class Utf16Index:
    """Converts UTF-16 code-unit offsets of ``text`` to ``str`` indices."""

    def __init__(self, text: str) -> None:
        self._astral: list[int] = []  # UTF-16 offsets just after each astral character
        units = 0
        for ch in text:
            units += 2 if ord(ch) > 0xFFFF else 1
            if ord(ch) > 0xFFFF:
                self._astral.append(units)
        self.units = units
        self._ends = frozenset(self._astral)

    def to_index(self, units: int) -> int:
        # Each astral character before ``units`` took two code units but is one index.
        return units - bisect_right(self._astral, units)

    def lands_inside_pair(self, units: int) -> bool:
        """True if ``units`` points between the two halves of a surrogate pair (a broken offset)."""
        return units + 1 in self._ends


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of one block sent in a request: ``block.text[offset:offset+len(text)]``."""

    block: int
    offset: int
    text: str
    skips: tuple[tuple[int, int], ...] = ()  # relative to this piece


@dataclass(frozen=True, slots=True)
class Placed:
    """A match placed in one piece, in code points relative to that piece's block."""

    block: int
    start: int
    end: int
    match: Mapping[str, Any]


def place_matches(
    pieces: Sequence[Piece], starts: Sequence[int], sent: str, matches: Iterable[Any]
) -> tuple[list[Placed], int]:
    """Attribute raw matches of one request to pieces.

    ``sent`` is the request's whole text (``data`` with markup concatenated), and
    ``starts[i]`` where piece ``i`` begins in it. Returns the placed matches and
    how many were unusable (bad offsets, spanning two blocks, not a JSON object).
    """
    index = Utf16Index(sent)
    placed: list[Placed] = []
    bad = 0
    for m in matches:
        try:
            offset, length = int(m["offset"]), int(m["length"])
        except (TypeError, KeyError, ValueError):
            bad += 1
            continue
        if not isinstance(m.get("rule"), Mapping) or offset < 0 or length < 0 or offset + length > index.units:
            bad += 1
            continue
        if index.lands_inside_pair(offset) or index.lands_inside_pair(offset + length):
            bad += 1
            continue
        start, end = index.to_index(offset), index.to_index(offset + length)
        i = bisect_right(starts, start) - 1
        if i < 0:
            bad += 1
            continue
        piece = pieces[i]
        rel_start, rel_end = start - starts[i], end - starts[i]
        if rel_end > len(piece.text):
            # Runs over the paragraph break we inserted: not a finding about any one block.
            bad += 1
            continue
        placed.append(Placed(piece.block, piece.offset + rel_start, piece.offset + rel_end, m))
    return placed, bad


def to_finding(placed: Placed, block_text: str) -> Finding:
    rule = placed.match["rule"]
    category, severity = classify(rule)
    replacements = placed.match.get("replacements") or []
    suggestions: list[str] = []
    for r in replacements:
        value = r.get("value") if isinstance(r, Mapping) else None
        if isinstance(value, str) and value not in suggestions:
            suggestions.append(value)
        if len(suggestions) == MAX_SUGGESTIONS:
            break
    message = placed.match.get("message")
    return Finding(
        rule=RULE_PREFIX + str(rule.get("id", "UNKNOWN")),
        category=category,
        severity=severity,
        start=placed.start,
        end=placed.end,
        text=block_text[placed.start : placed.end],
        message=clean_message(message) if isinstance(message, str) and message.strip() else "LanguageTool match",
        suggestions=tuple(suggestions),
    )


def drop_shadowed(findings: Sequence[Finding]) -> list[Finding]:
    """Drop LanguageTool findings that repeat one of ProofDesk's own (see proofdesk.core.shadowing).

    LanguageTool files "the the" under grammar, ProofDesk under spelling: one
    problem, one fix, and ProofDesk's finding carries the house's message.
    """
    return drop_repeats(findings, lambda f: family_rank("grammar") if f.rule.startswith(RULE_PREFIX) else 0)
