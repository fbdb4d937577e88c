"""Reading .vale.ini: sections, globs, per-rule levels, MinAlertLevel and vocabularies."""

from __future__ import annotations

from pathlib import Path

import pytest

from proofdesk.core.findings import Severity
from proofdesk.core.style.errors import Problem, StyleError
from proofdesk.core.style.loader import load_house_style, load_vale_config
from proofdesk.core.style.vale_ini import expand_braces, parse_vale_ini, resolve_level

FIXTURE = Path(__file__).parents[2] / "fixtures" / "vale"


def parse(tmp_path: Path, text: str) -> tuple[object, list[Problem]]:
    path = tmp_path / ".vale.ini"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return parse_vale_ini(path, problems), problems


def test_fixture_parses(tmp_path: Path) -> None:
    problems: list[Problem] = []
    cfg = parse_vale_ini(FIXTURE / ".vale.ini", problems)
    assert problems == []
    assert cfg.styles_path == (FIXTURE / "styles").resolve()
    assert cfg.vocab == ["Desk", "Legacy"]
    assert [s.glob for s in cfg.sections] == ["*", "*.md"]
    assert cfg.based_on == ["Vale", "Docs"]


def test_levels_by_file_and_later_sections_win(tmp_path: Path) -> None:
    cfg, problems = parse(
        tmp_path,
        (
            "StylesPath = styles\nMinAlertLevel = warning\n\n[*]\nBasedOnStyles = House\n"
            "House.A = error\n\n[*.{md,txt}]\nHouse.A = NO  # not in prose files\nHouse = suggestion\n"
        ),
    )
    assert problems == []
    assert resolve_level("House.A", Severity.WARNING, True, cfg, "story.html") == Severity.ERROR  # type: ignore[arg-type]
    assert resolve_level("House.A", Severity.WARNING, True, cfg, "story.md") is None  # type: ignore[arg-type]
    # Style-wide "House = suggestion" drops House.B below MinAlertLevel for .txt files.
    assert resolve_level("House.B", Severity.WARNING, True, cfg, "story.txt") is None  # type: ignore[arg-type]
    assert resolve_level("House.B", Severity.WARNING, True, cfg, "story.html") == Severity.WARNING  # type: ignore[arg-type]
    # A rule from a style no section names is off.
    assert resolve_level("Other.X", Severity.ERROR, True, cfg, "story.md") is None  # type: ignore[arg-type]


def test_bad_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    _, problems = parse(tmp_path, "StylesPath = styles\nMinAlertLevel = loud\nBogus = 1\n[*]\nHouse.A = maybe\n[*\n")
    path = tmp_path / ".vale.ini"
    assert [str(p) for p in problems] == [
        f"{path}:2:1: MinAlertLevel must be suggestion, warning or error (found 'loud')",
        f"{path}:3:1: unknown setting 'Bogus' before any [section] (expected one of: IgnoredClasses, IgnoredScopes, "
        "MinAlertLevel, NLPEndpoint, Packages, SkippedScopes, StylesPath, Vocab, WordTemplate)",
        f"{path}:5:8: House.A must be YES, NO, suggestion, warning or error (found 'maybe')",
        f"{path}:6:1: bad section header '[*' (expected e.g. [*.md])",
    ]


def test_missing_style_and_vocab_are_errors(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    path = tmp_path / ".vale.ini"
    path.write_text("StylesPath = styles\nVocab = Nope\n[*]\nBasedOnStyles = Missing\n", encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_vale_config(path)
    text = "\n".join(info.value.problems)
    assert "BasedOnStyles names 'Missing'" in text
    assert "Vocab 'Nope' not found" in text


def test_styles_path_may_not_escape(tmp_path: Path) -> None:
    inner = tmp_path / "project"
    inner.mkdir()
    (inner / ".vale.ini").write_text("StylesPath = ../elsewhere\n[*]\nBasedOnStyles = X\n", encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_vale_config(inner / ".vale.ini")
    assert "outside the folder of the .vale.ini" in info.value.problems[0]


def test_house_style_plus_vale_config() -> None:
    style = load_house_style(None, vale_config=FIXTURE / ".vale.ini")
    names = {r.name for r in style.rules}
    assert "Newsroom.Cliches" in names and "Docs.Hedging" in names and "Vale.Repetition" in names
    assert "SASAC" in style.accept and "Nato" in style.accept


def test_expand_braces() -> None:
    assert expand_braces("*.{md,txt}") == ["*.md", "*.txt"]
    assert expand_braces("docs/*.{md,{rst,adoc}}") == ["docs/*.md", "docs/*.rst", "docs/*.adoc"]
