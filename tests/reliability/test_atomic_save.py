"""A save is all-or-nothing: kill the writer at any moment and the file is the old one or the new one."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proofdesk.core.io.atomic import atomic_write_bytes, atomic_write_text
from proofdesk.core.io.errors import OutputError

OLD = b"old draft line\n" * 200_000  # 3 MB
NEW = bytes(range(256)) * 64_000  # 16 MB, no resemblance to OLD

CHILD = """
import sys
from proofdesk.core.io.atomic import atomic_write_bytes
data = bytes(range(256)) * 64_000
print("go", flush=True)
atomic_write_bytes(sys.argv[1], data)
print("done", flush=True)
"""


def _start(target: Path) -> tuple[subprocess.Popen[bytes], float]:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"go\n"
    return proc, time.perf_counter()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_during_save_never_leaves_a_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_bytes(OLD)
    times = []
    for _ in range(3):  # the first write warms the page cache; take the fastest as the window to aim at
        proc, t0 = _start(target)
        assert proc.stdout is not None and proc.stdout.readline() == b"done\n"
        times.append(time.perf_counter() - t0)
        assert proc.wait(timeout=60) == 0
        assert target.read_bytes() == NEW
    write_time = min(times)

    rng = random.Random(20261128)
    outcomes = {"old": 0, "new": 0, "partial temp files seen": 0}
    for _ in range(20):
        target.write_bytes(OLD)
        proc, _t = _start(target)
        time.sleep(rng.uniform(0, write_time * 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        data = target.read_bytes()
        assert data in (OLD, NEW), f"partial file: {len(data)} bytes"
        outcomes["old" if data == OLD else "new"] += 1
        # A killed writer can leave its temp file behind; that is the evidence the kill landed mid-write.
        for leftover in tmp_path.glob(".draft.txt.*.tmp"):
            if leftover.stat().st_size < len(NEW):
                outcomes["partial temp files seen"] += 1
            leftover.unlink()
    print(f"write of {len(NEW) / 1e6:.0f} MB took {write_time * 1000:.1f} ms; 20 kills: {outcomes}")
    assert outcomes["old"] >= 1


def test_failure_midway_leaves_target_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.txt"
    target.write_bytes(b"original")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space left"):
        atomic_write_bytes(target, b"replacement")
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


def test_permissions_kept_and_new_files_follow_umask(tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("x")
    target.chmod(0o640)
    atomic_write_text(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.txt"
    old_umask = os.umask(0o022)
    try:
        atomic_write_text(fresh, "z")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert fresh.read_text() == "z"


def test_saving_through_a_symlink_updates_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("real")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_read_only_target_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("keep me")
    target.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything; pretend to be the desk's ordinary user
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == target else real_access(p, m))
    with pytest.raises(OutputError, match="read-only"):
        atomic_write_text(target, "replaced")
    assert target.read_text() == "keep me"
