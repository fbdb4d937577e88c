"""``proofdesk check``: compiler-style text, §3.2 JSON, exit codes, notices on stderr."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_support import CLI_FIXTURES, check_golden, make_docx

from proofdesk import __version__
from proofdesk.core.document import Document
from proofdesk.core.io.readers import read_document

pytestmark = pytest.mark.usefixtures("demo_checks")

DRAFTS = ["bakery.txt", "clean.txt", "emoji.txt", "cafe-cp1252.txt"]
FINDING_KEYS = ["rule", "category", "severity", "start", "end", "line", "column", "text", "message", "suggestions"]


@pytest.mark.parametrize("name", DRAFTS)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden_output(cli, name: str, fmt: str) -> None:
    run = cli("check", name, "--format", fmt, "--languagetool", "off", cwd=CLI_FIXTURES)
    assert run.code in (0, 1), run.err
    suffix = "json" if fmt == "json" else "txt"
    check_golden(f"demo-{Path(name).stem}.{suffix}", run.out)


def test_json_matches_the_contract(cli) -> None:
    run = cli("check", "bakery.txt", "emoji.txt", "--format", "json", "--languagetool", "off", cwd=CLI_FIXTURES)
    data = json.loads(run.out)
    assert list(data) == ["proofdesk", "files"]
    assert data["proofdesk"] == __version__
    assert [f["path"] for f in data["files"]] == ["bakery.txt", "emoji.txt"]
    for entry in data["files"]:
        assert list(entry) == ["path", "language", "words", "findings"]
        assert entry["language"] == "en-GB"
        text = (CLI_FIXTURES / entry["path"]).read_text(encoding="utf-8")
        assert entry["words"] == Document(text, []).words
        lines = text.split("\n")
        keys = [(f["start"], f["end"], f["rule"]) for f in entry["findings"]]
        assert keys == sorted(keys)
        for f in entry["findings"]:
            assert list(f) == FINDING_KEYS
            # Offsets are code points: the emoji before a finding must not shift it.
            assert text[f["start"] : f["end"]] == f["text"]
            assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["text"].split("\n")[0])
            assert isinstance(f["suggestions"], list)


def test_exit_status_follows_error_level_findings(cli) -> None:
    assert cli("check", "clean.txt", "--languagetool", "off", cwd=CLI_FIXTURES).code == 0
    # bakery.txt has error-level typos; with --only grammar only warnings remain.
    assert cli("check", "bakery.txt", "--languagetool", "off", cwd=CLI_FIXTURES).code == 1
    assert (
        cli("check", "bakery.txt", "--only", "grammar,furniture", "--languagetool", "off", cwd=CLI_FIXTURES).code == 0
    )
    assert cli("check", "clean.txt", "bakery.txt", "--languagetool", "off", cwd=CLI_FIXTURES).code == 1


@pytest.mark.parametrize(
    ("only", "rules"),
    [
        ("spelling", {"demo.typo"}),
        ("demo.repeat", {"demo.repeat"}),  # a rule id selects itself, not demo.repeat-para
        ("duplicate,typography", {"demo.repeat-para", "demo.spaces"}),
        ("demo", {"demo.typo", "demo.repeat", "demo.spaces", "demo.very-unique", "demo.share", "demo.repeat-para"}),
    ],
)
def test_only_selects_categories_rules_and_prefixes(cli, only: str, rules: set[str]) -> None:
    run = cli("check", "bakery.txt", "--only", only, "--format", "json", "--languagetool", "off", cwd=CLI_FIXTURES)
    found = {f["rule"] for f in json.loads(run.out)["files"][0]["findings"]}
    assert found == rules


def test_text_lines_read_like_compiler_output(cli) -> None:
    run = cli("check", "bakery.txt", "--languagetool", "off", cwd=CLI_FIXTURES)
    lines = run.out.splitlines()
    line5 = (CLI_FIXTURES / "bakery.txt").read_text(encoding="utf-8").split("\n")[4]
    typo, spaces = line5.index("recieve") + 1, line5.index("  ") + 1
    assert f"bakery.txt:5:{typo}: error demo.typo: Unknown word 'recieve' (→ receive, retrieve)" in lines
    assert f'bakery.txt:5:{spaces}: warning demo.spaces: Use one space (→ " ")' in lines
    assert "bakery.txt:7:1: warning demo.share: Web furniture: share bar (→ delete)" in lines
    assert any(line.endswith("demo.very-unique: 'Unique' needs no 'very'") for line in lines)
    assert lines[-1] == "1 file checked: 7 findings (2 errors, 4 warnings, 1 suggestion)"


def test_windows_1252_notice_goes_to_stderr(cli) -> None:
    run = cli("check", "cafe-cp1252.txt", "--format", "json", "--languagetool", "off", cwd=CLI_FIXTURES)
    assert "Windows-1252" in run.err
    assert run.err.startswith("proofdesk: cafe-cp1252.txt: ")
    data = json.loads(run.out)  # stdout stays pure JSON
    assert data["files"][0]["findings"][0]["text"] == "Teh"


def test_language_is_reported(cli) -> None:
    run = cli("check", "clean.txt", "--lang", "en-US", "--format", "json", "--languagetool", "off", cwd=CLI_FIXTURES)
    assert json.loads(run.out)["files"][0]["language"] == "en-US"


@pytest.fixture
def four_formats(tmp_path: Path) -> list[str]:
    for name in ("bakery.txt", "bakery.md", "bakery.html"):
        shutil.copy(CLI_FIXTURES / name, tmp_path / name)
    make_docx(tmp_path / "bakery.docx")
    return ["bakery.txt", "bakery.md", "bakery.html", "bakery.docx"]


def test_all_four_formats_give_schema_exact_json(cli, tmp_path: Path, four_formats: list[str]) -> None:
    run = cli("check", *four_formats, "--format", "json", "--languagetool", "off", cwd=tmp_path)
    assert run.code == 1, run.err
    data = json.loads(run.out)
    assert [f["path"] for f in data["files"]] == four_formats
    for entry in data["files"]:
        doc = read_document(tmp_path / entry["path"])
        assert entry["words"] == doc.words
        keys = [(f["start"], f["end"], f["rule"]) for f in entry["findings"]]
        assert keys == sorted(keys)
        rules = {f["rule"] for f in entry["findings"]}
        assert {"demo.typo", "demo.repeat"} <= rules, entry["path"]
        for f in entry["findings"]:
            assert list(f) == FINDING_KEYS
            assert doc.text[f["start"] : f["end"]] == f["text"]
            assert (f["line"], f["column"]) == doc.line_col(f["start"])
            block = doc.block_at(f["start"])
            # Nothing is reported inside code spans or URLs (the md list item's link holds a 'teh').
            assert block is None or not block.is_skipped(f["start"] - block.start, f["end"] - block.start)
    check_golden("demo-four-formats.json", run.out)
