"""Ranked corrections for a misspelt word, modelled on how people actually mistype.

Candidates come from the house typo list, a fuzzy search (two edits, same first
letter) over the frequency-ranked dictionary, single edits that change the first
letter, and splits of run-together words. Each candidate's edits are costed —
a doubled or dropped letter, a swap of neighbours, a slip to an adjacent key or
a vowel confused with another cost less than an arbitrary edit — and weighed
against how common the candidate is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from proofdesk.core.spelling.lexicon import Lexicon

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")
# Letters that stand for the same sound often enough to be confused in writing.
_SOUND_PAIRS = frozenset(
    frozenset(p) for p in ("ck", "cs", "sz", "iy", "gj", "mn", "fv", "ae", "ei", "ou", "td", "bp", "xs", "kq", "wv")
)


def _adjacent_keys() -> dict[str, frozenset[str]]:
    pos = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    near: dict[str, set[str]] = {ch: set() for ch in pos}
    for a, (ra, ca) in pos.items():
        for b, (rb, cb) in pos.items():
            # Rows are staggered: a key touches its row neighbours and two keys in each adjacent row.
            if (
                a != b
                and abs(ra - rb) <= 1
                and (ca - cb) in ((-1, 0, 1) if ra == rb else (0, -1) if rb < ra else (0, 1))
            ):
                near[a].add(b)
    return {k: frozenset(v) for k, v in near.items()}


_NEAR = _adjacent_keys()

# Costs of single edits, tuned on the training half of the benchmark's misspellings.
COST_DOUBLE = 0.4  # a doubled letter typed once, or a single letter doubled
COST_TRANSPOSE = 0.6
COST_ADJACENT = 0.8  # a neighbouring key struck instead, or as well
COST_VOWEL = 0.75
COST_SOUND = 0.8
COST_INSERT = 0.6  # a letter left out (the candidate has it)
COST_DELETE = 0.9  # a stray letter (the candidate lacks it)
COST_SUBSTITUTE = 1.0
COST_FIRST_LETTER = 0.3
COST_SPLIT = 1.8  # a run-together pair of words (alot → a lot)
FREQ_WEIGHT = 0.25  # one zipf step (10× more common) is worth this much edit cost


def _sub_cost(a: str, b: str) -> float:
    if b in _NEAR.get(a, ()):
        return COST_ADJACENT
    if a in _VOWELS and b in _VOWELS:
        return COST_VOWEL
    if frozenset((a, b)) in _SOUND_PAIRS:
        return COST_SOUND
    return COST_SUBSTITUTE


def edit_cost(word: str, cand: str) -> float:
    """Weighted edit cost of turning the typed ``word`` into ``cand`` (both lower case).

    Two alignments are costed and the cheaper kept: Levenshtein's, and insertions/deletions only —
    the second sees "dissapear" as one doubled letter moved (s dropped, p doubled), where Levenshtein
    may see two unrelated substitutions.
    """
    cost = min(_ops_cost(word, cand, Levenshtein.editops(word, cand)), _ops_cost(word, cand, Indel.editops(word, cand)))
    if word[:1] != cand[:1] and word[:2] != cand[1::-1]:
        cost += COST_FIRST_LETTER
    return cost


def _ops_cost(word: str, cand: str, ops: Iterable[Any]) -> float:
    items: list[tuple[str, int, int]] = [(str(t), int(a), int(b)) for t, a, b in ops]
    cost = 0.0
    i = 0
    while i < len(items):
        tag, s, d = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        # Levenshtein spells a swap of neighbours as insert+delete or delete+insert of the same letter.
        if nxt is not None and (
            (tag == "insert" and nxt[0] == "delete" and nxt[1] == s + 1 and word[s + 1] == cand[d])
            or (tag == "delete" and nxt[0] == "insert" and nxt[1] == s + 2 and cand[nxt[2]] == word[s])
        ):
            cost += COST_TRANSPOSE
            i += 2
            continue
        if tag == "replace":
            if (
                nxt is not None
                and nxt[0] == "replace"
                and nxt[1] == s + 1
                and nxt[2] == d + 1
                and word[s] == cand[d + 1]
                and word[s + 1] == cand[d]
            ):
                cost += COST_TRANSPOSE
                i += 2
                continue
            cost += _sub_cost(word[s], cand[d])
        elif tag == "delete":
            ch = word[s]
            if (s > 0 and word[s - 1] == ch) or (s + 1 < len(word) and word[s + 1] == ch):
                cost += COST_DOUBLE
            elif (s > 0 and ch in _NEAR.get(word[s - 1], ())) or (
                s + 1 < len(word) and ch in _NEAR.get(word[s + 1], ())
            ):
                cost += COST_ADJACENT
            else:
                cost += COST_DELETE
        else:  # insert: the candidate has cand[d] where the word has nothing
            ch = cand[d]
            if (d > 0 and cand[d - 1] == ch) or (d + 1 < len(cand) and cand[d + 1] == ch):
                cost += COST_DOUBLE
            else:
                cost += COST_INSERT
        i += 1
    return cost


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str  # display form, lower case unless the dictionary only has it capitalised
    cost: float
    zipf: float
    score: float
    from_typo_list: bool = False


_COSTED = 30  # bucket hits given a full edit costing


def _first_letter_edits(lex: Lexicon, word: str) -> list[str]:
    """Dictionary words one edit away at the start of the word, which the bucket search cannot see."""
    out = lex.tails(word[1:])  # first letter replaced
    out.extend(lex.tails(word))  # a letter lost before it
    if word[1:] in lex.forms:
        out.append(word[1:])  # a stray first letter
    swapped = word[1:2] + word[:1] + word[2:]
    if swapped in lex.forms:
        out.append(swapped)
    return out


def candidates(lex: Lexicon, word: str, limit: int = 12) -> list[Candidate]:
    """Candidates for ``word`` (lower case), best first."""
    if not word:
        return []
    found: dict[str, Candidate] = {}

    def add(cand: str, *, typo: bool = False) -> None:
        if cand == word or cand in found:
            return
        if " " in cand:
            parts = cand.split()
            z = min(lex.zipf(p) for p in parts)
            cost = COST_SPLIT
            display = cand
        else:
            form = lex.forms.get(cand)
            if form is None:
                if not typo:
                    return
                form = cand
            z = lex.zipf(cand)
            cost = edit_cost(word, cand)
            display = form
        if typo:
            cost = min(cost, 0.2)
        found[cand] = Candidate(display, cost, z, FREQ_WEIGHT * z - cost, typo)

    fix = lex.typos.get(word)
    if fix:
        add(fix.lower() if fix.lower() in lex.forms else fix, typo=True)
    n = len(word)
    bucket = lex.bucket(word[0], n)
    if bucket:
        cutoff = 1 if n <= 3 else 2
        # Short words have scores of neighbours two edits away: keep them all, then cost only the likeliest.
        hits = process.extract(word, bucket, scorer=OSA.distance, score_cutoff=cutoff, limit=None if n <= 5 else 40)
        if len(hits) > _COSTED:
            zipf = lex.zipf
            hits.sort(key=lambda h: 0.8 * h[1] - FREQ_WEIGHT * zipf(h[0]))
            del hits[_COSTED:]
        for cand, _dist, _idx in hits:
            add(cand)
        if n >= 8 and not any(c.cost <= 1.0 for c in found.values()):
            # Long words mangled three times over (folowwinwg) still have only one plausible reading.
            for cand, _dist, _idx in process.extract(word, bucket, scorer=OSA.distance, score_cutoff=3, limit=10):
                add(cand)
    rare = lex.rare_bucket(word[0], n)
    if rare:
        for cand, _dist, _idx in process.extract(word, rare, scorer=OSA.distance, score_cutoff=1, limit=20):
            add(cand)
    forms = lex.forms
    for cand in _first_letter_edits(lex, word):
        add(cand)
    # Run-together words ("alot", "inthe"): both halves must be common.
    for i in range(1, n):
        left, right = word[:i], word[i:]
        if (
            (len(left) > 1 or left in ("a", "i"))
            and len(right) > 1
            and left in forms
            and right in forms
            and lex.zipf(left) >= 4.5
            and lex.zipf(right) >= 4.0
        ):
            add(f"{forms[left]} {forms[right]}")
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.cost, c.word))
    return ranked[:limit]


def match_case(original: str, suggestion: str) -> str:
    """Give ``suggestion`` the capitalisation pattern of ``original`` (Goverment → Government)."""
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
