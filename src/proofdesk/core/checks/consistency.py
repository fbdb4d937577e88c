"""Consistency across the whole document (``consistency.*``): PerfectIt's ground.

Each rule finds a word, abbreviation or number written two ways in the same
story and flags the less common form, suggesting the more common one (the
first one used wins a tie). Everything here needs the whole document, so it
all runs in ``check_document``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from proofdesk.core.checks.base import Check, RuleInfo
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.style.prefilter import Probe, probe_for

HYPHEN = "consistency.hyphenation"
SPELLING = "consistency.spelling"
CAPITALS = "consistency.capitalisation"
ABBREVIATION = "consistency.abbreviation"
NUMBERS = "consistency.numbers"

# Pairs that look like hyphen variants but are different words.
_NOT_VARIANTS = frozenset(
    {
        "resign",
        "recover",
        "reform",
        "resent",
        "recreation",
        "coop",
        "release",
        "repress",
        "reserve",
        "resort",
        "retreat",
        "redress",
        "unionised",
        "unionized",
    }
)

# Words with two accepted spellings; the story should use one.
_SPELLING_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("judgement", "judgment"),
    ("judgements", "judgments"),
    ("acknowledgement", "acknowledgment"),
    ("focused", "focussed"),
    ("focusing", "focussing"),
    ("benefited", "benefitted"),
    ("benefiting", "benefitting"),
    ("ageing", "aging"),
    ("dispatch", "despatch"),
    ("dispatched", "despatched"),
    ("jail", "gaol"),
    ("okay", "OK"),
    ("adviser", "advisor"),
    ("advisers", "advisors"),
    ("per cent", "percent"),
    ("towards", "toward"),
    ("among", "amongst"),
    ("while", "whilst"),
    ("learned", "learnt"),
    ("spelled", "spelt"),
    ("burned", "burnt"),
    ("dreamed", "dreamt"),
    ("leaped", "leapt"),
    ("encyclopedia", "encyclopaedia"),
    ("medieval", "mediaeval"),
    ("fetus", "foetus"),
    ("connection", "connexion"),
    ("inquire", "enquire"),
)

# Nouns whose capital letter carries meaning (the Government vs a government); compared mid-sentence only.
_CAPITAL_NOUNS = frozenset(
    {
        "government",
        "parliament",
        "council",
        "cabinet",
        "church",
        "army",
        "navy",
        "police",
        "court",
        "party",
        "committee",
        "department",
        "ministry",
        "university",
        "crown",
        "opposition",
        "senate",
        "congress",
        "state",
        "treasury",
        "union",
        "commission",
        "assembly",
        "cathedral",
        "constitution",
        "administration",
        "bank",
        "home office",
        "foreign office",
        "supreme court",
        "high court",
        "prime minister",
        "president",
        "chancellor",
    }
)

_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {w: i for i, w in enumerate(_SMALL_NUMBERS.split(" "))}
for _tens, _value in (
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
):
    _NUMBER_WORDS[_tens] = _value

_WORD = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b|\b[^\W\d_]+\b")
# The hyphenated matches of _WORD: the same spans, since a plain word never holds a place where one could start.
_HYPHENATED = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b")
# Past this many hyphenated keys, looking for each in every block costs more than reading every word.
_MAX_KEY_PROBES = 32
_VARIANT_OF = {v.lower(): group[0].lower() for group in _SPELLING_VARIANTS for v in group}


class _Terms:
    """``\\b(term|…)\\b``, ignoring case, run with only the terms whose words the block has.

    A term can only match where all its words stand as words, and a term that cannot match
    anywhere in a block never decides which alternative wins, so the smaller pattern finds
    exactly what the full one would — and most paragraphs hold none or one of the terms.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(sorted(terms, key=len, reverse=True))
        self.by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for i, term in enumerate(self.terms):
            if not _PLAIN_TERM.match(term):
                raise ValueError(f"not a plain lower-case term: {term!r}")
            words = frozenset(term.split(" "))
            self.by_word.setdefault(max(words, key=len), []).append((i, words))

    def pattern(self, probe: Probe) -> re.Pattern[str] | None:
        words = probe.words
        present = [i for w in words & self.by_word.keys() for i, need in self.by_word[w] if need <= words]
        return _alternation(tuple(self.terms[i] for i in sorted(present))) if present else None


_PLAIN_TERM = re.compile(r"^[a-z]+(?: [a-z]+)*$")


@functools.lru_cache(maxsize=1024)
def _alternation(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")\b", re.IGNORECASE)


