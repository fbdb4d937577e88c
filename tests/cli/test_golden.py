"""End to end through a real ``proofdesk`` process with the real checks, on the bundled sample.

These goldens change whenever a check family learns something new: regenerate
with ``PROOFDESK_UPDATE_GOLDEN=1 pytest tests/cli`` and review the diff like code.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import check_golden

from proofdesk.core.paths import resources_dir

SAMPLES = resources_dir() / "samples"


def run_proofdesk(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proofdesk.cli.main", *argv], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_sample_story(fmt: str) -> None:
    proc = run_proofdesk("check", "scraped-story.txt", "--format", fmt, "--languagetool", "off", cwd=SAMPLES)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    check_golden(f"sample-scraped-story.{'json' if fmt == 'json' else 'txt'}", proc.stdout)
    if fmt == "json":
        findings = json.loads(proc.stdout)["files"][0]["findings"]
        has_error = any(f["severity"] == "error" for f in findings)
        assert proc.returncode == (1 if has_error else 0)


def test_version() -> None:
    from proofdesk import __version__

    proc = run_proofdesk("--version", cwd=SAMPLES)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"proofdesk {__version__}"
