"""``extends: capitalization`` — a scope unit (usually a heading) must be in a given case."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from proofdesk.core.style import regexes
from proofdesk.core.style.regexes import Pattern
from proofdesk.core.style.vale.base import Alert, ExceptionMatcher, Rule, format_message

_WORDS = r"[\p{N}\p{L}*]+[^\s]*"

# AP: articles, coordinating conjunctions and prepositions of three letters or fewer stay lower case.


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_AP_SMALL = _word_set("a an the and but for nor or so yet as at by en in of off on per to up via vs v")
# Chicago: articles, and/but/for/or/nor, every preposition whatever its length, "to" and "as".
_CHICAGO_SMALL = _word_set(
    "a an the and but for nor or as at by in of off on per to up via vs v about above across after against "
    "along among around before behind below beneath beside between beyond despite down during except from "
    "inside into like near onto out outside over past since through throughout toward towards under "
    "underneath until upon with within without"
)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _cap_part(part: str, small: frozenset[str], edge: bool) -> str:
    if any(c.isupper() for c in part[1:]):
        return part  # iPhone, McDonald, NATO: the writer's casing is deliberate
    bare = part.strip("\"'‘’“”([{").lower()
    if not edge and bare in small:
        return part.lower()
    lead = len(part) - len(part.lstrip("\"'‘’“”([{"))
    return part[:lead] + _cap(part[lead:].lower()) if part[lead:][:1].isalpha() else part


def title_case(text: str, style: str = "AP") -> str:
    """A headline in title case, AP or Chicago; hyphenated parts are each capitalised."""
    small = _CHICAGO_SMALL if style.lower() == "chicago" else _AP_SMALL
    words = text.split(" ")
    positions = [i for i, w in enumerate(words) if w]
    out = list(words)
    for k, i in enumerate(positions):
        edge = k in (0, len(positions) - 1) or words[positions[k - 1]].endswith((":", "—", "?", "!"))
        parts = words[i].split("-")
        # Inside a compound, small words stay small: "Step-by-Step".
        out[i] = "-".join(_cap_part(p, small, edge and j == 0) for j, p in enumerate(parts))
    return " ".join(out)


def sentence_case(text: str, exceptions: ExceptionMatcher) -> str:
    words = text.split(" ")
    out: list[str] = []
    first = True
    for w in words:
        if not w:
            out.append(w)
            continue
        if exceptions.matches(w) or (w.isupper() and len(w) > 1):
            out.append(w)
        elif first:
            out.append(_cap(w))
        else:
            out.append(w.lower())
        first = False
    return " ".join(out)


def _split(text: str, exceptions: ExceptionMatcher) -> list[str]:
    pattern = _WORDS
    if exceptions.pattern is not None:
        pattern = exceptions.pattern.pattern + "|" + _WORDS
    return list(_compiled(pattern).findall(text))


_CACHE: dict[str, Pattern] = {}


def _compiled(pattern: str) -> Pattern:
    hit = _CACHE.get(pattern)
    if hit is None:
        hit = _CACHE[pattern] = regexes.regex.compile(pattern)
    return hit


def is_title(text: str, exceptions: ExceptionMatcher, style: str, threshold: float) -> bool:
    """Vale's ``title``: enough words match the title-cased text, are exceptions or are upper case."""
    expected = _split(title_case(text, style), exceptions)
    words = _split(text, exceptions)
    if not words:
        return True
    count = 0
    for i, word in enumerate(words):
        if i >= len(expected) or word == expected[i] or exceptions.matches(word) or word == word.upper():
            count += 1
    return count / len(words) >= threshold


def is_sentence(text: str, exceptions: ExceptionMatcher, indicators: Sequence[str], threshold: float) -> bool:
    """Vale's ``sentence``: the first word capitalised, later ones lower case, with the usual escapes."""
    tokens = _split(text.rstrip("?!.:"), exceptions)
    if not tokens:
        return True
    count = 0
    for i, token in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        w = token
        for sep in ("-", "'", "’"):
            if sep in w:
                w = w.split(sep)[0]
                break
        if w == w.upper() or any(prev.endswith(s) for s in indicators) or exceptions.matches(token):
            count += 1
        elif i == 0 and w != w.lower().capitalize():
            return False
        elif i == 0 or w == w.lower():
            count += 1
    return count / len(tokens) >= threshold


@dataclass
class Capitalization(Rule):
    match: str = "$title"
    style: str = "AP"
    threshold: float = 0.8
    indicators: tuple[str, ...] = ()
    custom: Pattern | None = None
    exceptions: ExceptionMatcher = field(default_factory=ExceptionMatcher)

    extends: ClassVar[str] = "capitalization"

    def check(self, text: str) -> bool:
        if self.match == "$title":
            return is_title(text, self.exceptions, self.style, self.threshold)
        if self.match == "$sentence":
            return is_sentence(text, self.exceptions, self.indicators, self.threshold)
        if self.match == "$lower":
            return text == text.lower() or self.exceptions.matches(text)
        if self.match == "$upper":
            return text == text.upper() or self.exceptions.matches(text)
        assert self.custom is not None
        return self.custom.search(text) is not None or self.exceptions.matches(text)

    def converted(self, text: str) -> list[str]:
        converters: dict[str, Callable[[str], str]] = {
            "$title": lambda t: title_case(t, self.style),
            "$sentence": lambda t: sentence_case(t, self.exceptions),
            "$lower": str.lower,
            "$upper": str.upper,
        }
        fn = converters.get(self.match)
        if fn is None:
            return []
        fixed = fn(text)
        return [fixed] if fixed != text else []

    def run(self, text: str, timeout: float) -> list[Alert]:
        unit = text.rstrip()
        if not unit or self.check(unit):
            return []
        fixes = self.suggestions(unit, self.converted(unit))
        # Capitalization fills its replacement itself, so only an explicit action changes the message.
        message = self.alert_message(unit, fixes) if self.action.name else format_message(self.message, unit)
        return [Alert(0, len(unit), message, fixes)]
