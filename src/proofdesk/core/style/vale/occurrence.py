"""``extends: occurrence`` — too many (or too few) matches of a token in one scope unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import Alert, Rule, format_message


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
        # Only the count and the first match matter: count in C, and look for the first one only when it is needed.
        count = regexes.count(self.pattern, text, timeout)
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
