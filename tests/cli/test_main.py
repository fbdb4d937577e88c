"""The launcher: app or command, discovered commands, global options, lean start-up."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
from cli_support import CLI_FIXTURES

import proofdesk.cli.main as cli_main
from proofdesk import __version__
from proofdesk.core.paths import AppPaths


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[Path], AppPaths]]:
    calls: list[tuple[list[Path], AppPaths]] = []
    module = types.ModuleType("proofdesk.gui.app")

    def run(files: list[Path], paths: AppPaths) -> int:
        calls.append((files, paths))
        return 0

    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "proofdesk.gui.app", module)
    return calls


def test_no_command_opens_the_app_with_the_files(cli, fake_app, tmp_path: Path) -> None:
    run = cli("--data", tmp_path / "d", "a.txt", "b.docx")
    assert run.code == 0
    ((files, paths),) = fake_app
    assert files == [Path("a.txt"), Path("b.docx")]
    assert paths.data == tmp_path / "d"


def test_bare_proofdesk_opens_an_empty_app(cli, fake_app) -> None:
    assert cli().code == 0
    assert fake_app[0][0] == []


def test_a_file_named_like_no_command_is_a_file(cli, fake_app) -> None:
    cli("checks.txt")
    assert fake_app[0][0] == [Path("checks.txt")]


def test_version(cli) -> None:
    run = cli("--version")
    assert run.code == 0 and run.out.strip() == f"proofdesk {__version__}"


def test_every_cmd_module_is_discovered() -> None:
    parser = cli_main.build_parser()
    modules = cli_main.command_modules()
    assert {"proofdesk.cli.check_cmd", "proofdesk.cli.fix_cmd", "proofdesk.cli.export_cmd"} <= set(modules)
    assert {"check", "fix", "export", "restore"} <= set(parser.commands)
    # One command per module at least: nothing found on disk is silently skipped.
    assert len(parser.commands) >= len(modules)


def test_a_broken_command_module_does_not_take_the_others_down(
    cli, monkeypatch: pytest.MonkeyPatch, demo_checks: None
) -> None:
    real = cli_main.command_modules
    monkeypatch.setattr(cli_main, "command_modules", lambda: [*real(), "proofdesk.cli.no_such_cmd"])
    run = cli("check", CLI_FIXTURES / "clean.txt", "--languagetool", "off")
    assert run.code == 0
    assert "proofdesk.cli.no_such_cmd failed to load" in run.err


def test_global_options_work_before_and_after_the_command(cli, tmp_path: Path, demo_checks: None) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Teh end.\n", encoding="utf-8")
    for argv in (
        ("--data", tmp_path / "one", "fix", draft, "--in-place", "--languagetool", "off"),
        ("fix", draft, "--in-place", "--data", tmp_path / "two", "--languagetool", "off"),
    ):
        draft.write_text("Teh end.\n", encoding="utf-8")
        assert cli(*argv).code == 0
    assert list((tmp_path / "one" / "backups").rglob("*.txt"))
    assert list((tmp_path / "two" / "backups").rglob("*.txt"))


def test_environment_chooses_the_data_folder(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_checks) -> None:
    monkeypatch.setenv("PROOFDESK_DATA_DIR", str(tmp_path / "env-data"))
    draft = tmp_path / "d.txt"
    draft.write_text("Teh end.\n", encoding="utf-8")
    assert cli("fix", draft, "--in-place", "--languagetool", "off").code == 0
    assert list((tmp_path / "env-data" / "backups").rglob("*.txt"))


def test_a_command_group_without_its_action_is_a_usage_error(cli) -> None:
    parser = cli_main.build_parser()
    groups = [name for name in parser.commands if name not in ("check", "fix", "export", "restore")]
    for name in groups:
        run = cli(name)
        assert run.code == 2, name
        assert "Traceback" not in run.err


def test_an_internal_error_is_one_line_with_exit_3(cli, monkeypatch: pytest.MonkeyPatch, demo_checks) -> None:
    import proofdesk.cli.common as common

    def explode(*_: object, **__: object) -> object:
        raise RuntimeError("engine on fire")

    monkeypatch.setattr(common, "run_checks", explode)
    monkeypatch.setattr("proofdesk.cli.check_cmd.run_checks", explode)
    run = cli("check", CLI_FIXTURES / "clean.txt", "--languagetool", "off")
    assert run.code == 3
    assert run.err.strip() == (
        "proofdesk: internal error: RuntimeError: engine on fire (please report it; set PROOFDESK_DEBUG=1 for details)"
    )


def test_start_up_imports_no_engine_reader_or_qt() -> None:
    # `proofdesk --help` and the app launcher must not pay for the engine, spelling data or Qt.
    code = (
        "import sys\n"
        "from proofdesk.cli.main import build_parser\n"
        "build_parser()\n"
        "heavy = ('proofdesk.core.engine', 'proofdesk.core.checks', 'proofdesk.core.io.readers', 'docx',\n"
        "         'PySide6', 'wordfreq', 'yaml', 'markdown', 'language_tool_python')\n"
        "print(','.join(sorted(m for m in sys.modules if m in heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""


def test_a_crashing_check_family_is_reported_and_the_rest_still_printed(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from cli_support import DemoCheck

    import proofdesk.core.checks as registry
    import proofdesk.core.engine as engine_module

    class Broken(DemoCheck):
        family = "broken"
        rules = ()

        def check_block(self, block):  # type: ignore[no-untyped-def]
            raise ZeroDivisionError("division by zero")

    checks = (Broken, DemoCheck)
    monkeypatch.setattr(registry, "available_checks", lambda: checks)
    monkeypatch.setattr(engine_module, "available_checks", lambda: checks)
    run = cli("check", "bakery.txt", "--languagetool", "off", cwd=CLI_FIXTURES)
    assert run.code == 3
    assert "demo.typo" in run.out
    assert run.err.strip() == (
        "proofdesk: bakery.txt: the broken checks failed (ZeroDivisionError: division by zero); "
        "their findings are missing (please report it)"
    )
