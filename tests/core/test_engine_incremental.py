"""The editor's fast path: the per-block pass alone for edited paragraphs, progress, and the document-pass cache."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks.base import Check, RuleInfo
from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.document import Block, Document, document_from_text
from proofdesk.core.engine import PROGRESS_EVERY, Engine, EngineConfig
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.paths import resources_dir


class Zzz(Check):
    """Per block: flags every 'zzz'."""

    family = "zzz"
    rules = (RuleInfo("zzz.found", Category.SPELLING, Severity.ERROR, "the letters zzz"),)

    def check_block(self, block: Block) -> Iterable[Finding]:
        at = block.text.find("zzz")
        while at >= 0:
            yield self.finding("zzz.found", block.text, at, at + 3, "zzz", ["z"])
            at = block.text.find("zzz", at + 3)


class Repeats(Check):
    """Document pass: flags a paragraph equal to the one before; counts its document passes."""

    family = "repeats"
    rules = (RuleInfo("repeats.paragraph", Category.DUPLICATE, Severity.WARNING, "repeated paragraph"),)
    cacheable_document_pass = True
    runs: ClassVar[int] = 0

    def check_document(self, doc: Document) -> Iterable[Finding]:
        Repeats.runs += 1
        for prev, block in zip(doc.blocks, doc.blocks[1:], strict=False):
            if prev.text == block.text:
                yield self.finding(self.rules[0].id, doc.text, block.start, block.end, "repeat", [""])


class UncachedRepeats(Repeats):
    family = "uncached"
    rules = (RuleInfo("uncached.paragraph", Category.DUPLICATE, Severity.WARNING, "repeated paragraph"),)
    cacheable_document_pass = False


def story(n: int) -> list[str]:
    return [f"Paragraph {i} tells of harbour number {i} and its {i * 7 % 13} boats." for i in range(n)]


def sample_doc() -> Document:
    return document_from_text((resources_dir() / "samples" / "scraped-story.txt").read_text(encoding="utf-8"))


def test_block_pass_returns_the_full_checks_block_findings_for_each_block() -> None:
    doc = sample_doc()
    full_engine = Engine(EngineConfig())
    full = full_engine.check(doc)
    from_documents = {f for check in full_engine.checks for f in check.check_document(doc)}
    engine = Engine(EngineConfig())
    seen = 0
    for block in doc.blocks:
        got = engine.check_blocks(doc, [block])
        want = [f for f in full if block.start <= f.start and f.end <= block.end and f not in from_documents]
        assert got == want, block.text
        seen += len(got)
    assert seen > 5  # the sample story has faults in many paragraphs; the comparison must not be vacuous


def test_block_pass_runs_no_document_pass_and_keeps_the_cache_for_the_full_check() -> None:
    paras = story(40)
    paras[7] = "The zzz of the engine room."
    paras[8] = paras[7]
    doc = document_from_text("\n\n".join(paras))
    engine = Engine(EngineConfig(), checks=[Zzz, Repeats])
    Repeats.runs = 0
    found = engine.check_blocks(doc, [doc.blocks[8]])
    assert [f.rule for f in found] == ["zzz.found"]
    assert found[0].start == doc.blocks[8].start + 4
    assert Repeats.runs == 0
    assert engine.stats.per_family["zzz"] == 1
    full = engine.check(doc)
    # Block 8, and block 7 with the same text, were answered from the cache the block pass filled.
    assert engine.stats.per_family["zzz"] == 1 + 38
    assert sorted(f.rule for f in full) == ["repeats.paragraph", "zzz.found", "zzz.found"]


def test_document_pass_is_reused_until_any_block_changes() -> None:
    paras = story(30)
    engine = Engine(EngineConfig(), checks=[Zzz, Repeats, UncachedRepeats])
    Repeats.runs = 0
    engine.check(document_from_text("\n\n".join(paras)))
    assert Repeats.runs == 2  # the cached family and the uncached one
    engine.check(document_from_text("\n\n".join(paras)))
    assert Repeats.runs == 3  # only the uncached family ran again
    assert engine.stats.document_hits == 1

    paras[29] = paras[28]
    found = engine.check(document_from_text("\n\n".join(paras)))
    assert Repeats.runs == 5
    assert sorted(f.rule for f in found) == ["repeats.paragraph", "uncached.paragraph"]

    # Same paragraph texts, different layout (one paragraph now split into two lines): not the same document.
    text = "\n\n".join(paras)
    moved = text.replace("\n\nParagraph 5", "\n\n\nParagraph 5")
    engine.check(document_from_text(moved))
    assert Repeats.runs == 7


def test_progress_moves_during_the_block_pass_and_ends_at_total() -> None:
    paras = story(PROGRESS_EVERY * 3 + 5)
    doc = document_from_text("\n\n".join(paras))
    engine = Engine(EngineConfig(), checks=[Zzz, Repeats])
    calls: list[tuple[int, int]] = []
    engine.check(doc, progress=lambda done, total: calls.append((done, total)))
    totals = {t for _, t in calls}
    assert len(totals) == 1
    (total,) = totals
    dones = [d for d, _ in calls]
    assert dones == sorted(dones)
    assert dones[-1] == total
    # Reported within Zzz's block pass (3 times), not only at the end, and after each document pass;
    # Repeats has no block pass to report from.
    assert [d for d in dones if d < total] == [PROGRESS_EVERY, 2 * PROGRESS_EVERY, 3 * PROGRESS_EVERY, total // 2]

    calls.clear()
    engine.check_blocks(doc, doc.blocks[:10], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1]


PARAGRAPH = st.text(alphabet=st.sampled_from(list("ab z  .\"“”'")), min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=40, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=10), st.data())
def test_cached_engine_matches_a_fresh_one_through_edits(paras: list[str], data: st.DataObject) -> None:
    """Block pass then full check, as the editor runs them: always what a new engine reports."""
    checks = [Zzz, Repeats, TypographyCheck]
    engine = Engine(EngineConfig(), checks=checks)
    engine.check(document_from_text("\n\n".join(paras)))
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(paras) - 1))
        action = data.draw(st.sampled_from(["edit", "copy", "insert"]))
        if action == "edit":
            paras[i] = data.draw(PARAGRAPH)
        elif action == "copy":
            paras.insert(i, paras[i])
        else:
            paras.insert(i, data.draw(PARAGRAPH))
        doc = document_from_text("\n\n".join(paras))
        block = doc.blocks[min(i, len(doc.blocks) - 1)]
        fresh = Engine(EngineConfig(), checks=checks)
        assert engine.check_blocks(doc, [block]) == fresh.check_blocks(doc, [block])
        assert engine.check(doc) == fresh.check(doc)


def test_document_families_follow_edits_to_a_real_story() -> None:
    """Duplicates, furniture, attribution, typography keep state between runs; it must never show."""
    from proofdesk.core.checks.attribution import AttributionCheck
    from proofdesk.core.checks.duplicates import DuplicatesCheck
    from proofdesk.core.checks.furniture import FurnitureCheck

    checks = [DuplicatesCheck, FurnitureCheck, AttributionCheck, TypographyCheck]
    paras = [b.text for b in sample_doc().blocks]
    engine = Engine(EngineConfig(), checks=checks)
    edits = [
        lambda p: p.insert(len(p) - 2, p[3]),  # a paragraph pasted twice
        lambda p: p.__setitem__(3, p[3].replace("e", "é", 1)),  # the original edited: the copy is now near
        lambda p: p.insert(1, "Read more: Harbour board names new chair"),  # furniture
        lambda p: p.__setitem__(5, '"We will not wait any longer for the money we were promised," one said.'),
        lambda p: p.pop(1),
        lambda p: p.pop(len(p) - 3),
    ]
    families: set[str] = set()
    for edit in edits:
        edit(paras)
        doc = document_from_text("\n\n".join(paras))
        found = engine.check(doc)
        assert found == Engine(EngineConfig(), checks=checks).check(doc)
        assert engine.check(doc) == found  # from the caches
        families |= {f.rule.split(".")[0] for f in found}
    assert families == {"duplicate", "furniture", "attribution", "typography"}


def test_blocks_differing_only_in_level_are_not_confused() -> None:
    """Two headings with the same text at different levels are checked separately (rules may scope to h2)."""
    from proofdesk.core.checks.base import Check, RuleInfo
    from proofdesk.core.document import Block, BlockKind, Document
    from proofdesk.core.findings import Category, Severity

    class LevelCheck(Check):
        family = "level-probe"
        rules = (RuleInfo("level-probe.h2", Category.STYLE, Severity.SUGGESTION, "flags level-2 headings"),)

        def check_block(self, block: Block) -> list[Finding]:
            if block.kind is BlockKind.HEADING and block.level == 2:
                return [self.finding("level-probe.h2", block.text, 0, len(block.text), "h2")]
            return []

    text = "Harbour news\n\nHarbour news"
    doc = Document(
        text,
        [
            Block(BlockKind.HEADING, 0, 12, "Harbour news", level=1),
            Block(BlockKind.HEADING, 14, 26, "Harbour news", level=2),
        ],
    )
    found = Engine(checks=[LevelCheck]).check(doc)
    assert [(f.start, f.rule) for f in found] == [(14, "level-probe.h2")]


def test_only_runs_just_the_families_that_can_report_the_selection() -> None:
    from proofdesk.core.checks.base import CheckContext
    from proofdesk.core.engine import EngineConfig
    from proofdesk.core.style.loader import load_house_style

    ctx = CheckContext(style=load_house_style(None, language="en-GB"), languagetool="off")

    def families(*selectors: str) -> set[str]:
        engine = Engine(EngineConfig(context=ctx, only=frozenset(selectors)))
        return {c.family for c in engine.checks}

    assert families("spelling") == {"spelling"}
    assert families("spelling.unknown-word") == {"spelling"}
    # A house rule prefix runs the house-style family, and nothing else.
    assert families("Newsroom") == {"style"}
    assert families("grammar.EN_A_VS_AN") == {"grammar"}
    assert "style" in families("style") and "grammar" not in families("furniture", "duplicate")
