"""Corrections: the overlap rule by example, then hypothesis properties for apply/undo/remap."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.corrections import Edit, apply_edits, edit_for, remap_findings, resolve_overlaps
from proofdesk.core.findings import Category, Finding, Severity

# Newlines, astral characters and combining marks are where offset bugs hide.
ALPHABET = st.sampled_from([*"ab c\n.’é", "🎉", "\u0301", "\U0001d400"])
TEXTS = st.text(alphabet=ALPHABET, max_size=60)
REPLACEMENTS = st.text(alphabet=ALPHABET, max_size=6)
SEVERITIES = list(Severity)


def finding(text: str, start: int, end: int, suggestions: tuple[str, ...] = ("X",), rule: str = "t.r") -> Finding:
    return Finding(rule, Category.TYPOGRAPHY, Severity.WARNING, start, end, text[start:end], "m", suggestions)


@st.composite
def text_and_findings(draw: st.DrawFn, max_findings: int = 8) -> tuple[str, list[Finding]]:
    text = draw(TEXTS)
    n = draw(st.integers(0, max_findings))
    found = []
    for i in range(n):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 8)))
        suggestion = draw(REPLACEMENTS)
        severity = draw(st.sampled_from(SEVERITIES))
        rule = f"r.{draw(st.sampled_from('abc'))}{i % 3}"
        found.append(Finding(rule, Category.STYLE, severity, start, end, text[start:end], "m", (suggestion,)))
    return text, found


# --- the overlap rule, by example --------------------------------------------------------------


def test_first_start_wins_then_longer_span() -> None:
    text = "the the harbour"
    short = finding(text, 4, 7, rule="b.short")
    long = finding(text, 4, 15, rule="a.long")
    earlier = finding(text, 0, 5, rule="c.earlier")
    chosen, dropped = resolve_overlaps([short, long, earlier])
    assert chosen == [earlier]
    assert set(dropped) == {short, long}
    chosen, dropped = resolve_overlaps([short, long])
    assert chosen == [long] and dropped == [short]


def test_equal_spans_prefer_the_more_severe_then_the_rule_id() -> None:
    text = "colour"
    warn = finding(text, 0, 6, rule="a.warn")
    err = Finding("z.err", Category.SPELLING, Severity.ERROR, 0, 6, "colour", "m", ("color",))
    assert resolve_overlaps([warn, err]) == ([err], [warn])
    other = finding(text, 0, 6, rule="b.warn")
    assert resolve_overlaps([other, warn]) == ([warn], [other])


def test_touching_spans_and_insertions_do_not_overlap() -> None:
    text = "abc"
    a = finding(text, 0, 1)
    insert = finding(text, 1, 1, ("+",))
    c = finding(text, 2, 3)
    chosen, dropped = resolve_overlaps([c, insert, a])
    assert dropped == []
    new, _ = apply_edits(text, [edit_for(f) for f in chosen])
    assert new == "X+bX"


def test_an_insertion_where_a_replacement_starts_loses_to_it() -> None:
    # Equal starts: the longer span wins, so the result never depends on which was accepted first.
    text = "ab"
    insert = finding(text, 1, 1, ("+",))
    b = finding(text, 1, 2)
    assert resolve_overlaps([insert, b]) == ([b], [insert])


def test_two_insertions_at_one_point_apply_in_the_order_given() -> None:
    first = finding("ab", 1, 1, ("1",))
    second = finding("ab", 1, 1, ("2",))
    chosen, dropped = resolve_overlaps([first, second])
    assert dropped == []
    assert apply_edits("ab", [edit_for(f) for f in chosen])[0] == "a12b"


def test_apply_rejects_overlapping_edits_and_edits_past_the_end() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])
    with pytest.raises(ValueError, match="beyond"):
        apply_edits("abc", [Edit(2, 9, "x")])


def test_a_finding_without_suggestions_has_no_edit() -> None:
    with pytest.raises(ValueError, match="no suggestion"):
        edit_for(finding("abc", 0, 1, ()))


# --- properties ---------------------------------------------------------------------------------


@given(text_and_findings())
def test_chosen_findings_never_overlap_and_partition_the_input(case: tuple[str, list[Finding]]) -> None:
    _, found = case
    chosen, dropped = resolve_overlaps(found)
    assert sorted(chosen + dropped, key=id) == sorted(found, key=id)
    spans = sorted((f.start, f.end) for f in chosen)
    for (_, end1), (start2, _) in itertools.pairwise(spans):
        assert end1 <= start2
    # Every dropped finding lost to a chosen one that overlaps it.
    for d in dropped:
        assert any(c.start <= d.start < c.end or (c.start < d.end and d.start < c.end) for c in chosen)


@given(text_and_findings())
def test_apply_then_undo_restores_the_exact_text(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    chosen, _ = resolve_overlaps(found)
    new, inverse = apply_edits(text, [edit_for(f) for f in chosen])
    restored, redo = apply_edits(new, inverse)
    assert restored == text
    # And redo (the inverse of the inverse) gives the edited text again.
    assert apply_edits(restored, redo)[0] == new


@given(text_and_findings())
def test_text_outside_accepted_spans_never_changes(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    chosen, _ = resolve_overlaps(found)
    edits = sorted((edit_for(f) for f in chosen), key=lambda e: (e.start, e.end))
    new, inverse = apply_edits(text, edits)
    inverse = sorted(inverse, key=lambda e: (e.start, e.end))
    # Walk the gaps between edits in both texts: each gap must be identical.
    old_pos = new_pos = 0
    for e, inv in zip(edits, inverse, strict=True):
        gap = text[old_pos : e.start]
        assert new[new_pos : new_pos + len(gap)] == gap
        assert inv.start == new_pos + len(gap)
        assert new[inv.start : inv.end] == e.replacement
        old_pos, new_pos = e.end, inv.end
    assert new[new_pos:] == text[old_pos:]


@given(text_and_findings(), text_and_findings(max_findings=10))
def test_remap_keeps_untouched_findings_on_the_same_text(
    accepted: tuple[str, list[Finding]], others: tuple[str, list[Finding]]
) -> None:
    text, found = accepted
    # Remaining findings live on the same text: rebuild them there.
    remaining = [finding(text, min(f.start, len(text)), min(f.end, len(text))) for f in others[1]]
    chosen, _ = resolve_overlaps(found)
    edits = [edit_for(f) for f in chosen]
    new, _ = apply_edits(text, edits)
    kept = remap_findings(remaining, edits)
    for f in kept:
        assert new[f.start : f.end] == f.text
    untouched = [f for f in remaining if not any(_touches(e, f) for e in edits)]
    assert len(kept) == len(untouched)


def _touches(e: Edit, f: Finding) -> bool:
    if e.start == e.end:
        return f.start < e.start < f.end
    return e.start < f.end and f.start < e.end


@settings(max_examples=60)
@given(st.data())
def test_random_accept_and_undo_sequences_round_trip(data: st.DataObject) -> None:
    """Like an editor at work: accept batches, undo some, accept more; undoing everything restores the draft."""
    original = data.draw(TEXTS)
    text = original
    history: list[tuple[str, list[Edit]]] = []  # (text before the batch, its inverse)
    for _ in range(data.draw(st.integers(1, 8))):
        if history and data.draw(st.booleans()):
            before, inverse = history.pop()
            text, _ = apply_edits(text, inverse)
            assert text == before
            continue
        n = data.draw(st.integers(0, 4))
        batch = []
        for _ in range(n):
            start = data.draw(st.integers(0, len(text)))
            end = data.draw(st.integers(start, min(len(text), start + 5)))
            batch.append(finding(text, start, end, (data.draw(REPLACEMENTS),)))
        chosen, _ = resolve_overlaps(batch)
        new, inverse = apply_edits(text, [edit_for(f) for f in chosen])
        history.append((text, inverse))
        text = new
    while history:
        before, inverse = history.pop()
        text, _ = apply_edits(text, inverse)
        assert text == before
    assert text == original
