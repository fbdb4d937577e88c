"""``extends: substitution`` — flag a swap key and suggest its value."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import Alert, ExceptionMatcher, Rule, format_message, to_sentence

_GROUP_REF = regexes.regex.compile(r"\$(\d+)|\$\{(\d+)\}")
_PHRASE = regexes.regex.compile(r"^[\p{L} ]+$")


@dataclass
class Substitution(Rule):
    pattern: Pattern = None
    # One entry per swap key, in the order of the wrapping groups: (groups inside the key, replacement).
    swaps: list[tuple[int, str]] = field(default_factory=list)
    group_of: dict[int, int] = field(default_factory=dict)
    ignorecase: bool = False
    capitalize: bool = False
    exceptions: ExceptionMatcher = field(default_factory=ExceptionMatcher)

    extends: ClassVar[str] = "substitution"

    def prefilter_source(self) -> str | None:
        return str(self.pattern.pattern)

    def run(self, text: str, timeout: float) -> list[Alert]:
        alerts = []
        for m in regexes.finditer(self.pattern, text, timeout):
            index = self._which(m)
            if index is None:
                continue
            key_groups, replacement = self.swaps[index]
            group = self.group_of_index(index)
            start, end = m.span(group)
            observed = text[start:end].strip()
            expected = self._expand(m, group, key_groups, replacement)
            if self._same(expected, observed) or self.exceptions.matches(observed):
                continue
            options = expected.split("|")
            if self.capitalize and observed[:1].isupper():
                options = [o[:1].upper() + o[1:] for o in options]
                expected = "|".join(options)
            message_template, shown = self.message, expected
            if self.action.name == "replace" and not self.action.params:
                # Vale lists the options as a sentence and drops the quotes it now adds itself.
                shown = to_sentence(options)
                message_template = _unquote_first(message_template)
            message = format_message(message_template, shown, observed)
            # Trim like Vale: the span is the observed text without edge spaces.
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            span_start = start + lead
            alerts.append(Alert(span_start, span_start + len(observed), message, self.suggestions(observed, options)))
        return alerts

    def group_of_index(self, index: int) -> int:
        return self.group_of[index]

    def _which(self, m: regexes.Match) -> int | None:
        last = m.lastindex
        # The wrapping group closes after any group inside its key, so it is
        # usually ``lastindex``; fall back to a scan when a key's inner group won.
        if last is not None:
            for index, group in self.group_of.items():
                if group == last:
                    return index
        for index, group in self.group_of.items():
            if m.start(group) >= 0:
                return index
        return None

    def _expand(self, m: regexes.Match, group: int, count: int, replacement: str) -> str:
        """``$n`` in the replacement: the key's own n-th group, which sits just after its wrapping group."""
        if "$" not in replacement:
            return replacement

        def ref(r: regexes.Match) -> str:
            n = int(r.group(1) or r.group(2))
            if n == 0:
                return str(m.group(group))
            if n > count:
                return str(r.group())
            return str(m.group(group + n) or "")

        return str(_GROUP_REF.sub(ref, replacement))

    def _same(self, expected: str, observed: str) -> bool:
        """Vale's ``matchToken``: a plain phrase must be equal; otherwise the value is a pattern."""
        if _PHRASE.match(expected):
            return expected == observed
        pattern = _expected_pattern(expected, self.ignorecase)
        return expected == observed if pattern is None else pattern.search(observed) is not None


@functools.lru_cache(maxsize=4096)
def _expected_pattern(expected: str, ignorecase: bool) -> Pattern | None:
    try:
        return regexes.compile_pattern(f"^(?:{expected})$", ignorecase=ignorecase)
    except regexes.RegexProblem:
        return None


def _unquote_first(message: str) -> str:
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            return message.replace(spec, "%s", 1)
    return message
