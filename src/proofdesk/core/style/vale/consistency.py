"""``extends: consistency`` — of each ``either`` pair, only one form may appear in the document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.prefilter import Probe, filter_of
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import Alert, Rule, format_message


@dataclass
class Consistency(Rule):
    # One step per pair: the pattern with groups "a" and "b", and the two forms as written.
    steps: list[tuple[Pattern, str, str]] = field(default_factory=list)

    extends: ClassVar[str] = "consistency"
    document_level: ClassVar[bool] = True

    def run_document(self, units: Sequence[Probe], timeout: float) -> list[tuple[int, Alert]]:
        found: list[tuple[int, Alert]] = []
        for pattern, form_a, form_b in self.steps:
            first: str | None = None
            first_text = ""
            prefilter = filter_of(pattern)
            for index, unit in enumerate(units):
                if prefilter is not None and not prefilter.admits(unit):
                    continue
                for m in regexes.finditer(pattern, unit.text, timeout):
                    side = "a" if m.group("a") is not None else "b"
                    if first is None:
                        # The form the writer used first is the one the rest must follow.
                        first, first_text = side, m.group()
                        continue
                    if side == first:
                        continue
                    observed = m.group()
                    expected = form_a if first == "a" else form_b
                    message = format_message(self.message, observed, first_text)
                    suggestion = (expected,) if _literal(expected) else ()
                    found.append((index, Alert(m.start(), m.end(), message, self.suggestions(observed, suggestion))))
        return found


def _literal(form: str) -> bool:
    return regexes.regex.escape(form, literal_spaces=True) == form
