"""Against a real LanguageTool, when there is one: ``PROOFDESK_LT_URL`` (e.g. a desk's server or a local
``docker run erikvl87/languagetool``) or a local install language-tool-python can find (``LTP_PATH``,
``~/.cache/language_tool_python``). Skipped, with the reason printed, otherwise.

Both are read when this module is imported: the shared fixtures hide them from every test so that
nothing reaches LanguageTool by accident.
"""

from __future__ import annotations

import os

import pytest

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.grammar import GrammarCheck
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.languagetool import backends, status
from proofdesk.core.style.model import HouseStyle

REAL_URL = os.environ.get("PROOFDESK_LT_URL", "").strip()
_REAL_LTP_PATH = os.environ.get("LTP_PATH")
_INSTALL = None if REAL_URL else backends.find_installation()
_JAVA = backends.detect_java() if _INSTALL else None

if REAL_URL:
    MODE, REASON = REAL_URL, ""
elif _INSTALL and _JAVA and not _JAVA.problem:
    MODE, REASON = "auto", ""
else:
    MODE = ""
    REASON = (
        "no real LanguageTool: set PROOFDESK_LT_URL to a server, or install one with "
        "`proofdesk languagetool download`" + (f" ({_JAVA.problem})" if _JAVA and _JAVA.problem else "")
    )

pytestmark = [pytest.mark.skipif(not MODE, reason=REASON), pytest.mark.slow]

TEXT = "😀 Harbour news\n\nThe crew found a abandoned boat. It were towed to the harbour on Tuesday.\n"


def test_real_languagetool_finds_grammar_at_exact_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    if _REAL_LTP_PATH:
        monkeypatch.setenv("LTP_PATH", _REAL_LTP_PATH)
    else:
        monkeypatch.delenv("LTP_PATH", raising=False)
    style = HouseStyle(checks={"grammar": {"timeout": 60, "startup-timeout": 180}})
    engine = Engine(EngineConfig(context=CheckContext(languagetool=MODE, style=style)), checks=[GrammarCheck])
    findings = engine.check(document_from_text(TEXT))
    assert status.current().state is status.State.READY, status.current().message
    article = [f for f in findings if f.rule == "grammar.EN_A_VS_AN"]
    assert article, [f.rule for f in findings]
    assert (article[0].start, article[0].text) == (TEXT.index("a abandoned"), "a")
    assert "an" in article[0].suggestions
    for f in findings:
        assert TEXT[f.start : f.end] == f.text
        assert not f.rule.startswith(("grammar.MORFOLOGIK", "grammar.HUNSPELL"))


def test_real_languagetool_accepts_the_data_format_with_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    from proofdesk.core.document import Block, BlockKind, Document

    if _REAL_LTP_PATH:
        monkeypatch.setenv("LTP_PATH", _REAL_LTP_PATH)
    text = "See https://x.example/a-apple for a update."
    skip = (text.index("https"), text.index(" for"))
    doc = Document(text, [Block(BlockKind.PARAGRAPH, 0, len(text), text, skips=(skip,))])
    style = HouseStyle(checks={"grammar": {"timeout": 60, "startup-timeout": 180}})
    engine = Engine(EngineConfig(context=CheckContext(languagetool=MODE, style=style)), checks=[GrammarCheck])
    findings = engine.check(doc)
    assert [(f.rule, f.start) for f in findings if f.rule == "grammar.EN_A_VS_AN"] == [
        ("grammar.EN_A_VS_AN", text.index("a update"))
    ]
