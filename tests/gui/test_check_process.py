"""The checker process: replies decoded as findings, stale replies dropped, restarted after a crash with a
message, and gone when the desk goes (quit or SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from desk_helpers import SLOW, wait_checked
from PySide6.QtCore import Qt

from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.gui.check_process import decode_findings, encode_findings
from proofdesk.gui.workers import CheckRequest, check_process

DRAFT = "The council was encourafged by teh plan.\nIt will recieve  funding.\n"
HOST = Path(__file__).with_name("checker_host.py")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has exited; only its exit status is left


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return not _alive(pid)


def test_findings_cross_the_process_boundary_unchanged() -> None:
    found = [
        Finding("a.rule", Category.SPELLING, Severity.ERROR, 4, 7, "teh", "Typo", ("the", "ten")),
        Finding("b.rule", Category.TYPOGRAPHY, Severity.SUGGESTION, 9, 11, "  ", "Double space", (" ",)),
        Finding("c.rule", Category.DUPLICATE, Severity.WARNING, 0, 0, "", "Nothing to fix"),
    ]
    back = decode_findings(encode_findings(found))
    assert back == found and [type(f.category) for f in back] == [Category] * 3


def test_checks_run_in_another_process(window, open_draft) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    pid = check_process().pid
    assert pid is not None and pid != os.getpid() and _alive(pid)
    # The checker never loads Qt: it starts faster and stays smaller.
    assert "libQt6Core" not in Path(f"/proc/{pid}/maps").read_text()
    assert [f.text for f in tab.findings] == ["encourafged", "teh", "recieve", "  "]


def test_a_family_that_fails_is_reported_and_the_checker_lives_on(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft("It will recieve funding.\n")
    pid, restarts = check_process().pid, check_process().restarts
    qtbot.keyClicks(tab.editor, "KABOOM ")
    qtbot.waitUntil(lambda: tab.stats.last_error is not None, timeout=5000)
    assert "RuntimeError: the fragile check broke" in tab.stats.last_error
    assert "A check failed: RuntimeError: the fragile check broke" in window.statusBar().currentMessage()
    assert check_process().pid == pid and check_process().restarts == restarts
    # Once the draft no longer breaks it, checking carries on in the same process.
    for _ in "KABOOM ":
        qtbot.keyClick(tab.editor, Qt.Key.Key_Backspace)
    wait_checked(qtbot, tab)
    assert [f.text for f in tab.findings] == ["recieve"] and check_process().pid == pid


def test_a_reply_for_an_old_revision_is_dropped(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft(DRAFT)
    before = list(tab.findings)
    qtbot.keyClicks(tab.editor, "teh ")
    wait_checked(qtbot, tab)
    now = list(tab.findings)
    assert now != before
    # The checker answers a request made for the text as it was: the tab must not paint it.
    tab.dispatcher._start(CheckRequest(tab.revision - 1, DRAFT))
    qtbot.waitUntil(lambda: not tab.checking, timeout=5000)
    assert tab.stats.stale_dropped >= 1
    assert tab.findings == now


def test_a_crashed_checker_is_restarted_with_a_message(window, open_draft, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_draft("recieve this.\n" * 40)
    proc = check_process()
    old_pid = proc.pid
    assert old_pid is not None
    SLOW.set()
    qtbot.keyClicks(tab.editor, "teh ")
    tab.start_check()
    qtbot.waitUntil(lambda: tab.dispatcher._running is not None, timeout=2000)
    os.kill(old_pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: proc.pid != old_pid, timeout=5000)
    SLOW.clear()
    assert "checker stopped unexpectedly (killed by SIGKILL)" in window.statusBar().currentMessage()
    assert tab.stats.last_error is not None and "restarted" in tab.stats.last_error
    # The check the crash interrupted runs again in the new process.
    wait_checked(qtbot, tab, timeout=10_000)
    assert [f.text for f in tab.findings][:2] == ["teh", "recieve"] and len(tab.findings) == 41
    assert not _alive(old_pid) and proc.pid is not None and _alive(proc.pid)


def _host(draft: Path, mode: str, tmp_path: Path) -> tuple[subprocess.Popen[str], int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PROOFDESK_CONFIG_DIR"] = str(tmp_path / "config")
    env["PROOFDESK_DATA_DIR"] = str(tmp_path / "data")
    host = subprocess.Popen([sys.executable, str(HOST), str(draft), mode], env=env, stdout=subprocess.PIPE, text=True)
    assert host.stdout is not None
    line = host.stdout.readline()
    assert line.startswith("CHECKER "), line
    return host, int(line.split()[1])


@pytest.mark.parametrize("how", ["quit", "sigkill"])
def test_the_checker_goes_when_the_desk_goes(tmp_path: Path, how: str) -> None:
    draft = tmp_path / "story.txt"
    draft.write_text("The council said it would recieve the report.\n", encoding="utf-8")
    host, checker = _host(draft, "quit" if how == "quit" else "wait", tmp_path)
    try:
        assert checker != host.pid
        if how == "sigkill":
            assert _alive(checker)
            host.kill()
        host.wait(timeout=20)
        assert _gone_within(checker, 10), f"checker {checker} outlived the desk ({how})"
    finally:
        if host.poll() is None:
            host.kill()


def test_a_docx_drafts_document_maker_reaches_the_checker(fixtures_dir: Path) -> None:
    import pickle

    from proofdesk.core.io.readers import read_document
    from proofdesk.gui.services import document_factory

    doc = read_document(fixtures_dir / "drafts" / "story.docx")
    assert doc.source is not None  # the parsed .docx: for the writers, and it stays behind
    there = pickle.loads(pickle.dumps(document_factory(doc)))
    edited = doc.text.replace("\n", " x\n", 1)
    assert there(edited).blocks == document_factory(doc)(edited).blocks
    assert there(doc.text).blocks == doc.blocks and there(doc.text).source is None


class _Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, bool, bool]] = []

    def on_message(self, msg: tuple[object, ...]) -> None:
        pass

    def resend(self) -> None:
        pass

    def process_restarted(self, detail: str, retry: bool, restarted: bool) -> None:
        self.events.append((detail, retry, restarted))


def test_a_checker_that_keeps_dying_is_not_restarted_for_ever(qtbot) -> None:  # type: ignore[no-untyped-def]
    from proofdesk.gui.workers import CRASHES_BEFORE_GIVING_UP, CRASHES_BEFORE_STOPPING, CheckProcess

    proc = CheckProcess()
    client = _Recorder()
    proc.register(client)
    try:
        for n in range(1, CRASHES_BEFORE_STOPPING + 1):
            pid = proc.pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            qtbot.waitUntil(lambda n=n: len(client.events) == n, timeout=5000)
        assert [e[1:] for e in client.events] == (
            [(True, True)] * (CRASHES_BEFORE_GIVING_UP - 1)
            + [(False, True)] * (CRASHES_BEFORE_STOPPING - CRASHES_BEFORE_GIVING_UP)
            + [(False, False)]
        )
        assert client.events[0][0] == "killed by SIGKILL"
        assert proc.broken and proc.pid is None
    finally:
        proc.stop()


def test_replies_for_a_tab_deleted_without_closing_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    import shiboken6
    from desk_helpers import CHECKS
    from PySide6.QtCore import QObject

    from proofdesk.core.document import document_from_text
    from proofdesk.core.engine import EngineConfig
    from proofdesk.gui import services
    from proofdesk.gui.workers import CheckDispatcher

    parent = QObject()
    text = "It will recieve funding.\n"
    dispatcher = CheckDispatcher(
        services.engine_spec(EngineConfig(), CHECKS),
        services.document_factory(document_from_text(text)),
        lambda: CheckRequest(0, text),
        parent,
    )
    ident = dispatcher._ident
    dispatcher.run_now()
    shiboken6.delete(parent)  # the Qt side is gone; the checker's reply is still on its way
    proc = check_process()
    qtbot.waitUntil(lambda: ident not in proc._clients, timeout=5000)
    assert proc.pid is not None and _alive(proc.pid)