class _TermSets:
    """Several :class:`_Terms` answered with one look at a block's words.

    Every block is asked about variant spellings, capitalised nouns and number words;
    intersecting its words with one merged index instead of three saved about a
    third of this family's time on the newsroom corpus.
    """

    def __init__(self, *sets: _Terms) -> None:
        self.sets = sets
        self.by_word: dict[str, list[tuple[int, int, frozenset[str]]]] = {}
        for number, terms in enumerate(sets):
            for word, entries in terms.by_word.items():
                self.by_word.setdefault(word, []).extend((number, i, need) for i, need in entries)

    def patterns(self, probe: Probe) -> list[re.Pattern[str] | None]:
        """For each set, what :meth:`_Terms.pattern` gives for ``probe``."""
        words = probe.words
        hits = words & self.by_word.keys()
        if not hits:
            return [None] * len(self.sets)
        present: list[list[int]] = [[] for _ in self.sets]
        for word in hits:
            for number, i, need in self.by_word[word]:
                if need <= words:
                    present[number].append(i)
        return [
            _alternation(tuple(terms.terms[i] for i in sorted(found))) if found else None
            for terms, found in zip(self.sets, present, strict=True)
        ]


_VARIANTS = _Terms(_VARIANT_OF)
_NOUNS = _Terms(_CAPITAL_NOUNS)
_DEFINITION = re.compile(r"((?:\b[A-Z][\w'’-]*,?\s+(?:(?:of|and|for|the|on|in|de|du)\s+)*)+)\(([A-Z][A-Za-z]{1,7})\)")
# Where a _FIGURE match can start: its first lookbehind, moved after the digit so the scan can jump to digits,
# widened to every word character: _FIGURE's \b needs a non-word character there (so no Python loop for "R1").
_FIGURE_START = re.compile(r"[1-9](?<![\w.,:£$€/#-][1-9])")
_FIGURE = re.compile(
    r"(?<![\d.,:£$€/#-])(?<!\d to )(?<!\d votes to )\b([1-9]\d?)\b"
    r"(?![\d.,:/%]|-\d| ?(?:per ?cent|percent|am|pm|a\.m\.|p\.m\.|km|kg|m|cm|mm|"
    r"ft|mph|st|nd|rd|th|million|billion|bn|years? old|-year-old)(?!\w))"
)
_NUM_WORD = _Terms(_NUMBER_WORDS)
# Order of the patterns _TERM_SETS.patterns gives: variant spellings, capitalised nouns, number words.
_TERM_SETS = _TermSets(_VARIANTS, _NOUNS, _NUM_WORD)
_MONTHS = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s*$"
)
_IN_NAME_AFTER = re.compile(r" (?:(?:of|for|and|on|de) (?:the )?)?[A-Z]")
_IN_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*,? $")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)]*\s+|[\"“‘]\s*)$")
_SENTENCE_TAIL = re.compile(r"(?:[.!?][\"'”’)]*\s+|[\"“‘]\s*)$")


@dataclass(frozen=True, slots=True)
class _Use:
    form: str
    start: int
    end: int


