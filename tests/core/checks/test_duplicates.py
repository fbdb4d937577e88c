"""Repeated captions, paragraphs and sentences (``duplicate.*``): example tables, spans, speed-insensitive logic."""

from __future__ import annotations

import pytest
from _newsroom_cases import BODY, CREDIT, HEADLINE, STANDFIRST

from proofdesk.core.checks._newsroom.dupes import near_cost
from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.duplicates import DuplicatesCheck
from proofdesk.core.document import Block, BlockKind, Document, document_from_text
from proofdesk.core.findings import Category, Finding, Severity

CAP = "Fishing boats moored in the inner harbour, where the new channel would begin."
CAP2 = "Harbour master Ellen Quirke on the quay at Penmorva on Monday."
QUOTE = "“We will not let the channel silt up again while I am chairman,” Tom Reed told the meeting."
P4 = (
    "Skippers from three neighbouring ports have written to the regulator to support the plan, saying the "
    "channel is now too shallow at low tide."
)
LONG = (
    "The work, which still needs a licence from the marine regulator, would remove about 300,000 tonnes of "
    "silt over two winters and close the channel to yachts for six weeks in each."
)
QUOTE_STRAIGHT = QUOTE.replace("“", '"').replace("”", '"')
SAID = "The regulator said it would decide on the licence by the end of June."


