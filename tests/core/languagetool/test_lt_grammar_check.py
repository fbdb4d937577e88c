"""The grammar check through the engine, against the LanguageTool test double."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lt_double import LanguageToolDouble

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.grammar import GrammarCheck
from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.document import Block, BlockKind, Document, document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Category, Finding
from proofdesk.core.languagetool import status, take_notices
from proofdesk.core.style.model import HouseStyle


def run(
    url: str, text: str | Document, grammar: dict[str, Any] | None = None, **ctx: Any
) -> tuple[list[Finding], Engine]:
    style = HouseStyle(checks={"grammar": grammar or {}}, accept=frozenset(ctx.pop("accept", ())))
    engine = Engine(EngineConfig(context=CheckContext(languagetool=url, style=style, **ctx)), checks=[GrammarCheck])
    doc = text if isinstance(text, Document) else document_from_text(text)
    return engine.check(doc), engine


def spans(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.start, f.end, f.text) for f in findings]


# Should flag / should pass --------------------------------------------------------

FLAG = [
    ("She ate a apple.", ("grammar.EN_A_VS_AN", 8, 9, "a"), Category.GRAMMAR),
    ("We saw the the film.", ("grammar.ENGLISH_WORD_REPEAT_RULE", 7, 14, "the the"), Category.GRAMMAR),
    ("All of the staff came.", ("grammar.ALL_OF_THE", 0, 10, "All of the"), Category.STYLE),
    ("Two  spaces.", ("grammar.WHITESPACE_RULE", 3, 5, "  "), Category.TYPOGRAPHY),
    ("😀😀 Then a owl.", ("grammar.EN_A_VS_AN", 8, 9, "a"), Category.GRAMMAR),
]
PASS = [
    "She ate an apple.",
    "We saw the film.",
    "All the staff came.",
    "They recieve letters.",  # LanguageTool's spelling rules are off: spelling is ProofDesk's speller's
    "",
]


@pytest.mark.parametrize(("text", "expected", "category"), FLAG)
def test_should_flag(double: LanguageToolDouble, text: str, expected: tuple, category: Category) -> None:
    findings, _ = run(double.url, text)
    assert spans(findings) == [expected]
    assert findings[0].category == category
    assert text[findings[0].start : findings[0].end] == findings[0].text


@pytest.mark.parametrize("text", PASS)
def test_should_pass(double: LanguageToolDouble, text: str) -> None:
    findings, _ = run(double.url, text)
    assert findings == []


def test_offsets_are_exact_across_blocks_and_astral_characters(double: LanguageToolDouble) -> None:
    text = "Headline with 😀 emoji\n\nFirst 🎉 para has a apple.\nSecond has a egg and 𝒳 a ox.\n"
    findings, _ = run(double.url, text)
    assert [(f.start, f.end) for f in findings] == [
        (text.index("a apple"), text.index("a apple") + 1),
        (text.index("a egg"), text.index("a egg") + 1),
        (text.index("a ox"), text.index("a ox") + 1),
    ]
    assert all(text[f.start : f.end] == "a" for f in findings)
    # The whole draft went in one request, blocks separated as paragraphs.
    assert len(double.checks()) == 1


def test_code_and_urls_are_not_checked(double: LanguageToolDouble) -> None:
    text = "See https://ex.org/a  apple now, then a idea.\nprint(a  apple)"
    url_start = text.index("https")
    url_end = text.index(" now")
    para = Block(BlockKind.PARAGRAPH, 0, 45, text[:45], skips=((url_start, url_end),))
    code = Block(BlockKind.CODE, 46, len(text), text[46:])
    findings, _ = run(double.url, Document(text, [para, code]))
    assert spans(findings) == [("grammar.EN_A_VS_AN", text.index("a idea"), text.index("a idea") + 1, "a")]
    sent = double.checks()[0].form
    assert "text" not in sent and "print(" not in sent["data"]


def test_house_vocabulary_and_personal_words_are_honoured(double: LanguageToolDouble) -> None:
    text = "Zhigang Zhigang spoke. They acommodate us. Then a apple."
    flagged, _ = run(double.url, text, {"spelling": True})
    assert sorted(f.text for f in flagged) == ["Zhigang", "Zhigang", "Zhigang Zhigang", "a", "acommodate"]
    words = frozenset({"acommodate"})
    findings, _ = run(double.url, text, {"spelling": True}, accept={"Zhigang"}, personal_words=words)
    assert spans(findings) == [("grammar.EN_A_VS_AN", text.index("a apple"), text.index("a apple") + 1, "a")]


def test_languagetool_spelling_only_when_the_house_style_asks(double: LanguageToolDouble) -> None:
    assert run(double.url, "They recieve it.")[0] == []
    assert double.checks()[0].form["disabledRules"] == "MORFOLOGIK_RULE_EN_GB,HUNSPELL_RULE"
    findings, _ = run(double.url, "They recieve it.", {"spelling": True})
    assert [(f.rule, f.category, f.suggestions) for f in findings] == [
        ("grammar.MORFOLOGIK_RULE_EN_GB", Category.SPELLING, ("receive",))
    ]


def test_house_style_options_reach_languagetool(double: LanguageToolDouble) -> None:
    options = {
        "disabled-rules": ["grammar.ENGLISH_WORD_REPEAT_RULE"],
        "disabled-categories": ["STYLE"],
        "picky": True,
        "mother-tongue": "de",
    }
    text = "All of the the staff become very tired of a apple."
    findings, _ = run(double.url, text, options, language="en-US")
    assert [f.rule for f in findings] == ["grammar.BECOME_BEKOMMEN", "grammar.EN_A_VS_AN"]
    form = double.checks()[0].form
    assert form["language"] == "en-US"
    assert form["level"] == "picky" and form["motherTongue"] == "de"
    assert form["disabledRules"].startswith("ENGLISH_WORD_REPEAT_RULE,MORFOLOGIK_RULE_EN_US")


def test_enabled_only(double: LanguageToolDouble) -> None:
    text = "All of the the staff ate a apple."
    findings, _ = run(double.url, text, {"enabled-rules": ["ALL_OF_THE"], "enabled-only": True})
    assert [f.rule for f in findings] == ["grammar.ALL_OF_THE"]


def test_picky_rules_are_off_unless_picky(double: LanguageToolDouble) -> None:
    assert run(double.url, "A very good day.")[0] == []
    assert [f.rule for f in run(double.url, "A very good day.", {"picky": True})[0]] == ["grammar.VERY_PICKY"]


def test_bad_options_are_reported_once_and_ignored(double: LanguageToolDouble) -> None:
    findings, _ = run(double.url, "A apple.", {"picky": "yes", "timeout": -3, "disabled-rules": "EN_A_VS_AN"})
    assert [f.rule for f in findings] == []  # the valid option (one rule as a string) still applies
    notices = take_notices()
    assert any("picky must be true or false" in n for n in notices)
    assert any("timeout must be a number" in n for n in notices)
    run(double.url, "A apple.", {"picky": "yes"})
    assert not any("picky" in n for n in take_notices())


def test_results_are_cached_per_block_and_only_changed_blocks_are_sent(double: LanguageToolDouble) -> None:
    text = "One is a apple.\nTwo is fine.\n"
    first, engine = run(double.url, text)
    second = engine.check(document_from_text(text))
    assert first == second and len(double.checks()) == 1
    edited = "One is a apple.\nTwo is a egg.\n"
    third = engine.check(document_from_text(edited))
    assert len(double.checks()) == 2
    assert double.checks()[1].form["text"] == "Two is a egg."
    assert [f.text for f in third] == ["a", "a"]


def test_long_drafts_are_split_under_the_limit_with_the_same_findings(double: LanguageToolDouble) -> None:
    text = "\n".join(f"Paragraph {i} tells of a owl and a eagle over the the hill." for i in range(60))
    whole, _ = run(double.url, text, {"max-request-chars": 100_000})
    requests_whole = len(double.checks())
    from proofdesk.core.checks.grammar import clear_cache

    clear_cache()
    split, _ = run(double.url, text, {"max-request-chars": 500})
    assert requests_whole == 1 and len(double.checks()) - 1 > 6
    assert all(len(r.form["text"]) <= 500 for r in double.checks()[1:])
    assert spans(split) == spans(whole) and len(whole) == 180


def test_one_paragraph_longer_than_the_limit(double: LanguageToolDouble) -> None:
    text = " ".join(f"Sentence {i} has a apple." for i in range(80))
    findings, _ = run(double.url, text, {"max-request-chars": 300})
    assert len(findings) == 80
    assert all(text[f.start : f.end] == "a" for f in findings)


def test_findings_survive_other_checks_and_merge_sorted(double: LanguageToolDouble) -> None:
    text = "Two  spaces and a apple."
    engine = Engine(EngineConfig(context=CheckContext(languagetool=double.url)), checks=[GrammarCheck, TypographyCheck])
    rules = [f.rule for f in engine.check(document_from_text(text))]
    # LanguageTool's whitespace match repeats typography.double-space on the same span: ours stands.
    assert rules == ["typography.double-space", "grammar.EN_A_VS_AN"]


def test_off_sends_nothing_and_says_nothing(double: LanguageToolDouble) -> None:
    # The user turned grammar off on purpose: a notice telling them so on every run is noise.
    findings, engine = run("off", "She ate a apple.")
    engine.check(document_from_text("She ate a apple."))
    assert findings == [] and double.requests == []
    assert take_notices() == []
    assert status.current().state is status.State.OFF


def test_ready_status_names_the_server(double: LanguageToolDouble) -> None:
    run(double.url, "Fine.")
    assert status.current().state is status.State.READY
    assert double.url in status.current().message


def test_public_service_only_after_opt_in_and_with_a_warning(
    double: LanguageToolDouble, monkeypatch: pytest.MonkeyPatch
) -> None:
    from proofdesk.core.languagetool import backends

    # Make the double stand in for the public service: same rules apply to it as to api.languagetool.org.
    monkeypatch.setattr(backends, "_PUBLIC_DOMAINS", ("127.0.0.1",))
    refused, _ = run(double.url, "She ate a apple.")
    assert refused == [] and double.requests == []
    assert "leave this computer" in take_notices()[0]
    opted, _ = run(double.url, "She ate a apple.", extra={"languagetool_public_opt_in": True})
    assert [f.rule for f in opted] == ["grammar.EN_A_VS_AN"]
    assert any("public LanguageTool service" in n and "leave this computer" in n for n in take_notices())
    # The house style can opt in too; the public service gets one request at a time.
    text = "\n".join(f"Line {i} has a apple." for i in range(30))
    findings, _ = run(double.url, text, {"public-api": True, "max-request-chars": 100})
    assert len(findings) == 30 and double.max_concurrent == 1


def test_a_folder_picked_in_settings_is_the_local_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lt_support import install_fake_languagetool

    inst = install_fake_languagetool(tmp_path, monkeypatch)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "elsewhere"))
    assert run("auto", "A apple.")[0] == []  # not found where language-tool-python looks
    take_notices()
    findings, _ = run("auto", "A apple.", {"startup-timeout": 20}, extra={"languagetool_path": str(inst)})
    assert [f.rule for f in findings] == ["grammar.EN_A_VS_AN"]
