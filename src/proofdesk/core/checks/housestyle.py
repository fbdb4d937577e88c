"""House-style rules written in Vale's format (``Style.Rule`` ids, category style unless a rule says otherwise).

The rules themselves are data (see :mod:`proofdesk.core.style`); this family
only runs them. Block rules run per block (cached by the engine), rules that
need the whole document (consistency, conditional) run in
``check_document``. A rule whose regular expression runs past its time limit
is reported once and switched off for the rest of the document.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace

from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.style.regexes import DEFAULT_TIMEOUT, RuleTimedOut
from proofdesk.core.style.sentences import split_sentences
from proofdesk.core.style.vale.base import Alert, Rule
from proofdesk.core.style.vale_ini import resolve_level

TIMEOUT_RULE = "style.rule-timeout"
_WORDS = re.compile(r"\w+")
_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_COMMENT = re.compile(r"<!--\s*vale\s+(.*?)\s*-->", re.DOTALL)
_MARKUP_FORMATS = {"md", "markdown", "html", "htm"}


class HouseStyleCheck(Check):
    family = "style"
    rules = (
        RuleInfo(TIMEOUT_RULE, Category.STYLE, Severity.WARNING, "A house rule ran too long and was switched off"),
    )
    dynamic_rules = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        compiled = [r for r in ctx.style.rules if isinstance(r, Rule)]
        self.block_rules = [r for r in compiled if not r.document_level]
        self.document_rules = [r for r in compiled if r.document_level]
        options = ctx.options(self.family)
        try:
            self.timeout = float(options.get("timeout-ms", DEFAULT_TIMEOUT * 1000)) / 1000
        except (TypeError, ValueError):
            self.timeout = DEFAULT_TIMEOUT
        self.timed_out: set[str] = set()

    def fingerprint(self) -> Hashable:
        style = self.ctx.style
        return (super().fingerprint(), str(style.path), tuple(r.name for r in style.rules if isinstance(r, Rule)))

    # Per block ---------------------------------------------------------------

    def check_block(self, block: Block) -> Iterable[Finding]:
        if block.kind == BlockKind.CODE or not self.block_rules:
            return []
        text = block.text
        words: set[str] | None = None
        sentences: list[tuple[int, str]] | None = None
        found: list[Finding] = []
        for rule in self.block_rules:
            if rule.name in self.timed_out or not rule.scope.applies(block.kind, block.level):
                continue
            if rule.triggers is not None:
                if words is None:
                    words = set(_WORDS.findall(text.lower()))
                if rule.triggers.isdisjoint(words):
                    continue
            try:
                if rule.scope.sentence:
                    if sentences is None:
                        sentences = split_sentences(text)
                    alerts = [_shift(a, off) for off, s in sentences for a in rule.run(s, self.timeout)]
                else:
                    alerts = rule.run(text, self.timeout)
            except RuleTimedOut as exc:
                self.timed_out.add(rule.name)
                found.append(self._timeout_finding(rule, text, exc))
                continue
            found.extend(self._findings(rule, block, text, alerts))
        return found

    def _findings(self, rule: Rule, block: Block, text: str, alerts: Sequence[Alert]) -> Iterable[Finding]:
        urls: list[tuple[int, int]] | None = None
        for a in alerts:
            if a.end <= a.start or block.is_skipped(a.start, a.end):
                continue
            if urls is None:
                urls = [m.span() for m in _URL.finditer(text)] if ("/" in text or "@" in text or "www." in text) else []
            if any(s < a.end and a.start < e for s, e in urls):
                continue
            yield Finding(
                rule=rule.name,
                category=rule.category,
                severity=rule.level,
                start=a.start,
                end=a.end,
                text=text[a.start : a.end],
                message=a.message,
                suggestions=a.suggestions,
            )

    def _timeout_finding(self, rule: Rule, text: str, exc: RuleTimedOut, offset: int = 0) -> Finding:
        m = re.search(r"\S+", text)
        start, end = (m.span() if m else (0, 0))
        return Finding(
            rule=TIMEOUT_RULE,
            category=Category.STYLE,
            severity=Severity.WARNING,
            start=start + offset,
            end=end + offset,
            text=text[start:end],
            message=(
                f"House rule {rule.name} {exc} on this paragraph and was switched off for this document; "
                f"its pattern probably backtracks badly ({rule.source})."
            ),
        )

    # Whole document --------------------------------------------------------------

    def check_document(self, doc: Document) -> Iterable[Finding]:
        found: list[Finding] = []
        for rule in self.document_rules:
            if rule.name in self.timed_out:
                continue
            blocks = [b for b in doc.blocks if rule.scope.applies(b.kind, b.level)]
            if not blocks:
                continue
            units: list[tuple[Block, int, str]] = []
            for b in blocks:
                if rule.scope.sentence:
                    units.extend((b, off, s) for off, s in split_sentences(b.text))
                else:
                    units.append((b, 0, b.text))
            try:
                alerts = rule.run_document([u[2] for u in units], self.timeout)
            except RuleTimedOut as exc:
                self.timed_out.add(rule.name)
                found.append(self._timeout_finding(rule, blocks[0].text, exc, blocks[0].start))
                continue
            for index, alert in alerts:
                block, off, _ = units[index]
                shifted = _shift(alert, off)
                found.extend(f.shifted(block.start) for f in self._findings(rule, block, block.text, [shifted]))
        return self._filter(doc, found)

    def review(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        return self._filter(doc, findings)

    def _filter(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Per-file levels from .vale.ini, MinAlertLevel, ``<!-- vale … -->`` comments and ``limit``."""
        style = self.ctx.style
        by_name = {r.name: r for r in style.rules if isinstance(r, Rule)}
        filename = doc.path.name if doc.path is not None else f"draft.{doc.source_format or 'txt'}"
        comments = _comments(doc) if (doc.source_format or "").lower() in _MARKUP_FORMATS else []
        counts: dict[str, int] = {}
        out: list[Finding] = []
        for f in sorted(findings, key=lambda f: f.sort_key):
            rule = by_name.get(f.rule)
            if rule is None:
                out.append(f)
                continue
            level = resolve_level(rule.name, rule.level, rule.from_ini, style.vale_config, filename)
            if level is None or _silenced(comments, f.start, rule.name):
                continue
            if rule.limit:
                counts[rule.name] = counts.get(rule.name, 0) + 1
                if counts[rule.name] > rule.limit:
                    continue
            out.append(f if level == f.severity else replace(f, severity=level))
        return out


def _shift(alert: Alert, offset: int) -> Alert:
    return alert if offset == 0 else replace(alert, start=alert.start + offset, end=alert.end + offset)


def _comments(doc: Document) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1).strip()) for m in _COMMENT.finditer(doc.text)]


def _silenced(comments: list[tuple[int, str]], offset: int, rule: str) -> bool:
    """Replay Vale's comments before ``offset``: off/on for everything, ``Style.Rule = NO|YES`` for one rule."""
    off = False
    rule_off = False
    style = rule.split(".")[0]
    for pos, directive in comments:
        if pos > offset:
            break
        if directive == "off":
            off = True
        elif directive == "on":
            off = False
        else:
            for part in directive.split(","):
                key, _, setting = part.partition("=")
                key, setting = key.strip(), setting.strip().upper()
                if key in (rule, style):
                    rule_off = setting == "NO"
    return off or rule_off


CHECKS = [HouseStyleCheck]
