"""Runs the enabled checks over a document, re-checking only blocks whose text changed."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from time import perf_counter

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
    # check_document calls actually run, and those answered from the document-pass cache.
    document_calls: int = 0
    document_hits: int = 0
    # Seconds each family took in the last run: (per-block pass with review, document pass).
    last_seconds: dict[str, tuple[float, float]] = field(default_factory=dict)


# (family, options fingerprint, block kind, heading level or list depth, text, skipped spans)
_CacheKey = tuple[str, Hashable, str, int, str, tuple[tuple[int, int], ...]]
# Everything a cacheable document pass may read: the text, how it splits into blocks, where it came from.
_DocKey = tuple[str, str, object, tuple[Block, ...]]

# The per-block pass asks ``cancelled()`` and reports progress this often.
PROGRESS_EVERY = 64


def document_pass_cacheable(check: Check) -> bool:
    """True if the family declares that check_document depends only on the document and its own options.

    A family opts in with the class attribute ``cacheable_document_pass = True``: its
    ``check_document(doc)`` must read nothing but ``doc.text``, ``doc.blocks``,
    ``doc.source_format``, ``doc.path`` and options fixed when the check was built, and
    must have no side effect a later pass depends on. The engine then reuses the last
    result while the document is unchanged.
    """
    return bool(getattr(check, "cacheable_document_pass", False))


class Engine:
    """Holds the check instances and the per-block result cache for one draft.

    Not thread-safe: give each worker its own engine, or serialise calls.

    For an editor: after a keystroke call :meth:`check_blocks` with the edited
    paragraph(s) for that paragraph's underlines at once, then :meth:`check` (on a
    worker, cancellable) for the document-wide families. Unchanged paragraphs and,
    for families that allow it, an unchanged document are answered from caches.
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
        # family -> (document key, findings) of its last document pass; one entry each, so memory tracks the draft.
        self._doc_cache: dict[str, tuple[_DocKey, tuple[Finding, ...]]] = {}
        self.stats = EngineStats()
        self.failures: list[CheckFailure] = []

    def _wanted(self, cls: type[Check]) -> bool:
        cfg = self.config
        if rule_matches(cls.family, cfg.disabled):
            return False
        if cfg.only is None:
            return True
        return cls.may_emit(cfg.only, cfg.context)

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
        *,
        document_passes: bool = True,
    ) -> list[Finding]:
        """All findings for ``doc``, sorted by start, end, rule.

        ``blocks`` restricts the per-block pass (e.g. the visible ones first);
        document-wide passes still see the whole document, unless
        ``document_passes`` is false: then only the per-block findings of
        ``blocks`` come back (see :meth:`check_blocks`).

        ``progress(done, total)`` is called every :data:`PROGRESS_EVERY` blocks of
        each family's per-block pass, after each document pass, and once at the end
        with ``done == total``.
        """
        todo = doc.blocks if blocks is None else blocks
        used: set[_CacheKey] = set()
        results: list[Finding] = []
        ranks: dict[int, int] = {}
        # A document pass weighs as much as a per-block pass over the whole draft in the progress figure.
        per_family = len(todo) + (len(doc.blocks) if document_passes else 0)
        total = max(1, len(self.checks) * per_family)
        self.failures = list(self._unusable)
        doc_key: _DocKey | None = None
        seconds = self.stats.last_seconds
        seconds.clear()
        for n, check in enumerate(self.checks):
            done = n * per_family
            try:
                t0 = perf_counter()
                own = self._block_pass(check, doc, todo, used, cancelled, progress, done, total)
                if own:  # a review only drops or adjusts findings, and some reviews read the whole draft
                    own = check.review(doc, own)
                t1 = perf_counter()
                if document_passes:
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    if doc_key is None and document_pass_cacheable(check):
                        doc_key = (doc.text, doc.source_format, doc.path, tuple(doc.blocks))
                    own.extend(self._document_pass(check, doc, doc_key))
                    if progress is not None:
                        progress(done + per_family, total)
                seconds[check.family] = (t1 - t0, perf_counter() - t1)
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

    def check_blocks(
        self,
        doc: Document,
        blocks: Sequence[Block],
        progress: ProgressFn | None = None,
        cancelled: CancelledFn | None = None,
    ) -> list[Finding]:
        """Only the per-block findings of ``blocks`` (absolute offsets, sorted): the fast path after an edit.

        Each family's per-block results for ``blocks`` go through its ``review`` with
        the whole ``doc`` (so a recurring name is still not a typo), but no
        document-wide pass runs: they are exactly the findings a full :meth:`check`
        reports from those blocks' per-block pass, provided the family's review judges
        each finding on its own (a review that counts findings across the draft, such
        as a house rule's ``limit``, sees only these). Run :meth:`check` afterwards,
        off the GUI thread, for duplicates, consistency and the other document passes.
        """
        return self.check(doc, blocks, progress, cancelled, document_passes=False)

    def _block_pass(
        self,
        check: Check,
        doc: Document,
        todo: Sequence[Block],
        used: set[_CacheKey],
        cancelled: CancelledFn | None,
        progress: ProgressFn | None,
        done: int,
        total: int,
    ) -> list[Finding]:
        own: list[Finding] = []
        if type(check).check_block is Check.check_block:
            # Document-only families (duplicates, consistency, grammar…): walking every block for nothing
            # cost about 0.3 ms per family per short draft.
            return own
        fp = self._fingerprints[check.family]
        cache = self._cache
        stats = self.stats
        for i, block in enumerate(todo):
            if i % PROGRESS_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled
                if progress is not None and i:
                    progress(done + i, total)
            key: _CacheKey = (check.family, fp, block.kind, block.level, block.text, block.skips)
            hit = cache.get(key)
            if hit is None:
                hit = tuple(check.check_block(block))
                cache[key] = hit
                stats.block_calls += 1
                stats.per_family[check.family] = stats.per_family.get(check.family, 0) + 1
            else:
                stats.cache_hits += 1
            used.add(key)
            if hit:
                start = block.start
                own.extend(f.shifted(start) for f in hit)
        return own

    def _document_pass(self, check: Check, doc: Document, doc_key: _DocKey | None) -> Iterable[Finding]:
        if doc_key is None or not document_pass_cacheable(check):
            self.stats.document_calls += 1
            return check.check_document(doc)
        cached = self._doc_cache.get(check.family)
        if cached is not None and cached[0] == doc_key:
            self.stats.document_hits += 1
            return cached[1]
        self.stats.document_calls += 1
        found = tuple(check.check_document(doc))
        self._doc_cache[check.family] = (doc_key, found)
        return found
