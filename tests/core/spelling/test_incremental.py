"""A warm engine, updated paragraph by paragraph after edits, reports exactly what a fresh one does."""

from __future__ import annotations

import random

import pytest

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.spelling import SpellingCheck
from proofdesk.core.document import Document, document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Finding
from proofdesk.core.style.model import HouseStyle

# Our own story: a name spelt two ways, a council and its misspelling, a handle that vouches for a name.
PARAGRAPHS = [
    "Harbour Board members in Trelawny voted on Tuesday to close the slipway.",
    "Councillor Aderonke Balogun said the Harbour Board had no choice. Balogun added that the vote was close.",
    "Balogun told reporters the slipway would reopen in the spring. Follow @TrelawnyHarbour for updates.",
    "Critics said the Harbuor Board ignored fishermen. Ballogun rejected that.",
    "The goverment has promised to recieve a report on the closure by March.",
    "Neighbours said the the slipway was popular with visitors from Penzance.",
    "Mrs Balogun said she would meet fishermen next week at the harbour office.",
]


def engine() -> Engine:
    ctx = CheckContext(language="en-GB", style=HouseStyle(language="en-GB"))
    return Engine(EngineConfig(ctx), checks=[SpellingCheck])


def keyed(found: list[Finding]) -> list[tuple[str, int, int, str, tuple[str, ...]]]:
    return [(f.rule, f.start, f.end, f.message, tuple(f.suggestions)) for f in found]


def edits(seed: int, steps: int) -> list[list[str]]:
    """A run of drafts, each one edit away from the last: typing, deleting, moving and copying paragraphs."""
    rng = random.Random(seed)
    paras = list(PARAGRAPHS)
    out = [list(paras)]
    for _ in range(steps):
        move = rng.choice(["type", "type", "delete", "move", "copy", "rename"])
        i = rng.randrange(len(paras))
        if move == "type":
            p = paras[i]
            at = rng.randrange(len(p) + 1)
            paras[i] = p[:at] + rng.choice("aeqxz ") + p[at:]
        elif move == "delete" and len(paras) > 2:
            del paras[i]
        elif move == "move":
            paras.insert(rng.randrange(len(paras)), paras.pop(i))
        elif move == "copy":
            paras.insert(rng.randrange(len(paras) + 1), paras[i])
        else:  # the name's spelling flips, so which form is the majority changes
            paras[i] = paras[i].replace("Balogun", "Ballogun") if "Balogun" in paras[i] else paras[i]
        out.append(list(paras))
    return out


def doc_of(paras: list[str]) -> Document:
    return document_from_text("\n\n".join(paras) + "\n")


@pytest.mark.parametrize("seed", range(6))
def test_warm_full_check_matches_a_fresh_engine_after_each_edit(seed: int) -> None:
    warm = engine()
    for paras in edits(seed, 25):
        doc = doc_of(paras)
        assert keyed(warm.check(doc)) == keyed(engine().check(doc))


@pytest.mark.parametrize("seed", range(6))
def test_paragraph_recheck_matches_a_fresh_engine(seed: int) -> None:
    warm = engine()
    warm.check(doc_of(PARAGRAPHS))
    for paras in edits(seed, 25):
        doc = doc_of(paras)
        block = doc.blocks[random.Random(seed).randrange(len(doc.blocks))]
        assert keyed(warm.check_blocks(doc, [block])) == keyed(engine().check_blocks(doc, [block]))


def test_the_story_behind_the_edits_has_every_kind_of_finding() -> None:
    # Guards the property tests above: they compare something, not two empty lists.
    rules = {f.rule for f in engine().check(doc_of(PARAGRAPHS))}
    assert {"spelling.unknown-word", "spelling.name-consistency", "spelling.repeated-word"} <= rules


def test_a_name_slip_is_found_again_once_the_majority_form_changes() -> None:
    warm = engine()
    first = doc_of(PARAGRAPHS)
    assert [f.text for f in warm.check(first) if f.rule == "spelling.name-consistency"] == ["Ballogun"]
    flipped = [p.replace("Balogun", "Ballogun") for p in PARAGRAPHS[:3]] + PARAGRAPHS[3:]
    found = [(f.text, f.suggestions[0]) for f in warm.check(doc_of(flipped)) if f.rule == "spelling.name-consistency"]
    assert found == keyed_names(engine().check(doc_of(flipped)))
    assert found and all(text == "Balogun" and fix == "Ballogun" for text, fix in found)


def keyed_names(found: list[Finding]) -> list[tuple[str, str]]:
    return [(f.text, f.suggestions[0]) for f in found if f.rule == "spelling.name-consistency"]
