"""attribution.*: example tables per rule, credit-line fixes, house patterns, and the benchmark corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from proofdesk.core.checks._credit_line import CreditLinePatternError
from proofdesk.core.checks.attribution import AttributionCheck
from proofdesk.core.checks.base import CheckContext
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Finding
from proofdesk.core.style.model import HouseStyle

REPO = Path(__file__).resolve().parents[3]


def run(text: str, ctx: CheckContext | None = None) -> list[Finding]:
    return Engine(EngineConfig(ctx or CheckContext()), checks=[AttributionCheck]).check(document_from_text(text))


def rules_in(text: str, ctx: CheckContext | None = None) -> set[str]:
    return {f.rule for f in run(text, ctx)}


# Paragraphs are separated by blank lines, as in pasted copy.
UNATTRIBUTED_FLAG = [
    "The council approved the study on Tuesday.\n\n“We have lost two generations of apprenticeships to indecision.”",
    'Shares fell 4% in early trade.\n\n"Investors have been waiting for this for a year."\n\n'
    "The firm declined to comment.",
    "Turnout was 73%.\n\n“Exit polls have been wrong before, and we expect a different story.”\n\nThe count continues.",
    "The mayor said the study would settle questions that had “hung over the town for too long”.\n\n"
    "“We have lost two generations to indecision. This is the moment to act.”",
    "Rain is forecast for Monday.\n\n“Please do not try to drive through flood water tonight.”\n\n"
    "The agency said three homes were flooded.",
    "The bridge will close on Monday. “Half our trade comes across that bridge every single day.”\n\n"
    "Buses will divert.",
    "Officials met on Friday. “This is not the time to give up on the talks,” one of them. Nothing was agreed.",
    "The vote was carried 31 to 9.\n\n“It is a disgrace that nobody asked the people of this town.”\n\n"
    "“We will fight it in the courts if we have to.”",
    'Wheat futures jumped 3%.\n\n"Africa will feel this first. The poorest importers have no reserves left."',
    "Prices rose in March.\n\n“The money is going in, but far too slowly for the people on trolleys.”\n\n"
    "Local MP Rachel Burns has called for a review.",
    "Gareth Morgan argued that children needed phones.\n\n"
    "“I want my daughter to be able to call me on the way home.”\n\n"
    "The Welsh Government said schools could set their own rules.",
    "The lander tipped on landing.\n\n'We have proven that a small company can do this,' he told them.\n\n"
    "Fans cheered.\n\n‘The next one will be much easier for all of us.’",
    "The zoo said a branch had fallen.\n\n“We will be checking every enclosure in the park before we reopen.”",
    "The firm posted a loss.\n\n“Every strike day costs us tens of millions of euros in the end.”\n\n"
    "Budget rivals have also complained.",
    "The hospital's figures were published on Friday.\n\n"
    "“These waits are not acceptable for any patient in this county.”",
    "Mr Pryce, 54, denied the charges.\n\n“You knew the money belonged to households who had paid in advance.”",
]
UNATTRIBUTED_PASS = [
    "“We will not back down,” union organiser Pieter Vos told Reuters.",
    "“We will not back down,” said Pieter Vos. “This time we stay out.”",
    "“We will not back down,” Vos said.\n\n“The members voted for this with their eyes open.”\n\n"
    "“Every day this lasts is a day the company chose.”",
    "Marsh replied: “Nothing is ruled in and nothing is ruled out at this stage.”",
    "The minister told a news conference:\n\n“We are facing the most difficult conditions of the summer so far.”",
    "“They built the new flood wall on the other side of the river,” insisted Frank Dobbs.",
    "“Is there any reason at all to wait until June?” asked one committee member.",
    "“Stay away from the river banks until the water goes down,” the agency warned.",
    "“This is the hardest decision I have made since we founded the firm,” Whitfield wrote in a memo.",
    "According to the coach, “the team has never been in better shape than it is this week”.",
    "“We have offered guarantees on every permanent post for five years,” the company said in a statement.",
    "Kate O'Brien said supply was the challenge. “We have eighteen countries asking for it and few doses.”",
    "“The maps were wrong and everybody working down there knew it.”\n\nSo said Thabo Nkosi, a winch operator.",
    "“We were never consulted about any of it.” That was the verdict of Joan Pickles, 84.",
    "The company called it “a regrettable but necessary step”, adding that talks would continue.",
    "She said the decision had broken her heart and that the shop would close.",
    "He was quoted as saying that the state firms must play the role of “pillars” in “achieving self-reliance”.",
    "Coyle warned supporters to be patient: “He is a young man in a new country. Give him time.”\n\n"
    "“There is no doubt he can become one of the best players in the world.”",
    "The film “The Return of the King” was shown twice.",
    "“We will fight on the beaches,” he said. “We will fight in the fields and in the streets,\n\n"
    "“we will never surrender.”",
]

UNBALANCED_FLAG = [
    "“We will not back down, the organiser said.",
    "The organiser said we will not back down.”",
    '"We will not back down, the organiser said.',
    "He called it ‘a disaster for the town.",
    "“We will fight,” he said. “We will win.",
    "“We will fight. “We will win,” he said.",
    'She said: "It is over.',
    "It is over,” she said.",
    "“Pillars” of industry and “achieving self-reliance, he said.",
    "The ‘strangleholds areas were named.",
    "“Nobody asked us what we think,” Vos said, “and nobody will.",
    "The study would settle questions that had “hung over the town.\n\nThe council agreed.",
    "“We have lost two generations.\n\nThe council voted on Tuesday.",
    "Prices rose ” sharply in March.",
    '"It\'s over," she said. "It\'s not over," he said. "It\'s never over.',
]
UNBALANCED_PASS = [
    "“We will not back down,” the organiser said.",
    '"We will not back down," the organiser said.',
    "He called it ‘a disaster’ for the town.",
    "It was rock ’n’ roll in the ’90s.",
    "The workers’ union and the drivers’ union objected.",
    "It was O’Neill’s idea, and the Joneses’ money.",
    "“He told me ‘never again’, and I believed him,” she said.",
    "“We will fight on the beaches,\n\n“we will never surrender,” he said.",
    "'Tis the season, the shop's sign said.",
    'He is 5ft 10" tall.',
    "The ’80s and ’90s were different.",
    "Don’t expect a deal, won’t say when.",
    "“Yes.” “No.” “Maybe.”",
    "The firm's 'strategic initiative' was launched.",
    "“It’s over,” she said. “It’s not over,” he said.",
]

WEAK_FLAG = [
    "Sources said the agency was prepared to match the funding.",
    "Experts say the bridge is unsafe.",
    "It is understood the club has made an offer.",
    "Critics say the plan will cost too much.",
    "However, analysts say private firms are more innovative.",
    "It is believed the talks will resume on Monday.",
    "Some experts believe the vaccine could be ready by spring.",
    "A source close to the talks said a deal was near.",
    "According to sources, the minister will resign.",
    "Insiders claim the board was split.",
    "Many say the decision came too late.",
    "Observers warned that the vote could be close.",
    "It is thought the fire started in the kitchen.",
    "Senior sources told the paper the plan was dead.",
    "One insider said morale had never been lower.",
]
WEAK_PASS = [
    "Sources at Barclays Capital said the deal was near.",
    "Critics such as Labour MP Jane Doe say the plan will cost too much.",
    "The harbour master, Agnes Trelawny, said the study would settle questions.",
    "Experts at Imperial College London say the bridge is unsafe.",
    "Councillor Gareth Pellow warned the lagoon could silt up.",
    "The council said it had been encouraged by the consultation.",
    "Analyst Marieke de Jong at ING said the stoppage was costly.",
    "Dr Amira Haddad said the waits were unacceptable.",
    "“Sources said the deal was dead,” he joked.",
    "It is clear the club has made an offer.",
    "The understanding is that talks resume on Monday.",
    "The experts' report was published on Friday.",
    "Police said the fire started in the kitchen.",
    "The minister told reporters the plan was dead.",
    "A spokeswoman for the club confirmed the offer.",
]

CREDIT_FLAG = [
    "  • Reporting by Tamsin Hale; Editing by Robert Quayle",
    "  • Reuters with additional editing by Sean O’Meara",
    "Reporting By Jane Doe; Editing by Tom Roe",
    "Reporting by Jane Doe, editing by Tom Roe",
    "Reporting by Jane Doe Editing by Tom Roe",
    "Reporting by Jane Doe;Editing by Tom Roe",
    "reporting by Jane Doe; editing by Tom Roe",
    "Reporting by Jane Doe. Editing by Tom Roe",
    "Reporting by Jane Doe | Editing by Tom Roe",
    "Reporting by Jane Doe;  Editing by Tom Roe",
    "Reuters with additional editing By Sean Bell",
    "* Reuters",
    "Reporting by jane doe; Editing by tom roe",
    "Additional Reporting By Li Wei in Beijing",
    "LONDON (Reuters) - Shares fell on Monday.\n\nThe index closed lower.",
    "PARIS (AFP) - The strike continued.\n\nTrains were cancelled.",
    "By Reuters\n\nThe vote was close.",
]
CREDIT_PASS = [
    "Reporting by Tamsin Hale; Editing by Robert Quayle",
    "Reuters with additional editing by Sean O’Meara",
    "Reporting by Jane Doe in London and Ali Khan in Karachi; Editing by Tom Roe",
    "Reporting by Jane Doe; Additional reporting by Li Wei in Beijing; Editing by Tom Roe and Mark Potter",
    "Reporting by Anne Kauranen; Writing by Justyna Pawlak; Editing by Frances Kerry",
    "(Reporting by Jane Doe; Editing by Tom Roe)",
    "Additional reporting by Michelle Nichols at the United Nations",
    "Associated Press writer Jane Doe in Rome contributed to this report.",
    "--With assistance from Ann Lee and Bo Chen.",
    "— AFP",
    "Reuters",
    "With AFP",
    "LONDON (Reuters) - Shares fell on Monday.\n\nReporting by Jane Doe; Editing by Tom Roe",
    "The investigative reporting by the BBC revealed the scheme.",
    "The council voted on Tuesday.\n\nThe study begins in spring.",
    "Reuters reported on Tuesday that the talks had stalled.",
    "Reporting by the Guardian revealed that the minister had misled parliament.",
]

TABLES: dict[str, tuple[list[str], list[str]]] = {
    "attribution.unattributed-quote": (UNATTRIBUTED_FLAG, UNATTRIBUTED_PASS),
    "attribution.unbalanced-quotes": (UNBALANCED_FLAG, UNBALANCED_PASS),
    "attribution.weak-sourcing": (WEAK_FLAG, WEAK_PASS),
    "attribution.credit-line": (CREDIT_FLAG, CREDIT_PASS),
}


def test_every_declared_rule_has_a_table() -> None:
    assert {r.id for r in AttributionCheck.rules} == set(TABLES)
    for flag, ok in TABLES.values():
        assert len(flag) >= 15 and len(ok) >= 15


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (flag, _) in TABLES.items() for t in flag])
def test_flags(rule: str, text: str) -> None:
    assert rule in rules_in(text)


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, ok) in TABLES.items() for t in ok])
def test_passes(rule: str, text: str) -> None:
    assert rule not in rules_in(text)


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        (
            "  • Reporting by Tamsin Hale; Editing by Robert Quayle",
            "Reporting by Tamsin Hale; Editing by Robert Quayle",
        ),
        ("  • Reuters with additional editing by Sean O’Meara", "Reuters with additional editing by Sean O’Meara"),
        ("Reporting By Jane Doe; Editing by Tom Roe", "Reporting by Jane Doe; Editing by Tom Roe"),
        ("Reporting by Jane Doe, editing by Tom Roe", "Reporting by Jane Doe; Editing by Tom Roe"),
        ("Reporting by Jane Doe Editing by Tom Roe", "Reporting by Jane Doe; Editing by Tom Roe"),
    ],
)
def test_credit_line_fix(line: str, fixed: str) -> None:
    (finding,) = run(line)
    assert finding.rule == "attribution.credit-line"
    assert finding.text == line
    assert finding.suggestions == (fixed,)


def test_no_fix_offered_when_unclear() -> None:
    (finding,) = run("Reporting by jane doe; Editing by tom roe")
    assert finding.suggestions == ()


def test_house_patterns_replace_the_defaults() -> None:
    style = HouseStyle(checks={"attribution.credit-line": {"patterns": [r"^Words: .+$"]}})
    ctx = CheckContext(style=style)
    assert "attribution.credit-line" in rules_in("Reporting by Jane Doe; Editing by Tom Roe", ctx)
    assert "attribution.credit-line" not in rules_in("LONDON (Reuters) - Shares fell.\n\nWords: Jane Doe", ctx)


def test_bad_house_pattern_is_a_clear_error() -> None:
    style = HouseStyle(checks={"attribution.credit-line": {"patterns": ["(unclosed"]}})
    with pytest.raises(CreditLinePatternError, match="bad pattern"):
        AttributionCheck(CheckContext(style=style))


def test_min_words_setting() -> None:
    text = "The vote was close.\n\nIt was “a very bad day” for the town."
    assert "attribution.unattributed-quote" not in rules_in(text)
    style = HouseStyle(checks={"attribution.unattributed-quote": {"min-words": 3}})
    assert "attribution.unattributed-quote" in rules_in(text, CheckContext(style=style))


def test_unattributed_quote_is_a_warning_without_a_fix() -> None:
    (finding,) = [f for f in run(UNATTRIBUTED_FLAG[0]) if f.rule == "attribution.unattributed-quote"]
    assert str(finding.severity) == "warning"
    assert finding.suggestions == ()
    assert finding.text.startswith("“We have lost") and finding.text.endswith("indecision.”")


def test_sample_story_findings() -> None:
    text = (REPO / "resources" / "samples" / "scraped-story.txt").read_text(encoding="utf-8")
    found = {(f.rule, f.text[:24]) for f in run(text)}
    assert found == {
        ("attribution.unattributed-quote", '"We have lost two genera'),
        ("attribution.weak-sourcing", "Sources said"),
        ("attribution.credit-line", "  • Reporting by Tamsin "),
    }


def test_benchmark_corpus_meets_targets() -> None:
    spec = importlib.util.spec_from_file_location("attribution_bench", REPO / "benchmarks" / "attribution_bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["attribution_bench"] = bench
    spec.loader.exec_module(bench)
    engine = Engine(EngineConfig(CheckContext()), checks=[AttributionCheck])
    paths = sorted((REPO / "tests" / "fixtures" / "attribution").glob("*/*.txt"))
    assert len(paths) >= 20
    tally = bench.score(paths, engine)
    assert tally.found_quotes / tally.expected_quotes >= 0.95
    assert len(tally.wrong) / tally.words * 1000 <= 0.5
    assert tally.right / tally.flags >= 0.8