class ConsistencyCheck(Check):
    family = "consistency"
    rules = (
        RuleInfo(HYPHEN, Category.CONSISTENCY, Severity.WARNING, "A word hyphenated in one place and not another"),
        RuleInfo(SPELLING, Category.CONSISTENCY, Severity.WARNING, "A word spelt two accepted ways"),
        RuleInfo(CAPITALS, Category.CONSISTENCY, Severity.SUGGESTION, "A noun capitalised in one place, not another"),
        RuleInfo(ABBREVIATION, Category.CONSISTENCY, Severity.WARNING, "An abbreviation defined two ways"),
        RuleInfo(NUMBERS, Category.CONSISTENCY, Severity.SUGGESTION, "Numbers in one range as words and figures"),
    )

    def check_document(self, doc: Document) -> Iterable[Finding]:
        blocks = [b for b in doc.blocks if b.kind != BlockKind.CODE]
        # What each block contains, worked out once and shared by the rules that skip blocks without their words.
        probes = [probe_for(b.text) for b in blocks]
        terms = [_TERM_SETS.patterns(p) for p in probes]
        findings: list[Finding] = []
        findings.extend(self._hyphenation(doc, blocks))
        findings.extend(self._spelling(doc, blocks, [t[0] for t in terms]))
        findings.extend(self._capitals(doc, blocks, [t[1] for t in terms]))
        findings.extend(self._abbreviations(doc, blocks))
        findings.extend(self._numbers(doc, blocks, probes, [t[2] for t in terms]))
        return findings

    # Shared machinery -----------------------------------------------------------

    def _flag_minority(
        self, doc: Document, rule: str, groups: dict[str, list[_Use]], what: str, key_of: type[str] | None = None
    ) -> Iterator[Finding]:
        """For each group of uses, flag the uses whose form is not the majority form."""
        for uses in groups.values():
            for use, majority, counts in _minority_uses(uses):
                message = (
                    f"'{doc.text[use.start : use.end]}' is {what} '{majority}' elsewhere in this story "
                    f"({counts[majority]}× against {counts[use.form]}×); keep to one form."
                )
                yield self.finding(
                    rule, doc.text, use.start, use.end, message, [_match_case(majority, doc.text[use.start : use.end])]
                )

    # Rules ------------------------------------------------------------------------

    def _hyphenation(self, doc: Document, blocks: list[Block]) -> Iterator[Finding]:
        hyphenated: set[str] = set()
        with_hyphens: set[int] = set()
        for i, block in enumerate(blocks):
            if "-" not in block.text:
                continue
            for m in _HYPHENATED.finditer(block.text):
                if not block.is_skipped(m.start(), m.end()):
                    hyphenated.add(m.group().replace("-", "").lower())
                    with_hyphens.add(i)
        keys = hyphenated - _NOT_VARIANTS
        if not keys:
            return
        groups: dict[str, list[_Use]] = {}
        for i, block in enumerate(blocks):
            if i not in with_hyphens and len(keys) <= _MAX_KEY_PROBES:
                # The unhyphenated form of a key, lower-cased, is the key itself.
                lowered = block.text.lower()
                if not any(key in lowered for key in keys):
                    continue
            for m in _WORD.finditer(block.text):
                form = m.group().lower()
                key = form.replace("-", "")
                if key not in keys or (block.skips and block.is_skipped(m.start(), m.end())):
                    continue
                start = block.start + m.start()
                groups.setdefault(key, []).append(_Use(form, start, start + len(form)))
        yield from self._flag_minority(doc, HYPHEN, groups, "written")

    def _spelling(
        self, doc: Document, blocks: list[Block], patterns: list[re.Pattern[str] | None]
    ) -> Iterator[Finding]:
        groups: dict[str, list[_Use]] = {}
        for block, pattern in zip(blocks, patterns, strict=True):
            if pattern is None:
                continue
            for m in pattern.finditer(block.text):
                if block.is_skipped(m.start(), m.end()):
                    continue
                form = m.group().lower()
                start = block.start + m.start()
                groups.setdefault(_VARIANT_OF[form], []).append(_Use(form, start, start + len(form)))
        yield from self._flag_minority(doc, SPELLING, groups, "spelt")

    def _capitals(
        self, doc: Document, blocks: list[Block], patterns: list[re.Pattern[str] | None]
    ) -> Iterator[Finding]:
        groups: dict[str, list[_Use]] = {}
        for block, pattern in zip(blocks, patterns, strict=True):
            if pattern is None or block.kind == BlockKind.HEADING:
                continue
            for m in pattern.finditer(block.text):
                if block.is_skipped(m.start(), m.end()) or _at_sentence_start(block.text, m.start()):
                    continue
                word = m.group()
                if word != word.lower() and word != word.title():
                    continue
                # "the Government" (the institution) vs "the government"; inside a name
                # ("Bank of England", "Reserve Bank", "Court Street") the capital belongs to the name.
                if _IN_NAME_AFTER.match(block.text, m.end()) or _IN_NAME_BEFORE.search(
                    block.text, max(0, m.start() - 40), m.start()
                ):
                    continue
                start = block.start + m.start()
                groups.setdefault(word.lower(), []).append(_Use(word, start, start + len(word)))
        yield from self._flag_minority(doc, CAPITALS, groups, "capitalised as")

    def _abbreviations(self, doc: Document, blocks: list[Block]) -> Iterator[Finding]:
        groups: dict[str, list[_Use]] = {}
        for block in blocks:
            if "(" not in block.text:
                # Every definition has its abbreviation in brackets.
                continue
            for m in _DEFINITION.finditer(block.text):
                abbr = m.group(2)
                words = m.group(1).replace(",", "").split()
                # Walk back from the bracket until there are as many capitalised words as initials.
                kept: list[str] = []
                capitals = 0
                for word in reversed(words):
                    if capitals == len(abbr):
                        break
                    kept.insert(0, word)
                    capitals += word[:1].isupper()
                while kept and not kept[0][:1].isupper():
                    kept.pop(0)
                if not kept:
                    continue
                expansion = " ".join(kept)
                lead = m.group(1).rfind(kept[0], 0, len(m.group(1)) - len(" ".join(kept[1:])))
                raw = block.text[m.start(1) + lead : m.end(1)].rstrip()
                if " ".join(raw.replace(",", "").split()) != expansion:
                    continue
                start = block.start + m.start(1) + lead
                groups.setdefault(abbr, []).append(_Use(expansion, start, start + len(raw)))
        yield from self._flag_minority(doc, ABBREVIATION, groups, "defined as")

    def _numbers(
        self, doc: Document, blocks: list[Block], probes: list[Probe], patterns: list[re.Pattern[str] | None]
    ) -> Iterator[Finding]:
        # Two ranges as style books split them: one to nine, and 10 upwards.
        groups: dict[str, list[_Use]] = {"small": [], "large": []}
        for block, probe, words_pattern in zip(blocks, probes, patterns, strict=True):
            text = block.text
            # Every figure holds a digit; ``probe.digit`` is already known to the house style's rules.
            figures = _figures(text) if probe.digit else iter(())
            number_words = words_pattern.finditer(text) if words_pattern is not None else iter(())
            for m in figures:
                if block.is_skipped(m.start(), m.end()) or _MONTHS.search(text, max(0, m.start() - 12), m.start()):
                    continue
                if _at_sentence_start(text, m.start()):
                    continue
                value = int(m.group(1))
                start = block.start + m.start(1)
                groups["small" if value < 10 else "large"].append(_Use("figures", start, start + len(m.group(1))))
            for m in number_words:
                if block.is_skipped(m.start(), m.end()) or _at_sentence_start(text, m.start()):
                    continue
                value = _NUMBER_WORDS[m.group(1).lower()]
                if value == 0 or m.group(1)[0].isupper():
                    continue
                start = block.start + m.start()
                groups["small" if value < 10 else "large"].append(_Use("words", start, m.end() + block.start))
        for uses in groups.values():
            uses.sort(key=lambda u: u.start)
            for use, majority, counts in _minority_uses(uses):
                written = doc.text[use.start : use.end]
                fixed = _to_words(written) if majority == "words" else _to_figure(written)
                message = (
                    f"'{written}' is in {use.form}, but this story writes numbers like it in {majority} "
                    f"({counts[majority]}× against {counts[use.form]}×)."
                )
                yield self.finding(NUMBERS, doc.text, use.start, use.end, message, [fixed] if fixed else [])


