"""Random drafts through every default check, and random accepts undone in random order (issue 8 item 7).

Drafts mix ordinary sentences, typos, straight and curly quotes, emoji (astral, ZWJ sequences, flags),
right-to-left text, blank lines and web furniture — the mess a scraped story arrives in. The engine must
never raise, every finding must be exactly its span of the text, findings come sorted; and any set of
accepted suggestions, undone in any order, must give back the draft character for character.
"""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.corrections import Edit, apply_edits, edit_for, resolve_overlaps
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Finding
from proofdesk.core.review import Change, ReviewSession
from proofdesk.core.style.loader import load_house_style

SENTENCES = [
    "The harbour board met on Monday to discuss ferry fares.",
    "Councillor Ada Brennan said the plan was “sound and overdue”.",
    'Residents said "we were never asked" about the new timetable.',
    "The bridge will close at 10pm on Friday , officials said.",
    "Fares rise by 12 percent from next month.",
    "It was the the busiest summer since 2019.",
    "She said: ‘It’s a good day for the island.’",
    "Police are investigating an incident on the quay.",
    "The mayor , who declined to comment , left early.",
    "Reporting by Tom Hale; Editing by Rhian Moss",
]
TYPOS = ["recieve", "goverment", "teh", "accomodate", "wich", "occured", "definately", "Zhigang", "SASAC"]
ODD = [
    "🎉",
    "🇬🇧",
    "👩‍👩‍👧",
    "𝐀𝐁𝐂",
    "مرحبا بكم في الميناء",
    "שלום‏ עולם",
    "naïve café",
    "e\u0301",  # a combining accent: two code points, one character on screen
    "\u00a0",
    "--",
    "...",
    '"',
    "“",
    "’",
    "&amp;",
]
FURNITURE = [
    "Share this article",
    "Advertisement",
    "Sign up to our newsletter",
    "Read more: Ferry fares to rise",
    "Image caption: The new ferry at the quay",
    "Related Topics",
    "Copyright 2026 Harbour News",
]

_piece = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(TYPOS),
    st.sampled_from(ODD),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8),
)
_line = st.one_of(
    st.lists(_piece, min_size=1, max_size=5).flatmap(
        lambda parts: st.sampled_from([" ", "  ", ", ", ""]).map(lambda sep: sep.join(parts))
    ),
    st.sampled_from(FURNITURE),
    st.just(""),
    st.sampled_from(SENTENCES),  # drawn twice in one draft, it is a duplicated paragraph
)
drafts = st.lists(_line, min_size=1, max_size=12).map("\n".join)


@functools.cache
def engine() -> Engine:
    # The bundled newsroom house style, as `proofdesk check` uses by default; no grammar server.
    ctx = CheckContext(language="en-GB", style=load_house_style(None), languagetool="off")
    return Engine(EngineConfig(context=ctx))


def findings_for(text: str) -> list[Finding]:
    doc = document_from_text(text)
    found = engine().check(doc)
    for f in found:
        assert 0 <= f.start <= f.end <= len(doc.text), f
        assert doc.text[f.start : f.end] == f.text, f
    assert found == sorted(found, key=lambda f: f.sort_key)
    return found


FUZZ = settings(max_examples=40, deadline=None)


def test_the_ingredients_give_the_properties_something_to_chew_on() -> None:
    # Without fixable findings from several families the round-trip properties below would hold vacuously.
    text = "\n".join([*SENTENCES, SENTENCES[0], "teh  goverment", *FURNITURE[:2]])
    fixable = [f for f in findings_for(text) if f.suggestions]
    families = {f.rule.split(".")[0] for f in fixable}
    assert len(fixable) >= 6 and {"typography", "spelling", "duplicate", "furniture"} <= families, families


@FUZZ
@given(drafts)
def test_engine_never_raises_and_every_span_is_exact(text: str) -> None:
    findings_for(text)


@FUZZ
@given(drafts, st.data())
def test_accepts_in_random_order_then_undo_round_trips(text: str, data: st.DataObject) -> None:
    session = ReviewSession(text, findings_for(text))
    history: list[Change] = []
    for _ in range(data.draw(st.integers(0, 8), label="accepts")):
        fixable = [f for f in session.findings if f.suggestions]
        if not fixable:
            break
        f = data.draw(st.sampled_from(fixable), label="finding")
        choice = data.draw(st.integers(0, len(f.suggestions) - 1), label="suggestion")
        change = session.accept(f, choice)
        assert apply_edits(change.before.text, change.edits)[0] == session.text
        for pending in session.findings:  # findings that survive an accept still point at their text
            assert session.text[pending.start : pending.end] == pending.text
        history.append(change)
    # Undo is a stack in the app; each inverse must restore exactly the text before its accept.
    while history:
        change = history.pop()
        restored, _ = apply_edits(session.text, change.inverse)
        assert restored == change.before.text
        session.restore(change.before)
    assert session.text == text


def _undo_one(text: str, pending: list[Edit], index: int) -> tuple[str, list[Edit]]:
    """Apply ``pending[index]`` alone and move the edits after it by what it changed.

    ``pending`` stays in text order; by position alone two insertions at one point (the inverses of two
    adjacent deletions) could not be told apart, so "after" is by index.
    """
    edit = pending[index]
    text, _ = apply_edits(text, [edit])
    moved = []
    for i, other in enumerate(pending):
        if i == index:
            continue
        if i > index:
            other = Edit(
                other.start + edit.delta, other.end + edit.delta, other.replacement, other.original, other.rule
            )
        moved.append(other)
    return text, moved


@FUZZ
@given(drafts, st.data())
def test_a_random_set_of_fixes_undone_in_random_order_round_trips(text: str, data: st.DataObject) -> None:
    fixable = [f for f in findings_for(text) if f.suggestions]
    accepted = data.draw(st.lists(st.sampled_from(fixable), unique=True), label="accepted") if fixable else []
    chosen, dropped = resolve_overlaps(accepted)
    assert sorted(chosen + dropped, key=lambda f: f.key) == sorted(accepted, key=lambda f: f.key)
    new_text, inverse = apply_edits(text, [edit_for(f) for f in chosen])
    # One pass equals applying the same fixes one at a time from the end of the draft backwards.
    one_by_one = text
    for f in sorted(chosen, key=lambda f: f.start, reverse=True):
        one_by_one = one_by_one[: f.start] + f.suggestions[0] + one_by_one[f.end :]
    assert new_text == one_by_one
    pending = list(inverse)
    while pending:
        new_text, pending = _undo_one(new_text, pending, data.draw(st.integers(0, len(pending) - 1), label="undo"))
    assert new_text == text
