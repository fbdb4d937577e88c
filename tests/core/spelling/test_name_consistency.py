"""spelling.name-consistency: a name spelt two ways in one story; the majority spelling is the fix."""

from __future__ import annotations

import pytest
from _spelling_helpers import spell

RULE = "spelling.name-consistency"

# (majority form, minority form): each story uses the majority three times and the minority once.
SHOULD_FLAG = [
    ("Jinping", "Jingping"),
    ("Zhigang", "Zhigand"),
    ("Trelawny", "Trelawney"),
    ("Okonjo", "Okonja"),
    ("Gražinytė", "Grazinytė"),
    ("Tregothnan", "Tregothan"),
    ("Wiśniewski", "Wiśniewsky"),
    ("Adebayo", "Adebayi"),
    ("Raghunathan", "Ragunathan"),
    ("Kikilias", "Kikillias"),
    ("Ogunleye", "Ogunleyi"),
    ("Pellowe", "Pellowa"),
    ("Kelmarsh", "Kelmarch"),
    ("Porthcurnick", "Porthcurnik"),
    ("Zelensky", "Zelenksy"),
    ("Shinawatra", "Shinawarta"),
    ("Erdoğan", "Erdoğn"),
    ("Tsipras", "Tsirpas"),
    ("Sheinbaum", "Sheinbuam"),
    ("Lukashenko", "Lukashenka"),
    ("Mitsotakis", "Mitsotakos"),
    ("Wielgus", "Wielgas"),
    ("Okafor", "Okafur"),
    ("Lindqvist", "Lindqvits"),
    ("Mensah", "Mensha"),
    ("Aydin", "Aydinn"),
    ("Carvalho", "Carvahlo"),
    ("Ferreira", "Fereira"),
    ("Quayle", "Quayel"),
    ("Tijani", "Tijanni"),
]


def story(major: str, minor: str) -> str:
    return (
        f"The talks were led by {major}, who flew in on Monday.\n"
        f"Officials close to {major} said the deal was nearly done.\n"
        f"A spokesman for {minor} declined to comment.\n"
        f"{major} is expected to sign the agreement on Friday."
    )


# Stories where two close spellings are two different things, or the evidence is too thin.
SHOULD_PASS = [
    story("Brown", "Browne"),
    story("Pellow", "Pellows"),
    story("Jinping", "Jinping"),
    "Steven Gerrard met Stephen Fry. Steven said Stephen was funny. Steven left early.",
    "The vote is on Tuesday. It was moved from Thursday. Tuesday suits everyone. Tuesday it is.",
    "Xi Jinping met Xi Jingping's envoy.",  # one each: no majority
    "Mr Smith met Mr Smyth. Smith said Smith's firm would bid. Smyth did not.",
    "Austria and Australia signed a deal. Austria said Austria's exports would rise.",
    "Iran and Iraq met in Geneva. Iran said Iran would attend. Iraq said nothing.",
    "Slovakia and Slovenia voted. Slovakia backed the plan, Slovakia's minister said. Slovenia abstained.",
    "The Kelmarsh council met. Kelmarsh voted yes. Kelmarsh residents cheered.",
    "Clare and Claire are sisters. Clare said Clare would run. Claire agreed.",
    "Wang Zhigang spoke. Zhigang said Zhigang's ministry would help.",
    "Mark and Mary arrived. Mark said Mark's train was late. Mary laughed.",
    "The Nile and the Niger flooded. The Nile rose fastest, the Nile authority said. The Niger fell.",
    "Sweden and Swedes voted. Sweden said Sweden's turnout was high. Swedes were pleased.",
    "Jones met Jonas. Jones said Jones's plan was ready. Jonas was unsure.",
    "Gaza and Gaya were mentioned. Gaza was hit. Gaza's hospitals are full. Gaya is in India.",
    "The Daily Mail and the Daily Mall were confused. Mail said the Mail had the story. Mall denied it.",
    "Hamas and Hama: Hamas said Hamas would talk. Hama is a city in Syria.",
    "Cardiff and Cardiff's council. Cardiff won. Cardiff's team celebrated.",
    "Peterhead and Peterhead's port. Peterhead landed fish worth £210m.",
    "The Labour and Labor parties met. Labour said Labour would win. Labor disagreed.",
    "Benin and Benin City: Benin said Benin would host. Berlin disagreed.",
    "Dawlish and Dawlish's wall. Dawlish is in Devon. Dawlish voted.",
    "Reeves and Reeve spoke. Reeves said Reeves's budget was fair. Reeve disagreed.",
    "Bailey and Bayley both spoke. Bailey said Bailey's bank would wait. Bayley is an author.",
    "Aslef and Aslef's members voted. Aslef said yes.",
    "Whelan and Whalen spoke. Whelan said Whelan was pleased. Whalen said nothing.",
    "Macdonald and McDonald spoke. Macdonald said Macdonald's group was pleased. McDonald left.",
]


@pytest.mark.parametrize(("major", "minor"), SHOULD_FLAG)
def test_should_flag(major: str, minor: str) -> None:
    text = story(major, minor)
    found = [f for f in spell(text) if f.rule == RULE]
    assert [(f.text, f.suggestions) for f in found] == [(minor, (major,))]
    assert text[found[0].start : found[0].end] == minor
    # The minority form is reported once, by this rule only.
    assert [f for f in spell(text) if f.start == found[0].start] == found


@pytest.mark.parametrize("text", SHOULD_PASS)
def test_should_pass(text: str) -> None:
    assert [f for f in spell(text) if f.rule == RULE] == []


def test_enough_examples() -> None:
    assert len(SHOULD_FLAG) >= 30 and len(SHOULD_PASS) >= 30


def test_the_issue_example() -> None:
    text = "Xi Jinping spoke first. Xi Jinping then met Xi Jingping's aides. Xi Jinping left."
    found = [f for f in spell(text) if f.rule == RULE]
    assert [(f.text, f.suggestions) for f in found] == [("Jingping", ("Jinping",))]
    assert "'Jinping' 3 times" in found[0].message


def test_accepted_minority_form_is_left_alone() -> None:
    text = story("Jinping", "Jingping")
    assert [f for f in spell(text, accept=("Jingping",)) if f.rule == RULE] == []
