"""``proofdesk check --only spelling --format json`` reports spelling through the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLE = (
    "Harbour Board Backs Tidal Plan\n\n"
    "The Kelmarsh Harbour Board said it had been encourafged by the vote on Tuesday.\n\n"
    "Xi Jinping met the the minister. Xi Jinping praised the color scheme, Xi Jingping's aides said.\n\n"
    "Xi Jinping left for Beijing. Details at www.kelmarsh.gov.uk or @KelmarshHarbour.\n"
)


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from proofdesk.cli.main import main

    draft = tmp_path / "draft.txt"
    draft.write_text(SAMPLE, encoding="utf-8")
    code = main(["check", "--only", "spelling", "--format", "json", "--languagetool", "off", str(draft)])
    report = json.loads(capsys.readouterr().out)
    assert code == 1  # error-level findings
    (entry,) = report["files"]
    assert entry["language"] == "en-GB"
    got = [(f["rule"], f["text"], f["suggestions"][:1], f["severity"]) for f in entry["findings"]]
    assert got == [
        ("spelling.unknown-word", "encourafged", ["encouraged"], "error"),
        ("spelling.repeated-word", "the the", ["the"], "error"),
        ("spelling.variant", "color", ["colour"], "warning"),
        ("spelling.name-consistency", "Jingping", ["Jinping"], "error"),
    ]
    for f in entry["findings"]:
        assert SAMPLE[f["start"] : f["end"]] == f["text"]
        assert f["category"] == "spelling"
        line = SAMPLE.split("\n")[f["line"] - 1]
        assert line[f["column"] - 1 :].startswith(f["text"])
    assert [f["start"] for f in entry["findings"]] == sorted(f["start"] for f in entry["findings"])


def test_check_json_en_us(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from proofdesk.cli.main import main

    draft = tmp_path / "draft.txt"
    draft.write_text("The colour of the theatre was analysed.\n", encoding="utf-8")
    main(["check", "--only", "spelling", "--format", "json", "--languagetool", "off", "--lang", "en-US", str(draft)])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(f["text"], f["suggestions"]) for f in findings] == [
        ("colour", ["color"]),
        ("theatre", ["theater"]),
        ("analysed", ["analyzed"]),
    ]
