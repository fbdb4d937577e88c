"""What a block must contain before a rule's pattern can match it, read from the pattern itself.

Most house rules never match most paragraphs, and running 40 regexes over
every paragraph is where a house style's time goes. So each pattern is read
once (with the standard library's regex parser) to find the literal text every
match must contain: whole words where the pattern pins both ends of a word
(``\\bten\\b``, ``per cent``), otherwise a literal fragment (``£``, ``a.m.``).
A block that lacks all of a rule's alternatives is skipped without running the
rule. The analysis only ever errs towards "run it": anything it cannot read
(back-references, classes it cannot list, syntax only the ``regex`` package
knows) becomes "unknown text", and a pattern it cannot parse at all is always
run.

Blocks are compared case-folded (see :func:`fold`), so one analysis serves
case-sensitive and ``ignorecase`` rules alike.
"""

from __future__ import annotations

import functools
import importlib
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

# The standard library's own regex parser (private, but stable across 3.11+; typeshed does not describe it).
_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")

# Markers in the strings the analysis builds (literal characters are kept as they are, lower-cased).
_BOUND = "\x00"  # \b: the word-ness of the characters either side differs
_RIGHT = "\x01"  # the next character is not a word character (or the text ends)
_LEFT = "\x02"  # the previous character is not a word character (or the text starts)
_GAP = "\x03"  # one or more characters, none a word character
_ANY = "\x04"  # unknown text, possibly empty
_DIGIT = "\x05"  # one digit (\\d): a word character, but which one is unknown
_ZERO_WIDTH = frozenset(_BOUND + _RIGHT + _LEFT)
_SPLIT = re.compile("[\x00-\x05]")
_LEFT_EDGE = frozenset(_BOUND + _LEFT + _GAP)
_RIGHT_EDGE = frozenset(_BOUND + _RIGHT + _GAP)

# Alternatives kept for one node before it is summarised as unknown text.
_LIMIT = 1024
# A character class with no more members than this is expanded into its characters.
_SMALL_CLASS = 12
# Characters in nearly every paragraph, so a fragment made of them filters nothing.
_UNTELLING = str.maketrans("", "", " ,.'\"-")
# Needs with more words than this are only compared whole when looking for redundant ones.
_MAX_SUBSET_WORDS = 5
# Repeats with an upper bound no higher than this are expanded (x{1,3}).
_SMALL_REPEAT = 3

# Non-ASCII characters that no case-insensitive match confuses with another character, and that
# are not word characters for either regex engine (checked over all of Unicode for ``re`` and
# ``regex``): they may stand in a literal as themselves.
_CASELESS = frozenset("£€¥¢§°±×÷–—‘’“”„…•·′″«»©®™\u00a0\u2009\u202f")
# The only non-ASCII characters that either engine's IGNORECASE matches to an ASCII letter.
_FOLD_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a]")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_ASCII_RUNS = re.compile(r"[a-z0-9_]+")
_ASCII_WORD = re.compile(r"[a-z0-9_]")
# regex's \p{..} classes, which the standard parser does not know; analysed as "some character".
_ESCAPE = re.compile(r"\\(?:[pP](?:\{[^}]*\}|[A-Za-z])|.)", re.DOTALL)
# Inline flags that change what \w, \b or case-insensitive matching mean.
_RISKY_FLAGS = C.SRE_FLAG_ASCII | C.SRE_FLAG_LOCALE


@dataclass(frozen=True, slots=True)
class Need:
    """One way a match can look: every word of ``words`` is a word of the block, and ``text`` is in it."""

    words: frozenset[str] = frozenset()
    text: str = ""

    def __reduce__(self) -> tuple[type[Need], tuple[frozenset[str], str]]:
        # Through __init__: half the time of a frozen dataclass's field-by-field state (style cache, 800 needs).
        return (Need, (self.words, self.text))


def fold(text: str) -> str:
    """Lower-case ``text`` so that any case-insensitive match of an ASCII literal shows up in it."""
    lowered = text.lower()
    if not lowered.isascii() and _FOLD_SPECIAL.search(text):
        lowered = text.translate(_FOLD).lower()
    return lowered


def block_words(folded: str) -> set[str]:
    """The runs of ASCII letters, digits and underscores in folded text.

    A word a need names is ASCII and has a non-word character (for both engines)
    or the text's edge on either side, so it is always one whole run here;
    splitting at every other character too (é, ², …) only ever finds more.
    """
    if folded.isascii():
        # The same runs, found by C string methods: 35% faster than the regex on news copy.
        return set(folded.encode("ascii").translate(_NON_WORD_BYTES).decode("ascii").split())
    return set(_ASCII_RUNS.findall(folded))


