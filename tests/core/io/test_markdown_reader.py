"""Markdown drafts: the text is the source, blocks cover prose, markup is outside spans or in skips."""

from __future__ import annotations

from pathlib import Path

import pytest

from proofdesk.core.document import BlockKind, Document
from proofdesk.core.io.markdown_reader import code_span_ranges, markdown_document, plain_blocks
from proofdesk.core.io.readers import read_document


def skipped(doc: Document, n: int) -> list[str]:
    b = doc.blocks[n]
    return [b.text[s:e] for s, e in b.skips]


def test_sample_draft_blocks(fixtures_dir: Path) -> None:
    path = fixtures_dir / "drafts" / "story.md"
    doc = read_document(path)
    assert doc.source_format == "md"
    assert doc.text == path.read_text(encoding="utf-8")
    kinds = [(b.kind, b.level) for b in doc.blocks]
    assert kinds == [
        (BlockKind.HEADING, 1),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.CAPTION, 0),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.HEADING, 2),
        (BlockKind.LIST_ITEM, 1),
        (BlockKind.LIST_ITEM, 1),
        (BlockKind.LIST_ITEM, 2),
        (BlockKind.LIST_ITEM, 1),
        (BlockKind.QUOTE, 0),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.PARAGRAPH, 0),
    ]
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
    assert doc.blocks[0].text == "Night bus routes to be cut in spring"
    assert doc.blocks[6].text == "The N4 to Eastfield"
    assert skipped(doc, 1) == ["**", "**"]
    assert skipped(doc, 4) == ["https://transport.example.org/night-review"]
    assert skipped(doc, 11) == ["`night-review`", "`--verbose`"]
    # The double space is prose, not markup: checks must see it.
    assert "shortage of  drivers" in doc.blocks[3].text and not doc.blocks[3].skips


@pytest.mark.parametrize(
    ("source", "text", "kind", "level"),
    [
        ("# Title #", "Title", BlockKind.HEADING, 1),
        ("### Deep", "Deep", BlockKind.HEADING, 3),
        ("Setext\n---", "Setext", BlockKind.HEADING, 2),
        ("> quoted words", "quoted words", BlockKind.QUOTE, 0),
        ("1. first item", "first item", BlockKind.LIST_ITEM, 1),
        ("* star item", "star item", BlockKind.LIST_ITEM, 1),
        ("> - listed in a quote", "listed in a quote", BlockKind.LIST_ITEM, 1),
        ("- > quoted in a list", "quoted in a list", BlockKind.QUOTE, 0),
        ("    indented code", "indented code", BlockKind.CODE, 0),
        ("```\nfenced code\n```", "fenced code", BlockKind.CODE, 0),
        ("![alt text](p.jpg)", "![alt text](p.jpg)", BlockKind.CAPTION, 0),
        ("plain words", "plain words", BlockKind.PARAGRAPH, 0),
    ],
)
def test_block_kinds(source: str, text: str, kind: BlockKind, level: int) -> None:
    doc = markdown_document(source + "\n")
    assert len(doc.blocks) == 1
    block = doc.blocks[0]
    assert (block.text.strip(), block.kind, block.level) == (text, kind, level)


def test_code_blocks_are_skipped_whole() -> None:
    doc = markdown_document("Text\n\n```python\nx  =  1\n```\n")
    code = doc.blocks[1]
    assert code.kind is BlockKind.CODE and code.skips == ((0, len(code.text)),)


def test_quote_continuation_markers_are_skipped() -> None:
    doc = markdown_document("> one line\n> two line\n")
    b = doc.blocks[0]
    assert b.text == "one line\n> two line"
    assert skipped(doc, 0) == ["\n> "]


@pytest.mark.parametrize(
    ("source", "skips"),
    [
        ('see [the report](https://x.org/r "Title") now', ["[", '](https://x.org/r "Title")']),
        ("an <span class=x>inline</span> tag", ["<span class=x>", "</span>"]),
        ("mail <desk@example.org> today", ["<desk@example.org>"]),
        ("AT&amp;T and &#8212;", ["&amp;", "&#8212;"]),
        ("not \\*emphasis\\*", ["\\", "\\"]),
        ("``code with ` inside`` done", ["``code with ` inside``"]),
        ("a_snake_case_name stays", []),
        ("_under_ emphasis", ["_", "_"]),
        ("visit www.example.com.", ["www.example.com"]),
    ],
)
def test_inline_skips(source: str, skips: list[str]) -> None:
    doc = markdown_document(source + "\n")
    assert skipped(doc, 0) == skips


def test_table_cells_are_separate_blocks() -> None:
    doc = markdown_document("| Team | Score |\n|---|---|\n| Rovers | 2 |\n")
    assert [b.text for b in doc.blocks] == ["Team", "Score", "Rovers", "2"]


def test_unclosed_backticks_are_linear_and_literal() -> None:
    body = "`a``" * 20000
    assert code_span_ranges("``x`") == []
    assert code_span_ranges("`a` and ``b``") == [(0, 3), (8, 13)]
    assert len(code_span_ranges(body)) > 0


def test_plain_blocks_drop_markup() -> None:
    blocks = plain_blocks("# A *big* day\n\nSee [the site](http://x.org) and `code`.\n\n- item one\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "A big day"),
        (BlockKind.PARAGRAPH, "See the site and code."),
        (BlockKind.LIST_ITEM, "item one"),
    ]


def test_tabs_and_odd_indentation_still_give_exact_spans() -> None:
    source = "-\tTabbed item\n  \t- deeper\titem\n>\tquote with tab\n"
    doc = markdown_document(source)
    assert doc.blocks
    for b in doc.blocks:
        assert source[b.start : b.end] == b.text
        assert b.text.strip() and not b.text.startswith(("-", ">"))


def test_yaml_front_matter_is_skipped_whole() -> None:
    source = "---\ntitle: Night bus cuts\ndesk: transport\n---\n\n# Night bus cuts\n\nBody text.\n"
    doc = markdown_document(source)
    front = doc.blocks[0]
    assert front.kind is BlockKind.CODE and front.text.endswith("desk: transport\n---")
    assert front.skips == ((0, len(front.text)),)
    assert [(b.kind, b.text) for b in doc.blocks[1:]] == [
        (BlockKind.HEADING, "Night bus cuts"),
        (BlockKind.PARAGRAPH, "Body text."),
    ]
    assert [b.text for b in plain_blocks(source)] == ["Night bus cuts", "Body text."]


def test_a_rule_at_the_top_is_not_front_matter() -> None:
    doc = markdown_document("---\n\nText under a rule\n\n---\n\nMore\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "Text under a rule"),
        (BlockKind.PARAGRAPH, "More"),
    ]
