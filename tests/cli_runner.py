"""Running `proofdesk` in-process for tests: exit code and captured output, argparse exits included."""

from __future__ import annotations

import pytest

from proofdesk.cli.main import main


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    out = capsys.readouterr()
    return code, out.out, out.err
