"""CLI fixtures: run ``main(argv)`` in-process; swap the check registry for the demo family."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_support import DemoCheck, Run

import proofdesk.core.checks as registry
import proofdesk.core.engine as engine_module
from proofdesk.cli.main import main

CliRunner = Callable[..., Run]


@pytest.fixture
def demo_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = (DemoCheck,)
    monkeypatch.setattr(registry, "available_checks", lambda: checks)
    monkeypatch.setattr(engine_module, "available_checks", lambda: checks)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    def run(*argv: str | Path, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse exits for usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    yield run