def doc(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def story(*extra_body: str, caption: tuple[str, ...] = (CAP,), after: tuple[str, ...] = ()) -> str:
    """Headline, standfirst, caption line(s), the body with ``extra_body`` inserted mid-way, credit."""
    return doc(HEADLINE, STANDFIRST, *caption, BODY[0], BODY[1], *extra_body, BODY[2], BODY[3], CREDIT, *after)


# (rule, draft, the copy that must be flagged)
FLAG: list[tuple[str, str, str]] = [
    ("duplicate.caption", story(caption=(f"{CAP}\n{CAP}",)), CAP),
    ("duplicate.caption", story(caption=(CAP, CAP)), CAP),
    (
        "duplicate.caption",
        story(caption=(CAP, CAP.replace(" the ", "  the ", 1) + " ")),
        CAP.replace(" the ", "  the ", 1) + " ",
    ),
    ("duplicate.caption", story(caption=(CAP2.replace("’", "'"), CAP2)), CAP2),
    ("duplicate.caption", story(caption=(CAP, CAP.upper())), CAP.upper()),
    ("duplicate.caption", story(caption=(CAP, CAP.lower())), CAP.lower()),
    ("duplicate.caption", story(caption=(CAP, CAP.replace("harbour", "harbuor"))), CAP.replace("harbour", "harbuor")),
    ("duplicate.caption", story(caption=(CAP.replace("moored", "mooredd"),) * 2), CAP.replace("moored", "mooredd")),
    (
        "duplicate.caption",
        story(caption=(CAP, CAP.replace("would begin", "will begin"))),
        CAP.replace("would begin", "will begin"),
    ),
    ("duplicate.caption", story(caption=(CAP, CAP + " REUTERS/Ana Ruiz")), CAP + " REUTERS/Ana Ruiz"),
    ("duplicate.caption", story(caption=(CAP, CAP + " (Photo: Ana Ruiz)")), CAP + " (Photo: Ana Ruiz)"),
    ("duplicate.caption", story(caption=(CAP,), after=()).replace(CREDIT, f"{CAP}\n\n{CREDIT}"), CAP),
    ("duplicate.caption", story(CAP), CAP),
    ("duplicate.caption", story(SAID, caption=(SAID,)), SAID),
    (
        "duplicate.caption",
        story(f"Objectors have until May. {SAID} It gave no further details.", caption=(SAID,)),
        SAID,
    ),
    ("duplicate.caption", story(caption=(CAP, CAP.rstrip("."))), CAP.rstrip(".")),
    (
        "duplicate.caption",
        story(
            caption=(
                "The “pillars” of the old pier at low tide on Sunday.",
                'The "pillars" of the old pier at low tide on Sunday.',
            )
        ),
        'The "pillars" of the old pier at low tide on Sunday.',
    ),
    ("duplicate.paragraph", story(LONG, LONG), LONG),
    ("duplicate.paragraph", story(LONG, "Objectors have until May.").replace(BODY[3], f"{BODY[3]}\n\n{LONG}"), LONG),
    (
        "duplicate.paragraph",
        story(LONG, LONG.replace("regulator", "regualtor")),
        LONG.replace("regulator", "regualtor"),
    ),
    (
        "duplicate.paragraph",
        story(LONG, LONG.replace("close the channel", "shut the channel")),
        LONG.replace("close the channel", "shut the channel"),
    ),
    (
        "duplicate.paragraph",
        story(QUOTE, QUOTE.replace("“", '"').replace("”", '"')),
        QUOTE.replace("“", '"').replace("”", '"'),
    ),
    ("duplicate.paragraph", story(LONG, LONG.replace(", ", " ,  ")), LONG.replace(", ", " ,  ")),
    ("duplicate.paragraph", doc(HEADLINE, STANDFIRST, CAP, *BODY, BODY[3], CREDIT), BODY[3]),
    ("duplicate.paragraph", story(f"{LONG} {SAID}", SAID), SAID),
    ("duplicate.paragraph", story(after=(BODY[3],)), BODY[3]),
    ("duplicate.paragraph", story(LONG, LONG.upper()), LONG.upper()),
    ("duplicate.paragraph", story(LONG, LONG.rstrip(".")), LONG.rstrip(".")),
    ("duplicate.paragraph", story(LONG, LONG.replace("yachts", "the yachts")), LONG.replace("yachts", "the yachts")),
    ("duplicate.paragraph", story(LONG, LONG.replace("about ", "")), LONG.replace("about ", "")),
    ("duplicate.paragraph", story(QUOTE, QUOTE.replace("Reed", "Reid")), QUOTE.replace("Reed", "Reid")),
    ("duplicate.paragraph", doc(HEADLINE, STANDFIRST, *BODY, CREDIT, BODY[0]).rstrip("\n"), BODY[0]),
    ("duplicate.sentence", story(f"{SAID} {SAID}"), SAID),
    ("duplicate.sentence", story(SAID, f"Objectors have until May to respond. {SAID}"), SAID),
    ("duplicate.sentence", story(f"{SAID} Objectors have until May.", f"{SAID} It gave no reason."), SAID),
    (
        "duplicate.sentence",
        story(SAID, f"{SAID.replace('licence', 'licnece')} It gave no reason."),
        SAID.replace("licence", "licnece"),
    ),
    (
        "duplicate.sentence",
        story(f"{LONG} {QUOTE}", f"Objectors have until May. {QUOTE_STRAIGHT}"),
        QUOTE.replace("“", '"').replace("”", '"'),
    ),
    (
        "duplicate.sentence",
        story(f"Objectors have until May. {SAID}", f"{SAID.upper()} It gave no reason."),
        SAID.upper(),
    ),
    ("duplicate.sentence", story(f"{SAID} It gave no reason. {SAID}"), SAID),
    ("duplicate.sentence", story(LONG, f"Objectors have until May. {LONG} They are expected to respond."), LONG),
    ("duplicate.sentence", story(f"{P4} Objectors have until May.", f"Both sides agree. {P4}"), P4),
    ("duplicate.sentence", story(f"{SAID} Objectors have until May.", f"Both sides agree.  {SAID}"), SAID),
    (
        "duplicate.sentence",
        story(f"{SAID} Objectors have until May.", f"Both sides agree. {SAID.rstrip('.')}!"),
        SAID.rstrip(".") + "!",
    ),
    (
        "duplicate.sentence",
        story(f"{SAID} Objectors have until May.", f"Both sides agree. {SAID.replace('decide on', 'rule on')}"),
        SAID.replace("decide on", "rule on"),
    ),
    ("duplicate.sentence", story(f"Mr. Reed said the board was united. {SAID}", f"{SAID} He said no more."), SAID),
    (
        "duplicate.sentence",
        story(f"{LONG} Objectors have until May.", f"Both sides agree. {LONG} The board met."),
        LONG,
    ),
    (
        "duplicate.sentence",
        story(f"{P4} Objectors have until May.", f"{P4.replace('estuary', 'estaury')} The board met."),
        P4.replace("estuary", "estaury"),
    ),
]

# Drafts in which nothing is a duplicate, by the rule they might be mistaken for.
PASS: dict[str, list[str]] = {
    "duplicate.caption": [
        story(caption=(CAP, CAP2)),
        story(caption=(CAP, "Fishing boats moored in the outer harbour, where the old channel ended.")),
        story(caption=("Harbour master Ellen Quirke in 2019.", "Harbour master Ellen Quirke in 2024.")),
        story(caption=("A dredger at work in 1998.", "A dredger at work in 2008.")),
        story("* * *", BODY[2], "* * *").replace(BODY[2], "Objectors have until May.", 1),
        story("Key points", "- Cost: £12 million", "Key points", "- Start: October"),
        story("Q:", "What happens to the shellfish?", "A:", "The regulator will decide.", "Q:", "When?", "A:", "June."),
        story(caption=("Photo: Ana Ruiz", "Photo: Ana Ruiz")),
        story("What Happens Next", BODY[2], "What Happens Next").replace(BODY[2], "Objectors have until May.", 1),
        story(caption=(CAP, "Fishing boats are not moored in the inner harbour, where the new channel would begin.")),
        story(caption=("The quay at dawn.", "The quay at dawn.")).replace(
            "The quay at dawn.\n\nThe quay at dawn.", "The quay at dawn."
        ),
        story(caption=("Boats in the harbour, 2019.",)) + "\nBoats in the harbour, 2020.\n",
        story(caption=("Pictured: the quay in 1950.", "Pictured: the quay in 2025.")),
        story("Votes for: 31", "Votes against: 9", "Votes for: 31").replace("Votes for: 31", "Votes for", 1),
        doc(HEADLINE, STANDFIRST, CAP, *BODY, CREDIT),
    ],
    "duplicate.paragraph": [
        story(LONG, LONG.replace("two winters", "three winters and cost £4 million more")),
        story(LONG, "The work would remove about 300,000 tonnes of silt, but the board has not said when it starts."),
        story(SAID, "The regulator said it would publish its reasons when it decides on the licence."),
        story(SAID, "The regulator said it would not decide on the licence by the end of June."),
        story(SAID, "The regulator said it would decide on the licence by the end of July."),
        story(
            "The FTSE 100 rose 0.5% to 7,512 points on Monday.", "The FTSE 250 rose 0.5% to 19,870 points on Monday."
        ),
        story("Shares in Harbour Line rose 4% on Monday.", "Shares in Harbour Line fell 4% on Tuesday."),
        story("He declined to comment further.", "She declined to comment further."),
        story(
            "It did not immediately respond to a request for comment.",
            "Objectors have until May.",
            "It did not immediately respond to a request for comment.",
        ),
        story(
            "Police said the man, aged 34, was arrested at the scene and taken to hospital.",
            "Police said the woman, aged 29, was arrested at the scene and later released.",
        ),
        story(
            "The central bank raised interest rates by a quarter point on Thursday, its fifth increase this year.",
            "The central bank raised interest rates by a quarter point in March, citing stubborn inflation.",
        ),
        story("The board will meet again on June 4.", "The regulator will meet again on June 11."),
        story(
            "The council said the new pool would cut energy costs by half compared with the old building.",
            "The council said the new pool would cut its energy bills and be run by a charitable trust.",
        ),
        story("Dredging will start in October, the board said.", "Dredging will stop in March, the board said."),
        story("The first phase will cost £4 million.", "The second phase will cost £8 million."),
    ],
    "duplicate.sentence": [
        story("He said no more. Objectors have until May.", "Both sides agree. He said no more."),
        story(
            "It declined to comment. The board met on Monday.", "The regulator met on Tuesday. It declined to comment."
        ),
        story(
            "They did not respond to requests for comment. The vote was close.",
            "The appeal was rejected. They did not respond to requests for comment.",
        ),
        story(f"{SAID} Objectors have until May.", "The regulator said it would publish its reasons in July."),
        story(
            "Quirke said the channel was silting up. It is the main route.",
            "Reed said the channel was silting up faster than expected. It worries skippers.",
        ),
        story(
            "The board voted 7-2 in favour. The plan goes ahead.", "The council voted 5-4 in favour. The plan stalls."
        ),
        story(
            "The first ferry arrives at 6 a.m. It leaves at 7 a.m.",
            "The last ferry arrives at 9 p.m. It leaves at 10 p.m.",
        ),
        story("This is not the end. Objectors have until May.", "Work begins in October. This is not the end."),
        story(
            "Fishermen fear the dredging will disturb shellfish beds. The study will decide.",
            "Fishermen fear the dredging will not be finished before the summer. The board disagrees.",
        ),
        story("Mr. Reed said the board was united. Mr. Cole said it was not.", "Mr. Cole said the board was split."),
        story("The U.S. company bid £4 million. It lost.", "The U.S. company bid again in May. It won."),
        story(
            "The plan was approved. Objectors had until May to respond.",
            "The plan was amended. Objectors had until June to respond.",
        ),
        story(
            "“We will fight this,” he said. The vote was close.",
            "“We will win this,” she said. The vote was not close.",
        ),
        story("The board met on Monday. Both sides agree.", "Both sides disagree. The board met on Tuesday."),
        story(
            "Ferry fares will rise 3% in January. Season tickets will rise 2%.",
            "Bus fares will rise 3% in January. Season tickets will rise 4%.",
        ),
    ],
}


def check(text: str) -> list[Finding]:
    return list(DuplicatesCheck(CheckContext()).check_document(document_from_text(text)))


@pytest.mark.parametrize(("rule", "text", "copy"), FLAG)
def test_should_flag(rule: str, text: str, copy: str) -> None:
    findings = check(text)
    assert [(f.rule, f.text.strip()) for f in findings] == [(rule, copy.strip())]
    (f,) = findings
    assert f.category == Category.DUPLICATE and f.suggestions == ("",)
    assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, rows in PASS.items() for t in rows])
