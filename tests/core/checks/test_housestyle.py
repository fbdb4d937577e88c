"""The ``style`` family: running compiled Vale rules over real blocks, safely."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.housestyle import TIMEOUT_RULE, HouseStyleCheck
from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Category, Severity
from proofdesk.core.style.loader import load_house_style
from proofdesk.core.style.model import HouseStyle
from style_helpers import make_doc, run_style


def style_from(tmp_path: Path, rules: str) -> HouseStyle:
    path = tmp_path / "style.yaml"
    path.write_text("name: Test\nrules:\n" + textwrap.indent(textwrap.dedent(rules), "  "), encoding="utf-8")
    return load_house_style(path)


WEASEL = """
House.Weasel:
  extends: existence
  message: "Consider removing '%s'"
  level: warning
  tokens: [very]
"""


def test_findings_are_absolute_and_carry_rule_level_and_category(tmp_path: Path) -> None:
    style = style_from(
        tmp_path,
        WEASEL
        + """
House.Fact:
  extends: existence
  message: "Check '%s'"
  level: error
  category: attribution
  tokens: [allegedly]
""",
    )
    doc = make_doc("A quiet start.", "It was very allegedly late.")
    found = run_style(style, doc)
    assert [(f.rule, f.start, f.text, f.severity, f.category) for f in found] == [
        ("House.Weasel", 23, "very", Severity.WARNING, Category.STYLE),
        ("House.Fact", 28, "allegedly", Severity.ERROR, Category.ATTRIBUTION),
    ]
    assert all(doc.text[f.start : f.end] == f.text for f in found)


def test_code_blocks_skips_and_urls_are_not_checked(tmp_path: Path) -> None:
    style = style_from(tmp_path, WEASEL)
    text = "See `very` and https://example.org/very-good but very much."
    skip = (text.index("`"), text.index("`", 5) + 1)
    block = Block(BlockKind.PARAGRAPH, 0, len(text), text, skips=(skip,))
    code = "very = 1"
    code_block = Block(BlockKind.CODE, len(text) + 2, len(text) + 2 + len(code), code)
    doc = Document(text=text + "\n\n" + code, blocks=[block, code_block], source_format="md")
    found = run_style(style, doc)
    assert [f.start for f in found] == [text.rindex("very")]


def test_scopes_map_to_block_kinds(tmp_path: Path) -> None:
    style = style_from(
        tmp_path,
        """
House.Heads:
  extends: existence
  message: "h: '%s'"
  scope: heading
  tokens: [word]
House.NotQuotes:
  extends: existence
  message: "q: '%s'"
  scope: ~blockquote
  tokens: [word]
House.Lists:
  extends: existence
  message: "l: '%s'"
  scope: list
  tokens: [word]
""",
    )
    doc = make_doc(
        (BlockKind.HEADING, "A word"), (BlockKind.QUOTE, "Quoted word"), (BlockKind.LIST_ITEM, "Listed word")
    )
    found = sorted((f.rule, doc.text[: f.start].count("\n\n")) for f in run_style(style, doc))
    assert found == [("House.Heads", 0), ("House.Lists", 2), ("House.NotQuotes", 0), ("House.NotQuotes", 2)]


def test_sentence_scope_offsets(tmp_path: Path) -> None:
    style = style_from(
        tmp_path,
        """
House.Long:
  extends: occurrence
  message: "%s words"
  scope: sentence
  max: 3
  token: '\\b\\w+\\b'
""",
    )
    doc = make_doc("Short one. This sentence has five words. Fine.")
    (finding,) = run_style(style, doc)
    assert (finding.text, finding.message) == ("This", "5 words")
    assert finding.start == doc.text.index("This")


def test_catastrophic_rule_is_reported_once_and_switched_off(tmp_path: Path) -> None:
    style = style_from(
        tmp_path,
        """
House.Evil:
  extends: existence
  message: "x"
  nonword: true
  raw: ['(x+x+)+y']
"""
        + WEASEL,
    )
    doc = make_doc(*(["x" * 3000 + " very"] * 3 + ["x" * 2999 + " very"]))
    started = time.perf_counter()
    found = run_style(style, doc, timeout_ms=30)
    assert time.perf_counter() - started < 2.0
    timeouts = [f for f in found if f.rule == TIMEOUT_RULE]
    assert len(timeouts) == 1
    assert "House.Evil" in timeouts[0].message and "switched off for this document" in timeouts[0].message
    # The other rules keep working on every block.
    assert len([f for f in found if f.rule == "House.Weasel"]) == 4


def test_limit_caps_findings_per_document(tmp_path: Path) -> None:
    style = style_from(tmp_path, WEASEL + "  limit: 2\n")
    found = run_style(style, make_doc("very very", "very", "very"))
    assert len(found) == 2


def test_engine_only_selector_keeps_dynamic_rules(tmp_path: Path) -> None:
    style = style_from(tmp_path, WEASEL)
    engine = Engine(EngineConfig(CheckContext(style=style), only=frozenset({"House"})), checks=[HouseStyleCheck])
    assert [f.rule for f in engine.check(make_doc("It was very late."))] == ["House.Weasel"]


def test_rules_from_the_bundled_style_run_through_the_registry() -> None:
    style = load_house_style(None)
    engine = Engine(EngineConfig(CheckContext(style=style), only=frozenset({"style"})))
    rules = {f.rule for f in engine.check(make_doc("The council slammed the very unfair plan."))}
    assert {"Newsroom.Cliches", "Newsroom.Intensifiers"} <= rules


def test_skip_quotes_option(tmp_path: Path) -> None:
    style = style_from(tmp_path, WEASEL)
    doc = make_doc("“It was very late,” she said, very calmly. ‘It’s very odd’, he said.")
    assert len(run_style(style, doc)) == 3  # Vale's behaviour: quotes are text like any other
    style.checks = {"style": {"skip-quotes": True}}
    assert [f.start for f in run_style(style, doc)] == [doc.text.index("very calmly")]
    style.checks = {"style": {"skip-quotes": ["Other"]}}
    assert len(run_style(style, doc)) == 3
