"""What every compiled Vale rule shares: level, scope, message, action and exceptions."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from proofdesk.core.document import BlockKind
from proofdesk.core.findings import Category, Severity
from proofdesk.core.style import regexes
from proofdesk.core.style.prefilter import Probe
from proofdesk.core.style.regexes import Pattern

LEVELS = {"suggestion": Severity.SUGGESTION, "warning": Severity.WARNING, "error": Severity.ERROR}

WORD_TEMPLATE = r"(?m)\b(?:{})\b"
NONWORD_TEMPLATE = r"(?m)(?:{})"


@dataclass(frozen=True, slots=True)
class Alert:
    """A rule's hit, relative to the text the rule was given."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Action:
    name: str = ""
    params: tuple[str, ...] = ()


def format_message(message: str, *subs: str) -> str:
    """Vale's ``FormatMessage``: each ``%s`` in turn takes the next (trimmed) value; extras stay."""
    for sub in subs[: message.count("%s")]:
        message = message.replace("%s", sub.strip(), 1)
    return message


def to_sentence(words: list[str]) -> str:
    """Vale's ``ToSentence``: 'a' / 'a' or 'b' / 'a', 'b', or 'c'."""
    quoted = [f"'{w}'" for w in words]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} or {quoted[1]}"
    return ", ".join([*quoted[:-1], f"or {quoted[-1]}"])


def is_letters(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c).startswith("L") for c in text)


# Scope names Vale knows. The first group maps onto our blocks; the second
# names markup we never see as separate blocks (tables, alt text, code), so a
# rule scoped to them alone never fires — as Vale would on a plain-text file.
_BLOCK_SCOPES = {"text", "paragraph", "heading", "list", "blockquote", "sentence", "summary", "title", "raw", "caption"}
_INERT_SCOPES = {"table", "code", "comment", "alt", "attr", "link", "strong", "emphasis", "tbody", "th", "td"}
KNOWN_SCOPES = _BLOCK_SCOPES | _INERT_SCOPES


def scope_selector_ok(selector: str) -> bool:
    base = selector.lstrip("~").split(".")[0]
    return base in KNOWN_SCOPES


def _selector_matches(selector: str, kind: BlockKind, level: int) -> bool:
    base, _, sub = selector.partition(".")
    if kind == BlockKind.CODE:
        return False
    if base in ("text", "raw", "sentence"):
        return True
    if base == "summary":
        return kind != BlockKind.HEADING
    if base == "paragraph":
        return kind in (BlockKind.PARAGRAPH, BlockKind.CAPTION)
    if base == "caption":
        return kind == BlockKind.CAPTION
    if base == "list":
        return kind == BlockKind.LIST_ITEM
    if base == "blockquote":
        return kind == BlockKind.QUOTE
    if base == "title":
        return kind == BlockKind.HEADING and level <= 1
    if base == "heading":
        if kind != BlockKind.HEADING:
            return False
        return not sub or sub == f"h{level}"
    return False


@dataclass(frozen=True, slots=True)
class Scope:
    """Vale's ``scope``: alternatives (a list) of ``&``-joined selectors, ``~`` negating one."""

    alternatives: tuple[tuple[str, ...], ...] = (("text",),)

    @classmethod
    def parse(cls, value: str | Sequence[str] | None) -> Scope:
        if value is None:
            return cls()
        items = [value] if isinstance(value, str) else list(value)
        alts = tuple(tuple(part.strip() for part in item.split("&") if part.strip()) for item in items)
        return cls(tuple(a for a in alts if a) or (("text",),))

    @property
    def sentence(self) -> bool:
        return any(sel == "sentence" for alt in self.alternatives for sel in alt)

    def applies(self, kind: BlockKind, level: int) -> bool:
        for alt in self.alternatives:
            positives = [s for s in alt if not s.startswith("~")]
            negatives = [s[1:] for s in alt if s.startswith("~")]
            if kind == BlockKind.CODE:
                continue
            if positives and not all(_selector_matches(s, kind, level) for s in positives):
                continue
            if any(_selector_matches(s, kind, level) for s in negatives):
                continue
            return True
        return False


@dataclass
class ExceptionMatcher:
    """Vale's exceptions: ``\\b(?:longest|…|shortest)\\b`` searched in the matched text.

    ``phrases`` are the multi-word terms among them: as in Vale 3, a match that falls
    inside an accepted phrase in the text ("mea culpa") is not flagged either.
    """

    pattern: Pattern | None = None
    phrases: Pattern | None = None

    @classmethod
    def build(cls, exceptions: Sequence[str], vocab: Sequence[str] = ()) -> ExceptionMatcher:
        terms = sorted({*exceptions, *vocab}, key=len, reverse=True)
        if not terms:
            return cls(None)
        safe = []
        for term in terms:
            try:
                regexes.compile_pattern(term)
                safe.append(term)
            except regexes.RegexProblem:
                safe.append(regexes.regex.escape(term))
        multi = [t for t in safe if " " in t or "\t" in t or "\\s" in t]
        phrases = regexes.compile_pattern("(?i)" + WORD_TEMPLATE.format("|".join(multi))) if multi else None
        return cls(regexes.compile_pattern(WORD_TEMPLATE.format("|".join(safe))), phrases)

    def matches(self, text: str) -> bool:
        return self.pattern is not None and self.pattern.search(text) is not None

    def phrase_spans(self, text: str) -> list[tuple[int, int]]:
        return [] if self.phrases is None else [m.span() for m in self.phrases.finditer(text)]