def _minority_uses(uses: list[_Use]) -> Iterator[tuple[_Use, str, Counter[str]]]:
    """Uses whose form is not the majority form, with that form and the counts.

    The majority is the most frequent form, the first seen on a tie of counts; a use whose
    form is as frequent as the majority is a tie, with no minority form to correct.
    """
    counts = Counter(u.form for u in uses)
    if len(counts) < 2:
        return
    order = {u.form: i for i, u in reversed(list(enumerate(uses)))}
    majority = max(counts, key=lambda f: (counts[f], -order[f]))
    for use in uses:
        if use.form != majority and counts[use.form] != counts[majority]:
            yield use, majority, counts


def _figures(text: str) -> Iterator[re.Match[str]]:
    """``_FIGURE.finditer(text)``, trying the full pattern only where a match can start.

    Every match starts at a digit 1-9 with no digit or number punctuation before it, and the
    standard engine cannot skip ahead to one by itself (the pattern opens with lookbehinds).
    ``match`` at a position still sees the text before it, so each lookbehind reads as in a scan.
    """
    pos = 0
    while True:
        candidate = _FIGURE_START.search(text, pos)
        if candidate is None:
            return
        m = _FIGURE.match(text, candidate.start())
        if m is None:
            pos = candidate.start() + 1
            continue
        yield m
        pos = m.end()


def _at_sentence_start(text: str, start: int) -> bool:
    # Look only just behind the match: slicing from the start of a long block costs O(n) per number.
    window = max(0, start - 8)
    return (
        _SENTENCE_START.search(text, window, start) is not None
        if window == 0
        else bool(_SENTENCE_TAIL.search(text, window, start))
    )


def _match_case(form: str, observed: str) -> str:
    if observed[:1].isupper() and not form[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _to_words(figure: str) -> str:
    value = int(figure)
    names = {v: w for w, v in _NUMBER_WORDS.items()}
    if value in names:
        return names[value]
    tens, units = divmod(value, 10)
    if tens * 10 in names and units:
        return f"{names[tens * 10]}-{names[units]}"
    return ""


def _to_figure(word: str) -> str:
    value = _NUMBER_WORDS.get(word.lower())
    return "" if value is None else str(value)


CHECKS = [ConsistencyCheck]
