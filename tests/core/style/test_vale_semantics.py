"""Vale's rule types against the examples in Vale's documentation, run from real rule files.

The rules are in tests/fixtures/vale/styles/Docs, loaded through a real
.vale.ini; each test states the input, and the matches, spans, levels and
message text Vale documents for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proofdesk.core.document import BlockKind
from proofdesk.core.findings import Severity
from proofdesk.core.style.loader import load_vale_config
from proofdesk.core.style.model import HouseStyle
from style_helpers import brief, make_doc, run_style

FIXTURE = Path(__file__).parents[2] / "fixtures" / "vale"


@pytest.fixture(scope="module")
def style() -> HouseStyle:
    return load_vale_config(FIXTURE / ".vale.ini")


def test_existence_tokens_ignorecase_and_message(style: HouseStyle) -> None:
    doc = make_doc("It Appears to be arguably the best.")
    found = [f for f in run_style(style, doc) if f.rule == "Docs.Hedging"]
    assert [(f.start, f.end, f.text, f.message, f.severity) for f in found] == [
        (3, 16, "Appears to be", "Consider removing 'Appears to be'", Severity.WARNING),
        (17, 25, "arguably", "Consider removing 'arguably'", Severity.WARNING),
    ]


def test_existence_respects_word_boundaries(style: HouseStyle) -> None:
    assert brief(run_style(style, make_doc("Unarguably, it disappears to be gone.")), "Docs.Hedging") == []


def test_substitution_message_suggestion_and_ignorecase(style: HouseStyle) -> None:
    found = [f for f in run_style(style, make_doc("Send an E-mail today.")) if f.rule == "Docs.Terms"]
    assert [(f.text, f.message, f.suggestions, f.severity) for f in found] == [
        ("E-mail", "Use 'email' instead of 'E-mail'.", ("email",), Severity.ERROR)
    ]


def test_substitution_leaves_the_expected_form_alone(style: HouseStyle) -> None:
    assert brief(run_style(style, make_doc("Send an email today.")), "Docs.Terms") == []


def test_substitution_capture_group(style: HouseStyle) -> None:
    found = [f for f in run_style(style, make_doc("Save it within the build directory.")) if f.rule == "Docs.Terms"]
    assert [(f.text, f.suggestions) for f in found] == [("within the build directory", ("in the build  directory",))]


def test_occurrence_counts_per_sentence_and_points_at_first_match(style: HouseStyle) -> None:
    text = "One, two, three, four, five. One, two, three."
    found = [f for f in run_style(style, make_doc(text)) if f.rule == "Docs.Commas"]
    # .vale.ini sets Docs.Commas = warning for every file.
    assert [(f.start, f.end, f.message, f.severity) for f in found] == [(3, 4, "More than 3 commas!", Severity.WARNING)]


def test_repetition_alpha_and_message(style: HouseStyle) -> None:
    found = run_style(style, make_doc("This is is a test of 10 10 numbers."))
    assert [(f.rule, f.start, f.end, f.message) for f in found if f.rule.endswith("Repeated")] == [
        ("Docs.Repeated", 5, 10, "'is' is repeated!")
    ]


def test_builtin_vale_repetition_with_truncate_action(style: HouseStyle) -> None:
    found = [f for f in run_style(style, make_doc("This is is a test.")) if f.rule == "Vale.Repetition"]
    assert [(f.text, f.message, f.suggestions, f.severity) for f in found] == [
        ("is is", "'is' is repeated!", ("is",), Severity.ERROR)
    ]


def test_repetition_not_across_lines(style: HouseStyle) -> None:
    doc = make_doc("We came to the\nthe end.")
    assert brief(run_style(style, doc), "Docs.Repeated") == []


def test_consistency_first_form_wins_across_blocks(style: HouseStyle) -> None:
    doc = make_doc("The advisor spoke first.", "Later the adviser and the Advisor agreed.")
    found = [f for f in run_style(style, doc) if f.rule == "Docs.Spelling"]
    assert [(f.text, f.message, f.suggestions) for f in found] == [
        ("adviser", "Inconsistent spelling of 'adviser'.", ("advisor",))
    ]
    assert doc.text[found[0].start : found[0].end] == "adviser"


def test_capitalization_title_ap(style: HouseStyle) -> None:
    doc = make_doc(
        (BlockKind.HEADING, "follow step-by-step instructions"),
        "Here is a paragraph.",
        (BlockKind.HEADING, "Follow Step-by-Step Instructions"),
        "Another paragraph.",
    )
    found = [f for f in run_style(style, doc) if f.rule == "Docs.Headings"]
    assert [(f.text, f.message, f.suggestions) for f in found] == [
        (
            "follow step-by-step instructions",
            "'follow step-by-step instructions' should be in title case",
            ("Follow Step-by-Step Instructions",),
        )
    ]


def test_capitalization_sentence_with_indicator_and_heading_level(style: HouseStyle) -> None:
    doc = make_doc(
        (BlockKind.HEADING, "Optimizing for writing: Brainstorming", 2),
        (BlockKind.HEADING, "Optimizing For Better Writing", 2),
        # (different text: the engine's block cache keys on kind and text, not heading level)
        (BlockKind.HEADING, "Optimizing For Better Reading", 3),
    )
    found = [f for f in run_style(style, doc) if f.rule == "Docs.SentenceCase"]
    assert [(f.text, f.message) for f in found] == [
        ("Optimizing For Better Writing", "'Optimizing For Better Writing' should use sentence-style capitalization.")
    ]
    assert found[0].start == doc.blocks[1].start


def test_conditional_definition_anywhere_in_text_scope(style: HouseStyle) -> None:
    doc = make_doc("WHO said so. The ABC agreed.", "The World Health Organization (WHO) met. NASA and the IMF did not.")
    found = [f for f in run_style(style, doc) if f.rule == "Docs.Acronyms"]
    assert [(f.text, f.message) for f in found] == [("IMF", "'IMF' has no definition")]


def test_existence_nonword_with_edit_action(style: HouseStyle) -> None:
    doc = make_doc((BlockKind.HEADING, "Getting started."), "A sentence ends here.")
    found = [f for f in run_style(style, doc) if f.rule == "Docs.HeadingPunctuation"]
    assert [(f.text, f.message, f.suggestions) for f in found] == [
        ("d.", "Don't use end punctuation in headings.", ("d",))
    ]


def test_vocabularies_both_layouts(style: HouseStyle) -> None:
    assert {"Zhigang", "SASAC", "Xi Jinping"} <= style.accept
    assert style.reject == frozenset({"alright"})
    found = run_style(style, make_doc("It is alright, said zhigang."))
    assert [(f.rule, f.text, f.message) for f in found if f.rule.startswith("Vale.")] == [
        ("Vale.Avoid", "alright", "Avoid using 'alright'."),
        ("Vale.Terms", "zhigang", "Use 'Zhigang' instead of 'zhigang'."),
    ]


def test_ini_section_turns_rule_off_for_markdown_only(style: HouseStyle) -> None:
    text = "It is arguably true."
    md = run_style(style, make_doc(text, source_format="md"))
    txt = run_style(style, make_doc(text, source_format="txt"))
    assert brief(md, "Docs.Hedging") == []
    assert brief(txt, "Docs.Hedging") == [("Docs.Hedging", "arguably", "Consider removing 'arguably'")]


def test_markdown_comments_switch_rules_off(style: HouseStyle) -> None:
    doc = make_doc(
        "An e-mail here.",
        "<!-- vale off -->",
        "An e-mail ignored.",
        "<!-- vale on -->",
        "<!-- vale Docs.Terms = NO -->",
        "An e-mail ignored by name, but this is is flagged.",
        "<!-- vale Docs.Terms = YES -->",
        "A last e-mail.",
        source_format="md",
    )
    found = [
        (f.rule, doc.text[: f.start].count("\n\n"))
        for f in run_style(style, doc)
        if f.rule in ("Docs.Terms", "Docs.Repeated")
    ]
    assert found == [("Docs.Terms", 0), ("Docs.Repeated", 5), ("Docs.Terms", 7)]


def test_min_alert_level(tmp_path: Path) -> None:
    ini = (FIXTURE / ".vale.ini").read_text().replace("MinAlertLevel = suggestion", "MinAlertLevel = error")
    styles = tmp_path / "styles"
    import shutil

    shutil.copytree(FIXTURE / "styles", styles)
    (tmp_path / ".vale.ini").write_text(ini)
    strict = load_vale_config(tmp_path / ".vale.ini")
    found = run_style(strict, make_doc("It is arguably an e-mail."))
    assert {f.rule for f in found} == {"Docs.Terms"}


def _inline(tmp_path: Path, body: str) -> HouseStyle:
    from proofdesk.core.style.loader import load_house_style

    path = tmp_path / "s.yaml"
    path.write_text("name: T\nvocabulary: {accept: [Acme Widgets]}\nrules:\n" + body, encoding="utf-8")
    return load_house_style(path)


def test_existence_raw_append_and_exceptions(tmp_path: Path) -> None:
    style = _inline(
        tmp_path,
        "  T.Append:\n    extends: existence\n    message: \"'%s'\"\n    tokens: [very, really]\n"
        "    raw: ['\\s+\\w+ly']\n    append: true\n"
        "  T.Except:\n    extends: existence\n    message: \"'%s'\"\n    ignorecase: true\n"
        "    tokens: ['\\w+ widgets']\n"
        "    exceptions: [Blue]\n",
    )
    found = run_style(style, make_doc("It was very quickly done, really slowly, very good. Blue widgets, red widgets."))
    assert brief(found) == [
        ("T.Append", "very quickly", "'very quickly'"),
        ("T.Append", "really slowly", "'really slowly'"),
        ("T.Except", "red widgets", "'red widgets'"),
    ]
    # Accepted vocabulary is an exception to every rule, and a match inside an accepted phrase is
    # not flagged (Vale 3 matches the phrase case-insensitively).
    assert brief(run_style(style, make_doc("Acme widgets, Acme Widgets and red widgets.")), "T.Except") == [
        ("T.Except", "red widgets", "'red widgets'")
    ]


def test_substitution_replace_action_lists_options_like_vale(tmp_path: Path) -> None:
    style = _inline(
        tmp_path,
        "  T.Comprise:\n    extends: substitution\n    message: \"Use '%s' instead of '%s'.\"\n"
        "    action: {name: replace}\n    swap: {comprised of: comprising|composed of}\n",
    )
    (finding,) = run_style(style, make_doc("It was comprised of volunteers."))
    assert finding.message == "Use 'comprising' or 'composed of' instead of 'comprised of'."
    assert finding.suggestions == ("comprising", "composed of")


def test_nonword_and_remove_action(tmp_path: Path) -> None:
    style = _inline(
        tmp_path,
        "  T.Space:\n    extends: existence\n    message: Remove the space before '%s'.\n    nonword: true\n"
        "    action: {name: remove}\n    tokens: ['\\s+(?=[,;:])']\n",
    )
    doc = make_doc("Wait , then go ; now.")
    found = run_style(style, doc)
    assert [(f.start, f.end, f.suggestions) for f in found] == [(4, 5, ("",)), (14, 15, ("",))]


def test_conditional_narrow_scope_counts_only_earlier_definitions(tmp_path: Path) -> None:
    # Vale keeps what 'second' matched per file and runs blocks in order, so with scope: paragraph a
    # definition helps the paragraphs after it (and its own), not those before.
    style = _inline(
        tmp_path,
        "  T.Abbr:\n    extends: conditional\n    message: \"'%s' has no definition\"\n    scope: paragraph\n"
        "    first: '\\b([A-Z]{3,5})\\b'\n    second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n",
    )
    doc = make_doc("The IMF spoke.", "The International Monetary Fund (IMF) and the IMF board met.", "The IMF left.")
    found = run_style(style, doc)
    assert [(f.text, doc.text[: f.start].count("\n\n")) for f in found] == [("IMF", 0)]


def test_match_inside_an_accepted_phrase_is_not_flagged(tmp_path: Path) -> None:
    style = _inline(
        tmp_path,
        "  T.Latin:\n    extends: existence\n    message: \"'%s'\"\n    tokens: [culpa, widgets]\n"
        "    exceptions: [mea culpa]\n",
    )
    found = run_style(style, make_doc("A mea culpa, a culpa; Acme Widgets and blue widgets."))
    assert [(f.start, f.text) for f in found] == [(15, "culpa"), (44, "widgets")]
