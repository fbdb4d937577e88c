"""spelling.rejected-word: the house style's reject list is always flagged, whatever the dictionary says."""

from __future__ import annotations

import pytest
from _spelling_helpers import spell

RULE = "spelling.rejected-word"
REJECT = (
    "alright",
    "irregardless",
    "whilst",
    "amongst",
    "utilise",
    "utilised",
    "Daesh",
    "per cent",
    "learnt",
    "towards",
    "OK",
    "fulsome",
    "firstly",
    "upcoming",
    "gotten",
    "meet with",
)

SHOULD_FLAG = [
    ("The minister said everything was alright.", "alright"),
    ("Alright, the coach said, we will try again.", "Alright"),
    ("The fine will be paid irregardless of the appeal.", "irregardless"),
    ("Whilst the vote was close, the result stands.", "Whilst"),
    ("Prices rose whilst wages fell.", "whilst"),
    ("The money was shared amongst the villages.", "amongst"),
    ("The council will utilise the empty offices.", "utilise"),
    ("The funds were utilised for repairs.", "utilised"),
    ("Daesh claimed responsibility for the attack.", "Daesh"),
    ("Prices rose by 4 per cent in March.", "per cent"),
    ("She said she had learnt from the mistake.", "learnt"),
    ("The club is moving towards a new stadium.", "towards"),
    ("The minister said the plan was OK.", "OK"),
    ("He gave a fulsome apology.", "fulsome"),
    ("Firstly, the bank will cut costs.", "Firstly"),
    ("The upcoming election is in May.", "upcoming"),
    ("Costs have gotten out of hand.", "gotten"),
    ("The president will meet with the prime minister.", "meet with"),
    ("Everything was alright until the storm hit.", "alright"),
    ("Talks continued amongst the parties.", "amongst"),
    ("The report, irregardless of its findings, was delayed.", "irregardless"),
    ("Whilst in office, she cut taxes.", "Whilst"),
    ("The firm plans to utilise AI.", "utilise"),
    ("Unemployment fell to 4.2 per cent.", "per cent"),
    ("The upcoming budget will be tight.", "upcoming"),
    ("The team moved towards the exit.", "towards"),
    ("Fares have gotten cheaper.", "gotten"),
    ("Ministers will meet with unions on Friday.", "meet with"),
    ("They learnt the news from the radio.", "learnt"),
    ("The vote was alright, said one member.", "alright"),
    ("He was OK after the crash.", "OK"),
]

SHOULD_PASS = [
    "The minister said everything was all right.",
    "The fine will be paid regardless of the appeal.",
    "While the vote was close, the result stands.",
    "The money was shared among the villages.",
    "The council will use the empty offices.",
    "Islamic State claimed responsibility for the attack.",
    "Prices rose by 4% in March.",
    "She said she had learned from the mistake.",
    "The club is moving toward a new stadium.",
    "The minister said the plan was acceptable.",
    "He gave a full apology.",
    "First, the bank will cut costs.",
    "The coming election is in May.",
    "Costs have got out of hand.",
    "The president will meet the prime minister.",
    "The okapi is a rare animal.",
    "The Alrightz played at the festival.",
    "The meeting with unions went well.",
    "He will meet them with a smile.",
    "Fulsomeness is a rare word in news copy.",
    "The percentage rose sharply.",
    "The cent coin was withdrawn.",
    "The minister said the plan was ok.",
    "The utility company raised prices.",
    "He learned to sail at school.",
    "The towers were evacuated.",
    "The coming weeks will be tough.",
    "Firstborn children were surveyed.",
    "Whilom is an archaic word.",
    "The amount was shared out.",
]


@pytest.mark.parametrize(("sentence", "word"), SHOULD_FLAG)
def test_should_flag(sentence: str, word: str) -> None:
    found = [f for f in spell(sentence, reject=REJECT) if f.rule == RULE]
    assert [f.text for f in found] == [word]
    assert found[0].severity == "error"


@pytest.mark.parametrize("sentence", SHOULD_PASS)
def test_should_pass(sentence: str) -> None:
    assert [f for f in spell(sentence, reject=REJECT) if f.rule == RULE] == []


def test_enough_examples() -> None:
    assert len(SHOULD_FLAG) >= 30 and len(SHOULD_PASS) >= 30


def test_a_rejected_word_is_never_its_own_suggestion() -> None:
    (f,) = spell("Everything was alright.", reject=("alright",))
    assert f.suggestions and all(s.lower() != "alright" for s in f.suggestions)


def test_accept_list_wins_over_the_dictionary_and_is_case_sensitive() -> None:
    text = "The agency Xyzzor said Xyzzor's staff would strike."
    assert [f.text for f in spell(text, accept=("Xyzzor",))] == []
    assert [f.text for f in spell("Goverment sources said so.", accept=("goverment",))] == ["Goverment"]
    assert spell("Goverment sources said so.", accept=("Goverment",)) == []


def test_multi_word_accept_entries_cover_each_word() -> None:
    assert spell("Zhigang said the talks went well.", accept=("Wang Zhigang",)) == []


def test_personal_words_are_never_flagged() -> None:
    assert [f.text for f in spell("The comittee met.")] == ["comittee"]
    assert spell("The comittee met.", personal=("comittee",)) == []
    assert spell("Comittee members met.", personal=("comittee",)) == []
