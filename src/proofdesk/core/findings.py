"""What a check reports: a span of the document text, a rule, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.SUGGESTION: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Category(StrEnum):
    SPELLING = "spelling"
    GRAMMAR = "grammar"
    DUPLICATE = "duplicate"
    STYLE = "style"
    CONSISTENCY = "consistency"
    ATTRIBUTION = "attribution"
    FURNITURE = "furniture"
    TYPOGRAPHY = "typography"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at ``text[start:end]`` (code-point offsets, end exclusive).

    ``suggestions`` are replacements for the span, best first: ``""`` deletes the
    span and an empty tuple means there is no automatic fix.
    """

    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end} for {self.rule}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"text {self.text!r} does not fit span {self.start}..{self.end}")

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.rule)

    @property
    def key(self) -> tuple[str, int, int, str]:
        """Identity of a finding within one text: same rule, span and text."""
        return (self.rule, self.start, self.end, self.text)

    def shifted(self, delta: int) -> Finding:
        if delta == 0:
            return self
        return replace(self, start=self.start + delta, end=self.end + delta)

    def to_json(self, line: int, column: int) -> dict[str, object]:
        return {
            "rule": self.rule,
            "category": str(self.category),
            "severity": str(self.severity),
            "start": self.start,
            "end": self.end,
            "line": line,
            "column": column,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


def rule_matches(rule: str, selectors: frozenset[str] | set[str]) -> bool:
    """True if ``rule`` or its category/prefix is named in ``selectors``.

    A selector names a rule id exactly or a dotted prefix of it: ``spelling``
    selects every ``spelling.*`` rule, ``House`` every ``House.*`` rule.
    """
    if rule in selectors:
        return True
    parts = rule.split(".")
    return any(".".join(parts[:i]) in selectors for i in range(1, len(parts)))


def finding_selected(finding: Finding, selectors: frozenset[str] | set[str]) -> bool:
    """True if ``selectors`` names the finding's category, rule id or a rule-id prefix."""
    return str(finding.category) in selectors or rule_matches(finding.rule, selectors)
