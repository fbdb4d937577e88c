"""Grammar through LanguageTool (``grammar.<LanguageTool rule id>``).

The work happens in ``check_document`` rather than ``check_block``, for two
reasons. The engine caches whatever ``check_block`` returns, so a server that
timed out would be remembered as "no grammar problems here"; and one request
per paragraph, one after another, costs a round trip each, where a draft sent
as a few multi-paragraph requests, several in flight, costs about one. Results
are still cached per block text (process-wide, so every engine the app creates
shares them), and only successful answers are cached.

Never raises: any failure becomes the grammar status plus one notice, and no
grammar findings for the blocks concerned.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, ClassVar

from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.findings import Finding

if TYPE_CHECKING:
    from proofdesk.core.languagetool.mapping import Piece
    from proofdesk.core.languagetool.service import GrammarOptions

# The LanguageTool modules (HTTP client, server management) are imported only when a check needs
# them: with grammar off they would add tens of milliseconds to every start for nothing.

CACHE_SIZE = 20_000
_REGEX_CHARS = frozenset("[]()?*+|\\{}^$")

_BlockKey = tuple[Hashable, str, tuple[tuple[int, int], ...]]


class _Cache:
    def __init__(self, size: int) -> None:
        self._data: OrderedDict[_BlockKey, tuple[Finding, ...]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: _BlockKey) -> tuple[Finding, ...] | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def put(self, key: _BlockKey, value: tuple[Finding, ...]) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_cache = _Cache(CACHE_SIZE)


def clear_cache() -> None:
    _cache.clear()


def _vocabulary_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    parts: list[str] = []
    for word in sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True):
        if _REGEX_CHARS & set(word):
            # Vale vocabularies are regular expressions; a broken one is the style validator's to report.
            try:
                re.compile(word)
            except re.error:
                parts.append(re.escape(word))
            else:
                parts.append(f"(?:{word})")
        else:
            parts.append(re.escape(word))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


class GrammarCheck(Check):
    family = "grammar"
    rules: ClassVar[tuple[RuleInfo, ...]] = ()
    dynamic_rules = True
    # LanguageTool's categories map onto these (see proofdesk.core.languagetool.mapping).
    categories: ClassVar[frozenset[str]] = frozenset({"grammar", "typography", "style"})

    @classmethod
    def may_emit(cls, selectors: frozenset[str], ctx: CheckContext) -> bool:
        return super().may_emit(selectors, ctx) or bool(cls.categories & selectors)

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.mode = ctx.languagetool
        vocabulary = set(ctx.style.accept) | set(ctx.personal_words)
        self._vocabulary = _vocabulary_pattern(vocabulary)
        self._vocabulary_key = tuple(sorted(vocabulary))
        self._options: GrammarOptions | None = None
        self.params: dict[str, str] = {}
        self._key: Hashable = (self.mode, self._vocabulary_key)
        if self.mode != "off":
            self._configure()

    @property
    def options(self) -> GrammarOptions:
        return self._options if self._options is not None else self._configure()

    def _configure(self) -> GrammarOptions:
        """Parse the grammar settings (reporting bad ones), the first time they are needed."""
        from proofdesk.core.languagetool import service, status

        if self._options is None:
            options, problems = service.parse_options(self.ctx.options("grammar"), self.ctx.extra)
            for problem in problems:
                status.notify("lt.options:" + problem, problem)
            self.params = options.params(self.ctx.language)
            self._key = (self.mode, tuple(sorted(self.params.items())), options.spelling, self._vocabulary_key)
            self._options = options
        return self._options

    def fingerprint(self) -> Hashable:
        # With grammar off nothing is ever cached, so the settings need not be read to tell runs apart.
        return (super().fingerprint(), self._key)

    def check_document(self, doc: Document) -> list[Finding]:
        if self.mode == "off":
            # Turned off on purpose: nothing to tell the user, and no LanguageTool module to import.
            return []
        from proofdesk.core.languagetool import status

        try:
            self._configure()
            return self._check(doc)
        except Exception as exc:  # the other checks' results must survive any surprise here
            message = f"Grammar check failed unexpectedly ({type(exc).__name__}: {exc}); grammar findings are missing."
            status.set_status(status.State.FAILED, message, self.mode)
            status.notify("lt.crash:" + type(exc).__name__, message)
            return []

    def _check(self, doc: Document) -> list[Finding]:
        from proofdesk.core.languagetool import service
        from proofdesk.core.languagetool.client import check_pieces, split_long
        from proofdesk.core.languagetool.mapping import is_spelling_rule, to_finding

        results: list[Finding] = []
        pending: dict[int, Block] = {}
        for i, block in enumerate(doc.blocks):
            if block.kind is BlockKind.CODE or not block.text.strip():
                continue
            hit = _cache.get((self._key, block.text, block.skips))
            if hit is None:
                pending[i] = block
            else:
                results.extend(f.shifted(block.start) for f in hit)
        if not pending and self.mode != "off":
            return results
        conn = service.connect(self.mode, self.options)
        if conn is None or not pending:
            return results
        pieces: list[Piece] = []
        for i, block in pending.items():
            pieces.extend(split_long(i, block.text, block.skips, conn.client.limits.max_chars))
        outcome = check_pieces(conn.client, pieces, self.params)
        found: dict[int, list[Finding]] = {i: [] for i in pending}
        for placed in outcome.placed:
            if placed.block in outcome.failed_blocks:
                continue
            rule = placed.match["rule"]
            if not self.options.spelling and is_spelling_rule(str(rule.get("id", "")), str(rule.get("issueType", ""))):
                continue
            block = pending[placed.block]
            if block.is_skipped(placed.start, placed.end) or self._on_vocabulary(block.text, placed.start, placed.end):
                continue
            found[placed.block].append(to_finding(placed, block.text))
        for i, block in pending.items():
            if i in outcome.failed_blocks:
                continue
            own = tuple(sorted(_unique(found[i]), key=lambda f: f.sort_key))
            _cache.put((self._key, block.text, block.skips), own)
            results.extend(f.shifted(block.start) for f in own)
        if outcome.error is not None:
            service.report_failure(conn, self.mode, outcome.error.message)
        else:
            service.report_success(conn, self.mode)
        return results

    def _on_vocabulary(self, text: str, start: int, end: int) -> bool:
        if self._vocabulary is None:
            return False
        return any(m.start() < max(end, start + 1) and start < m.end() for m in self._vocabulary.finditer(text))


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Finding] = []
    for f in findings:
        if f.key not in seen:
            seen.add(f.key)
            out.append(f)
    return out


CHECKS = [GrammarCheck]
