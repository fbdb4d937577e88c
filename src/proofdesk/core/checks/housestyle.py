"""House-style rules written in Vale's format (``Style.Rule`` ids, category style unless a rule says otherwise).

The rules themselves are data (see :mod:`proofdesk.core.style`); this family
only runs them. Block rules run per block (cached by the engine), rules that
need the whole document (consistency, conditional) run in
``check_document``. A rule whose regular expression runs past its time limit
is reported once and switched off for the rest of the document.

Speed: a rule's regex runs on a block only if the block holds what every match
of it needs (see :mod:`proofdesk.core.style.prefilter`): most rules never match
most paragraphs, and skipping them is what makes a house style cheap.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.findings import Category, Finding, Severity, rule_matches
from proofdesk.core.style.prefilter import DIGIT, Need, Probe, index_word, needs_for, probe_for
from proofdesk.core.style.regexes import DEFAULT_TIMEOUT, RuleFailed
from proofdesk.core.style.sentences import split_sentences
from proofdesk.core.style.vale.base import Alert, Rule, shift
from proofdesk.core.style.vale_ini import resolve_level

TIMEOUT_RULE = "style.rule-timeout"
_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_COMMENT = re.compile(r"<!--\s*vale\s+(.*?)\s*-->", re.DOTALL)
_MARKUP_FORMATS = {"md", "markdown", "html", "htm"}


@dataclass
class _Plan:
    """Which block rules may run on blocks of one kind and level, and what each needs to be worth running."""

    always: list[int] = field(default_factory=list)
    # A need's index word (see prefilter.index_word) → (rule index, need); needs of text alone by their text.
    by_word: dict[str, list[tuple[int, Need]]] = field(default_factory=dict)
    by_text: dict[str, list[int]] = field(default_factory=dict)
    by_digit: list[int] = field(default_factory=list)


class HouseStyleCheck(Check):
    family = "style"
    rules = (
        RuleInfo(TIMEOUT_RULE, Category.STYLE, Severity.WARNING, "A house rule ran too long and was switched off"),
    )
    dynamic_rules = True

    @classmethod
    def may_emit(cls, selectors: frozenset[str], ctx: CheckContext) -> bool:
        if super().may_emit(selectors, ctx):
            return True
        return any(
            str(r.category) in selectors or rule_matches(r.name, selectors)
            for r in ctx.style.rules
            if isinstance(r, Rule)
        )

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        compiled = [r for r in ctx.style.rules if isinstance(r, Rule)]
        self.block_rules = [r for r in compiled if not r.document_level]
        self.document_rules = [r for r in compiled if r.document_level]
        self._by_sentence = [r.scope.sentence for r in self.block_rules]
        options = ctx.options(self.family)
        try:
            self.timeout = float(options.get("timeout-ms", DEFAULT_TIMEOUT * 1000)) / 1000
        except (TypeError, ValueError):
            self.timeout = DEFAULT_TIMEOUT
        # Rule name → (text of the block where it ran out of time, why). Reported once, from
        # check_document, because block results are cached and shared between identical blocks.
        self.timed_out: dict[str, tuple[str, str]] = {}
        # ``skip-quotes``: true, or rule ids/prefixes whose findings inside direct quotations are
        # dropped (a sub-editor restyles numbers in a quote but never rewords it). Vale has no
        # such notion, so it is off unless a house style asks for it.
        skip = options.get("skip-quotes", False)
        self.skip_quotes: frozenset[str] | bool = (
            frozenset(str(x) for x in skip) if isinstance(skip, list) else bool(skip)
        )
        # Which rules may run on a block of a given kind and level, split into those that always
        # run and those indexed by what must be present for them to match at all.
        self._plans: dict[tuple[BlockKind, int], _Plan] = {}
        self._by_name = {r.name: r for r in compiled}
        # Whether each document rule's scope takes blocks of a kind and level: asked for every draft.
        self._takes: dict[tuple[int, BlockKind, int], bool] = {}

    def _plan(self, kind: BlockKind, level: int) -> _Plan:
        plan = self._plans.get((kind, level))
        if plan is None:
            plan = self._plans[(kind, level)] = _Plan()
            for i, rule in enumerate(self.block_rules):
                if not rule.scope.applies(kind, level):
                    continue
                source = rule.prefilter_source()
                needs = None if source is None else needs_for(source)
                if needs is None:
                    plan.always.append(i)
                    continue
                for need in needs:
                    if need.words:
                        plan.by_word.setdefault(index_word(need), []).append((i, need))
                    elif need.text == DIGIT:
                        plan.by_digit.append(i)
                    else:
                        plan.by_text.setdefault(need.text, []).append(i)
        return plan

    def fingerprint(self) -> Hashable:
        style = self.ctx.style
        return (super().fingerprint(), str(style.path), tuple(r.name for r in style.rules if isinstance(r, Rule)))

    # Per block ---------------------------------------------------------------

    def check_block(self, block: Block) -> Iterable[Finding]:
        if block.kind == BlockKind.CODE or not self.block_rules:
            return []
        text = block.text
        plan = self._plans.get((block.kind, block.level)) or self._plan(block.kind, block.level)
        probe = probe_for(text)
        chosen = set(plan.always)
        if plan.by_word:
            words = probe.words
            for word in words & plan.by_word.keys():
                for index, need in plan.by_word[word]:
                    if index in chosen:
                        continue
                    # A one-word need with no text is met by its index word alone (the usual case).
                    if (len(need.words) == 1 or need.words <= words) and (not need.text or probe.has(need.text)):
                        chosen.add(index)
        if plan.by_text:
            folded = probe.folded
            for fragment, indices in plan.by_text.items():
                if fragment in folded:
                    chosen.update(indices)
        if plan.by_digit and probe.digit:
            chosen.update(plan.by_digit)
        sentences: list[tuple[int, str]] | None = None
        found: list[Finding] = []
        urls: list[tuple[int, int]] | None = None
        for index in sorted(chosen):
            rule = self.block_rules[index]
            if rule.name in self.timed_out:
                continue
            try:
                if self._by_sentence[index]:
                    if rule.quiet_in(text, self.timeout):
                        continue
                    if sentences is None:
                        sentences = split_sentences(text)
                    alerts = rule.run_units(sentences, self.timeout)
                else:
                    alerts = rule.run(text, self.timeout)
            except RuleFailed as exc:
                self.timed_out.setdefault(rule.name, (text, str(exc)))
                continue
            if alerts:
                if urls is None:
                    urls = _urls(text)
                found.extend(self._findings(rule, block, text, alerts, urls))
        if self.skip_quotes and found:
            found = self._outside_quotes(text, found)
        return found

    def _outside_quotes(self, text: str, found: list[Finding]) -> list[Finding]:
        quotes = quotation_spans(text)
        if not quotes:
            return found
        selectors = self.skip_quotes
        out = []
        for f in found:
            applies = selectors is True or (isinstance(selectors, frozenset) and rule_matches(f.rule, selectors))
            if applies and any(s <= f.start and f.end <= e for s, e in quotes):
                continue
            out.append(f)
        return out

    def _findings(
        self, rule: Rule, block: Block, text: str, alerts: Sequence[Alert], urls: list[tuple[int, int]] | None = None
    ) -> Iterable[Finding]:
        for a in alerts:
            if a.end <= a.start or block.is_skipped(a.start, a.end):
                continue
            if urls is None:
                urls = _urls(text)
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

    def _timeout_findings(self, doc: Document) -> Iterable[Finding]:
        by_name = self._by_name
        for name, (text, why) in self.timed_out.items():
            block = next((b for b in doc.blocks if b.text == text), None)
            if block is None:
                continue
            m = re.search(r"\S+", text)
            start, end = m.span() if m else (0, 0)
            source = by_name[name].source if name in by_name else ""
            yield Finding(
                rule=TIMEOUT_RULE,
                category=Category.STYLE,
                severity=Severity.WARNING,
                start=block.start + start,
                end=block.start + end,
                text=text[start:end],
                message=(
                    f"House rule {name} {why} on this paragraph and was switched off for this document ({source})."
                ),
            )

    # Whole document --------------------------------------------------------------

    def check_document(self, doc: Document) -> Iterable[Finding]:
        found: list[Finding] = []
        # Most blocks are paragraphs: whether a scope applies is worked out once per kind and level.
        # Measured on the newsroom corpus: 1.5 ms of 5.5 ms per run went on asking it per block.
        shapes = {(b.kind, b.level) for b in doc.blocks}
        takes = self._takes
        for number, rule in enumerate(self.document_rules):
            if rule.name in self.timed_out:
                continue
            scope = rule.scope
            wanted = set()
            for kind, level in shapes:
                ok = takes.get((number, kind, level))
                if ok is None:
                    ok = takes[(number, kind, level)] = scope.applies(kind, level)
                if ok:
                    wanted.add((kind, level))
            if not wanted:
                continue
            blocks = (
                doc.blocks if len(wanted) == len(shapes) else [b for b in doc.blocks if (b.kind, b.level) in wanted]
            )
            units: list[tuple[Block, int, Probe]] = []
            if scope.sentence:
                for b in blocks:
                    units.extend((b, off, Probe(s)) for off, s in split_sentences(b.text))
            else:
                units = [(b, 0, probe_for(b.text)) for b in blocks]
            try:
                alerts = rule.run_document([u[2] for u in units], self.timeout)
            except RuleFailed as exc:
                self.timed_out.setdefault(rule.name, (blocks[0].text, str(exc)))
                continue
            per_block: dict[int, tuple[Block, list[Alert]]] = {}
            for index, alert in alerts:
                block, off, _ = units[index]
                per_block.setdefault(id(block), (block, []))[1].append(shift(alert, off))
            for block, block_alerts in per_block.values():
                found.extend(f.shifted(block.start) for f in self._findings(rule, block, block.text, block_alerts))
        found.extend(self._timeout_findings(doc))
        return self._filter(doc, found)

    def review(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        return self._filter(doc, findings)

    def _filter(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Per-file levels from .vale.ini, MinAlertLevel, ``<!-- vale … -->`` comments and ``limit``."""
        style = self.ctx.style
        by_name = self._by_name
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


_QUOTE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|(?<!\w)‘(?:[^’]|’(?=\w))*(?:’(?!\w)|$)")


def _urls(text: str) -> list[tuple[int, int]]:
    """Addresses in a block: never checked, so alerts on them are dropped."""
    return [m.span() for m in _URL.finditer(text)] if ("/" in text or "@" in text or "www." in text) else []


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Direct quotations in a block; one left open runs to the end (a quote continued next paragraph)."""
    return [m.span() for m in _QUOTE.finditer(text)]


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
