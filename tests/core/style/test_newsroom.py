"""The bundled newsroom styles: every rule flags its should-flag examples and none of its should-pass ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from proofdesk.core.document import BlockKind
from proofdesk.core.style.loader import load_house_style
from proofdesk.core.style.vale.base import Rule
from style_helpers import make_doc, run_style

EXAMPLES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "newsroom_examples.yaml").read_text("utf-8"))
LANGUAGES = ("en-GB", "en-US")


def examples_for(rule: str, language: str) -> dict[str, list[str]]:
    entry = EXAMPLES.get(rule, {})
    return entry.get(language, entry) if language in entry or "flag" in entry else {}


def _doc(example: str) -> Any:
    parts: list[Any] = []
    for para in example.split("\n\n"):
        parts.append((BlockKind.HEADING, para[2:]) if para.startswith("# ") else para)
    return make_doc(*parts)


def _cases() -> list[tuple[str, str, str, bool]]:
    cases = []
    for language in LANGUAGES:
        for rule, entry in EXAMPLES.items():
            table = entry.get(language, entry) if (language in entry or "flag" in entry) else {}
            for text in table.get("flag", []):
                cases.append((language, rule, text, True))
            for text in table.get("pass", []):
                cases.append((language, rule, text, False))
    return cases


STYLES = {language: load_house_style(None, language=language) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_forty_rules_each_with_message_link_and_examples(language: str) -> None:
    style = STYLES[language]
    rules = [r for r in style.rules if isinstance(r, Rule)]
    assert len(rules) >= 40
    for rule in rules:
        assert rule.message and rule.link.startswith("https://"), rule.name
        table = examples_for(rule.name, language)
        assert table.get("flag") and table.get("pass"), f"{rule.name} has no should-flag/should-pass examples"


@pytest.mark.parametrize(("language", "rule", "text", "flagged"), _cases())
def test_example(language: str, rule: str, text: str, flagged: bool) -> None:
    style = STYLES[language]
    if rule not in {r.name for r in style.rules}:
        pytest.fail(f"{rule} has examples for {language} but the style has no such rule")
    hits = [f for f in run_style(style, _doc(text)) if f.rule == rule]
    if flagged:
        assert hits, f"{rule} should flag {text!r}"
    else:
        assert not hits, f"{rule} should not flag {text!r}: {[(f.text, f.message) for f in hits]}"