def test_should_pass(rule: str, text: str) -> None:
    assert check(text) == [], rule


def test_every_rule_has_fifteen_examples_each_way() -> None:
    for info in DuplicatesCheck.rules:
        assert sum(1 for r, _, _ in FLAG if r == info.id) >= 15, info.id
        assert len(PASS[info.id]) >= 15, info.id


def test_block_copy_takes_the_line_break_that_ends_it() -> None:
    text = f"{HEADLINE}\n\n{CAP}\n{CAP}\n\n{BODY[0]}\n"
    (f,) = check(text)
    assert (f.start, f.text) == (len(HEADLINE) + 2 + len(CAP) + 1, CAP + "\n")
    assert f.severity == Severity.ERROR


def test_block_copy_at_the_very_end_takes_the_break_before_it() -> None:
    text = f"{HEADLINE}\n\n{LONG}\n\n{BODY[0]}\n\n{LONG}"
    (f,) = check(text)
    assert f.text == "\n" + LONG and f.end == len(text)


def test_sentence_copy_takes_one_separating_space() -> None:
    text = story(f"{SAID} Objectors have until May. {SAID}")
    (f,) = check(text)
    assert f.text == " " + SAID and f.rule == "duplicate.sentence" and f.severity == Severity.WARNING
    fixed = text[: f.start] + text[f.end :]
    assert f"{SAID} Objectors have until May.\n" in fixed