# Every byte that is not [a-z0-9_] becomes a space (upper-case letters too, as in _ASCII_RUNS).
_NON_WORD_BYTES = bytes(c if c in b"abcdefghijklmnopqrstuvwxyz0123456789_" else 0x20 for c in range(256))


_MAX_KNOWN = 4096
# Analyses read from the style cache (see :mod:`.cache`): reading a pattern costs about 0.25 ms, the look-up nothing.
_KNOWN: dict[str, tuple[Need, ...] | None] = {}


def needs_for(source: str) -> tuple[Need, ...] | None:
    """The ways a match of ``source`` can look, or None if any match could be anything."""
    try:
        return _KNOWN[source]
    except KeyError:
        return _analyse(source)


def remember_needs(known: dict[str, tuple[Need, ...] | None]) -> None:
    """Take analyses made by :func:`needs_for` in an earlier process (the same code read the same patterns)."""
    if len(_KNOWN) + len(known) > 4 * _MAX_KNOWN:
        _KNOWN.clear()
    _KNOWN.update(known)


@functools.lru_cache(maxsize=_MAX_KNOWN)
def _analyse(source: str) -> tuple[Need, ...] | None:
    try:
        with warnings.catch_warnings():
            # A warning means the standard parser may read the pattern differently from ``regex``.
            warnings.simplefilter("error")
            parsed = _parser.parse(_ESCAPE.sub(_neutral_escape, source))
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return None
    if parsed.state.flags & _RISKY_FLAGS:
        return None
    try:
        shapes = _sequence(list(parsed))
    except _Unreadable:
        return None
    needs: list[Need] = []
    for shape in shapes:
        need = _need(shape)
        if need is None:
            return None
        needs.append(need)
    return _minimal(needs) or None


def _neutral_escape(m: re.Match[str]) -> str:
    # \d reads as "one character we cannot name" and, unlike \w, implies nothing about word edges.
    return r"\d" if m.group()[1] in "pP" else m.group()


class _Unreadable(Exception):
    """A construct that changes matching in a way the analysis does not model."""


def _sequence(items: Iterable[tuple[Any, Any]]) -> set[str]:
    shapes = {""}
    for op, av in items:
        part = _node(op, av)
        if len(shapes) * len(part) > _LIMIT:
            part = {_ANY}
            if len(shapes) > _LIMIT:
                shapes = {_ANY}
        shapes = {a + b for a in shapes for b in part}
    return shapes


def _node(op: Any, av: Any) -> set[str]:
    if op is C.LITERAL:
        return {_char(chr(av))}
    if op is C.IN:
        return _klass(av)
    if op is C.AT:
        if av is C.AT_BOUNDARY:
            return {_BOUND}
        if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return {_LEFT}
        if av in (C.AT_END, C.AT_END_STRING):
            return {_RIGHT}
        return {""}
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & _RISKY_FLAGS:
            raise _Unreadable
        return _sequence(body)
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            out |= _sequence(branch)
            if len(out) > _LIMIT:
                return {_ANY}
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _repeat(*av)
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op in (C.ASSERT, C.ASSERT_NOT):
        return {_lookaround(op, *av)}
    return {_ANY}


def _char(c: str) -> str:
    if c.isascii():
        return c.lower()
    if c in _CASELESS:
        return c
    return _ANY


def _klass(members: list[tuple[Any, Any]]) -> set[str]:
    if members == [(C.CATEGORY, C.CATEGORY_DIGIT)]:
        return {_DIGIT}
    chars: set[str] = set()
    for op, av in members:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _SMALL_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return {_GAP} if _non_word_class(members) else {_ANY}
    if len(chars) > _SMALL_CLASS:
        return {_GAP} if _non_word_class(members) else {_ANY}
    return {_char(c) for c in chars}


def _non_word_class(members: list[tuple[Any, Any]]) -> bool:
    """True if every character the class matches is a non-word character (for both engines)."""
    for op, av in members:
        if op is C.LITERAL:
            c = chr(av)
            if not ((c.isascii() and not _ASCII_WORD.match(c.lower())) or c in _CASELESS):
                return False
        elif op is C.CATEGORY:
            if av not in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
                return False
        else:
            return False
    return True


def _repeat(low: int, high: int, body: list[tuple[Any, Any]]) -> set[str]:
    item = _sequence(body)
    if high != C.MAXREPEAT and high <= _SMALL_REPEAT and len(item) ** max(high, 1) <= _LIMIT:
        out: set[str] = set()
        power = {""}
        for count in range(high + 1):
            if count >= low:
                out |= power
            power = {a + b for a in power for b in item}
        return out
    tail = _GAP if item == {_GAP} else _ANY
    at_least_one = {s + tail for s in item} if item != {_GAP} else {_GAP}
    return at_least_one | {""} if low == 0 else at_least_one


