"""The proposed-copy pane: chunked, incremental rendering must always equal a fresh render."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofdesk.core.diffing import apply_segments, proposed_segments
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.gui.proposed import DELETED, INSERTED, PLAIN, ProposedView, build_chunks

WORDS = ["teh", "cat", "😀", "\n", "  ", "dup line\n"]


def _findings(text: str, picks: list[tuple[int, int, str]]) -> list[Finding]:
    out = []
    for a, length, fix in picks:
        a = min(a, len(text))
        b = min(a + length, len(text))
        out.append(Finding("r", Category.STYLE, Severity.WARNING, a, b, text[a:b], "m", (fix,)))
    return out


def _expected(text: str, findings: list[Finding]) -> tuple[str, str]:
    """(what the pane shows, the proposed copy) from the core's own segments."""
    segs = proposed_segments(text, findings)
    shown = "".join(s.text.replace("\n", "↵") if s.op == "insert" else s.text for s in segs)
    return shown, apply_segments(segs)


picks = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from(["", "x", "the", "a\nb"])))


# A fresh view per example, so the shared qtbot is only used for waiting.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=20), picks, picks)
def test_incremental_render_equals_a_fresh_one(qtbot, words: list[str], first: list, second: list) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(words)
    view = ProposedView()
    qtbot.addWidget(view)
    for choice in (first, second, []):
        fs = _findings(text, choice)
        chunks = build_chunks(text, fs)
        view.show_chunks(chunks)
        qtbot.waitUntil(lambda: not view.busy, timeout=2000)
        shown, proposed = _expected(text, fs)
        assert view.toPlainText() == shown
        assert view.document().blockCount() == text.count("\n") + 1
        kept = "\n".join("".join(t for t, k in c.pieces if k in (PLAIN, DELETED)) for c in chunks)
        assert kept == text
        assert "".join(t for c in chunks for t, k in c.pieces if k == INSERTED) == "".join(
            s.text.replace("\n", "↵") for s in proposed_segments(text, fs) if s.op == "insert"
        )
        assert proposed is not None


def test_large_render_is_spread_over_event_loop_turns(qtbot) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(f"line {i} teh" for i in range(1000))
    fs = [
        Finding("r", Category.SPELLING, Severity.ERROR, i, i + 3, "teh", "m", ("the",))
        for i in range(len(text))
        if text.startswith("teh", i)
    ]
    view = ProposedView()
    qtbot.addWidget(view)
    view.show_chunks(build_chunks(text, fs))
    assert view.busy, "a 1,000-line render should not happen in one go"
    qtbot.waitUntil(lambda: not view.busy, timeout=5000)
    assert view.toPlainText() == text.replace("teh", "tehthe")
    assert len(view.changes) == 1000
