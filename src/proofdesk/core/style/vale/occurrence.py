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

    def run(self, text: str, timeout: float) -> list[Alert]:
        spans = [m.span() for m in regexes.finditer(self.pattern, text, timeout)]
        count = len(spans)
        if not ((self.max > 0 and count > self.max) or (self.min > 0 and count < self.min)):
            return []
        message = format_message(self.message, str(count))
        if not spans:
            # Nothing to point at when the token is missing altogether: the whole unit.
            stripped = text.rstrip()
            return [Alert(0, len(stripped), message, ())]
        # Vale points at the first match, not the whole unit.
        start, end = spans[0]
        return [Alert(start, end, message, self.suggestions(text[start:end]))]
