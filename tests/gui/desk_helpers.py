"""Helpers for the desk tests: a predictable check set and waiting for checks to settle."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from proofdesk.core.checks.base import Check, RuleInfo
from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.document import Block, Document
from proofdesk.core.findings import Category, Finding, Severity

TYPOS = {
    "encourafged": ("encouraged", "encourages"),
    "teh": ("the",),
    "recieve": ("receive",),
    "goverment": ("government",),
}
_WORD = re.compile(r"\w+")


class FileFlag:
    """A flag the checker process sees too: checks run there, so a threading.Event would not reach them.

    The path travels in the environment, which the checker process inherits from the test process.
    """

    def __init__(self, variable: str) -> None:
        if variable not in os.environ:
            os.environ[variable] = str(Path(tempfile.gettempdir()) / f"proofdesk-test-{os.getpid()}-{variable}")
        self.path = Path(os.environ[variable])

    def set(self) -> None:
        self.path.touch()

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_set(self) -> bool:
        return self.path.exists()


# Tests flip this to make the checker slow, so they can type while a check runs.
SLOW = FileFlag("PROOFDESK_TEST_SLOW_FLAG")


class WordListCheck(Check):
    family = "testspell"
    rules = (RuleInfo("testspell.word", Category.SPELLING, Severity.ERROR, "Known misspelling"),)

    def fingerprint(self) -> object:
        return ("v1",)

    def check_block(self, block: Block) -> Iterable[Finding]:
        if SLOW.is_set():
            time.sleep(0.02)
        for m in _WORD.finditer(block.text):
            fixes = TYPOS.get(m.group().lower())
            if fixes:
                yield self.finding(
                    "testspell.word", block.text, m.start(), m.end(), f"Possible spelling mistake: {m.group()!r}", fixes
                )


class LengthAwareCheck(Check):
    """A document-wide check whose message changes with the draft's length (like "repeats line 7")."""

    family = "testdoc"
    rules = (RuleInfo("testdoc.dupe", Category.DUPLICATE, Severity.WARNING, "Says 'dupe'"),)

    def check_document(self, doc: Document) -> Iterable[Finding]:
        for m in re.finditer(r"\bdupe\b ", doc.text):
            yield self.finding(
                "testdoc.dupe", doc.text, m.start(), m.end(), f"Delete this ({len(doc.text)} characters).", [""]
            )


class FragileCheck(Check):
    """A document-wide check that breaks on one word, as a buggy family would."""

    family = "testfragile"
    rules = (RuleInfo("testfragile.never", Category.STYLE, Severity.SUGGESTION, "Never reported"),)

    def check_document(self, doc: Document) -> Iterable[Finding]:
        if "KABOOM" in doc.text:
            raise RuntimeError("the fragile check broke")
        return ()


CHECKS = [WordListCheck, TypographyCheck, LengthAwareCheck, FragileCheck]


def wait_checked(qtbot, tab, timeout: int = 5000) -> None:  # type: ignore[no-untyped-def]
    """Until the findings on show belong to the text on show."""
    qtbot.waitUntil(
        lambda: not tab.checking and tab._checked_revision == tab.revision and not tab.views_busy, timeout=timeout
    )
    qtbot.wait(tab._refresh.interval() + 20)