def _lookaround(op: Any, direction: int, body: list[tuple[Any, Any]]) -> str:
    """A lookaround consumes nothing; a few say the neighbouring character is not a word character."""
    if len(body) != 1:
        return ""
    node_op, node_av = body[0]
    members = node_av if node_op is C.IN else [(node_op, node_av)] if node_op is C.LITERAL else None
    if members is None:
        return ""
    says_non_word = (
        # (?![…\w…]) — the neighbour is no word character, or there is none.
        op is C.ASSERT_NOT
        and any(m == (C.CATEGORY, C.CATEGORY_WORD) for m in members)
        and all(m[0] is not C.NEGATE for m in members)
    ) or (
        # (?=\s), (?<=[ ,]) — the neighbour exists and is no word character.
        op is C.ASSERT and _non_word_class(members)
    )
    if not says_non_word:
        return ""
    return _RIGHT if direction == 1 else _LEFT


def _need(shape: str) -> Need | None:
    """What a match of this shape must put in the block: its bounded words and its longest literal fragment."""
    words: set[str] = set()
    n = len(shape)
    i = 0
    while i < n:
        if _ASCII_WORD.match(shape[i]) is None:
            i += 1
            continue
        j = i
        while j < n and _ASCII_WORD.match(shape[j]) is not None:
            j += 1
        before = _neighbour(shape, i - 1, -1)
        after = _neighbour(shape, j, 1)
        if before is not None and after is not None:
            words.add(shape[i:j])
        i = j
    fragments = [f for f in _SPLIT.split(shape) if f]
    text = max(fragments, key=lambda f: _telling(f, words), default="")
    if _telling(text, words)[0] == 0 and words:
        # Nothing the words do not already say.
        text = ""
    if not text and _DIGIT in shape:
        text = _DIGIT
    if not words and not text:
        return None
    return Need(frozenset(words), text)


def _telling(fragment: str, words: set[str]) -> tuple[int, int]:
    """How much finding ``fragment`` in a block says beyond ``words``.

    Spaces and common punctuation say little, but two words side by side ("would of")
    say more than the same words anywhere in the paragraph.
    """
    runs = _ASCII_RUNS.findall(fragment)
    rest = _ASCII_RUNS.sub(lambda m: "" if m.group() in words else m.group(), fragment)
    return len(rest.translate(_UNTELLING)) + max(0, len(runs) - 1), len(fragment)


def _neighbour(shape: str, index: int, step: int) -> str | None:
    """The evidence that a word run ends at ``index`` (the position next to it), or None if there is none."""
    edges = _LEFT_EDGE if step < 0 else _RIGHT_EDGE
    while 0 <= index < len(shape):
        c = shape[index]
        if c in edges:
            return c
        if c in _ZERO_WIDTH:
            # An edge that faces the other way consumes nothing: look past it.
            index += step
            continue
        if c in (_ANY, _DIGIT):
            return None
        return None if _ASCII_WORD.match(c) else c
    return None


DIGIT = _DIGIT
"""``Need.text`` meaning "some digit", for patterns whose only certain content is ``\\d``."""
_RE_DIGIT = re.compile(r"\d")
_REGEX_DIGIT = regex.compile(r"\d")


def has_digit(text: str) -> bool:
    """Whether either engine would find a ``\\d`` in ``text`` (their Unicode tables may differ in age)."""
    if _RE_DIGIT.search(text) is not None:
        return True
    return not text.isascii() and _REGEX_DIGIT.search(text) is not None


def _minimal(needs: list[Need]) -> tuple[Need, ...]:
    """Drop alternatives implied by others: {per, cent} is met whenever {cent} is; "a.m." whenever "a"."""
    unique = list(dict.fromkeys(needs))
    texts_of: dict[frozenset[str], set[str]] = {}
    for need in unique:
        texts_of.setdefault(need.words, set()).add(need.text)
    kept: list[Need] = []
    for need in unique:
        implied = any(
            _covers(text, need) and (words, text) != (need.words, need.text)
            for words in _subsets(need.words)
            for text in texts_of.get(words, ())
        )
        if not implied:
            kept.append(need)
    return tuple(kept)


def _subsets(words: frozenset[str]) -> Iterator[frozenset[str]]:
    """Subsets of ``words`` worth looking up (all of them while there are few words)."""
    items = sorted(words)
    if len(items) > _MAX_SUBSET_WORDS:
        yield frozenset()
        yield words
        return
    for mask in range(1 << len(items)):
        yield frozenset(w for k, w in enumerate(items) if mask >> k & 1)


