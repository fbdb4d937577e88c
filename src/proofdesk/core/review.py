"""A review session: the draft text, its pending findings, and accept / ignore as undoable changes.

Qt-free so the desk's behaviour can be tested and reused without a window: the
GUI applies the returned edits to its editor and wraps each :class:`Change` in
one undo step (``before``/``after`` snapshots restore the session exactly).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from proofdesk.core.corrections import Edit, apply_edits, edit_for, remap_findings, resolve_overlaps
from proofdesk.core.findings import Finding


@dataclass(frozen=True, slots=True)
class SessionState:
    text: str
    findings: tuple[Finding, ...]
    ignored: tuple[Finding, ...]
    ignored_rules: frozenset[str]


@dataclass(frozen=True)
class Change:
    """What one review action did; ``edits`` are in the old text, ``inverse`` in the new."""

    edits: list[Edit]
    inverse: list[Edit]
    accepted: list[Finding]
    before: SessionState
    after: SessionState
    skipped: list[Finding] = field(default_factory=list)

    @property
    def changed_text(self) -> bool:
        return bool(self.edits)


class ReviewSession:
    def __init__(self, text: str, findings: Iterable[Finding] = ()) -> None:
        self.text = text
        self.findings: list[Finding] = []
        self.ignored: list[Finding] = []
        self.ignored_rules: set[str] = set()
        self._starts: list[int] = []
        self.set_findings(findings)

    # State ------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        return SessionState(self.text, tuple(self.findings), tuple(self.ignored), frozenset(self.ignored_rules))

    def restore(self, state: SessionState) -> None:
        self.text = state.text
        self.ignored = list(state.ignored)
        self.ignored_rules = set(state.ignored_rules)
        self._set_sorted(list(state.findings))

    def _set_sorted(self, findings: list[Finding]) -> None:
        findings.sort(key=lambda f: f.sort_key)
        self.findings = findings
        self._starts = [f.start for f in findings]

    def _wanted(self, f: Finding, ignored_keys: set[tuple[str, int, int, str]]) -> bool:
        return f.rule not in self.ignored_rules and f.key not in ignored_keys and f.end <= len(self.text)

    def set_findings(self, findings: Iterable[Finding], within: tuple[int, int] | None = None) -> None:
        """Take a check's results (for the whole text, or only for ``within`` = [start, end)).

        Findings that were ignored, or whose rule was ignored, stay out.
        """
        ignored_keys = {f.key for f in self.ignored}
        fresh = [f for f in findings if self._wanted(f, ignored_keys) and self.text[f.start : f.end] == f.text]
        if within is not None:
            lo, hi = within
            fresh = [f for f in fresh if lo <= f.start < hi]
            fresh.extend(f for f in self.findings if not lo <= f.start < hi)
        self._set_sorted(fresh)

    # Typing -----------------------------------------------------------------

    def apply_edit(self, edit: Edit) -> None:
        """An edit made outside the session (typing, paste): move findings with the text."""
        self.text, _ = apply_edits(self.text, [edit])
        self._set_sorted(remap_findings(self.findings, [edit]))
        self.ignored = remap_findings(self.ignored, [edit])

    # Review actions -----------------------------------------------------------

    def _change(self, accepted: list[Finding], edits: list[Edit], skipped: list[Finding]) -> Change:
        before = self.state
        new_text, inverse = apply_edits(self.text, edits)
        gone = {f.key for f in accepted}
        remaining = [f for f in self.findings if f.key not in gone]
        self.text = new_text
        self._set_sorted(remap_findings(remaining, edits))
        self.ignored = remap_findings(self.ignored, edits)
        return Change(edits, inverse, accepted, before, self.state, skipped)

    def accept(self, finding: Finding, choice: int = 0) -> Change:
        """Apply suggestion ``choice`` of ``finding`` (which must be pending)."""
        if finding not in self.findings:
            raise ValueError(f"{finding.rule} at {finding.start} is not pending")
        return self._change([finding], [edit_for(finding, choice)], [])

    def fixable(self, rule: str) -> tuple[list[Finding], list[Finding]]:
        """The pending findings of ``rule`` accept-all would apply, and those it would skip (overlaps)."""
        return resolve_overlaps(f for f in self.findings if f.rule == rule and f.suggestions)

    def accept_all(self, rule: str) -> Change:
        chosen, dropped = self.fixable(rule)
        return self._change(chosen, [edit_for(f) for f in chosen], dropped)

    def ignore(self, finding: Finding) -> Change:
        before = self.state
        self.ignored.append(finding)
        self._set_sorted([f for f in self.findings if f.key != finding.key])
        return Change([], [], [], before, self.state)

    def ignore_rule(self, rule: str) -> Change:
        before = self.state
        self.ignored_rules.add(rule)
        self._set_sorted([f for f in self.findings if f.rule != rule])
        return Change([], [], [], before, self.state)

    def dismiss_where(self, predicate: Callable[[Finding], bool]) -> Change:
        """Drop pending findings matching ``predicate`` until the next check (a word just added to the dictionary)."""
        before = self.state
        self._set_sorted([f for f in self.findings if not predicate(f)])
        return Change([], [], [], before, self.state)

    # Navigation ---------------------------------------------------------------

    def next_after(self, offset: int, current: Finding | None = None) -> Finding | None:
        """The first finding starting at or after ``offset`` that is not ``current``; wraps round."""
        if not self.findings:
            return None
        i = bisect.bisect_left(self._starts, offset)
        n = len(self.findings)
        for k in range(n):
            f = self.findings[(i + k) % n]
            if current is None or f.key != current.key:
                return f
        return None

    def previous_before(self, offset: int, current: Finding | None = None) -> Finding | None:
        if not self.findings:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        n = len(self.findings)
        for k in range(n):
            f = self.findings[(i - k) % n]
            if current is None or f.key != current.key:
                return f
        return None

    def at(self, offset: int) -> list[Finding]:
        """Pending findings whose span contains ``offset`` (end inclusive, so a cursor after a word counts)."""
        i = bisect.bisect_right(self._starts, offset)
        return [f for f in self.findings[:i] if f.start <= offset <= f.end][-8:]

    def in_range(self, start: int, end: int) -> list[Finding]:
        """Pending findings that start before ``end`` and end after ``start``."""
        # Findings are short (a paragraph at most), so looking back a bounded way is enough in practice;
        # still scan from the first start that could matter.
        i = bisect.bisect_left(self._starts, end)
        out: list[Finding] = []
        j = i - 1
        while j >= 0:
            f = self.findings[j]
            if f.end > start or f.start == f.end >= start:
                out.append(f)
            elif f.start < start - 100_000:
                break
            j -= 1
        out.reverse()
        return out

    def find(self, key: tuple[str, int, int, str]) -> Finding | None:
        i = bisect.bisect_left(self._starts, key[1])
        while i < len(self.findings) and self.findings[i].start == key[1]:
            if self.findings[i].key == key:
                return self.findings[i]
            i += 1
        return None


def following(findings: list[Finding], after: Finding) -> Finding | None:
    """The finding after ``after`` in document order (by start, end, rule), wrapping round."""
    if not findings:
        return None
    keys = [f.sort_key for f in findings]
    i = bisect.bisect_right(keys, after.sort_key)
    return findings[i % len(findings)]


def preceding(findings: list[Finding], before: Finding) -> Finding | None:
    if not findings:
        return None
    keys = [f.sort_key for f in findings]
    i = bisect.bisect_left(keys, before.sort_key) - 1
    return findings[i % len(findings)]
