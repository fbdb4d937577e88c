"""``extends: repetition`` — the same token twice in a row ("the the")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import Alert, ExceptionMatcher, Rule, format_message, is_letters


@dataclass
class Repetition(Rule):
    pattern: Pattern = None
    ignorecase: bool = False
    alpha: bool = False
    max: int = 0
    exceptions: ExceptionMatcher = field(default_factory=ExceptionMatcher)

    extends: ClassVar[str] = "repetition"

    def prefilter_source(self) -> str | None:
        return str(self.pattern.pattern)

    def run(self, text: str, timeout: float) -> list[Alert]:
        alerts: list[Alert] = []
        prev = ""
        prev_span = (0, 0)
        count = 0
        for m in regexes.finditer(self.pattern, text, timeout):
            curr = m.group().strip()
            same = curr.lower() == prev.lower() if self.ignorecase else curr == prev
            hit = curr != "" and same
            hit = hit and (not self.alpha or is_letters(curr))
            if hit:
                count += 1
            if hit and count > self.max and "\n" not in text[prev_span[0] : m.end()]:
                if not self.exceptions.matches(curr):
                    start, end = prev_span[0], m.end()
                    first = text[prev_span[0] : prev_span[1]]
                    message = format_message(self.message, curr)
                    # Vale.Repetition's own fix keeps the first copy; so do we when the rule has no action.
                    suggestions = self.suggestions(text[start:end], (first,)) if self.action.name else (first,)
                    alerts.append(Alert(start, end, message, suggestions))
                count = 0
            prev_span = m.span()
            prev = curr
        return alerts
