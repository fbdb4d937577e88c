"""One problem, one finding: when two check families flag the same span for the same thing,
the more specific family's finding stands and the other is dropped.

ProofDesk's own checks carry house-specific messages and fixes, so they outrank
house-style rules, which outrank LanguageTool.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from proofdesk.core.findings import Finding

# Lower rank wins. Families not named here are ProofDesk's own checks (rank 0).
FAMILY_RANK = {"style": 1, "grammar": 2}


def family_rank(family: str) -> int:
    return FAMILY_RANK.get(family, 0)


def _same_problem(a: Finding, b: Finding) -> bool:
    if a.category == b.category:
        return True
    return bool(a.suggestions and b.suggestions) and a.suggestions[0] == b.suggestions[0]


def drop_repeats(findings: Sequence[Finding], rank: Callable[[Finding], int]) -> list[Finding]:
    """``findings`` without those repeated by a better-ranked finding on the same span; order kept."""
    by_span: dict[tuple[int, int], list[Finding]] = {}
    for f in findings:
        by_span.setdefault((f.start, f.end), []).append(f)
    dropped: set[int] = set()
    for group in by_span.values():
        if len(group) < 2:
            continue
        for f in group:
            r = rank(f)
            if any(rank(g) < r and _same_problem(f, g) for g in group if g is not f):
                dropped.add(id(f))
    return [f for f in findings if id(f) not in dropped]
