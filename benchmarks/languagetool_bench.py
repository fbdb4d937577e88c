"""Latency LanguageTool adds to checking a 2,000-word draft (issue 6).

Against the LanguageTool test double (tests/core/languagetool/lt_double.py, run
as a separate process so it does not share our GIL) this measures ProofDesk's
own cost: packing blocks into requests, HTTP, mapping offsets, caching. With a
real LanguageTool (PROOFDESK_LT_URL, or a local install language-tool-python
can find) it measures what a sub-editor would wait for. Prints min / median /
max over several runs and writes benchmarks/results/languagetool.json.

Cases: cold (nothing cached), warm (same draft again: all cached), one edited
paragraph, and, for comparison, one request per paragraph sent one at a time
(the design this module avoids).
"""

# ruff: noqa: E402  (the corpus helper sits next to this script, not in a package)
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import draft

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.grammar import GrammarCheck, clear_cache
from proofdesk.core.checks.typography import TypographyCheck
from proofdesk.core.document import count_words, document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.languagetool import backends, status
from proofdesk.core.style.model import HouseStyle

DOUBLE = HERE.parent / "tests" / "core" / "languagetool" / "lt_double.py"


def _engine(mode: str, grammar: bool, options: dict[str, object]) -> Engine:
    # The engine runs families one after another, so what grammar adds is the grammar family's own time.
    ctx = CheckContext(languagetool=mode, style=HouseStyle(checks={"grammar": options}))
    checks = [GrammarCheck] if grammar else [TypographyCheck]
    return Engine(EngineConfig(context=ctx), checks=checks)


def _times(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def measure(mode: str, text: str, runs: int, options: dict[str, object]) -> dict[str, dict[str, float]]:
    doc = document_from_text(text)
    edited_text = text.replace(". ", ", and a edit. ", 1)
    edited = document_from_text(edited_text)
    baseline = _times(lambda: _engine(mode, False, options).check(doc), runs)

    def cold() -> None:
        clear_cache()
        _engine(mode, True, options).check(doc)

    _engine(mode, True, options).check(doc)  # start a local server, warm the JVM, before timing
    if status.current().state is not status.State.READY:
        raise SystemExit(f"LanguageTool not usable: {status.current().message}")
    cold_times = _times(cold, runs)
    warm_engine = _engine(mode, True, options)
    warm_engine.check(doc)
    warm = _times(lambda: warm_engine.check(doc), runs)

    def one_edit() -> None:
        clear_cache()  # the cache is process-wide: the edited paragraph must be new each time
        eng = _engine(mode, True, options)
        eng.check(doc)
        t = time.perf_counter()
        eng.check(edited)
        one_edit.last = time.perf_counter() - t  # type: ignore[attr-defined]

    edit_times = []
    for _ in range(runs):
        one_edit()
        edit_times.append(one_edit.last)  # type: ignore[attr-defined]

    per_block_opts = {**options, "max-request-chars": 200, "max-in-flight": 1}

    def per_block() -> None:
        clear_cache()
        _engine(mode, True, per_block_opts).check(doc)

    sequential = _times(per_block, max(1, runs // 2))

    def row(ts: list[float]) -> dict[str, float]:
        return {
            "min_ms": round(min(ts) * 1000, 1),
            "median_ms": round(statistics.median(ts) * 1000, 1),
            "max_ms": round(max(ts) * 1000, 1),
        }

    return {
        "for scale: typography family alone": row(baseline),
        "added: cold, whole draft": row(cold_times),
        "added: warm, same draft (cached)": row(warm),
        "added: one paragraph edited": row(edit_times),
        "added: one request per paragraph, one at a time": row(sequential),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _print(title: str, rows: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'case':<52} {'min':>9} {'median':>9} {'max':>9}")
    for name, r in rows.items():
        print(f"  {name:<52} {r['min_ms']:>7.1f}ms {r['median_ms']:>7.1f}ms {r['max_ms']:>7.1f}ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    text = draft(args.words)
    print(f"draft: {count_words(text)} words, {len(text)} characters, {text.count(chr(10)) + 1} lines")
    results: dict[str, object] = {"words": count_words(text), "chars": len(text)}

    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(DOUBLE), "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        proc.stdout.readline()
        rows = measure(f"http://127.0.0.1:{port}", text, args.runs, {})
        _print("LanguageTool TEST DOUBLE (ProofDesk's own overhead: packing, HTTP, mapping, cache)", rows)
        results["test_double"] = rows
    finally:
        proc.kill()
        proc.wait()

    real_url = os.environ.get("PROOFDESK_LT_URL", "").strip()
    inst = backends.find_installation()
    java = backends.detect_java() if inst else None
    if real_url or (inst and java and not java.problem):
        mode = real_url or "auto"
        t = time.perf_counter()
        rows = measure(mode, text, max(3, args.runs // 2), {"timeout": 120, "startup-timeout": 300})
        label = real_url or f"local LanguageTool {inst.version if inst else ''}"
        _print(f"real LanguageTool ({label}; measured after start-up, total {time.perf_counter() - t:.1f} s)", rows)
        results["real"] = {"server": label, **rows}
        backends.stop_all()
    else:
        reason = "no PROOFDESK_LT_URL and no local LanguageTool"
        if java and java.problem:
            reason += f" ({java.problem})"
        print(f"\nreal LanguageTool: not measured — {reason}")
        results["real"] = None

    out = HERE / "results" / "languagetool.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
