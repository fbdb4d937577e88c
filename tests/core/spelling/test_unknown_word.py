"""spelling.unknown-word: real slips are caught with the right fix first; names and non-words are not."""

from __future__ import annotations

import pytest
from _spelling_helpers import spell

RULE = "spelling.unknown-word"

# (sentence, misspelt word as written, expected first suggestion)
SHOULD_FLAG = [
    ("The council said it had been encourafged by the response.", "encourafged", "encouraged"),
    ("The Goverment will publish its plans on Monday.", "Goverment", "Government"),
    ("Police recieved more than 200 calls after the storm.", "recieved", "received"),
    ("The minister said the two issues were completly separate.", "completly", "completely"),
    ("Officials beleive the fire started in a kitchen.", "beleive", "believe"),
    ("Profits rose sharply in the secnod quarter.", "secnod", "second"),
    ("Residents were told to stay indoors untill further notice.", "untill", "until"),
    ("The club will apeal against the decision.", "apeal", "appeal"),
    ("Teh mayor opened the new bridge on Friday.", "Teh", "The"),
    ("The report found a signficant rise in admissions.", "signficant", "significant"),
    ("Shares in the bank fell after the anouncement.", "anouncement", "announcement"),
    ("The airline blamed a shortage of enginers for the delays.", "enginers", "engineers"),
    ("The strike will affect passangers across the region.", "passangers", "passengers"),
    ("The board accepted the resignation of its chariman.", "chariman", "chairman"),
    ("Protesters gathered outside the parliment building.", "parliment", "parliament"),
    ("The judge said the evidence was not relevent to the case.", "relevent", "relevant"),
    ("Firefighters brought the blaze under controll by midnight.", "controll", "control"),
    ("The school has been shut since the begining of term.", "begining", "beginning"),
    ("The museum expects thousands of vistors this summer.", "vistors", "visitors"),
    ("The ferry was cancelled becuase of high winds.", "becuase", "because"),
    ("The company is co-operating fully with the investgation.", "investgation", "investigation"),
    ("The hospital said the closure was a tempory measure.", "tempory", "temporary"),
    ("Ministers agreed a new budjet for the health service.", "budjet", "budget"),
    ("The victims were taken to hosptial in Leeds.", "hosptial", "hospital"),
    ("The firm employs aproximately 400 people.", "aproximately", "approximately"),
    ("Police are appealing for witnesess to come forward.", "witnesess", "witnesses"),
    ("The goverment's plans were criticised by unions.", "goverment's", "government's"),
    ("It will be dry and sunny thoughout the weekend.", "thoughout", "throughout"),
    ("He said the decision was definately the right one.", "definately", "definitely"),
    ("Voters in the distirct go to the polls on Thursday.", "distirct", "district"),
    ("The council will consult residents on the propsed changes.", "propsed", "proposed"),
    ("The anti-corruption campain began last year.", "campain", "campaign"),
    ("The line closed after a landslip near the tunnel entrnace.", "entrnace", "entrance"),
    ("Seperately, the regulator fined two other lenders.", "Seperately", "Separately"),
    ("The minister’s statment was read out in the chamber.", "statment", "statement"),
]

SHOULD_PASS = [
    "President Xi Jinping met Wang Zhigang, the science minister, in Beijing.",
    "Agnes Trelawny, the harbour master, said the study would settle the question.",
    "The SASAC oversees China’s state-owned giants and China's banks.",
    "The firm’s shares rose 4.5% to £2.40, valuing it at €3bn or $3.4bn.",
    "Read the full report at https://www.example.org/reports/2024-tidal-study today.",
    "Follow the council at @KelmarshCouncil and use #TidalPower when you post.",
    "Email tips to news.desk@coastline-news.co.uk before noon.",
    "The café in Zürich reopened after a year of renovation.",
    "She said it’s too early to say whether they’ll return to ’90s-style rates.",
    "The self-driving car was tested on the M4 near Reading.",
    "The company's COVID-19 losses reached 3.2bn dollars in 2021.",
    "Files named budget_2025.xlsx and minutes.docx were leaked to reporters.",
    "Councillor Gareth Pellow voted against the scheme.",
    "The MPs and NGOs signed an open letter to the BBC and ITV.",
    "Sean O’Meara is an editor at the paper and O'Meara's columns are popular.",
    "The co-operative will re-open its shop in the spring.",
    "Don't expect the rail strike to end before Christmas, the union said.",
    "The children’s hospital received a donation from the players' union.",
    "Ukraine's president, Volodymyr Zelensky, spoke to reporters in Kyiv.",
    "Nvidia and TSMC reported record profits, while Huawei's sales slowed.",
    "The programme was broadcast on BBC One and on iPlayer.",
    "Mr Pellow said the vote was wrong. Pellow later left the meeting.",
    "Kyrgyzstan and Tajikistan agreed a border deal in Bishkek.",
    "The 1990s boom ended in the dotcom crash of 2000.",
    "Shares in Rolls-Royce jumped 6% after the update.",
    "She’d told colleagues she wasn’t going to stand again.",
    "Thousands marched through São Paulo on Sunday.",
    "The McLaren driver finished ahead of the two Ferraris.",
    "Ngozi Okonjo-Iweala leads the WTO in Geneva.",
    "The cryptocurrency exchange was fined by the regulator.",
    "Tregothnan said the Kelmarsh estate would sell the land. Tregothnan declined to name a price.",
    "The Organisation for Economic Co-operation and Development cut its forecast.",
    # Words wholly in another script are not English misspellings: an English dictionary cannot judge them.
    "The sign read שלום in Hebrew and مرحبا in Arabic; his name is written ג'ורג'.",
    "The banner said мир и труд, and the slogan was ελευθερία.",
    "Visitors to 北京 and 東京 wrote in the book in हिन्दी and ภาษาไทย.",
]

