"""Runs the enabled checks over a document, re-checking only blocks whose text changed."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from proofdesk.core.checks import available_checks
from proofdesk.core.checks.base import Check, CheckContext
from proofdesk.core.document import Block, Document
from proofdesk.core.findings import Finding, finding_selected, rule_matches
from proofdesk.core.shadowing import drop_repeats, family_rank

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside :meth:`Engine.check` when the caller's ``cancelled()`` turns true."""


@dataclass(frozen=True)
class EngineConfig:
    context: CheckContext = field(default_factory=CheckContext)
    # Selectors are categories, rule ids or dotted rule-id prefixes.
    only: frozenset[str] | None = None
    disabled: frozenset[str] = frozenset()
    # True: a family that raises is skipped and reported in Engine.failures, and the
    # others still run (the command line reports it); False: the exception propagates.
    isolate_failures: bool = False


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """A check family that raised on this document; its findings are missing from the result."""

    family: str
    error: str


@dataclass
class EngineStats:
    block_calls: int = 0
    cache_hits: int = 0
    per_family: dict[str, int] = field(default_factory=dict)


_CacheKey = tuple[str, Hashable, str, str, tuple[tuple[int, int], ...]]


class Engine:
    """Holds the check instances and the per-block result cache for one draft.

    Not thread-safe: give each worker its own engine, or serialise calls.
    """

    def __init__(self, config: EngineConfig | None = None, checks: Sequence[type[Check]] | None = None) -> None:
        self.config = config or EngineConfig()
        classes = available_checks() if checks is None else tuple(checks)
        self.checks: list[Check] = []
        # Families that could not even be set up; reported with every run's failures.
        self._unusable: list[CheckFailure] = []
        for cls in classes:
            if not self._wanted(cls):
                continue
            try:
                self.checks.append(cls(self.config.context))
            except Exception as exc:
                if not self.config.isolate_failures:
                    raise
                self._unusable.append(CheckFailure(cls.family, f"{type(exc).__name__}: {exc}"))
        self._fingerprints = {c.family: c.fingerprint() for c in self.checks}
        self._cache: dict[_CacheKey, tuple[Finding, ...]] = {}
        self.stats = EngineStats()
        self.failures: list[CheckFailure] = []

    def _wanted(self, cls: type[Check]) -> bool:
        cfg = self.config
        if rule_matches(cls.family, cfg.disabled):
            return False
        if cfg.only is None:
            return True
        if getattr(cls, "dynamic_rules", False) or rule_matches(cls.family, cfg.only):
            return True
        return any(finding_selected_info(rule.id, str(rule.category), cfg.only) for rule in cls.rules)

    def _selected(self, finding: Finding) -> bool:
        cfg = self.config
        if cfg.disabled and (finding_selected(finding, cfg.disabled)):
            return False
        return cfg.only is None or finding_selected(finding, cfg.only)

    def check(
        self,
        doc: Document,
        blocks: Sequence[Block] | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelledFn | None = None,
    ) -> list[Finding]:
        """All findings for ``doc``, sorted by start, end, rule.

        ``blocks`` restricts the per-block pass (e.g. the visible ones first);
        document-wide passes still see the whole document.
        """
        todo = doc.blocks if blocks is None else blocks
        used: set[_CacheKey] = set()
        results: list[Finding] = []
        ranks: dict[int, int] = {}
        total = len(todo) + 1
        self.failures = list(self._unusable)
        for check in self.checks:
            try:
                own = self._run_family(check, doc, todo, used, cancelled)
            except Cancelled:
                raise
            except Exception as exc:
                if not self.config.isolate_failures:
                    raise
                self.failures.append(CheckFailure(check.family, f"{type(exc).__name__}: {exc}"))
                continue
            rank = family_rank(check.family)
            for f in own:
                if self._selected(f):
                    results.append(f)
                    ranks[id(f)] = rank
        if progress is not None:
            progress(total, total)
        if blocks is None:
            # Keep only what this draft still uses, so memory tracks the draft.
            self._cache = {k: v for k, v in self._cache.items() if k in used}
        results.sort(key=lambda f: f.sort_key)
        return drop_repeats(results, lambda f: ranks[id(f)])

    def _run_family(
        self,
        check: Check,
        doc: Document,
        todo: Sequence[Block],
        used: set[_CacheKey],
        cancelled: CancelledFn | None,
    ) -> list[Finding]:
        own: list[Finding] = []
        fp = self._fingerprints[check.family]
        for i, block in enumerate(todo):
            if cancelled is not None and i % 64 == 0 and cancelled():
                raise Cancelled
            key: _CacheKey = (check.family, fp, block.kind, block.text, block.skips)
            hit = self._cache.get(key)
            if hit is None:
                hit = tuple(check.check_block(block))
                self._cache[key] = hit
                self.stats.block_calls += 1
                self.stats.per_family[check.family] = self.stats.per_family.get(check.family, 0) + 1
            else:
                self.stats.cache_hits += 1
            used.add(key)
            own.extend(f.shifted(block.start) for f in hit)
        own = check.review(doc, own)
        own.extend(check.check_document(doc))
        return own


def finding_selected_info(rule_id: str, category: str, selectors: frozenset[str]) -> bool:
    return category in selectors or rule_matches(rule_id, selectors)
