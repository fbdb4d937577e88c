"""``extends: conditional`` — if ``first`` appears, ``second`` must too (an abbreviation and its definition)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.prefilter import Prefilter, Probe, filter_of
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import Alert, ExceptionMatcher, Rule, within


@dataclass
class Conditional(Rule):
    first: Pattern = None
    second: Pattern = None
    second_has_group: bool = True
    exceptions: ExceptionMatcher = field(default_factory=ExceptionMatcher)

    extends: ClassVar[str] = "conditional"
    document_level: ClassVar[bool] = True

    def run_document(self, units: Sequence[Probe], timeout: float) -> list[tuple[int, Alert]]:
        whole = self.scope.alternatives == (("text",),) or any("text" in alt for alt in self.scope.alternatives)
        defined: set[str] = set()
        present = False
        # Looked up once per document rather than once per paragraph.
        first_filter, second_filter = filter_of(self.first), filter_of(self.second)
        if whole:
            # Vale's ``text`` scope is the whole file, so a definition anywhere counts.
            for unit in units:
                present |= self._collect(unit, defined, timeout, second_filter)
        found: list[tuple[int, Alert]] = []
        for index, unit in enumerate(units):
            if not whole:
                # Narrower scopes run unit by unit, remembering what earlier units defined.
                present |= self._collect(unit, defined, timeout, second_filter)
            if not self.second_has_group and present:
                continue
            if first_filter is not None and not first_filter.admits(unit):
                continue
            text = unit.text
            phrases: list[tuple[int, int]] | None = None
            for m in regexes.finditer(self.first, text, timeout):
                observed = m.group()
                if self.second_has_group and observed in defined:
                    continue
                if self.exceptions.matches(observed):
                    continue
                if self.exceptions.phrases is not None:
                    if phrases is None:
                        phrases = self.exceptions.phrase_spans(text)
                    if within(phrases, m.start(), m.end()):
                        continue
                fixes = self.suggestions(observed)
                found.append((index, Alert(m.start(), m.end(), self.alert_message(observed, fixes), fixes)))
        return found

    def _collect(self, unit: Probe, defined: set[str], timeout: float, second_filter: Prefilter | None) -> bool:
        hit = False
        if second_filter is not None and not second_filter.admits(unit):
            return hit
        for m in regexes.finditer(self.second, unit.text, timeout):
            hit = True
            defined.update(g for g in m.groups() if g)
        return hit
