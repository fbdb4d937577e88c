"""Throughput, incremental re-check latency and memory of the default check (issue 10).

Prints a table of min / median / max over several runs, the ratio against
baselines run in the same process on the same text (bare Hunspell and bare
pyspellchecker spelling passes with suggestions, proselint), the time each check
family takes at 20k words, the editor's paragraph re-check (``Engine.check_blocks``),
and every issue-10 target next to the measured figure with PASS/MISS; writes JSON.
LanguageTool is excluded, as the targets say. GUI targets are measured by
``benchmarks/gui_bench.py``; its latest JSON result is quoted when present.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import ensure_bytecode
from corpus import draft, write_drafts

from proofdesk.cli.common import tune_gc_for_batch
from proofdesk.core.checks.base import CheckContext
from proofdesk.core.corrections import apply_edits, edit_for
from proofdesk.core.document import count_words, document_from_text
from proofdesk.core.engine import Engine, EngineConfig

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def stats(xs: list[float]) -> dict[str, float]:
    return {"min": min(xs), "median": statistics.median(xs), "max": max(xs)}


def default_engine() -> Engine:
    try:
        from proofdesk.core.style.loader import load_house_style

        style = load_house_style(None, language="en-GB")
        ctx = CheckContext(language="en-GB", style=style, languagetool="off")
    except ImportError:
        ctx = CheckContext(language="en-GB", languagetool="off")
    return Engine(EngineConfig(context=ctx))


def check_fresh(text: str) -> list[object]:
    return list(default_engine().check(document_from_text(text)))


def baseline_hunspell(text: str) -> Callable[[], object] | None:
    try:
        import hunspell  # type: ignore[import-not-found]  # the chunspell package
    except ImportError:
        return None
    try:
        h = hunspell.Hunspell("en_US")
    except Exception:
        return None

    def run() -> None:
        for w in _WORD.findall(text):
            if not h.spell(w):
                h.suggest(w)

    return run


def baseline_pyspellchecker(text: str) -> Callable[[], object] | None:
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return None
    sp = SpellChecker(distance=1)

    def run() -> None:
        words = [w.lower() for w in _WORD.findall(text)]
        for w in sp.unknown(words):
            sp.correction(w)

    return run


def baseline_proselint(text: str) -> Callable[[], object] | None:
    try:
        from proselint.checks import __register__  # type: ignore[import-not-found]
        from proselint.registry import CheckRegistry  # type: ignore[import-not-found]
        from proselint.tools import LintFile  # type: ignore[import-not-found]
    except ImportError:
        return None
    # proselint's command line registers its checks before linting; without this it checks nothing.
    CheckRegistry().register_many(__register__)

    def run() -> None:
        LintFile("draft.txt", text).lint()

    return run


def news_corpus() -> list[str]:
    """The fictional articles written for the newsroom benchmark, one draft each, as plain text."""
    drafts = []
    for path in sorted(Path(__file__).resolve().parent.glob("newsroom_articles_*.txt")):
        body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
        for article in body.split("==="):
            lines = [
                line.split(": ", 1)[1] if line[:3].rstrip(" ").endswith(":") else line
                for line in article.strip().splitlines()
                if line.strip()
            ]
            if lines:
                drafts.append("\n\n".join(lines) + "\n")
    return drafts


_MARKS = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima")


def corpus_steady_state(drafts: list[str], runs: int) -> dict[str, object]:
    """Batch checking of many ordinary drafts with one engine, as `check FILE…` does.

    Each run ends every paragraph with a different one-word sentence (a word from the NATO
    alphabet, known to the dictionary and free of digits, so it adds no finding and wakes no
    rule about figures) so no cache keyed by text can carry results from one run to the
    next; dictionaries and compiled rules stay loaded (steady state).
    """
    words = sum(count_words(d) for d in drafts)
    times = []
    for run in range(runs + 1):
        mark = " ".join(_MARKS[(run // len(_MARKS) ** k) % len(_MARKS)] for k in range(1 + (run >= len(_MARKS))))
        marked = [d.replace(".\n", f". {mark}.\n") for d in drafts]
        engine = default_engine()
        gc.collect()
        t = time.perf_counter()
        for d in marked:
            engine.check(document_from_text(d))
        if run:  # run 0 loads dictionaries and compiles rules
            times.append(time.perf_counter() - t)
    s = stats(times)
    return {"drafts": len(drafts), "words": words, "seconds": s, "words_per_s": words / s["median"]}


def recheck_latency(text: str, runs: int) -> dict[str, dict[str, float]]:
    """Type one character into a middle paragraph of a warm draft; time what the editor runs.

    ``paragraph``: ``check_blocks`` on the edited paragraph (the underlines the sub-editor
    is looking at); ``whole_document_after_edit``: the background ``check`` that follows;
    ``whole_document_unchanged``: ``check`` again with nothing changed (every cache warm).
    """
    engine = default_engine()
    doc = document_from_text(text)
    engine.check(doc)
    para = doc.blocks[len(doc.blocks) // 2]
    block_times: list[float] = []
    full_times: list[float] = []
    same_times: list[float] = []
    for i in range(runs):
        at = para.start + 5
        edited = text[:at] + "xyz"[i % 3] + text[at:]
        new_doc = document_from_text(edited)
        changed = [b for b in new_doc.blocks if b.start <= at <= b.end]
        gc.collect()
        t = time.perf_counter()
        engine.check_blocks(new_doc, changed)
        block_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        engine.check(new_doc)
        full_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        engine.check(new_doc)
        same_times.append(time.perf_counter() - t)
        engine.check(doc)
    return {
        "paragraph": stats(block_times),
        "whole_document_after_edit": stats(full_times),
        "whole_document_unchanged": stats(same_times),
    }


def family_breakdown(words: int, runs: int) -> dict[str, dict[str, float]]:
    """Median seconds per family (per-block pass with review, document pass), fresh engine each run.

    Each run checks a draft with paragraphs no earlier run has seen, so caches some
    checks keep between engines (analyses by paragraph text) cannot flatter the figure.
    """
    samples: dict[str, list[tuple[float, float]]] = {}
    for run in range(runs):
        text = draft(words, seed=words + 1 + run)
        engine = default_engine()
        gc.collect()
        engine.check(document_from_text(text))
        for family, pair in engine.stats.last_seconds.items():
            samples.setdefault(family, []).append(pair)
    return {
        family: {
            "block_s": statistics.median(p[0] for p in pairs),
            "document_s": statistics.median(p[1] for p in pairs),
        }
        for family, pairs in samples.items()
    }


def memory_cycles(text: str, cycles: int) -> dict[str, float]:
    """Check, accept the first fixable finding, undo; repeat. Returns traced memory growth."""
    engine = default_engine()
    tracemalloc.start()
    current = text
    samples = []
    for i in range(cycles):
        doc = document_from_text(current)
        findings = [f for f in engine.check(doc) if f.suggestions]
        if findings:
            new, inverse = apply_edits(current, [edit_for(findings[0])])
            engine.check(document_from_text(new))
            current, _ = apply_edits(new, inverse)
        if i % 100 == 0:
            gc.collect()
            samples.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    assert current == text
    return {
        "cycles": cycles,
        "first_kib": samples[1] / 1024,
        "last_kib": samples[-1] / 1024,
        "growth_kib": (samples[-1] - samples[1]) / 1024,
    }


def cli_wall(path: Path, runs: int) -> dict[str, dict[str, float]]:
    ensure_bytecode()
    exe = Path(sys.executable).parent / "proofdesk"
    cmd = [str(exe), "check", "--format", "json", "--languagetool", "off", str(path)]
    probe = subprocess.run(cmd, capture_output=True, text=True)
    if probe.returncode not in (0, 1):
        raise SystemExit(f"`{' '.join(cmd)}` failed (exit {probe.returncode}): {probe.stderr.strip()}")
    wall = timed(lambda: subprocess.run(cmd, capture_output=True), runs)
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True), runs)
    return {"proofdesk_check": stats(wall), "python_startup": stats(bare)}


def peak_rss_mib(path: Path) -> float:
    code = (
        "import sys\n"
        "from proofdesk.cli.main import main\n"
        "try:\n    main(['check','--format','json','--languagetool','off',sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        # VmHWM, not ru_maxrss: Linux carries the parent's peak (this large benchmark process) over the
        # fork and exec into the child's ru_maxrss, but VmHWM belongs to the child's own address space.
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    if not out.stdout.strip():
        raise SystemExit(f"peak-memory probe failed: {out.stderr.strip()}")
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def _gui_figure(gui: dict[str, object], key: str) -> float | None:
    table = gui.get("table")
    if isinstance(table, dict) and isinstance(table.get(key), dict):
        return float(table[key]["median"])
    return None


def print_targets(results: dict[str, object], gui_json: Path) -> list[dict[str, object]]:
    """Every issue-10 target with the figure measured here (or by gui_bench.py) and PASS/MISS."""
    r: dict[str, object] = results
    wps = r["check_100k"]["words_per_s"]  # type: ignore[index]
    news = r["news_corpus"]["words_per_s"]  # type: ignore[index]
    cli = r["cli_2k"]["proofdesk_check"]["median"]  # type: ignore[index]
    para = r["recheck_100k"]["paragraph"]["median"] * 1000  # type: ignore[index]
    rss = r["peak_rss_mib"]["100k"]  # type: ignore[index]
    growth = r["memory_cycles"]["growth_kib"]  # type: ignore[index]
    cycles = r["memory_cycles"]["cycles"]  # type: ignore[index]
    gui: dict[str, object] = {}
    if gui_json.exists():
        gui = json.loads(gui_json.read_text(encoding="utf-8"))
    rows: list[tuple[str, str, float | None, float, str, bool]] = [
        # (target, unit, measured, limit, source, higher is better)
        ("full default check, corpus of news drafts", "words/s", news, 100_000, "this run", True),
        ("full default check, one 100k-word draft", "words/s", wps, 100_000, "this run", True),
        ("`proofdesk check` 2k words, process wall", "s", cli, 0.5, "this run", False),
        ("re-check one paragraph after a keystroke, 100k", "ms", para, 10.0, "this run (check_blocks)", False),
        ("app launch to window shown", "s", _gui_figure(gui, "launch_to_window_s"), 1.0, "gui_bench.json", False),
        (
            "launch to first underlines, 2k words",
            "s",
            _gui_figure(gui, "launch_to_first_underline_s"),
            1.5,
            "gui_bench.json",
            False,
        ),
        (
            "longest GUI-thread stall, 100k words",
            "ms",
            _gui_figure(gui, "max_gui_stall_ms"),
            50.0,
            "gui_bench.json",
            False,
        ),
        ("peak memory, 100k-word draft (check process)", "MiB", rss, 400.0, "this run", False),
        (f"memory growth over {cycles} check/accept/undo cycles", "KiB", growth, 256.0, "this run", False),
    ]
    print("\nIssue 10 targets")
    print(f"  {'target':<50} {'measured':>14} {'limit':>14}  verdict  source")
    out: list[dict[str, object]] = []
    for name, unit, measured, limit, source, higher in rows:
        if measured is None:
            verdict = "n/a"
            shown = "not measured"
        else:
            ok = measured >= limit if higher else measured <= limit
            verdict = "PASS" if ok else "MISS"
            shown = f"{measured:,.2f} {unit}" if measured < 1000 else f"{measured:,.0f} {unit}"
        bound = (">= " if higher else "<= ") + (f"{limit:,.0f}" if limit >= 100 else f"{limit:g}") + f" {unit}"
        print(f"  {name:<50} {shown:>14} {bound:>14}  {verdict:<7}  {source}")
        out.append({"target": name, "measured": measured, "limit": limit, "unit": unit, "verdict": verdict})
    if not gui:
        print("  (GUI figures: run `.venv/bin/python benchmarks/gui_bench.py` first)")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cycles", type=int, default=1000)
    ap.add_argument("--json", type=Path, default=Path("benchmarks/results/engine.json"))
    args = ap.parse_args()
    # The garbage-collector settings `proofdesk check` runs with; the baselines below get them too.
    tune_gc_for_batch()

    results: dict[str, object] = {}
    rows = []
    for size in (2_000, 20_000, 100_000):
        text = draft(size, seed=size)
        words = count_words(text)
        engine = default_engine()
        engine.check(document_from_text(draft(2_000, seed=1)))  # load dictionaries and compile rules once
        # Every run checks a draft of this size no earlier run has seen: some checks keep analyses by
        # paragraph text for the whole process, and re-checking one text would flatter them.
        unseen = [draft(size, seed=size * 100 + run) for run in range(args.runs)]
        cold = [timed(partial(check_fresh, t), 1)[0] / count_words(t) * words for t in unseen]
        s = stats(cold)
        row: dict[str, object] = {"words": words, "seconds": s, "words_per_s": words / s["median"]}
        for name, factory in (
            ("hunspell", baseline_hunspell),
            ("pyspellchecker", baseline_pyspellchecker),
            ("proselint", baseline_proselint),
        ):
            fn = factory(text)
            if fn is None or (name in ("proselint", "hunspell") and size > 20_000):
                continue
            b = stats(timed(fn, max(1, args.runs // 2)))
            row[f"{name}_words_per_s"] = words / b["median"]
            row[f"speedup_vs_{name}"] = b["median"] / s["median"]
        results[f"check_{size // 1000}k"] = row
        rows.append((f"{size // 1000}k", row))

    print(
        "\nFull default check (fresh engine and an unseen draft each run, seconds scaled to the first draft's "
        "words; dictionaries loaded), LanguageTool off"
    )
    head = f"{'draft':>6} {'words':>7} {'min s':>8} {'median s':>9} {'max s':>8} {'words/s':>10}"
    print(head + "  baselines (words/s; ProofDesk speed-up)")
    for name, row in rows:
        s = row["seconds"]  # type: ignore[assignment]
        base = "  ".join(
            f"{b}: {row[f'{b}_words_per_s']:,.0f} (x{row[f'speedup_vs_{b}']:.1f})"  # type: ignore[str-format]
            for b in ("hunspell", "pyspellchecker", "proselint")
            if f"{b}_words_per_s" in row
        )
        print(
            f"{name:>6} {row['words']:>7} {s['min']:>8.3f} {s['median']:>9.3f} {s['max']:>8.3f} "  # type: ignore[index]
            f"{row['words_per_s']:>10,.0f}  {base}"
        )

    fams = family_breakdown(20_000, args.runs)
    results["families_20k"] = fams
    print(f"\nPer family, 20k-word drafts (median of {args.runs} fresh engines, unseen paragraphs each), seconds")
    print(f"  {'family':<12} {'per-block':>10} {'document':>10} {'total':>8}")
    for family, v in sorted(fams.items(), key=lambda kv: -(kv[1]["block_s"] + kv[1]["document_s"])):
        total = v["block_s"] + v["document_s"]
        print(f"  {family:<12} {v['block_s']:>10.3f} {v['document_s']:>10.3f} {total:>8.3f}")

    corpus = corpus_steady_state(news_corpus(), args.runs)
    results["news_corpus"] = corpus
    cs = corpus["seconds"]  # type: ignore[index]
    print(
        f"\nSteady state over {corpus['drafts']} ordinary news drafts ({corpus['words']} words, one engine): "
        f"median {cs['median']:.3f} s, {corpus['words_per_s']:,.0f} words/s"
    )

    text100 = draft(100_000, seed=100_000)
    rc = recheck_latency(text100, args.runs * 2)
    results["recheck_100k"] = rc
    print("\nRe-check after typing one character in a 100k-word draft (warm engine)")
    for k, v in rc.items():
        ms = {q: v[q] * 1000 for q in v}
        print(f"  {k:<26} min {ms['min']:8.2f} ms  median {ms['median']:8.2f} ms  max {ms['max']:8.2f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_drafts(Path(tmp), (2_000, 100_000))
        cw = cli_wall(paths[2_000], args.runs)
        results["cli_2k"] = cw
        print("\n`proofdesk check --format json` process wall time, 2k-word draft")
        for k, v in cw.items():
            print(f"  {k:<18} min {v['min']:.3f} s  median {v['median']:.3f} s  max {v['max']:.3f} s")
        cw100 = cli_wall(paths[100_000], max(1, args.runs // 2))
        results["cli_100k"] = cw100
        print(f"  100k-word draft: median {cw100['proofdesk_check']['median']:.3f} s")
        rss = {"2k": peak_rss_mib(paths[2_000]), "100k": peak_rss_mib(paths[100_000])}
        results["peak_rss_mib"] = rss
        print(f"\nPeak RSS of a `check` process: 2k {rss['2k']:.0f} MiB, 100k {rss['100k']:.0f} MiB")

    mem = memory_cycles(draft(2_000, seed=7), args.cycles)
    results["memory_cycles"] = mem
    print(
        f"\n{args.cycles} check/accept/undo cycles: traced memory {mem['first_kib']:.0f} KiB -> "
        f"{mem['last_kib']:.0f} KiB (growth {mem['growth_kib']:+.0f} KiB)"
    )
    results["self_maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["targets"] = print_targets(results, Path(__file__).resolve().parent / "results" / "gui_bench.json")

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
