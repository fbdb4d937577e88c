"""`proofdesk fix --in-place` SIGKILLed while it writes: the draft is the old or the new file, never a mix,
and whenever the new one is on disk the untouched original is in the backups folder (issue 8 items 1–2).

test_atomic_save.py kills a process that only writes; this kills the real command, aiming at the moment
its temp file appears next to the draft, so the kill lands inside the save rather than in the checks.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proofdesk.core.backups import list_backups
from proofdesk.core.paths import resolve_paths

LINES = [
    "The harbour board met on Monday  to discuss fares.",
    "Residents said the plan was sound , and overdue.",
    "Fares rise next month, officials said.",
]


def _draft_bytes() -> bytes:
    rng = random.Random(8)
    return ("\n\n".join(rng.choice(LINES) for _ in range(12_000)) + "\n").encode("utf-8")


def _start(draft: Path) -> subprocess.Popen[bytes]:
    argv = ["fix", str(draft), "--in-place", "--accept", "typography", "--languagetool", "off"]
    return subprocess.Popen(
        [sys.executable, "-m", "proofdesk.cli.main", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _wait_for_temp_file(proc: subprocess.Popen[bytes], folder: Path, prefix: str) -> bool:
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if any(name.startswith(prefix) for name in os.listdir(folder)):
            return True
        time.sleep(0.0005)
    return False


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_fix_in_place_killed_while_saving(tmp_path: Path) -> None:
    draft = tmp_path / "story.txt"
    old = _draft_bytes()
    draft.write_bytes(old)
    proc = _start(draft)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    new = draft.read_bytes()
    assert new != old and len(new) > 200_000
    paths = resolve_paths()

    rng = random.Random(20261128)
    seen = {"old": 0, "new": 0, "killed after the save began": 0}
    for _ in range(4):
        draft.write_bytes(old)
        proc = _start(draft)
        inside = _wait_for_temp_file(proc, tmp_path, ".story.txt.")
        time.sleep(rng.uniform(0, 0.003))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        seen["killed after the save began"] += inside and proc.returncode == -signal.SIGKILL
        data = draft.read_bytes()
        assert data in (old, new), f"partial draft: {len(data)} bytes"
        seen["old" if data == old else "new"] += 1
        if data == new:
            # The backup is written (atomically, sidecar last) before the draft is touched.
            assert any(b.path.read_bytes() == old for b in list_backups(draft, paths))
        for leftover in tmp_path.glob(".story.txt.*.tmp"):
            leftover.unlink()
    print(f"fix --in-place of {len(old) / 1e6:.1f} MB, 4 kills: {seen}")
    assert seen["killed after the save began"] >= 1, seen
