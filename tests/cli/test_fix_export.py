"""``proofdesk fix`` and ``proofdesk export``: exactly the accepted spans change, in every output format."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from cli_support import CLI_FIXTURES, check_golden, make_docx

from proofdesk.core.io.readers import read_document
from proofdesk.core.paths import resources_dir

BAKERY = (CLI_FIXTURES / "bakery.txt").read_text(encoding="utf-8")


@pytest.fixture
def bakery(tmp_path: Path) -> Path:
    p = tmp_path / "bakery.txt"
    shutil.copy(CLI_FIXTURES / "bakery.txt", p)
    return p


pytestmark = pytest.mark.usefixtures("demo_checks")


@pytest.mark.parametrize(
    ("accept", "golden"),
    [("all", "fix-all.txt"), ("spelling", "fix-spelling.txt"), ("demo.spaces,furniture", "fix-spaces-furniture.txt")],
)
def test_fix_to_a_new_file(cli, bakery: Path, tmp_path: Path, accept: str, golden: str) -> None:
    out = tmp_path / "fixed.txt"
    run = cli("fix", bakery, "--accept", accept, "-o", out, "--languagetool", "off")
    assert run.code == 0, run.err
    assert bakery.read_text(encoding="utf-8") == BAKERY  # the draft itself is untouched
    check_golden(golden, out.read_text(encoding="utf-8"))


def test_fix_all_changes_exactly_the_fixable_spans(cli, bakery: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.txt"
    cli("fix", bakery, "-o", out, "--languagetool", "off")
    fixed = out.read_text(encoding="utf-8")
    assert "recieve" not in fixed and "receive the award on" in fixed
    assert "Share this article" not in fixed
    assert fixed.count("A rye loaf cooling") == 1
    assert "very unique" in fixed  # no automatic fix: left for a person
    run = cli("check", out, "--format", "json", "--languagetool", "off")
    rules = {f["rule"] for f in json.loads(run.out)["files"][0]["findings"]}
    assert rules == {"demo.very-unique"}


def test_fix_reports_what_it_did_on_stderr(cli, bakery: Path, tmp_path: Path) -> None:
    run = cli("fix", bakery, "-o", tmp_path / "f.txt", "--languagetool", "off")
    assert run.out == ""
    assert run.err.strip() == (
        f"proofdesk: {bakery}: applied 6 fixes; 1 left for a person (no automatic fix, or overlapping); "
        f"wrote {tmp_path / 'f.txt'}"
    )


def test_fix_in_place_keeps_a_backup(cli, bakery: Path, tmp_path: Path) -> None:
    run = cli("--data", tmp_path / "data", "fix", bakery, "--in-place", "--accept", "spelling", "--languagetool", "off")
    assert run.code == 0, run.err
    assert "Teh bakery" not in bakery.read_text(encoding="utf-8")
    backups = [p for p in (tmp_path / "data" / "backups").rglob("*.txt")]
    assert [p.read_text(encoding="utf-8") for p in backups] == [BAKERY]


def test_fix_writes_markdown_when_asked(cli, bakery: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.md"
    assert cli("fix", bakery, "--accept", "furniture", "-o", out, "--languagetool", "off").code == 0
    assert read_document(out).text.count("Share this article") == 0


# --- export -------------------------------------------------------------------------------------


def test_export_defaults_to_removing_furniture_and_duplicates_only(cli, bakery: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    run = cli("export", bakery, "--to", "txt", "-o", out, "--languagetool", "off")
    assert run.code == 0, run.err
    clean = out.read_text(encoding="utf-8")
    # The furniture line goes with the blank line it would leave: one blank line between paragraphs.
    expected = BAKERY.replace("Share this article\n\n", "").replace(
        "bakery.\nA rye loaf cooling on a rack at the Hollins Lane bakery.\n", "bakery.\n", 1
    )
    # Duplicate caption: the later copy goes. Typos and double spaces stay: export is not fix.
    assert clean == expected
    assert "recieve" in clean and "Teh" in clean


@pytest.mark.parametrize("report", ["changes.json", "changes.csv", "changes.html"])
def test_export_report_lists_every_change(cli, bakery: Path, tmp_path: Path, report: str) -> None:
    out, rep = tmp_path / "clean.txt", tmp_path / report
    run = cli("export", bakery, "--to", "txt", "-o", out, "--report", rep, "--accept", "all", "--languagetool", "off")
    assert run.code == 0, run.err
    check_golden(f"export-report-{report}", rep.read_text(encoding="utf-8"))


def test_json_report_positions_point_at_the_original_text(cli, bakery: Path, tmp_path: Path) -> None:
    rep = tmp_path / "r.json"
    cli("export", bakery, "--to", "txt", "-o", tmp_path / "c.txt", "--report", rep, "--accept", "all")
    changes = json.loads(rep.read_text(encoding="utf-8"))["changes"]
    assert [c["rule"] for c in changes] == [
        "demo.typo",
        "demo.spaces",
        "demo.share",
        "demo.repeat",
        "demo.repeat-para",
        "demo.typo",
    ]
    for c in changes:
        assert BAKERY[c["start"] : c["end"]] == c["before"]
        line = BAKERY.split("\n")[c["line"] - 1]
        assert line[c["column"] - 1 :].startswith(c["before"].split("\n")[0])


def test_csv_report_parses(cli, bakery: Path, tmp_path: Path) -> None:
    rep = tmp_path / "r.csv"
    cli("export", bakery, "--to", "txt", "-o", tmp_path / "c.txt", "--report", rep)
    rows = list(csv.DictReader(io.StringIO(rep.read_text(encoding="utf-8"))))
    assert [r["rule"] for r in rows] == ["demo.share", "demo.repeat-para"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_export_formats_open_and_hold_the_clean_copy(cli, bakery: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"clean.{fmt}"
    run = cli("export", bakery, "--to", fmt, "-o", out, "--languagetool", "off")
    assert run.code == 0, run.err
    if fmt == "docx":
        paragraphs = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    elif fmt == "html":
        parser = _Text()
        parser.feed(out.read_text(encoding="utf-8"))
        assert "p" in parser.tags
        text = "".join(parser.parts)
        paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    else:
        paragraphs = [b.text for b in read_document(out).blocks]
    joined = "\n".join(paragraphs)
    assert "Share this article" not in joined
    assert joined.count("A rye loaf cooling on a rack") == 1
    assert "Owner Priya Marsh said she would recieve the award" in joined
    check_golden(f"export-bakery-paragraphs.{fmt}.txt", joined + "\n")


def test_export_escapes_markup_from_the_draft(cli, tmp_path: Path) -> None:
    draft = tmp_path / "hostile.txt"
    draft.write_text("Council <script>alert(1)</script> meets on Tuesday.\n", encoding="utf-8")
    out = tmp_path / "clean.html"
    assert cli("export", draft, "--to", "html", "-o", out, "--languagetool", "off").code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_export_refuses_to_overwrite_the_draft(cli, bakery: Path) -> None:
    run = cli("export", bakery, "--to", "txt", "-o", bakery)
    assert run.code == 2 and "draft itself" in run.err
    assert bakery.read_text(encoding="utf-8") == BAKERY


# --- end to end with the real checks --------------------------------------------------------------


def test_real_process_exports_the_sample(tmp_path: Path) -> None:
    sample = tmp_path / "story.txt"
    shutil.copy(resources_dir() / "samples" / "scraped-story.txt", sample)
    out, rep = tmp_path / "clean.txt", tmp_path / "report.json"
    argv = ["--data", str(tmp_path / "d"), "export", str(sample), "--to", "txt", "-o", str(out), "--report", str(rep)]
    proc = subprocess.run(
        [sys.executable, "-m", "proofdesk.cli.main", *argv, "--languagetool", "off"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    changes = json.loads(rep.read_text(encoding="utf-8"))["changes"]
    assert changes and {c["category"] for c in changes} <= {"furniture", "duplicate"}
    # Undo the report's changes on the clean copy in text order: once the earlier ones are undone,
    # each change's "after" sits at its original start, and the draft comes back exactly.
    original = sample.read_text(encoding="utf-8")
    rebuilt = out.read_text(encoding="utf-8")
    for c in changes:
        start = c["start"]
        assert rebuilt[start : start + len(c["after"])] == c["after"]
        rebuilt = rebuilt[:start] + c["before"] + rebuilt[start + len(c["after"]) :]
    assert rebuilt == original
    check_golden("sample-scraped-story.clean.txt", out.read_text(encoding="utf-8"))


# --- other source formats -------------------------------------------------------------------------


def test_fix_docx_in_place_changes_only_the_accepted_words(cli, tmp_path: Path) -> None:
    path = make_docx(tmp_path / "bakery.docx")
    before = _docx_texts(path)
    run = cli("--data", tmp_path / "data", "fix", path, "--in-place", "--accept", "spelling", "--languagetool", "off")
    assert run.code == 0, run.err
    after = _docx_texts(path)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [
        (
            "Owner Priya Marsh said she would recieve the award  on behalf of her staff.",
            "Owner Priya Marsh said she would receive the award  on behalf of her staff.",
        ),
        ("Teh shop opens at eight.", "The shop opens at eight."),
    ]
    (backup,) = (tmp_path / "data" / "backups").rglob("*.docx")
    assert _docx_texts(backup) == before


def _docx_texts(path: Path) -> list[str]:
    d = docx.Document(str(path))
    cells = [cell.text for table in d.tables for row in table.rows for cell in row.cells]
    return [p.text for p in d.paragraphs] + cells


def test_fix_markdown_keeps_the_markup_and_changes_only_accepted_spans(cli, tmp_path: Path) -> None:
    src = tmp_path / "bakery.md"
    shutil.copy(CLI_FIXTURES / "bakery.md", src)
    out = tmp_path / "fixed.md"
    assert cli("fix", src, "--accept", "spelling,grammar", "-o", out, "--languagetool", "off").code == 0
    original = src.read_text(encoding="utf-8")
    expected = original.replace("recieve", "receive").replace("- Teh shop", "- The shop").replace("the the", "the")
    assert out.read_text(encoding="utf-8") == expected
    assert "teh-bakery" in expected  # the URL was never a finding


def test_export_html_source_to_docx(cli, tmp_path: Path) -> None:
    out = tmp_path / "clean.docx"
    run = cli("export", CLI_FIXTURES / "bakery.html", "--to", "docx", "-o", out, "--accept", "all")
    assert run.code == 0, run.err
    texts = [t for t in _docx_texts(out) if t.strip()]
    assert "The bakery plans to open a second shop in the spring." in texts
    assert "The judges praised the crust." in texts
    assert not any("Home" in t or "Coastline" in t or "tracking" in t for t in texts)
