"""The Qt-free review session the desk wraps: accept, accept-all, ignore, undo snapshots, remapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.corrections import Edit, apply_edits
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.review import ReviewSession, following, preceding

TEXT = "Teh council said teh plan was  fine."


def finding(text: str, word: str, nth: int = 0, fix: tuple[str, ...] = ("the",), rule: str = "t.word") -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Finding(rule, Category.SPELLING, Severity.ERROR, start, start + len(word), word, "m", fix)


def test_accept_applies_the_edit_and_moves_the_rest() -> None:
    a = finding(TEXT, "Teh", fix=("The",))
    b = finding(TEXT, "teh")
    ds = TEXT.index("  ")
    c = Finding("ty.ds", Category.TYPOGRAPHY, Severity.WARNING, ds, ds + 2, "  ", "m", (" ",))
    s = ReviewSession(TEXT, [a, b, c])
    change = s.accept(b)
    assert s.text == "Teh council said the plan was  fine."
    assert [f.text for f in s.findings] == ["Teh", "  "]
    assert change.inverse == [Edit(17, 20, "teh", "the", "t.word")]
    s.restore(change.before)
    assert s.text == TEXT and len(s.findings) == 3


def test_accept_all_is_one_change_and_reports_overlaps() -> None:
    text = "teh teh teh"
    fs = [finding(text, "teh", i) for i in range(3)]
    overlapping = Finding("t.word", Category.SPELLING, Severity.ERROR, 0, 7, "teh teh", "m", ("x",))
    s = ReviewSession(text, [*fs, overlapping])
    chosen, skipped = s.fixable("t.word")
    assert len(chosen) == 2 and len(skipped) == 2
    change = s.accept_all("t.word")
    assert s.text == "x the"
    s.restore(change.before)
    assert s.text == text


def test_ignore_survives_a_recheck_and_typing_before_it() -> None:
    a = finding(TEXT, "teh")
    s = ReviewSession(TEXT, [a])
    s.ignore(a)
    s.apply_edit(Edit(0, 0, "NEW "))
    s.set_findings([a.shifted(4)])
    assert s.findings == []
    s.set_findings([a.shifted(5)])  # a different place: a new finding
    assert len(s.findings) == 0 or s.findings[0].start == a.start + 5


def test_ignore_rule_filters_future_results() -> None:
    a = finding(TEXT, "teh")
    s = ReviewSession(TEXT, [a])
    s.ignore_rule("t.word")
    s.set_findings([a])
    assert s.findings == []


def test_partial_results_replace_only_their_range() -> None:
    a = finding(TEXT, "Teh", fix=("The",))
    b = finding(TEXT, "teh")
    s = ReviewSession(TEXT, [a, b])
    s.set_findings([], within=(0, 10))
    assert s.findings == [b]


def test_navigation_wraps_in_document_order() -> None:
    a = finding(TEXT, "Teh", fix=("The",))
    b = finding(TEXT, "teh")
    s = ReviewSession(TEXT, [b, a])
    assert following(s.findings, a) == b
    assert following(s.findings, b) == a
    assert preceding(s.findings, a) == b
    assert s.next_after(1) == b


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_accepts_and_undos_round_trip(data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(["teh", "cat", "😀", "a\nb", "  "]), min_size=1, max_size=12))
    text = " ".join(words)
    fs = [finding(text, "teh", i) for i in range(text.count("teh"))]
    s = ReviewSession(text, fs)
    changes = []
    while s.findings and data.draw(st.booleans()):
        changes.append(s.accept(s.findings[data.draw(st.integers(0, len(s.findings) - 1))]))
        assert apply_edits(s.text, changes[-1].inverse)[0] == changes[-1].before.text
    for change in reversed(changes):
        s.restore(change.before)
    assert s.text == text
