"""validate_path: whatever the user points at — style YAML, .vale.ini, Vale folder or one rule file."""

from __future__ import annotations

from pathlib import Path

from proofdesk.core.style.validate import validate_path

REPO = Path(__file__).parents[3]
FIXTURE = REPO / "tests" / "fixtures" / "vale"


def test_bundled_styles_are_valid() -> None:
    for name in ("newsroom-en-GB.yaml", "newsroom-en-US.yaml"):
        result = validate_path(REPO / "resources" / "styles" / name)
        assert result.ok, result.problems
        assert "41 rules" in result.summary


def test_vale_ini_folder_and_single_rule() -> None:
    assert "12 rules" in validate_path(FIXTURE / ".vale.ini").summary
    assert "9 rules" in validate_path(FIXTURE / "styles" / "Docs").summary
    single = validate_path(FIXTURE / "styles" / "Docs" / "Terms.yml")
    assert single.ok and "1 rules (1 substitution)" in single.summary


def test_broken_single_rule_file(tmp_path: Path) -> None:
    rule = tmp_path / "Desk" / "Bad.yml"
    rule.parent.mkdir()
    rule.write_text("extends: occurrence\nmessage: x\ntoken: '('\n", encoding="utf-8")
    result = validate_path(rule)
    assert not result.ok
    assert result.problems == [
        f"{rule}:1:1: rule Desk.Bad: an occurrence rule needs 'max' or 'min' (a positive number)",
        f"{rule}:3:8: rule Desk.Bad: bad regular expression '(': missing ) at position 1",
    ]