def test_third_copy_is_flagged_too() -> None:
    findings = check(story(LONG, LONG, LONG))
    assert [f.rule for f in findings] == ["duplicate.paragraph", "duplicate.paragraph"]


def test_message_names_the_line_of_the_other_copy() -> None:
    (f,) = check(f"{HEADLINE}\n\n{CAP}\n{CAP}\n")
    assert "line 3" in f.message


def test_caption_block_kind_decides_which_copy_goes() -> None:
    text = f"{HEADLINE}\n\n{BODY[0]}\n\n{SAID}\n\n{BODY[1]}\n\n{SAID}\n"
    blocks = []
    pos = 0
    for i, line in enumerate(text.split("\n")):
        if line:
            kind = (
                BlockKind.CAPTION if (line == SAID and not any(b.text == SAID for b in blocks)) else BlockKind.PARAGRAPH
            )
            blocks.append(Block(kind, pos, pos + len(line), line))
        pos += len(line) + 1
        del i
    (f,) = DuplicatesCheck(CheckContext()).check_document(Document(text, blocks))
    assert f.rule == "duplicate.caption" and f.start == blocks[2].start


def test_furniture_is_left_to_the_furniture_check() -> None:
    text = story(after=("Read more:", HEADLINE, "Seafront Hotel Plan Rejected"))
    assert check(text) == []


def test_near_cost_rules() -> None:
    a = [
        "fishing",
        "boats",
        "moored",
        "in",
        "the",
        "inner",
        "harbour",
        "where",
        "the",
        "new",
        "channel",
        "would",
        "begin",
    ]
    assert near_cost(a, a) == 0
    assert near_cost(a, [*a[:2], "mooredd", *a[3:]]) == 0.5
    assert near_cost(a, [w if w != "would" else "will" for w in a]) == 1
    assert near_cost(a, " ".join(a).replace("would", "would not").split()) is None
    assert (
        near_cost(
            ["rose", "4", "percent", "on", "monday", "in", "the", "city"],
            ["rose", "5", "percent", "on", "monday", "in", "the", "city"],
        )
        is None
    )
    assert near_cost(["he", "declined", "to", "comment"], ["she", "declined", "to", "comment"]) is None


def test_empty_and_tiny_documents() -> None:
    assert check("") == []
    assert check("\n\n\n") == []
    assert check("* * *\n* * *\n") == []
