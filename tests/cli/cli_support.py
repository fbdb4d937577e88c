"""CLI test support: a small fixed check family for format goldens, golden-file comparison.

The demo family keeps the golden files about the command line's contract
(formatting, ordering, exit codes, fix/export plumbing) rather than about
whatever the real checks find this week; the real registry has its own
goldens on the bundled sample (tests/cli/test_golden.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from proofdesk.core.checks.base import Check, RuleInfo
from proofdesk.core.document import Block, Document
from proofdesk.core.findings import Category, Finding, Severity

CLI_FIXTURES = Path(__file__).parent.parent / "fixtures" / "cli"
CLI_GOLDEN = Path(__file__).parent.parent / "golden" / "cli"
UPDATE = os.environ.get("PROOFDESK_UPDATE_GOLDEN") == "1"

_TYPOS = {"teh": ["the"], "Teh": ["The"], "recieve": ["receive", "retrieve"]}
_WORD = re.compile(r"\w+")
_REPEAT = re.compile(r"\b(\w+) \1\b")
_SPACES = re.compile(r"(?<=\S)  +(?=\S)")


class DemoCheck(Check):
    """A family whose behaviour is fixed here, so goldens change only when the CLI does."""

    family = "demo"
    rules = (
        RuleInfo("demo.typo", Category.SPELLING, Severity.ERROR, "a word from a fixed typo list"),
        RuleInfo("demo.repeat", Category.GRAMMAR, Severity.WARNING, "a word typed twice"),
        RuleInfo("demo.spaces", Category.TYPOGRAPHY, Severity.WARNING, "two spaces between words"),
        RuleInfo("demo.very-unique", Category.STYLE, Severity.SUGGESTION, "'very unique', no automatic fix"),
        RuleInfo("demo.share", Category.FURNITURE, Severity.WARNING, "a share-bar line"),
        RuleInfo("demo.repeat-para", Category.DUPLICATE, Severity.WARNING, "a paragraph repeated at once"),
    )

    def check_block(self, block: Block) -> Iterable[Finding]:
        for f in self._block_findings(block):
            if not block.is_skipped(f.start, f.end):  # code spans and URLs are not prose
                yield f

    def _block_findings(self, block: Block) -> Iterable[Finding]:
        text = block.text
        for m in _WORD.finditer(text):
            if m.group() in _TYPOS:
                yield self.finding(
                    "demo.typo", text, m.start(), m.end(), f"Unknown word '{m.group()}'", _TYPOS[m.group()]
                )
        for m in _REPEAT.finditer(text):
            yield self.finding("demo.repeat", text, m.start(), m.end(), "Word typed twice", [m.group(1)])
        for m in _SPACES.finditer(text):
            yield self.finding("demo.spaces", text, m.start(), m.end(), "Use one space", [" "])
        at = text.find("very unique")
        if at >= 0:
            yield self.finding("demo.very-unique", text, at, at + 11, "'Unique' needs no 'very'")

    def check_document(self, doc: Document) -> Iterable[Finding]:
        text = doc.text
        previous: Block | None = None
        for block in doc.blocks:
            if block.text == "Share this article":
                end = min(block.end + 1, len(text))
                yield self.finding("demo.share", text, block.start, end, "Web furniture: share bar", [""])
            if previous is not None and previous.text == block.text:
                # The later copy and the line break before it, so deleting it leaves no blank line.
                yield self.finding("demo.repeat-para", text, previous.end, block.end, "Repeated paragraph", [""])
            previous = block


@dataclass
class Run:
    code: int
    out: str
    err: str


def make_docx(path: Path) -> Path:
    """The bakery story as a Word file: heading, body, caption style, a table cell."""
    import docx

    d = docx.Document()
    d.add_heading("Village Bakery Wins Regional Prize", level=1)
    d.add_paragraph("Owner Priya Marsh said she would recieve the award  on behalf of her staff.")
    d.add_paragraph("A rye loaf cooling on a rack at the Hollins Lane bakery.", style="Caption")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Opening hours"
    table.cell(0, 1).text = "Teh shop opens at eight."
    d.add_paragraph("Share this article")
    d.add_paragraph("The judges praised the the crust.")
    d.save(str(path))
    return path


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/cli/<name>; PROOFDESK_UPDATE_GOLDEN=1 rewrites it from ``actual``."""
    path = CLI_GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"missing golden {path}; run with PROOFDESK_UPDATE_GOLDEN=1 and review the diff"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"
