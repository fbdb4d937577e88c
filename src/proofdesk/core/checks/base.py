"""What every check is: a plain object with no Qt, safe to run on a worker thread.

A check family (``spelling``, ``typography``…) subclasses :class:`Check` and
declares the rules it may emit. The engine calls, in order:

1. ``check_block(block)`` for every block — results are cached by the block's
   text, so they must depend on nothing but the block and the check's options,
   and their offsets are *relative to the block*;
2. ``check_document(doc)`` once — document-wide findings, absolute offsets,
   computed from a cheap pass over the blocks (duplicates, consistency);
3. ``review(doc, findings)`` once — may drop or adjust the family's own block
   findings in the light of the whole document (a name that recurs is not a
   typo).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from proofdesk.core.document import Block, Document
from proofdesk.core.findings import Category, Finding, Severity, rule_matches
from proofdesk.core.style.model import HouseStyle


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    category: Category
    severity: Severity
    summary: str


@dataclass(frozen=True)
class CheckContext:
    """What checks may know about the run: language, house style, vocabularies."""

    language: str = "en-GB"
    style: HouseStyle = field(default_factory=HouseStyle)
    personal_words: frozenset[str] = frozenset()
    # ``auto``, ``off`` or a server URL; see proofdesk.core.checks.grammar.
    languagetool: str = "off"
    extra: dict[str, Any] = field(default_factory=dict)
    # What the user must be told about how this context was built (a corrupt dictionary set aside…).
    notices: tuple[str, ...] = ()

    def options(self, check_id: str) -> dict[str, Any]:
        return self.style.options(check_id)


class Check:
    family: ClassVar[str]
    rules: ClassVar[tuple[RuleInfo, ...]]
    # True for families whose rule ids are only known at run time (house rules, LanguageTool).
    dynamic_rules: ClassVar[bool] = False
    # True if check_document reads only the document and the options, so the engine may reuse it.
    cacheable_document_pass: ClassVar[bool] = False

    @classmethod
    def may_emit(cls, selectors: frozenset[str], ctx: CheckContext) -> bool:
        """Could this family report a finding that ``selectors`` (``--only``) select?

        Lets ``--only spelling`` skip every other family without running it.
        """
        if any(s == cls.family or s.startswith(cls.family + ".") for s in selectors):
            return True
        if rule_matches(cls.family, selectors):
            return True
        return any(str(r.category) in selectors or rule_matches(r.id, selectors) for r in cls.rules)

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx

    def fingerprint(self) -> Hashable:
        """Everything besides block text that changes block results (part of the cache key)."""
        return (self.ctx.language, repr(sorted(self.ctx.options(self.family).items())))

    def check_block(self, block: Block) -> Iterable[Finding]:
        return ()

    def check_document(self, doc: Document) -> Iterable[Finding]:
        return ()

    def review(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        return findings

    # Helpers for subclasses -------------------------------------------------

    def rule(self, rule_id: str) -> RuleInfo:
        for info in self.rules:
            if info.id == rule_id:
                return info
        raise KeyError(f"{type(self).__name__} does not declare rule {rule_id!r}")

    def finding(
        self,
        rule_id: str,
        text: str,
        start: int,
        end: int,
        message: str,
        suggestions: Sequence[str] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding over ``text[start:end]`` (block-relative or absolute, as ``text`` is)."""
        info = self.rule(rule_id)
        return Finding(
            rule=rule_id,
            category=info.category,
            severity=severity or info.severity,
            start=start,
            end=end,
            text=text[start:end],
            message=message,
            suggestions=tuple(suggestions),
        )
