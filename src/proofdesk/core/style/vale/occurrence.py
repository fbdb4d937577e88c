"""``extends: occurrence`` — too many (or too few) matches of a token in one scope unit."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.additive import confined_to_sentences, required_marks
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import Alert, Rule, format_message, shift


@dataclass
class Occurrence(Rule):
    pattern: Pattern = None
    max: int = 0
    min: int = 0

    extends: ClassVar[str] = "occurrence"

    def prefilter_source(self) -> str | None:
        # With ``min`` the rule alerts on units with too few matches, including none at all.
        return None if self.min else str(self.pattern.pattern)

    def run(self, text: str, timeout: float) -> list[Alert]:
        marks = self._marks()
        if marks is not None and _marks_in(text, marks) <= self.max:
            return []
        # Only the count and the first match matter: count in C, and look for the first one only when it is needed.
        return self._alerts(text, regexes.count(self.pattern, text, timeout), timeout)

    def _marks(self) -> tuple[str, ...] | None:
        """The marks one of which every match holds, when counting them can settle ``max`` (see :mod:`..additive`).

        ``Newsroom.ParagraphLength`` (at most four sentence ends): most paragraphs have
        fewer than five full stops, and counting them is ten times cheaper than the search.
        """
        if self.min or self.max <= 0:
            return None
        return _mark_tuple(self.pattern.pattern)

    def quiet_in(self, text: str, timeout: float) -> bool:
        """True if no sentence of ``text`` can have more matches than ``max`` (see :mod:`..additive`)."""
        marks = self._marks()
        if marks is not None:
            # No sentence holds more of the marks than the whole paragraph.
            return _marks_in(text, marks) <= self.max
        pattern = self.pattern
        if self.min or self.max <= 0 or text.count(" ") >= self.max or not confined_to_sentences(pattern.pattern):
            # A paragraph with as many spaces as ``max`` usually has more matches (words), and then every
            # sentence must be counted anyway: searching the whole of it first would only double the work.
            return False
        if not (pattern.linear or (pattern.untimed and len(text) <= regexes.UNTIMED_MAX_CHARS)):
            # Sentence by sentence each search would run without a time limit; so must this one.
            return False
        return regexes.count(pattern, text, timeout) <= self.max

    def run_units(self, units: Sequence[tuple[int, str]], timeout: float) -> list[Alert]:
        marks = self._marks()
        if marks is not None:
            units = [unit for unit in units if _marks_in(unit[1], marks) > self.max]
            if not units:
                return []
        counts = regexes.count_each(self.pattern, [text for _, text in units], timeout)
        alerts: list[Alert] = []
        for (offset, text), count in zip(units, counts, strict=True):
            if (self.max > 0 and count > self.max) or (self.min > 0 and count < self.min):
                alerts.extend(shift(a, offset) for a in self._alerts(text, count, timeout))
        return alerts

    def _alerts(self, text: str, count: int, timeout: float) -> list[Alert]:
        if not ((self.max > 0 and count > self.max) or (self.min > 0 and count < self.min)):
            return []
        message = format_message(self.message, str(count))
        first = regexes.search(self.pattern, text, timeout) if count else None
        if first is None:
            # Nothing to point at when the token is missing altogether: the whole unit.
            stripped = text.rstrip()
            return [Alert(0, len(stripped), message, ())]
        # Vale points at the first match, not the whole unit.
        start, end = first.span()
        return [Alert(start, end, message, self.suggestions(text[start:end]))]


@functools.lru_cache(maxsize=1024)
def _mark_tuple(source: str) -> tuple[str, ...] | None:
    marks = required_marks(source)
    return None if marks is None else tuple(sorted(marks))


def _marks_in(text: str, marks: tuple[str, ...]) -> int:
    if len(marks) == 1:
        return text.count(marks[0])
    return sum(text.count(mark) for mark in marks)