def shift(alert: Alert, offset: int) -> Alert:
    return alert if offset == 0 else Alert(alert.start + offset, alert.end + offset, alert.message, alert.suggestions)


def within(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def apply_action(action: Action, matched: str, automatic: Sequence[str] = ()) -> tuple[str, ...]:
    """Turn a Vale ``action`` into replacement suggestions for ``matched``.

    ``automatic`` are the replacements the rule type computes itself
    (substitution's swap value, capitalization's converted text); Vale fills
    ``replace`` params from them when the rule leaves them empty.
    """
    name, params = action.name, action.params
    if name == "replace":
        return tuple(params) if params else tuple(automatic)
    if name == "remove":
        return ("",)
    if name == "edit" and params:
        return _edit(params, matched)
    if name == "convert" and params:
        kind = params[0]
        if kind == "lower":
            return (matched.lower(),)
        if kind == "upper":
            return (matched.upper(),)
        return tuple(automatic)
    if name == "suggest":
        # Spelling suggestions and Tengo scripts are not ours to run.
        return ()
    return tuple(automatic)


def _edit(params: Sequence[str], matched: str) -> tuple[str, ...]:
    op, args = params[0], list(params[1:])
    if op == "regex" and len(args) >= 2:
        try:
            pattern = regexes.compile_pattern(args[0])
        except regexes.RegexProblem:
            return ()
        repl = regexes.regex.sub(r"\$(\d+)", r"\\\1", args[1])
        return (pattern.sub(repl, matched),)
    if op == "trim_right" and args:
        return (matched.rstrip(args[0]),)
    if op == "trim_left" and args:
        return (matched.lstrip(args[0]),)
    if op in ("trim", "remove") and args:
        return (matched.strip(args[0]),)
    if op == "truncate" and args:
        return (matched.split(args[0])[0],)
    if op == "split" and len(args) >= 2:
        try:
            return (matched.split(args[0])[int(args[1])],)
        except (ValueError, IndexError):
            return ()
    return ()


@dataclass
class Rule:
    """A compiled rule. Subclasses implement :meth:`run` (or :meth:`run_document`)."""

    name: str
    level: Severity
    message: str
    scope: Scope = field(default_factory=Scope)
    description: str = ""
    link: str = ""
    action: Action = field(default_factory=Action)
    category: Category = Category.STYLE
    limit: int = 0
    source: str = ""
    # Loaded from a .vale.ini StylesPath: on only where a section's BasedOnStyles names its style.
    from_ini: bool = False

    extends: ClassVar[str] = ""
    # Document-level rules keep state across blocks (consistency, conditional).
    document_level: ClassVar[bool] = False

    def run(self, text: str, timeout: float) -> list[Alert]:
        return []

    def quiet_in(self, text: str, timeout: float) -> bool:
        """True if :meth:`run_units` on the sentences of ``text`` surely alerts nothing (checked without splitting)."""
        return False

    def run_units(self, units: Sequence[tuple[int, str]], timeout: float) -> list[Alert]:
        """:meth:`run` on each ``(offset, text)`` unit of a block (its sentences), alerts shifted by the offset."""
        return [shift(a, off) for off, text in units for a in self.run(text, timeout)]

    def run_document(self, units: Sequence[Probe], timeout: float) -> list[tuple[int, Alert]]:
        """For document-level rules: alerts as ``(unit index, alert)`` over the units in order."""
        return []

    def prefilter_source(self) -> str | None:
        """The pattern that must match before this rule can alert (see :mod:`..prefilter`), if there is one."""
        return None

    def suggestions(self, matched: str, automatic: Sequence[str] = ()) -> tuple[str, ...]:
        return apply_action(self.action, matched, automatic)

    def alert_message(self, matched: str, fixes: Sequence[str]) -> str:
        """Vale 3: with an action, a second ``%s`` shows the fix (or the fixes as a sentence)."""
        if not self.action.name:
            return format_message(self.message, matched)
        repl = matched
        if len(fixes) == 1:
            repl = fixes[0]
        elif len(fixes) > 1:
            repl = to_sentence(list(fixes))
        return format_message(self.message, matched, repl)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "extends": self.extends, "level": str(self.level)}
