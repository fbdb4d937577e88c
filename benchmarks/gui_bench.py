"""The desk's responsiveness (issue 10): launch to window, launch to first underline, the longest
GUI-thread stall while a 100,000-word draft is checked, peak memory, and memory over 1,000
accept/undo cycles. Offscreen Qt; each measurement runs in a fresh process, several times.

    .venv/bin/python benchmarks/gui_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGETS = {
    "launch_to_window_s": 1.0,
    "launch_to_first_underline_s": 1.5,
    "max_gui_stall_ms": 50.0,
    "peak_rss_mb": 400.0,
}
HEARTBEAT_MS = 5


# Child side -------------------------------------------------------------------------------


def _child_launch(draft: Path, t_parent: float) -> dict[str, float]:
    from PySide6.QtCore import QTimer

    from proofdesk.core.paths import resolve_paths
    from proofdesk.gui.app import make_application, settle_heap

    app = make_application()
    from proofdesk.gui.main_window import MainWindow

    window = MainWindow(resolve_paths())
    # As proofdesk.gui.app.show_desk does: the window first, then the checker, then the drafts.
    window.show()
    app.processEvents()
    out = {"launch_to_window_s": time.time() - t_parent}
    window.prewarm()
    settle_heap()
    tab = window.open_path(draft)

    def poll() -> None:
        if tab is not None and tab.editor.extraSelections():
            out["launch_to_first_underline_s"] = time.time() - t_parent
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(2)
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    return out


def _child_stall(draft: Path) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QTimer

    from proofdesk.core.paths import resolve_paths
    from proofdesk.gui.app import make_application, show_desk

    app = make_application()
    from proofdesk.gui.main_window import MainWindow

    window = MainWindow(resolve_paths())
    window.resize(1280, 800)
    show_desk(window)
    t0 = time.perf_counter()
    tab = window.open_path(draft)
    assert tab is not None
    app.processEvents()
    load_s = time.perf_counter() - t0
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6 - HEARTBEAT_MS)
        last[0] = now

    heart = QTimer()
    heart.setInterval(HEARTBEAT_MS)
    heart.timeout.connect(beat)
    heart.start()
    check_start = time.perf_counter()
    phase = {"name": "first check", "typed": False}
    results: dict[str, float] = {}

    def watch() -> None:
        busy = tab.checking or tab.views_busy
        if busy:
            return
        if not phase["typed"]:
            results["first_check_s"] = time.perf_counter() - check_start
            results["stall_first_check_ms"] = max(gaps, default=0.0)
            results["findings"] = len(tab.findings)
            gaps.clear()
            phase["typed"] = True
            # Type one character in the middle of the draft and wait for that paragraph's re-check.
            cursor = tab.editor.textCursor()
            cursor.setPosition(tab.document.characterCount() // 2)
            tab.editor.setTextCursor(cursor)
            phase["t"] = time.perf_counter()
            cursor.insertText("x")
            return
        results["recheck_after_typing_s"] = time.perf_counter() - phase["t"]
        results["stall_recheck_ms"] = max(gaps, default=0.0)
        # The draft's engine lives in the checker process: its peak counts towards the desk's memory.
        from proofdesk.gui.workers import check_process

        results["peak_rss_checker_mb"] = _peak_rss_of(check_process().pid)
        results.update(_paragraph_roundtrip(window, tab))
        # The typed "x" left the draft modified: quitting would ask to save it and wait forever.
        tab.document.setModified(False)
        app.exit(0)

    watcher = QTimer()
    watcher.timeout.connect(watch)
    watcher.start(20)
    QTimer.singleShot(300_000, lambda: app.exit(1))
    app.exec()
    results["load_s"] = load_s
    results["max_gui_stall_ms"] = max(results.get("stall_first_check_ms", 0), results.get("stall_recheck_ms", 0))
    # VmHWM rather than ru_maxrss, which on Linux starts from the parent's peak at fork and exec.
    results["peak_rss_gui_mb"] = _peak_rss_of(os.getpid())
    results["peak_rss_mb"] = results["peak_rss_gui_mb"] + results["peak_rss_checker_mb"]
    results["words"] = tab.words
    return results


def _paragraph_roundtrip(window: Any, tab: Any, repeats: int = 7) -> dict[str, float]:
    """``Engine.check_blocks`` on the edited paragraph, asked through the checker process's socket.

    Round trip = pickling the 100k text, the checker building the Document, check_blocks, the reply.
    """
    from proofdesk.gui import services
    from proofdesk.gui.workers import check_process, pickled, proofdesk_env

    proc = check_process()
    replies: list[tuple[Any, ...]] = []

    class Probe:
        def on_message(self, msg: tuple[Any, ...]) -> None:
            replies.append(msg)

        def resend(self) -> None:
            pass

        def process_restarted(self, detail: str, retry: bool, restarted: bool) -> None:
            replies.append(("crashed", detail))

    ident = proc.register(Probe())
    proc.send(("spec", ident, pickled(window._engine_factory(), "spec"), proofdesk_env()))
    proc.send(("doc", ident, pickled(services.document_factory(tab.source), "maker")))
    text = tab.text
    middle = text.index("\n", len(text) // 2) + 1
    trips: list[float] = []
    inside: list[float] = []
    for job in range(repeats + 1):
        edited = text[:middle] + "x" * (job + 1) + text[middle:]
        replies.clear()
        t0 = time.perf_counter()
        proc.send(("blocks", ident, job, 0, edited, middle, middle + job + 1))
        proc.wait_for(lambda: any(r[0] == "done" for r in replies), 30_000)
        elapsed = time.perf_counter() - t0
        result = next(r for r in replies if r[0] == "result")
        if job:  # the first builds the engine and loads the dictionaries
            trips.append(elapsed * 1000)
            inside.append(result[7] * 1000)
    proc.unregister(ident)
    return {
        "paragraph_roundtrip_ms": statistics.median(trips),
        "paragraph_in_checker_ms": statistics.median(inside),
    }


def _peak_rss_of(pid: int | None) -> float:
    if pid is None:
        return 0.0
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _child_cycles(draft: Path, cycles: int) -> dict[str, float]:
    import gc
    import tracemalloc

    from proofdesk.core.paths import resolve_paths
    from proofdesk.gui.app import make_application

    app = make_application()
    from proofdesk.gui.main_window import MainWindow

    window = MainWindow(resolve_paths())
    window.show()
    tab = window.open_path(draft)
    assert tab is not None
    deadline = time.time() + 60
    while (tab.checking or tab.stats.checks == 0) and time.time() < deadline:
        app.processEvents()
        time.sleep(0.005)
    fixable = [f for f in tab.findings if f.suggestions]
    if not fixable:
        return {"cycles": 0}

    def cycle(i: int) -> None:
        f = (
            tab.session.findings[0]
            if tab.session.findings[0].suggestions
            else next(x for x in tab.session.findings if x.suggestions)
        )
        tab.accept(f)
        tab.undo_stack.undo()
        if i % 25 == 0:
            app.processEvents()

    for i in range(100):  # warm-up: caches, first undo commands
        cycle(i)
    gc.collect()
    tracemalloc.start()
    rss0 = _rss_mb()
    snap0 = tracemalloc.take_snapshot()
    t0 = time.perf_counter()
    for i in range(cycles):
        cycle(i)
    elapsed = time.perf_counter() - t0
    app.processEvents()
    gc.collect()
    snap1 = tracemalloc.take_snapshot()
    rss1 = _rss_mb()
    grown = sum(s.size_diff for s in snap1.compare_to(snap0, "filename"))
    return {
        "cycles": cycles,
        "cycle_ms": elapsed / cycles * 1000,
        "python_heap_growth_kb": grown / 1024,
        "rss_growth_mb": rss1 - rss0,
        "undo_stack_count": tab.undo_stack.count(),
    }


def child(argv: list[str]) -> None:
    mode, draft = argv[0], Path(argv[1])
    if mode == "launch":
        out = _child_launch(draft, float(argv[2]))
    elif mode == "stall":
        out = _child_stall(draft)
    else:
        out = _child_cycles(draft, int(argv[2]))
    print("RESULT " + json.dumps(out), flush=True)
    os._exit(0)


# Parent side --------------------------------------------------------------------------------


def run_child(*args: str, timeout: float = 600) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="proofdesk-bench-")
    env["PROOFDESK_CONFIG_DIR"] = f"{home}/config"
    env["PROOFDESK_DATA_DIR"] = f"{home}/data"
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[7:]))
    raise RuntimeError(f"benchmark child {args[0]} failed:\n{out.stdout}\n{out.stderr}")


def summarise(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cycles", type=int, default=1000)
    args = parser.parse_args()

    from corpus import draft

    folder = Path(tempfile.mkdtemp(prefix="proofdesk-gui-bench-"))
    small, big = folder / "draft-2k.txt", folder / "draft-100k.txt"
    small.write_text(draft(2_000, seed=2), encoding="utf-8")
    big.write_text(draft(100_000, seed=100), encoding="utf-8")

    launches = [run_child("launch", str(small), repr(time.time())) for _ in range(args.runs)]
    stalls = [run_child("stall", str(big)) for _ in range(args.runs)]
    cycles = run_child("cycles", str(small), str(args.cycles))

    table: dict[str, dict[str, float]] = {
        "launch_to_window_s": summarise([r["launch_to_window_s"] for r in launches]),
        "launch_to_first_underline_s": summarise(
            [r.get("launch_to_first_underline_s", float("inf")) for r in launches]
        ),
        "max_gui_stall_ms": summarise([r["max_gui_stall_ms"] for r in stalls]),
        "stall_first_check_ms": summarise([r["stall_first_check_ms"] for r in stalls]),
        "stall_recheck_ms": summarise([r["stall_recheck_ms"] for r in stalls]),
        "first_check_100k_s": summarise([r["first_check_s"] for r in stalls]),
        "recheck_after_typing_100k_s": summarise([r["recheck_after_typing_s"] for r in stalls]),
        "load_100k_s": summarise([r["load_s"] for r in stalls]),
        "paragraph_roundtrip_100k_ms": summarise([r["paragraph_roundtrip_ms"] for r in stalls]),
        "paragraph_in_checker_100k_ms": summarise([r["paragraph_in_checker_ms"] for r in stalls]),
        "peak_rss_mb": summarise([r["peak_rss_mb"] for r in stalls]),
        "peak_rss_gui_mb": summarise([r["peak_rss_gui_mb"] for r in stalls]),
        "peak_rss_checker_mb": summarise([r["peak_rss_checker_mb"] for r in stalls]),
    }
    print(
        f"GUI benchmark (offscreen, {args.runs} runs; 100k draft: {stalls[0]['words']:,} words, "
        f"{int(stalls[0]['findings']):,} findings)"
    )
    print(f"{'measure':34} {'min':>10} {'median':>10} {'max':>10} {'target':>10}  verdict")
    for name, s in table.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if s["median"] <= target else "MISSED")
        shown_target = "" if target is None else f"{target:g}"
        print(f"{name:34} {s['min']:10.3f} {s['median']:10.3f} {s['max']:10.3f} {shown_target:>10}  {verdict}")
    print(
        f"accept/undo cycles: {int(cycles.get('cycles', 0))} × {cycles.get('cycle_ms', 0):.2f} ms; "
        f"Python heap growth {cycles.get('python_heap_growth_kb', 0):.1f} KiB; "
        f"RSS growth {cycles.get('rss_growth_mb', 0):.1f} MiB; undo stack {int(cycles.get('undo_stack_count', 0))}"
    )
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "gui_bench.json").write_text(
        json.dumps({"table": table, "cycles": cycles, "targets": TARGETS}, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
