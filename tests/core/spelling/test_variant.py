"""spelling.variant: the other side of the Atlantic's spellings, and the house's -ise/-ize choice."""

from __future__ import annotations

import pytest
from _spelling_helpers import spell

RULE = "spelling.variant"

# (language, options for spelling.variant, sentence, word, house form)
SHOULD_FLAG = [
    ("en-GB", {}, "The color of the new trains was chosen by passengers.", "color", "colour"),
    ("en-GB", {}, "The arts center will reopen in May.", "center", "centre"),
    ("en-GB", {}, "The theater was packed for the opening night.", "theater", "theatre"),
    ("en-GB", {}, "The labor market cooled in the autumn.", "labor", "labour"),
    ("en-GB", {}, "Economists will analyze the figures this week.", "analyze", "analyse"),
    ("en-GB", {}, "The minister traveled to Brussels on Monday.", "traveled", "travelled"),
    ("en-GB", {}, "The museum published a catalog of the stolen works.", "catalog", "catalogue"),
    ("en-GB", {}, "The defense secretary visited the base.", "defense", "defence"),
    ("en-GB", {}, "The firm failed to fulfill its promises.", "fulfill", "fulfil"),
    ("en-GB", {}, "Tenants complained about mold in the flats.", "mold", "mould"),
    ("en-GB", {}, "The plant makes aluminum cans.", "aluminum", "aluminium"),
    ("en-GB", {}, "The shop sells pajamas and slippers.", "pajamas", "pyjamas"),
    ("en-GB", {}, "Fish and chips remain the nation's favorite takeaway.", "favorite", "favourite"),
    ("en-GB", {}, "The general was given a state honor.", "honor", "honour"),
    ("en-GB", {}, "A neighbor called the police.", "neighbor", "neighbour"),
    ("en-GB", {}, "The new program of concerts starts in June.", "program", "programme"),
    ("en-GB", {}, "The race was canceled because of the storm.", "canceled", "cancelled"),
    ("en-GB", {}, "The pediatric ward will close at night.", "pediatric", "paediatric"),
    ("en-GB", {}, "Thieves took jewelry worth £40,000.", "jewelry", "jewellery"),
    ("en-GB", {}, "Color returns to the high street this spring.", "Color", "Colour"),
    ("en-GB", {"ize": False}, "The union will organize a march.", "organize", "organise"),
    ("en-GB", {"ize": False}, "The bank was privatized in 1990.", "privatized", "privatised"),
    ("en-GB", {"ize": False}, "The minister apologized to the families.", "apologized", "apologised"),
    ("en-GB", {"ize": True}, "The union will organise a march.", "organise", "organize"),
    ("en-GB", {"ize": True}, "Critics say the plan will jeopardise jobs.", "jeopardise", "jeopardize"),
    ("en-US", {}, "The colour of the new trains was chosen by passengers.", "colour", "color"),
    ("en-US", {}, "The arts centre will reopen in May.", "centre", "center"),
    ("en-US", {}, "Economists will analyse the figures this week.", "analyse", "analyze"),
    ("en-US", {}, "The minister travelled to Brussels on Monday.", "travelled", "traveled"),
    ("en-US", {}, "The union will organise a march.", "organise", "organize"),
    ("en-US", {}, "The defence secretary visited the base.", "defence", "defense"),
    ("en-US", {}, "The new programme of concerts starts in June.", "programme", "program"),
    ("en-US", {}, "The car needed a new tyre after the crash.", "tyre", "tire"),
]

SHOULD_PASS = [
    ("en-GB", {}, "The colour of the new trains was chosen by passengers."),
    ("en-GB", {}, "The arts centre will reopen in May."),
    ("en-GB", {}, "The labour market cooled in the autumn."),
    ("en-GB", {}, "Economists will analyse the figures this week."),
    ("en-GB", {}, "The minister travelled to Brussels on Monday."),
    ("en-GB", {}, "The defence secretary visited the base."),
    ("en-GB", {}, "Tenants complained about mould in the flats."),
    ("en-GB", {}, "The new programme of concerts starts in June."),
    ("en-GB", {}, "The hackers ran a program that copied the files."),
    ("en-GB", {}, "The union will organize a march."),
    ("en-GB", {}, "The union will organise a march."),
    ("en-GB", {"ize": False}, "The union will organise a march."),
    ("en-GB", {"ize": False}, "Police seized the van and its size surprised them."),
    ("en-GB", {"ize": False}, "She will advise the board and exercise her vote."),
    ("en-GB", {"ize": True}, "The union will organize a march."),
    ("en-GB", {"ize": True}, "The enterprise will revise its forecasts and compromise."),
    ("en-GB", {"ize": True}, "The report will surprise investors who despise risk."),
    ("en-GB", {}, "The museum published a catalogue of the stolen works."),
    ("en-GB", {}, "The car needed a new tyre after the crash."),
    ("en-GB", {}, "A neighbour called the police."),
    ("en-GB", {}, "Fish and chips remain the nation's favourite takeaway."),
    ("en-US", {}, "The color of the new trains was chosen by passengers."),
    ("en-US", {}, "The arts center will reopen in May."),
    ("en-US", {}, "Economists will analyze the figures this week."),
    ("en-US", {}, "The minister traveled to Brussels on Monday."),
    ("en-US", {}, "The union will organize a march."),
    ("en-US", {}, "The defense secretary visited the base."),
    ("en-US", {}, "The new program of concerts starts in June."),
    ("en-US", {}, "Tenants complained about mold in the apartments."),
    ("en-US", {}, "The labor market cooled in the fall."),
    ("en-US", {}, "Police seized the van and its size surprised them."),
    ("en-GB", {}, "The Color Purple opens at the Curve theatre."),
]


@pytest.mark.parametrize(("language", "options", "sentence", "word", "fix"), SHOULD_FLAG)
def test_should_flag(language: str, options: dict[str, object], sentence: str, word: str, fix: str) -> None:
    found = spell(sentence, language=language, checks={RULE: options})
    assert [(f.rule, f.text, f.suggestions) for f in found] == [(RULE, word, (fix,))]
    assert found[0].severity == "warning"


@pytest.mark.parametrize(("language", "options", "sentence"), SHOULD_PASS)
def test_should_pass(language: str, options: dict[str, object], sentence: str) -> None:
    assert spell(sentence, language=language, checks={RULE: options}) == []


def test_enough_examples() -> None:
    assert len(SHOULD_FLAG) >= 30 and len(SHOULD_PASS) >= 30


def test_language_comes_from_the_house_style_when_the_context_has_none() -> None:
    from proofdesk.core.checks.base import CheckContext
    from proofdesk.core.checks.spelling import SpellingCheck
    from proofdesk.core.style.model import HouseStyle

    check = SpellingCheck(CheckContext(language="", style=HouseStyle(language="en-US")))
    assert check.language == "en-US"
