"""Is one word a spelling mistake, a house variant, or fine — and what should replace it?

A word the dictionary lacks is not automatically wrong: news copy is full of
names and new words. A lower-case word is a mistake when a close dictionary
word is far more common than it, or when English text has practically never
seen it; a word English text uses often (``merch``) is one the dictionary
lacks, unless it is one cheap slip off a much more common word. Where a name
may stand, only an unmistakable slip counts (:meth:`Judge.name_verdict`); the
document pass decides the rest with what the whole story says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from proofdesk.core.spelling.lexicon import Lexicon
from proofdesk.core.spelling.suggest import Candidate, candidates, match_case
from proofdesk.core.spelling.variants import house_form

_DIGIT = re.compile(r"\d")
# Clitics that may follow a known word after an apostrophe (Zhigang's, Pellow'll).
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})
# Name prefixes joined by an apostrophe (O'Meara, D'Souza, N'Golo).
_APOSTROPHE_PREFIXES = frozenset({"O", "D", "L", "N", "M"})

# Thresholds, tuned on the training half of the benchmark (see benchmarks/spelling_bench.py).
UNSEEN_ZIPF = 1.5  # below this the word is practically unattested in English text (names are usually above)
TYPO_MARGIN = 0.2  # flag when FREQ_GAP * (zipf(candidate) - zipf(word)) - cost exceeds this
FREQ_GAP = 0.7
LONE_ZIPF = 1.0  # a word with no close dictionary word is an error only if rarer than this
ATTESTED_ZIPF = 2.3  # a word this common is not flagged unless it is an unmistakable slip
ATTESTED_GAP = 1.5  # … unless within ATTESTED_COST of a word this much (zipf) more common
ATTESTED_COST = 1.0
RARE_COST = 1.5  # a rare word this close to a dictionary word is taken for a slip of it
UNSEEN_MIN_LENGTH = 5  # an unseen capitalised word this long …
UNSEEN_COST = 1.0  # … within this edit cost (more for long words) …
UNSEEN_COST_LONG = 1.5
UNSEEN_FLOOR = 3.0  # … of a word at least this common is a slip unless the story repeats it
STRONG_COST = 0.65  # a doubled/dropped letter, swap or neighbouring key …
STRONG_ZIPF = 4.0  # … on a word at least this common …
STRONG_GAP = 2.0  # … that is at least 100 times more common than the typed word


def _wholly_foreign(word: str) -> bool:
    """True if no letter of ``word`` is Latin. A word mixing scripts is still judged: in scraped copy it is
    usually a look-alike slip (a Cyrillic "а" inside "password")."""
    return not any(ch.isalpha() and (ch.isascii() or "LATIN" in unicodedata.name(ch, "")) for ch in word)


class Kind(Enum):
    OK = "ok"
    UNKNOWN = "unknown"
    VARIANT = "variant"


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: Kind
    suggestions: tuple[str, ...] = ()
    # A slip so clear (typo list, or one cheap edit off a very common word) that names cannot excuse it.
    strong: bool = False
    # Unseen in any English text yet one edit from a common word: a name only if the story repeats it.
    unseen_slip: bool = False


OK = Verdict(Kind.OK)


def _suggestions(word: str, cands: list[Candidate], limit: int = 5) -> tuple[str, ...]:
    out: list[str] = []
    for c in cands:
        s = match_case(word, c.word) if c.word.islower() or " " in c.word else c.word
        if s not in out:
            out.append(s)
        if len(out) == limit:
            break
    return tuple(out)


class Judge:
    """Word verdicts for one lexicon, memoised (a story repeats its words)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._memo: dict[str, Verdict] = {}
        self._names: dict[str, Verdict] = {}

    def forget(self) -> None:
        """Drop memoised verdicts (benchmarks measure from cold; the app never needs to)."""
        self._memo.clear()
        self._names.clear()
        self.lex.forget()

    def is_known(self, word: str) -> bool:
        """Known as written, or as a possessive/contraction of a known word."""
        # The possessive/contraction forms are asked first: their base is usually settled by the stored
        # lists, where the whole word (estuary's) would need Hunspell loaded. Either way round, the same answer.
        if "'" in word and self._known_by_clitic(word):
            return True
        return self.lex.known(word)

    def _known_by_clitic(self, word: str) -> bool:
        base, _, clitic = word.rpartition("'")
        if not clitic:  # Jones' — plural possessive
            return bool(base) and self.is_known(base)
        if clitic.lower() in _CLITICS and base and self.is_known(base):
            return True
        if base in _APOSTROPHE_PREFIXES and clitic[:1].isupper():
            return True
        return base.lower().endswith("n") and clitic.lower() == "t" and self.lex.known(base[:-1])

    def judge(self, word: str) -> Verdict:
        """Verdict on one normalised word (no hyphens) that is not in any house vocabulary."""
        hit = self._memo.get(word)
        if hit is None:
            hit = self._judge(word)
            if len(self._memo) > 200_000:
                self._memo.clear()
            self._memo[word] = hit
        return hit

    def name_verdict(self, word: str) -> Verdict:
        """Verdict on a capitalised word where a name may stand (mid-sentence, beside another capital).

        Only an unmistakable slip is reported here; the document pass compares the rest with the words
        the story uses elsewhere.
        """
        hit = self._names.get(word)
        if hit is None:
            hit = OK
            # Cheapest first: capitals settle it without a dictionary.
            if not word.isupper() and not any(ch.isupper() for ch in word[1:]) and not self.is_known(word):
                stem = word[:-2] if word.endswith("'s") else word.rstrip("'")
                lower = stem.lower()
                if (
                    lower in self.lex.typos
                    or self._cheap_slip(lower)
                    or (len(lower) >= UNSEEN_MIN_LENGTH and self.lex.zipf(lower) < UNSEEN_ZIPF)
                ):
                    hit = self.judge(word)
                    if not (hit.strong or hit.unseen_slip):
                        hit = OK
            self._names[word] = hit
        return hit

    def _cheap_slip(self, word: str) -> bool:
        """A swapped pair or a doubled/undoubled letter away from a very common word."""
        n = len(word)
        if n < 5:
            return False
        lex = self.lex
        forms = lex.forms
        floor = max(STRONG_ZIPF, lex.zipf(word) + STRONG_GAP)
        edits: list[str] = []
        for i in range(n - 1):
            edits.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
            if word[i] == word[i + 1]:
                edits.append(word[:i] + word[i + 1 :])
        for i in range(n):
            edits.append(word[: i + 1] + word[i] + word[i + 1 :])
        return any(e in forms and lex.zipf(e) >= floor for e in edits if e != word)

    def _judge(self, word: str) -> Verdict:
        if len(word) < 2 or _DIGIT.search(word):
            return OK
        if not word.isascii() and _wholly_foreign(word):
            return OK  # a quote or name in Hebrew, Cyrillic, Chinese…: no English dictionary can judge it
        if word.isupper() or any(ch.isupper() for ch in word[1:]):
            return OK  # acronyms (SASAC, MPs) and inner capitals (McAllister, iPhone, PhD)
        if self.is_known(word):
            return OK
        stem, suffix = word, ""
        if "'" in word:
            base, _, clitic = word.rpartition("'")
            if base[:1] and base in _APOSTROPHE_PREFIXES:
                return OK
            if clitic.lower() in _CLITICS or not clitic:
                stem, suffix = base, word[len(base) :]
        lower = stem.lower()
        lex = self.lex
        if lex.known_other(lower) or lex.known_other(stem):
            form = house_form(lower, lex.language, lex.known, lex.known_other)
            if form is not None:
                return Verdict(Kind.VARIANT, (match_case(stem, form) + suffix,))
        cands = candidates(lex, lower)
        sugg = tuple(s + suffix for s in _suggestions(stem, cands))
        best = cands[0] if cands else None
        capitalised = stem[:1].isupper()
        zw = lex.zipf(lower)
        strong = best is not None and (
            best.from_typo_list
            or (best.cost <= STRONG_COST and best.zipf >= STRONG_ZIPF and best.zipf - zw >= STRONG_GAP)
        )
        if strong:
            return Verdict(Kind.UNKNOWN, sugg, strong=True)
        if best is None:
            # Nothing close: gibberish is an error, an attested word (a new coinage, a foreign name) is not.
            return Verdict(Kind.UNKNOWN) if zw < LONE_ZIPF and not capitalised else OK
        if zw >= ATTESTED_ZIPF:
            # Common enough in English text to be a word the dictionary lacks (merch, wonks), unless one
            # cheap slip off a much more common word (dancin, ment).
            if best.cost <= ATTESTED_COST and best.zipf - zw >= ATTESTED_GAP:
                return Verdict(Kind.UNKNOWN, sugg)
            return OK
        if (
            zw < LONE_ZIPF
            or (zw < UNSEEN_ZIPF and best.cost <= RARE_COST)
            or FREQ_GAP * (best.zipf - zw) - best.cost > TYPO_MARGIN
        ):
            unseen = (
                zw < UNSEEN_ZIPF
                and len(lower) >= UNSEEN_MIN_LENGTH
                and best.cost <= (UNSEEN_COST if len(lower) < 8 else UNSEEN_COST_LONG)
                and best.zipf >= UNSEEN_FLOOR
                and best.zipf - zw >= STRONG_GAP
            )
            return Verdict(Kind.UNKNOWN, sugg, unseen_slip=unseen)
        return OK