def _covers(text: str, need: Need) -> bool:
    """Whether a block that meets ``need`` surely holds ``text``."""
    if not text or text == need.text:
        return True
    if text == _DIGIT:
        return any(c in "0123456789" for c in need.text) or any(c in "0123456789" for w in need.words for c in w)
    return (need.text != _DIGIT and text in need.text) or any(text in w for w in need.words)


class Probe:
    """One unit of text (a block or a sentence) and, worked out when first asked, what it contains.

    ``folded`` is made at once: every prefilter question reads it, and a plain
    attribute is cheaper to ask for than a property (2,700 probes and 30,000
    questions per run of the newsroom corpus).
    """

    __slots__ = ("_digit", "_words", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self._words: set[str] | None = None
        self._digit: bool | None = None

    @property
    def words(self) -> set[str]:
        words = self._words
        if words is None:
            words = self._words = block_words(self.folded)
        return words

    @property
    def digit(self) -> bool:
        if self._digit is None:
            self._digit = has_digit(self.text)
        return self._digit

    def has(self, text: str) -> bool:
        """Whether a need's ``text`` (a literal fragment, or :data:`DIGIT`) is in this unit."""
        if not text:
            return True
        return self.digit if text == _DIGIT else text in self.folded

    def meets(self, need: Need) -> bool:
        return need.words <= self.words and self.has(need.text)


# Probes by text, shared by the house-style and consistency families (both read every block's words).
_PROBES: dict[str, Probe] = {}
# Enough for the blocks of a very long draft; past it the cache starts again rather than grow.
_MAX_PROBES = 20_000


def probe_for(text: str) -> Probe:
    """The shared :class:`Probe` for ``text`` (made on first request)."""
    probe = _PROBES.get(text)
    if probe is None:
        if len(_PROBES) >= _MAX_PROBES:
            _PROBES.clear()
        probe = _PROBES[text] = Probe(text)
    return probe


def forget_probes() -> None:
    """Drop every shared probe (for benchmarks that time a cold check)."""
    _PROBES.clear()


class Prefilter:
    """A pattern's needs, indexed so that testing one unit costs a few set look-ups."""

    __slots__ = ("by_word", "digit", "texts")

    def __init__(self, needs: tuple[Need, ...]) -> None:
        self.by_word: dict[str, list[Need]] = {}
        texts: list[str] = []
        self.digit = False
        for need in needs:
            if need.words:
                self.by_word.setdefault(index_word(need), []).append(need)
            elif need.text == _DIGIT:
                self.digit = True
            else:
                texts.append(need.text)
        self.texts = tuple(texts)

    def admits(self, probe: Probe) -> bool:
        """False only if no match of the pattern can lie in the probe's text."""
        if self.texts:
            folded = probe.folded
            for text in self.texts:
                if text in folded:
                    return True
        if self.digit and probe.digit:
            return True
        by_word = self.by_word
        if by_word:
            words = probe.words
            for word in words & by_word.keys() if len(by_word) < len(words) else by_word.keys() & words:
                if any(probe.meets(need) for need in by_word[word]):
                    return True
        return False


# Words in nearly every paragraph of news copy: a need filed under one is looked at for nearly every block
# ("at the end of the day" under "the" was tried on 341 of 549 paragraphs of the newsroom corpus).
_COMMON = (
    "the and that for with this from will would their there they have has had was were are been not but "
    "its his her she him who which what when said says year years day time one two new more also than"
)
_COMMON_WORDS = frozenset(_COMMON.split(" "))


def index_word(need: Need) -> str:
    """The word to file a need under: the longest uncommon one, usually the rarest, so the fewest false leads."""
    return max(need.words, key=lambda w: (w not in _COMMON_WORDS, len(w), w))


@functools.lru_cache(maxsize=4096)
def prefilter_for(source: str) -> Prefilter | None:
    needs = needs_for(source)
    return None if needs is None else Prefilter(needs)


def admits(pattern: Any, probe: Probe) -> bool:
    """False only if no match of a compiled rule pattern (anything with a ``pattern`` source) can lie in ``probe``."""
    prefilter = filter_of(pattern)
    return prefilter is None or prefilter.admits(probe)


def filter_of(pattern: Any) -> Prefilter | None:
    """The :class:`Prefilter` :func:`admits` consults for ``pattern``: look it up once, ask it for every unit."""
    source = getattr(pattern, "pattern", None)
    return prefilter_for(source) if isinstance(source, str) else None
