"""The engine: per-block cache, selection by --only/disabled, and sorted absolute findings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks import available_checks
from proofdesk.core.checks.base import Check, CheckContext, RuleInfo
from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.document import Block, Document, document_from_text
from proofdesk.core.engine import Cancelled, Engine, EngineConfig
from proofdesk.core.findings import Category, Finding, Severity


class Recorder(Check):
    """Flags every 'zzz' and remembers which block texts it was asked about."""

    family = "recorder"
    rules = (RuleInfo("recorder.zzz", Category.SPELLING, Severity.ERROR, "the letters zzz"),)
    seen: ClassVar[list[str]] = []

    def check_block(self, block: Block) -> Iterable[Finding]:
        Recorder.seen.append(block.text)
        at = block.text.find("zzz")
        if at >= 0:
            yield self.finding("recorder.zzz", block.text, at, at + 3, "zzz", ["z"])


class Whole(Check):
    """A document-wide family: flags a paragraph that repeats the one before it."""

    family = "whole"
    rules = (RuleInfo("whole.repeat", Category.DUPLICATE, Severity.WARNING, "repeated paragraph"),)

    def check_document(self, doc: Document) -> Iterable[Finding]:
        for prev, block in zip(doc.blocks, doc.blocks[1:], strict=False):
            if prev.text == block.text:
                yield self.finding("whole.repeat", doc.text, prev.end, block.end, "repeat", [""])


def paragraphs(n: int) -> list[str]:
    return [f"Paragraph {i} tells of harbour number {i} and its {i * 7 % 13} boats." for i in range(n)]


@pytest.fixture(autouse=True)
def _reset_recorder() -> None:
    Recorder.seen = []


def test_editing_one_paragraph_rechecks_only_that_paragraph() -> None:
    paras = paragraphs(200)
    engine = Engine(EngineConfig(), checks=[Recorder])
    engine.check(document_from_text("\n\n".join(paras)))
    assert engine.stats.block_calls == 200
    Recorder.seen = []

    paras[117] = "Paragraph 117 now has a zzz typo in it."
    findings = engine.check(document_from_text("\n\n".join(paras)))
    assert Recorder.seen == [paras[117]]
    assert engine.stats.block_calls == 201
    assert engine.stats.cache_hits == 199
    # The cached neighbours moved nowhere, but the new finding sits at its absolute offset.
    (f,) = findings
    text = "\n\n".join(paras)
    assert text[f.start : f.end] == "zzz"


def test_every_real_family_rechecks_only_the_edited_paragraph() -> None:
    paras = paragraphs(200)
    engine = Engine(EngineConfig())
    engine.check(document_from_text("\n\n".join(paras)))
    before = dict(engine.stats.per_family)
    assert all(n == 200 for n in before.values()), before
    paras[3] = "Paragraph 3 was rewritten by the night desk."
    engine.check(document_from_text("\n\n".join(paras)))
    assert {family: n - before[family] for family, n in engine.stats.per_family.items()} == dict.fromkeys(before, 1)
    # Families with only a document pass (duplicates, consistency, grammar, furniture) have no per-block calls.
    per_block = {c.family for c in engine.checks if type(c).check_block is not Check.check_block}
    assert set(before) == per_block and len(per_block) >= 4
    assert len(engine.checks) == len(available_checks())


def test_inserting_a_paragraph_shifts_cached_findings() -> None:
    paras = paragraphs(50)
    paras[40] = "A zzz in paragraph forty."
    engine = Engine(EngineConfig(), checks=[Recorder])
    first = engine.check(document_from_text("\n\n".join(paras)))
    paras.insert(10, "A brand new paragraph near the top.")
    text = "\n\n".join(paras)
    second = engine.check(document_from_text(text))
    assert len(Recorder.seen) == 51  # the 50 originals once, then only the new one
    assert [text[f.start : f.end] for f in second] == ["zzz"]
    assert second[0].start == first[0].start + len(paras[10]) + 2


def test_document_wide_checks_see_the_whole_draft_every_time() -> None:
    engine = Engine(EngineConfig(), checks=[Recorder, Whole])
    text = "One line.\nOne line.\nAnother zzz."
    findings = engine.check(document_from_text(text))
    assert [f.rule for f in findings] == ["whole.repeat", "recorder.zzz"]
    assert [f.start for f in findings] == sorted(f.start for f in findings)


@pytest.mark.parametrize(
    ("only", "disabled", "rules"),
    [
        (None, frozenset(), ["whole.repeat", "recorder.zzz"]),
        (frozenset({"spelling"}), frozenset(), ["recorder.zzz"]),
        (frozenset({"whole"}), frozenset(), ["whole.repeat"]),
        (None, frozenset({"recorder"}), ["whole.repeat"]),
        (None, frozenset({"duplicate"}), ["recorder.zzz"]),
    ],
)
def test_selection(only: frozenset[str] | None, disabled: frozenset[str], rules: list[str]) -> None:
    engine = Engine(EngineConfig(only=only, disabled=disabled), checks=[Recorder, Whole])
    findings = engine.check(document_from_text("One line.\nOne line.\nAnother zzz."))
    assert [f.rule for f in findings] == rules


def test_a_disabled_family_is_never_run() -> None:
    engine = Engine(EngineConfig(disabled=frozenset({"recorder"})), checks=[Recorder, Whole])
    engine.check(document_from_text("zzz\nzzz"))
    assert Recorder.seen == []


def test_cancel_stops_the_run() -> None:
    engine = Engine(EngineConfig(), checks=[Recorder])
    with pytest.raises(Cancelled):
        engine.check(document_from_text("\n".join(paragraphs(10))), cancelled=lambda: True)


def test_cache_forgets_paragraphs_that_are_gone() -> None:
    engine = Engine(EngineConfig(), checks=[Recorder])
    engine.check(document_from_text("\n".join(paragraphs(100))))
    engine.check(document_from_text("\n".join(paragraphs(3))))
    assert len(engine._cache) == 3


PARAGRAPH = st.text(alphabet=st.sampled_from(list("ab z  .🎉")), min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=40, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=12), st.data())
def test_incremental_results_equal_a_fresh_check(paras: list[str], data: st.DataObject) -> None:
    """Whatever the edits, the cached engine reports exactly what a new engine would."""
    checks = [Recorder, Whole, TypographyCheck]
    engine = Engine(EngineConfig(), checks=checks)
    for _ in range(data.draw(st.integers(1, 5))):
        action = data.draw(st.sampled_from(["edit", "insert", "delete", "duplicate"]))
        i = data.draw(st.integers(0, len(paras) - 1))
        if action == "edit":
            paras[i] = data.draw(PARAGRAPH)
        elif action == "insert":
            paras.insert(i, data.draw(PARAGRAPH))
        elif action == "delete" and len(paras) > 1:
            del paras[i]
        else:
            paras.insert(i, paras[i])
        doc = document_from_text("\n".join(paras))
        assert engine.check(doc) == Engine(EngineConfig(), checks=checks).check(doc)


class Broken(Check):
    family = "broken"
    rules = (RuleInfo("broken.x", Category.STYLE, Severity.WARNING, "never emitted"),)

    def check_block(self, block: Block) -> Iterable[Finding]:
        raise KeyError("a bug in this family")


class BrokenAtStart(Broken):
    family = "broken-start"

    def __init__(self, ctx: CheckContext) -> None:
        raise OSError("dictionary missing")


def test_a_crashing_family_propagates_by_default() -> None:
    with pytest.raises(KeyError):
        Engine(EngineConfig(), checks=[Recorder, Broken]).check(document_from_text("zzz"))


def test_isolated_failures_cost_only_their_own_findings() -> None:
    engine = Engine(EngineConfig(isolate_failures=True), checks=[Broken, BrokenAtStart, Recorder])
    findings = engine.check(document_from_text("zzz"))
    assert [f.rule for f in findings] == ["recorder.zzz"]
    assert [(f.family, f.error) for f in engine.failures] == [
        ("broken-start", "OSError: dictionary missing"),
        ("broken", "KeyError: 'a bug in this family'"),
    ]
