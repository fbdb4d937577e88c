"""typography.*: example tables per rule, fixes, house settings and properties of the fixes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.corrections import apply_edits, edit_for, resolve_overlaps
from proofdesk.core.document import Block, BlockKind, document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Finding
from proofdesk.core.style.model import HouseStyle


def _ctx(language: str = "en-GB", **checks: dict[str, object]) -> CheckContext:
    return CheckContext(language=language, style=HouseStyle(checks={k.replace("_", "."): v for k, v in checks.items()}))


def run(text: str, ctx: CheckContext | None = None) -> list[Finding]:
    return Engine(EngineConfig(ctx or _ctx()), checks=[TypographyCheck]).check(document_from_text(text))


def rules_in(text: str, ctx: CheckContext | None = None) -> set[str]:
    return {f.rule for f in run(text, ctx)}


def fix_all(text: str, ctx: CheckContext | None = None) -> str:
    chosen, _ = resolve_overlaps(f for f in run(text, ctx) if f.suggestions)
    return apply_edits(text, [edit_for(f) for f in chosen])[0]


STRAIGHT = _ctx(typography_quotes={"style": "straight"})

TABLES: dict[str, tuple[list[str], list[str]]] = {
    "typography.double-space": (
        [
            "The council met on Tuesday.  Nobody came.",
            "Shares fell  4% in early trade.",
            "The minister  said nothing.",
            "Police closed the road  after the crash.",
            "It was,  he said, a fair result.",
            "Turnout was high   in the north.",
            "The vote was 31  to 9.",
            "Rain is forecast  for Monday night.",
            "“We will appeal,”  she said.",
            "Prices rose by 2%  in March.",
            "Reporting by Jane Roe;  Editing by Tom Hay",
            "The port reopened  at noon.",
            "Fans queued  overnight for tickets.",
            "A third  bridge is planned.",
            "He was fined £200  and banned.",
        ],
        [
            "The council met on Tuesday. Nobody came.",
            "Shares fell 4% in early trade.",
            "The minister said nothing.",
            "Police closed the road after the crash.",
            "It was, he said, a fair result.",
            "Turnout was high in the north.",
            "The vote was 31 to 9.",
            "Rain is forecast for Monday night.",
            "“We will appeal,” she said.",
            "Prices rose by 2% in March.",
            "Reporting by Jane Roe; Editing by Tom Hay",
            "The port reopened at noon.",
            "Fans queued overnight for tickets.",
            "A third bridge is planned.",
            "He was fined £200 and banned.",
        ],
    ),
    "typography.space-before-punctuation": (
        [
            "The study, which closes next month , was welcomed.",
            "Why now ?",
            "He said no !",
            "There were three options : sell, wait or merge.",
            "Prices rose ; wages did not.",
            "The mayor , who was re-elected, spoke first.",
            "Is this the end ?” she asked.",
            "We won !” he shouted.",
            "The brief was simple : win.",
            "Rain, wind , and more rain.",
            "What next for the club ?",
            "Two were hurt ; one seriously.",
            "The chairman said :",
            "Stop the cuts !",
            "In short , nothing changed.",
        ],
        [
            "The study, which closes next month, was welcomed.",
            "Why now?",
            "He said no!",
            "There were three options: sell, wait or merge.",
            "Prices rose; wages did not.",
            "The mayor, who was re-elected, spoke first.",
            "Is this the end?” she asked.",
            "We won!” he shouted.",
            "Kick-off is at 19:45 tonight.",
            "The ratio was 3:1 in favour.",
            "What next for the club?",
            "Two were hurt; one seriously.",
            "The chairman said:",
            "Stop the cuts!",
            "In short, nothing changed.",
        ],
    ),
    "typography.dash": (
        [
            "Work is expected to begin in the spring - subject to a final sign-off.",
            "The vote -- the first in a decade -- was close.",
            "He had one aim--to win.",
            "Prices rose - again.",
            "The result - 31 to 9 - surprised nobody.",
            "It was a bold move -- some say reckless.",
            "Three firms - all based in Leeds - bid for the work.",
            "She paused --- then spoke.",
            "The plan - if it survives - will cost £2m.",
            "Fans waited - and waited.",
            "“We will fight” - the union's slogan - was everywhere.",
            "The harbour -- once busy -- is quiet now.",
            "He left at dawn - before the storm.",
            "One thing is clear -- the money has gone.",
            "Traffic was light - for a Monday.",
        ],
        [
            "Work is expected to begin in the spring – subject to a final sign-off.",
            "The well-known self-made owner spoke.",
            "The score was 3-1 after extra time.",
            "Open 9am-5pm, Monday to Friday.",
            "The 2019-20 season was cut short.",
            "Temperatures fell to -5C overnight.",
            "A long-term, low-cost loan was agreed.",
            "The Paris-Berlin train was late.",
            "- - -",
            "The vote – the first in a decade – was close.",
            "Visit https://example.com/a--b for details.",
            "The mid-century house sold quickly.",
            "A cease-fire was agreed.",
            "Part-time staff will be paid more.",
            "The north-east coast was hit hardest.",
            "Run proofdesk fix --accept all on the draft.",
            "Pages 10–12 cover the budget.",
            "LONDON, May 9 (Reuters) - The Bank of England held rates.",
            "SANTA LUCÍA, Aug 9 (AFP) - About 2,000 people were evacuated.",
            "PENMORVA, June 4 - A housing trust has bought six cottages.",
        ],
    ),
    "typography.ellipsis": (
        [
            "He paused... then spoke.",
            "The board will decide...",
            "And then... nothing.",
            "“Well...” she said.",
            "It could be... it might be.",
            "Subject to sign-off by the harbour board...",
            "So... what now?",
            "The list goes on...",
            "Wait for it...",
            "Prices rose, and rose, and rose...",
            "He said . . . nothing at all.",
            "Maybe... maybe not.",
            "The rest... is history.",
            "We hoped... we prayed.",
            "Coming soon...",
        ],
        [
            "He paused… then spoke.",
            "The board will decide.",
            "And then nothing.",
            "“Well,” she said.",
            "It could be, it might be.",
            "The figure was 3.5 per cent.",
            "So what now?",
            "Version 1.2.3 was released.",
            "See www.example.com/a...b for the file.",
            "Prices rose, and rose, and rose.",
            "U.S. officials declined to comment.",
            "Maybe… maybe not.",
            "The rest is history.",
            "He scored at 9.15 p.m.",
            "Coming soon.",
        ],
    ),
    "typography.stray-bullet": (
        [
            "  • Reporting by Jane Roe; Editing by Tom Hay",
            "• Reuters",
            "· The council said it would appeal.",
            "▪ Shares fell 4%.",
            "* The vote was close.",
            "- The vote was close.",
            "  - Additional reporting by Li Wei",
            "●  Police closed the road.",
            "◦ Fans queued overnight.",
            "•Reporting by Ann Lee",
            "► Read the full statement.",
            "   *   The match was abandoned.",
            "• • Turnout was high.",
            "■ Prices rose again.",
            "‣ The bridge will close.",
        ],
        [
            "Reporting by Jane Roe; Editing by Tom Hay",
            "Reuters",
            "The council said it would appeal.",
            "* * *",
            "• • •",
            "-5C is expected tonight.",
            "The rate is 2 * 3 in the formula.",
            "Catalan words such as col·legi use a middle dot.",
            "The vote - and the count - went smoothly.",
            "Police closed the road.",
            "Home · News · Sport",
            "He wrote *very* carefully.",
            "---",
            "Fans queued overnight.",
            "The match was abandoned.",
        ],
    ),
    "typography.line-space": (
        [
            "  The council said it would appeal.",
            "The council said it would appeal.  ",
            "\tPolice closed the road.",
            "Police closed the road.\t",
            " Shares fell 4%.",
            "Shares fell 4%. ",
            "\u00a0The vote was close.",
            "  Reporting by Jane Roe",
            "Reuters ",
            "   “We will fight,” he said.",
            "“We will fight,” he said.   ",
            " Fans queued overnight. ",
            "  Turnout was high.",
            "The bridge will close. \u00a0",
            "    Coming soon.",
        ],
        [
            "The council said it would appeal.",
            "Police closed the road.",
            "Shares fell 4%.",
            "The vote was close.",
            "Reporting by Jane Roe",
            "Reuters",
            "“We will fight,” he said.",
            "Fans queued overnight.",
            "Turnout was high.",
            "The bridge will close.",
            "Coming soon.",
            "Prices rose again.",
            "The match was abandoned.",
            "A third bridge is planned.",
            "Rain is forecast.",
        ],
    ),
    "typography.quotes": (
        [
            '"We will fight," he said.',
            "She said it was 'a disaster'.",
            "The council's plan was approved.",
            "It was rock 'n' roll in the '90s.",
            'He called them "pillars" of industry.',
            "Don't expect a deal this week.",
            "The workers' union objected.",
            '"Why now?" she asked.',
            "It was O'Neill's idea.",
            "The ‘90s were different.",
            "”We are ready,” she said.",
            'The firm said: "No comment."',
            "They won't say.",
            "The 'strangleholds' areas were named.",
            "It's over.",
        ],
        [
            "“We will fight,” he said.",
            "She said it was ‘a disaster’.",
            "The council’s plan was approved.",
            "It was rock ’n’ roll in the ’90s.",
            "He called them “pillars” of industry.",
            "Don’t expect a deal this week.",
            "The workers’ union objected.",
            "“Why now?” she asked.",
            "It was O’Neill’s idea.",
            "The ’90s were different.",
            "“We are ready,” she said.",
            "The firm said: “No comment.”",
            "They won’t say.",
            "The ‘strangleholds’ areas were named.",
            "It’s over.",
        ],
    ),
}


@pytest.mark.parametrize("rule", sorted(TABLES))
def test_every_rule_has_a_table(rule: str) -> None:
    flag, ok = TABLES[rule]
    assert len(flag) >= 15 and len(ok) >= 15


def test_every_declared_rule_is_tested() -> None:
    declared = {r.id for r in TypographyCheck.rules}
    assert declared == set(TABLES) | {"typography.mixed-quotes"}


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (flag, _) in TABLES.items() for t in flag])
def test_flags(rule: str, text: str) -> None:
    assert rule in rules_in(text)


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, ok) in TABLES.items() for t in ok])
def test_passes(rule: str, text: str) -> None:
    assert rule not in rules_in(text)


# Straight house style: the curly column flags and the straight column passes.
@pytest.mark.parametrize("text", TABLES["typography.quotes"][1])
def test_straight_house_style_flags_curly(text: str) -> None:
    assert "typography.quotes" in rules_in(text, STRAIGHT)


@pytest.mark.parametrize("text", [t for t in TABLES["typography.quotes"][0] if not set(t) & set("“”‘’")])
def test_straight_house_style_passes_straight(text: str) -> None:
    assert "typography.quotes" not in rules_in(text, STRAIGHT)


MIXED_FLAG = [
    '“We will fight,” he said.\nHe added: "We will win."',
    "She said it was ‘a disaster’.\nThe council's plan was approved.",
    '“Yes,” she said. "No," he said. “Maybe,” they said.',
    "It’s over.\nIt's not over.\nIt’s never over.",
    '"One," he said.\n"Two," he said.\n“Three,” he said.',
    "The ’90s were different.\nThe '80s were worse.",
    "Don’t go.\nDon't stay.\nWon’t say.",
    '“Pillars” of industry.\n"Giants" of trade.\n“Leaders” of tech.',
    "The firm’s view.\nThe firm's plan.\nThe firm’s staff.",
    '"A," he said.\n"B," he said.\n\'C,\' he said.\n“D,” he said.',
    "She’s here.\nHe's there.\nThey’re gone.",
    '“Now,” she said.\n"Later," he said.\n“Never,” they said.',
    "O’Neill spoke.\nO'Brien spoke.\nO’Hara spoke.",
    "It’s the ‘final’ offer.\nIt's a 'fair' deal.\nIt’s ‘over’.",
    '“We’re ready.”\n"We\'re not."\n“We’re waiting.”',
]
MIXED_PASS = [
    "“We will fight,” he said.\nHe added: “We will win.”",
    '"We will fight," he said.\nHe added: "We will win."',
    "It’s over.\nIt’s not over.",
    "It's over.\nIt's not over.",
    "No quotes at all here.\nNor here.",
    "The ’90s were different.\nThe ’80s were worse.",
    "The '90s were different.\nThe '80s were worse.",
    "Don’t go.\nWon’t say.",
    "Don't go.\nWon't say.",
    "“Pillars” of industry.",
    '"Pillars" of industry.',
    "The firm’s view.\nThe firm’s staff.",
    "O'Neill spoke.\nO'Hara spoke.",
    "She’s here.\n“Yes,” she said.",
    'She\'s here.\n"Yes," she said.',
]
CONSISTENT = _ctx(typography_quotes={"style": "consistent"})


@pytest.mark.parametrize("text", MIXED_FLAG)
def test_mixed_quotes_flags(text: str) -> None:
    assert "typography.mixed-quotes" in rules_in(text, CONSISTENT)


@pytest.mark.parametrize("text", MIXED_PASS)
def test_mixed_quotes_passes(text: str) -> None:
    assert "typography.mixed-quotes" not in rules_in(text, CONSISTENT)


def test_mixed_quotes_fixes_toward_the_majority() -> None:
    text = '“One,” he said.\n“Two,” he said.\n"Three," he said.'
    assert fix_all(text, CONSISTENT) == "“One,” he said.\n“Two,” he said.\n“Three,” he said."


def test_en_us_defaults_to_consistent_quotes_and_em_dashes() -> None:
    ctx = _ctx("en-US")
    assert "typography.quotes" not in rules_in('"We will," he said.', ctx)
    assert fix_all("The vote - the first in years - was close.", ctx) == "The vote—the first in years—was close."


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Work begins in spring -- subject to sign-off...", "Work begins in spring – subject to sign-off…"),
        ("  • Reporting by Jane Roe;  Editing by Tom Hay  ", "Reporting by Jane Roe; Editing by Tom Hay"),
        ("The consultation on marine energy , which closes", "The consultation on marine energy, which closes"),
        ("\"It's rock 'n' roll,\" he said of the '90s.", "“It’s rock ’n’ roll,” he said of the ’90s."),
        ("She called it 'a disaster' - twice.", "She called it ‘a disaster’ – twice."),
        ('He said: "We\'ll see."', "He said: “We’ll see.”"),
        ("Read pages 10 - 12 before the 31 -- 9 vote.", "Read pages 10–12 before the 31–9 vote."),
    ],
)
def test_fixes(text: str, fixed: str) -> None:
    assert fix_all(text) == fixed


def test_dash_style_from_house_settings() -> None:
    ctx = _ctx("en-GB", typography_dashes={"style": "em"})
    assert fix_all("The vote - the first in years - was close.", ctx) == "The vote—the first in years—was close."


def test_skipped_spans_are_left_alone() -> None:
    text = "Run  it -- now..."
    block = Block(BlockKind.PARAGRAPH, 0, len(text), text, skips=((0, len(text)),))
    assert list(TypographyCheck(_ctx()).check_block(block)) == []


def test_bullets_of_a_list_are_not_stray() -> None:
    text = "Key points:\n* Shares fell 4%\n* The chief executive resigned\n\nThe board met on Monday."
    assert "typography.stray-bullet" not in rules_in(text)
    assert "typography.stray-bullet" in rules_in("The board met.\n\n  • Reporting by Jane Roe\n\nRelated stories:")


def test_code_blocks_are_left_alone() -> None:
    text = "x = 'a'  -- b..."
    assert list(TypographyCheck(_ctx()).check_block(Block(BlockKind.CODE, 0, len(text), text))) == []


def test_urls_are_left_alone() -> None:
    assert rules_in("See https://example.org/a--b/c...d for 'x'.") == {"typography.quotes"}


def test_house_setting_changes_the_cache_key() -> None:
    a = TypographyCheck(_ctx()).fingerprint()
    b = TypographyCheck(STRAIGHT).fingerprint()
    assert a != b


_ALPHABET = "abZo9 .,;:?!-—–…'\"“”‘’•*·()\n\t\u00a0wn/"


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(alphabet=_ALPHABET, max_size=60),
    st.sampled_from(["curly", "straight", "consistent"]),
    st.sampled_from(["en-GB", "en-US"]),
)
def test_fixes_touch_only_punctuation_and_are_idempotent(text: str, style: str, language: str) -> None:
    ctx = _ctx(language, typography_quotes={"style": style})
    fixed = fix_all(text, ctx)
    assert [c for c in fixed if c.isalnum()] == [c for c in text if c.isalnum()]
    assert run(fixed, ctx) == []