# A word that mixes scripts is usually a homoglyph slip from scraped copy (a Cyrillic "а" in "password"):
# it is still judged, and flagged.
MIXED_SCRIPT = ["The p\u0430ssword was leaked online.", "The c\u043ebbled street was closed."]


@pytest.mark.parametrize(("sentence", "word", "fix"), SHOULD_FLAG)
def test_should_flag(sentence: str, word: str, fix: str) -> None:
    found = [f for f in spell(sentence) if f.rule == RULE]
    assert [f.text for f in found] == [word], found
    assert found[0].suggestions[0] == fix
    assert found[0].text == sentence[found[0].start : found[0].end]


@pytest.mark.parametrize("sentence", SHOULD_PASS)
def test_should_pass(sentence: str) -> None:
    assert [f for f in spell(sentence) if f.rule == RULE] == []


@pytest.mark.parametrize("sentence", MIXED_SCRIPT)
def test_a_word_mixing_scripts_is_still_flagged(sentence: str) -> None:
    assert [f.rule for f in spell(sentence)] == [RULE]


def test_enough_examples() -> None:
    assert len(SHOULD_FLAG) >= 30 and len(SHOULD_PASS) >= 30


def test_capitalisation_is_kept_in_every_suggestion() -> None:
    (f,) = spell("Goverment ministers met on Tuesday.")
    assert all(s[:1].isupper() for s in f.suggestions)
    # All-capital words are read as acronyms (SASAC, NATO) and left alone.
    assert spell("GOVERMENT SASAC") == []


def test_a_capitalised_word_that_recurs_is_a_name() -> None:
    text = "Stenning chairs the board.\nThe board met on Monday, Stenning said."
    assert spell(text) == []


def test_a_name_used_in_a_handle_is_a_name() -> None:
    text = "Natrion makes batteries from sodium.\nIt posts as @NatrionCells."
    assert spell(text) == []


def test_an_unmistakable_slip_is_flagged_even_where_a_name_could_stand() -> None:
    found = spell("He praised the Goverment for acting quickly.")
    assert [(f.text, f.suggestions[0]) for f in found] == [("Goverment", "Government")]


def test_a_capitalised_slip_of_a_word_the_story_uses_is_flagged() -> None:
    text = "The Harbour Board met on Monday.\nThe Harbuor Board said it would appeal.\nThe Harbour Board won."
    found = [f for f in spell(text) if f.rule == RULE]
    assert [(f.text, f.suggestions[0]) for f in found] == [("Harbuor", "Harbour")]


def test_hyphenated_compounds_are_checked_part_by_part() -> None:
    found = spell("The well-fundid scheme was praised.")
    assert [(f.text, f.suggestions[0]) for f in found] == [("fundid", "funded")]
    assert spell("The well-funded, long-awaited scheme was praised.") == []


def test_a_word_broken_over_a_line_with_a_hyphen_is_read_whole() -> None:
    from proofdesk.core.checks.base import CheckContext
    from proofdesk.core.checks.spelling import SpellingCheck
    from proofdesk.core.document import Block, BlockKind

    text = "The council was encour-\naged by the vote and the sea-\nwall plan."
    check = SpellingCheck(CheckContext())
    assert list(check.check_block(Block(BlockKind.PARAGRAPH, 0, len(text), text))) == []
    bad = "The council was encour-\nafged by the vote."
    found = list(check.check_block(Block(BlockKind.PARAGRAPH, 0, len(bad), bad)))
    assert [(f.text, f.suggestions[0]) for f in found] == [("encour-\nafged", "encouraged")]


def test_skipped_spans_are_not_checked() -> None:
    from proofdesk.core.checks.base import CheckContext
    from proofdesk.core.checks.spelling import SpellingCheck
    from proofdesk.core.document import Block, BlockKind

    text = "Run the comand `sudo aptt install` now."
    start = text.index("`")
    block = Block(BlockKind.PARAGRAPH, 0, len(text), text, skips=((start, text.index("`", start + 1) + 1),))
    found = list(SpellingCheck(CheckContext()).check_block(block))
    assert [f.text for f in found] == ["comand"]


def test_offsets_survive_astral_characters() -> None:
    text = "📰🙂 The comittee met."
    (f,) = spell(text)
    assert text[f.start : f.end] == "comittee"


def test_no_false_flags_on_our_clean_news_copy() -> None:
    from pathlib import Path

    for name in ("news-clean.txt", "news-heldout.txt"):
        text = (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")
        assert spell(text) == [], name


def test_american_house_flags_only_variants_in_british_copy() -> None:
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "news-clean.txt").read_text(encoding="utf-8")
    found = spell(text, language="en-US")
    assert found and {f.rule for f in found} == {"spelling.variant"}


def test_stored_word_lists_match_what_hunspell_accepts() -> None:
    from proofdesk.core.spelling.lexicon import get_lexicon
    from proofdesk.core.spelling.wordlists import accepted_words

    lex = get_lexicon("en-GB")
    assert accepted_words(["colour", "color", "london", "qzxv", "don't"], lex.main.spell) == ["colour", "London"]
    for word in ("colour", "government", "encouraged"):
        assert word in lex.forms
    assert lex.forms["london"] == "London"


def test_a_word_hyphenated_across_two_lines_of_plain_text_is_read_whole() -> None:
    assert spell("The council was encour-\naged by the vote and the govern-\nment agreed.") == []
    found = spell("The council was encour-\nafged by the vote.")
    assert [(f.text, f.suggestions[0]) for f in found] == [("encour-\nafged", "encouraged")]
