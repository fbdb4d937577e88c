"""spelling.repeated-word: "the the" → "the", but never grammatical doubles or names."""

from __future__ import annotations

import pytest
from _spelling_helpers import spell

RULE = "spelling.repeated-word"

# (sentence, repeated span, suggestion)
SHOULD_FLAG = [
    ("The council approved the the plan on Tuesday.", "the the", "the"),
    ("The The council approved the plan.", "The The", "The"),
    ("Police said a a man had been arrested.", "a a", "a"),
    ("She went to to the hospital with her son.", "to to", "to"),
    ("The cost of of the scheme has doubled.", "of of", "of"),
    ("Ministers will meet in in Brussels next week.", "in in", "in"),
    ("The bank said it it would cut rates.", "it it", "it"),
    ("Trains will run on on Sunday as normal.", "on on", "on"),
    ("The club and and its owners were fined.", "and and", "and"),
    ("It is is the third fire this year.", "is is", "is"),
    ("The vote was was delayed again.", "was was", "was"),
    ("Shares fell by by 4% in early trading.", "by by", "by"),
    ("The union for for nurses rejected the offer.", "for for", "for"),
    ("Residents are are angry about the noise.", "are are", "are"),
    ("The report will be be published today.", "be be", "be"),
    ("The minister has has resigned.", "has has", "has"),
    ("They said they would would appeal.", "would would", "would"),
    ("The museum will will reopen in May.", "will will", "will"),
    ("The firm expects expects a loss.", "expects expects", "expects"),
    ("The harbour harbour wall was damaged.", "harbour harbour", "harbour"),
    ("Fans queued outside the stadium stadium for hours.", "stadium stadium", "stadium"),
    ("The mayor said that the the budget was tight.", "the the", "the"),
    ("Talks with with the union resumed.", "with with", "with"),
    ("The ferry from from Dover was cancelled.", "from from", "from"),
    ("The plan could could cost £2m.", "could could", "could"),
    ("Voters have have until Friday to register.", "have have", "have"),
    ("The storm hit the the coast overnight.", "the the", "the"),
    ("The school school was closed.", "school school", "school"),
    ("The new rules apply to all all drivers.", "all all", "all"),
    ("Officials said the fire was was started deliberately.", "was was", "was"),
    ("The court heard heard evidence from three witnesses.", "heard heard", "heard"),
    ("The council\u00a0the\u00a0the plan.", "the\u00a0the", "the"),
]

SHOULD_PASS = [
    "She had had enough of the delays.",
    "He said that that decision was final.",
    "The band Duran Duran played in Birmingham.",
    "The island of Bora Bora was hit by a cyclone.",
    "Walla Walla is in Washington state.",
    "No, no, the minister said, that is wrong.",
    "The council approved the plan on Tuesday.",
    "They waved bye bye to the crowd.",
    "It was a very, very close vote.",
    "The vote was very very close.",
    "The score was 2 2 at half-time.",
    "The words the and a are articles.",
    "The the-end-of-year report was late.",
    "Sirhan Sirhan was denied parole.",
    "The teams met: the home side won.",
    "The plan, the council said, was approved.",
    "He said it. It was true.",
    "The bank cut rates. Rates had been high.",
    "The tenants’ tenants’ association met.",
    "Fines of £50 to £50,000 were imposed.",
    "Boutros Boutros-Ghali led the UN.",
    "Baden-Baden hosted the summit.",
    "The minister spoke; spoke was the wrong word.",
    "There were many, many complaints.",
    "The so-so results disappointed investors.",
    "The hospital's staff and patients were evacuated.",
    "Trains ran on time on Sunday.",
    "The harbour master inspected the harbour wall.",
    "Tut tut, said the judge.",
    "The plan's cost — cost that nobody expected — rose.",
]


@pytest.mark.parametrize(("sentence", "span", "fix"), SHOULD_FLAG)
def test_should_flag(sentence: str, span: str, fix: str) -> None:
    found = [f for f in spell(sentence) if f.rule == RULE]
    assert [(f.text, f.suggestions) for f in found] == [(span, (fix,))]


@pytest.mark.parametrize("sentence", SHOULD_PASS)
def test_should_pass(sentence: str) -> None:
    assert [f for f in spell(sentence) if f.rule == RULE] == []


def test_enough_examples() -> None:
    assert len(SHOULD_FLAG) >= 30 and len(SHOULD_PASS) >= 30
