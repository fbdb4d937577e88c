"""``proofdesk check --languagetool URL`` and ``proofdesk languagetool status|download``, in-process."""

from __future__ import annotations

import errno
import json
import socket
from pathlib import Path

import pytest
from lt_double import LanguageToolDouble
from lt_support import ConnectionLog, install_fake_languagetool

from proofdesk.cli.main import main
from proofdesk.core.languagetool import take_notices

# Our own sample: an emoji (two UTF-16 units) before the grammar slips, a double space ProofDesk's
# typography check also reports, and a URL that must not be checked.
DRAFT = (
    "Harbour lights 🌊 return\n"
    "\n"
    "The ferry crew found a abandoned kayak near the the pier on Tuesday.\n"
    "Volunteers  towed it to https://harbour.example/a-old-boat for a inspection.\n"
)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def findings(out: str) -> list[dict]:
    return json.loads(out)["files"][0]["findings"]


def test_check_with_a_server_url_includes_its_findings_at_exact_offsets(
    capsys: pytest.CaptureFixture[str], draft: Path, double: LanguageToolDouble
) -> None:
    code, out, err = run_cli(capsys, "check", "--languagetool", double.url, "--format", "json", str(draft))
    assert code in (0, 1), err
    grammar = [f for f in findings(out) if f["rule"] == "grammar.EN_A_VS_AN"]
    expected = [
        ("grammar.EN_A_VS_AN", DRAFT.index("a abandoned"), "a", ["an"]),
        ("grammar.EN_A_VS_AN", DRAFT.index("a inspection"), "a", ["an"]),
    ]
    assert [(f["rule"], f["start"], f["text"], f["suggestions"]) for f in grammar] == expected
    for f in grammar:
        assert DRAFT[f["start"] : f["end"]] == f["text"]
        line, column = f["line"], f["column"]
        assert DRAFT.split("\n")[line - 1][column - 1 :].startswith(f["text"])
    assert double.checks(), "the server was not asked"


def test_languagetool_findings_repeating_own_findings_are_dropped(
    capsys: pytest.CaptureFixture[str], draft: Path, double: LanguageToolDouble
) -> None:
    _, out, _ = run_cli(capsys, "check", "--languagetool", double.url, "--format", "json", str(draft))
    spaces = DRAFT.index("  towed")
    out_findings = findings(out)
    at_spaces = [f["rule"] for f in out_findings if f["start"] == spaces]
    assert "typography.double-space" in at_spaces
    assert "grammar.WHITESPACE_RULE" not in at_spaces, (
        "LanguageTool's double-space finding repeats typography.double-space (same span and category); "
        "Engine.check must pass its merged result through proofdesk.core.languagetool.drop_shadowed"
    )
    own = [f for f in out_findings if not f["rule"].startswith("grammar.")]
    for f in out_findings:
        if f["rule"].startswith("grammar."):
            twins = [
                o["rule"]
                for o in own
                if (o["start"], o["end"]) == (f["start"], f["end"])
                and (o["category"] == f["category"] or o["suggestions"][:1] == f["suggestions"][:1] != [])
            ]
            assert not twins, f"{f['rule']} repeats {twins}"


def test_check_with_languagetool_off_is_unchanged_and_sends_nothing(
    capsys: pytest.CaptureFixture[str], draft: Path, double: LanguageToolDouble
) -> None:
    _, with_lt, _ = run_cli(capsys, "check", "--languagetool", double.url, "--format", "json", str(draft))
    sent = len(double.requests)
    code, out, err = run_cli(capsys, "check", "--languagetool", "off", "--format", "json", str(draft))
    assert code in (0, 1), err
    assert len(double.requests) == sent
    own = [f for f in findings(with_lt) if not f["rule"].startswith("grammar.")]
    assert findings(out) == own


def test_status_with_a_server(capsys: pytest.CaptureFixture[str], double: LanguageToolDouble) -> None:
    code, out, _ = run_cli(capsys, "languagetool", "status", "--languagetool", double.url)
    assert code == 0
    assert f"Server: {double.url} answers, 4 languages" in out
    assert double.checks() == []  # asking about a server sends no text


def test_status_without_languagetool(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "languagetool", "status")
    assert code == 1
    assert "Local LanguageTool: none found" in out
    assert "Grammar checking is off" in out and "proofdesk languagetool download" in out


def test_status_with_a_dead_server(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, out, _ = run_cli(capsys, "languagetool", "status", "--languagetool", f"http://127.0.0.1:{port}")
    assert code == 1 and f"Server: nothing is listening at http://127.0.0.1:{port}" in out


def test_status_refuses_the_public_api_without_opt_in(
    capsys: pytest.CaptureFixture[str], connection_log: ConnectionLog
) -> None:
    code, out, _ = run_cli(capsys, "languagetool", "status", "--languagetool", "https://api.languagetool.org")
    assert code == 1 and "drafts would leave this computer" in out
    assert connection_log.connects == [] and connection_log.lookups == []


def test_status_with_a_local_install(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inst = install_fake_languagetool(tmp_path, monkeypatch)
    code, out, _ = run_cli(capsys, "languagetool", "status")
    assert code == 0
    assert f"Local LanguageTool: 6.6 in {inst}" in out and "(Java 17)" in out


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No network: name lookups fail and connections to anything but loopback are unreachable."""
    tried: list[str] = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if str(host) not in ("localhost", "127.0.0.1", "::1"):
            tried.append(str(host))
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    def connect(self: socket.socket, address: object) -> None:
        if isinstance(address, tuple) and not str(address[0]).startswith("127."):
            tried.append(str(address[0]))
            raise OSError(errno.ENETUNREACH, "Network is unreachable")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return tried


def test_download_offline_says_so_clearly_and_installs_nothing(
    capsys: pytest.CaptureFixture[str], offline: list[str], clean_lt_state: Path
) -> None:
    code, _, err = run_cli(capsys, "languagetool", "download", "--version", "6.6")
    assert code == 1
    assert "Downloading LanguageTool 6.6 from https://" in err
    assert "proofdesk: cannot download LanguageTool 6.6: no connection to languagetool.org" in err
    assert "name or service not known" in err and "nothing was installed" in err
    assert "Traceback" not in err
    assert offline == ["languagetool.org"]
    assert list(clean_lt_state.iterdir()) == []


def test_download_rejects_a_made_up_version(capsys: pytest.CaptureFixture[str], offline: list[str]) -> None:
    code, _, err = run_cli(capsys, "languagetool", "download", "--version", "latest-and-greatest")
    assert code == 2 and "not a LanguageTool version" in err and offline == []


def test_download_when_already_installed_does_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline: list[str]
) -> None:
    install_fake_languagetool(tmp_path, monkeypatch)
    code, out, _ = run_cli(capsys, "languagetool", "download", "--version", "6.6")
    assert code == 0 and "already installed" in out and offline == []


def test_check_default_auto_without_languagetool_tells_once(capsys: pytest.CaptureFixture[str], draft: Path) -> None:
    take_notices()
    code, _, err = run_cli(capsys, "check", str(draft))
    assert code in (0, 1), err
    notices = take_notices() if "Grammar checking is off" not in err else [err]
    assert sum("Grammar checking is off" in n for n in notices) == 1
