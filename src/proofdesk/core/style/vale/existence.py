"""``extends: existence`` — flag every match of a list of tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import (
    NONWORD_TEMPLATE,
    WORD_TEMPLATE,
    Alert,
    ExceptionMatcher,
    Rule,
    within,
)


def existence_pattern(tokens: list[str], raw: list[str], *, nonword: bool, append: bool) -> str:
    """Vale's ``makeRegexp``: tokens in a (word-bounded) group, raw before it or, with append, after."""
    parsed = [t for t in tokens if t.strip()]
    template = WORD_TEMPLATE if (not nonword and parsed) else NONWORD_TEMPLATE
    # Vale writes "(?m)" inside the template; hoisting it to the front means the same to Go and
    # lets Python's faster ``re`` accept the pattern too (it refuses global flags mid-pattern).
    core = template.removeprefix("(?m)").format("|".join(parsed))
    joined = "".join(raw)
    return "(?m)" + (core + joined if append else joined + core)


@dataclass
class Existence(Rule):
    pattern: Pattern = None
    exceptions: ExceptionMatcher = field(default_factory=ExceptionMatcher)

    extends: ClassVar[str] = "existence"

    def prefilter_source(self) -> str | None:
        return str(self.pattern.pattern)

    def run(self, text: str, timeout: float) -> list[Alert]:
        alerts = []
        phrases: list[tuple[int, int]] | None = None
        for m in regexes.finditer(self.pattern, text, timeout):
            matched = m.group()
            if not matched or self.exceptions.matches(matched.strip()):
                continue
            if self.exceptions.phrases is not None:
                if phrases is None:
                    phrases = self.exceptions.phrase_spans(text)
                if within(phrases, m.start(), m.end()):
                    continue
            fixes = self.suggestions(matched)
            alerts.append(Alert(m.start(), m.end(), self.alert_message(matched, fixes), fixes))
        return alerts
