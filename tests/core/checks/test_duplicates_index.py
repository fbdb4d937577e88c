"""The duplicate search's shortcuts find exactly what the plain rare-word index finds.

``find_duplicates`` skips units whose key words no other unit has, files units by key and facts,
and ranks words once per document. The reference below is the plain index those replace: every
unit filed under its rarest words, candidates counted over the last MAX_POSTINGS units filed
under each key. Both must report the same copies, in the same order, on drafts full of shared
words, near copies and long posting lists.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence

import pytest

from proofdesk.core.checks._newsroom import dupes
from proofdesk.core.checks._newsroom.dupes import (
    MAX_POSTINGS,
    RARE_KEYS,
    WORDS_PER_EDIT,
    Dup,
    Unit,
    near_cost,
    text_parts,
)
from proofdesk.core.document import Block, document_from_text


class _PlainIndex:
    def __init__(self, df: dict[str, int]) -> None:
        self.exact: dict[str, Unit] = {}
        self.postings: dict[str, list[Unit]] = defaultdict(list)
        self.df = df
        self.keys_of: dict[int, list[str]] = {}

    def keys(self, unit: Unit) -> list[str]:
        if id(unit) not in self.keys_of:
            ranked = sorted([(self.df.get(t, 0), -len(t), t) for t in set(unit.toks)])
            long = [r[2] for r in ranked if r[1] < -2]
            self.keys_of[id(unit)] = (long or [r[2] for r in ranked])[:RARE_KEYS]
        return self.keys_of[id(unit)]

    def add(self, unit: Unit) -> None:
        self.exact.setdefault(unit.norm, unit)
        for key in self.keys(unit):
            lst = self.postings[key]
            lst.append(unit)
            if len(lst) > MAX_POSTINGS * 2:
                del lst[:MAX_POSTINGS]

    def find(self, unit: Unit) -> Unit | None:
        hit = self.exact.get(unit.norm)
        if hit is not None:
            return hit
        if len(unit.toks) < 2:
            return None
        keys = self.keys(unit)
        pool: list[Unit] = []
        for key in keys:
            pool.extend(self.postings.get(key, [])[-MAX_POSTINGS:])
        need = 2 if len(keys) >= 3 else 1
        n = len(unit.toks)
        slack = max(1.0, n / WORDS_PER_EDIT)
        best: tuple[float, Unit] | None = None
        for cand, count in Counter(pool).items():
            if count < need or abs(len(cand.toks) - n) > slack or cand.facts != unit.facts:
                continue
            cost = near_cost(unit.toks, cand.toks)
            if cost is not None and (best is None or cost < best[0]):
                best = (cost, cand)
        return best[1] if best else None


def _plain_find(blocks: Sequence[Block], skip: set[int], body_start: int) -> list[Dup]:
    """find_duplicates as it was before its shortcuts, over the same parts of each block."""
    block_units: list[Unit | None] = []
    sent_units: list[list[Unit]] = []
    df: dict[str, int] = defaultdict(int)
    for i, b in enumerate(blocks):
        parts = None if i in skip else text_parts(b.text)
        if parts is None or parts[0]:
            block_units.append(None)
            sent_units.append([])
            continue
        _, norm, toks, _, _, sents = parts
        unit = Unit(i, 0, len(b.text), norm, toks, True, sents is None)
        block_units.append(unit)
        sent_units.append([unit] if sents is None else [Unit(i, s[0], s[1], s[2], s[3], False, False) for s in sents])
        for t in set(toks):
            df[t] += 1
    blocks_seen, sents_seen = _PlainIndex(df), _PlainIndex(df)
    found: list[Dup] = []
    flagged: set[int] = set()
    prev_live = -1
    for i, bu in enumerate(block_units):
        if bu is None:
            continue
        b = blocks[i]
        adjacent_to, prev_live = prev_live, i
        if dupes._block_eligible(b, bu):
            match = blocks_seen.find(bu)
            if match is not None and dupes._may_repeat(b, bu, match, adjacent_to, body_start, blocks):
                found.append(dupes._block_dup(blocks, match, bu, adjacent_to, body_start))
                flagged.add(found[-1].block)
                continue
        for su in sent_units[i]:
            if dupes._sentence_eligible(su):
                orig = sents_seen.find(su)
                if orig is not None and orig.block not in flagged:
                    dup = dupes._sentence_dup(blocks, orig, su, body_start)
                    found.append(dup)
                    if dup.whole:
                        flagged.add(dup.block)
                    continue
            sents_seen.add(su)
        blocks_seen.add(bu)
    return found


_WORDS = (  # noqa: SIM905 - a word list reads better as running text
    "the council harbour board said would not never cost plan vote study report march june two 12 40 "
    "tidal lagoon energy homes million residents meeting quay channel silt dredging licence regulator "
    "skippers boats winter tonnes closed"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(5, 16))]
    return " ".join(words).capitalize() + "."


def _draft(rng: random.Random) -> str:
    paras: list[str] = []
    for _ in range(rng.randint(5, 60)):
        roll = rng.random()
        if paras and roll < 0.25:
            paras.append(rng.choice(paras))  # an exact copy
        elif paras and roll < 0.5:
            words = rng.choice(paras).split()
            i = rng.randrange(len(words))
            if rng.random() < 0.5 and len(words[i]) > 4:
                words[i] = words[i][:2] + words[i][3:]  # a typo
            else:
                words[i] = rng.choice(_WORDS)  # a changed word
            paras.append(" ".join(words))
        else:
            paras.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))))
    return "\n\n".join(paras)


@pytest.mark.parametrize("seed", range(40))
def test_find_duplicates_matches_the_plain_index(seed: int) -> None:
    rng = random.Random(seed)
    doc = document_from_text(_draft(rng))
    skip = {i for i in range(len(doc.blocks)) if rng.random() < 0.05}
    for body_start in (0, 2):
        assert dupes.find_duplicates(doc.blocks, skip, body_start) == _plain_find(doc.blocks, skip, body_start)


def test_rank_all_words_at_once_gives_the_same_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dupes, "_RANK_ALL_AFTER", 0)
    for seed in range(10):
        doc = document_from_text(_draft(random.Random(100 + seed)))
        assert dupes.find_duplicates(doc.blocks, set(), 0) == _plain_find(doc.blocks, set(), 0)
