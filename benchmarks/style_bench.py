"""House-style speed: load a 500-rule style, then check a 2,000-word draft against it.

Targets (issue 5): load < 0.3 s; check < 0.2 s. Run: .venv/bin/python benchmarks/style_bench.py
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.housestyle import HouseStyleCheck
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.style.loader import load_house_style

_VOCABULARY = (
    "council harbour ferry mayor budget plan residents officials school hospital road bridge police court vote "
    "minister report figures housing rents market traders weather storm flood river tourism festival museum "
    "library station train bus airport runway shipping port fishermen quota talks union strike wages"
)
WORDS = _VOCABULARY.split()


def make_style(folder: Path, count: int = 500) -> Path:
    rng = random.Random(5)
    lines = ["name: Benchmark style", "language: en-GB", "rules:"]
    for i in range(count):
        kind = i % 10
        name = f"Bench.Rule{i:03d}"
        lines.append(f"  {name}:")
        if kind < 5:
            tokens = [f"{rng.choice(WORDS)}{i}x", f"{rng.choice(WORDS)} {rng.choice(WORDS)}{i}"]
            if i % 25 == 0:
                # A few rules name words the draft really uses, so there is output to build.
                tokens.append(f"{rng.choice(WORDS)} {rng.choice(WORDS)}")
            lines += [
                "    extends: existence",
                f"    message: \"Avoid '%s' ({i})\"",
                "    ignorecase: true",
                f"    tokens: [{', '.join(tokens)}]",
            ]
        elif kind < 8:
            a, b = rng.choice(WORDS), rng.choice(WORDS)
            lines += [
                "    extends: substitution",
                "    message: \"Use '%s' instead of '%s'.\"",
                "    level: warning",
                f"    swap: {{{a}{i}q: {b}, '{a}-{b}{i}': {a}{b}}}",
            ]
        elif kind == 8:
            lines += [
                "    extends: existence",
                "    message: \"Check '%s'\"",
                "    nonword: true",
                f"    raw: ['\\b\\d+ {rng.choice(WORDS)}{i}\\b']",
            ]
        else:
            lines += [
                "    extends: occurrence",
                '    message: "%s commas"',
                "    scope: sentence",
                f"    max: {3 + i % 5}",
                "    token: ','",
            ]
    path = folder / "bench.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_draft(words: int = 2000) -> str:
    rng = random.Random(7)
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(1, 3)):
            n = rng.randint(8, 24)
            body = " ".join(rng.choice(WORDS) for _ in range(n))
            sentences.append(body[0].upper() + body[1:] + ", officials said.")
            count += n + 2
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def timed(fn, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    results, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        results.append(time.perf_counter() - start)
    return statistics.median(results), value


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = make_style(Path(tmp))
        # The first load and check in a fresh process pay for every regex compile: the honest figure.
        first_load, style = timed(lambda: load_house_style(path), repeat=1)
        print(f"load 500-rule style, first in process: {first_load * 1000:.0f} ms  target < 300 ms")
        load_s, style = timed(lambda: load_house_style(path))
        print(f"load 500-rule style, again: {load_s * 1000:.0f} ms median of 5 ({len(style.rules)} rules)")
        draft = make_draft()
        doc = document_from_text(draft)
        print(f"draft: {doc.words} words, {len(doc.blocks)} paragraphs")

        def check_cold() -> int:
            # A new engine each time: no block cache, so every block is checked.
            engine = Engine(EngineConfig(CheckContext(style=style)), checks=[HouseStyleCheck])
            return len(engine.check(doc))

        first_check, found = timed(check_cold, repeat=1)
        print(f"check 2,000 words, first in process: {first_check * 1000:.0f} ms ({found} findings)  target < 200 ms")
        check_s, found = timed(check_cold)
        print(f"check 2,000 words, new engine: {check_s * 1000:.0f} ms median of 5")
        engine = Engine(EngineConfig(CheckContext(style=style)), checks=[HouseStyleCheck])
        engine.check(doc)
        edited = document_from_text(draft.replace("officials said.", "officials say.", 1))
        recheck_s, _ = timed(lambda: len(engine.check(edited)))
        print(f"re-check after a one-paragraph edit (block cache): {recheck_s * 1000:.1f} ms median of 5")
        bundled_s, bundled = timed(lambda: load_house_style(None))
        print(f"load bundled newsroom-en-GB: {bundled_s * 1000:.0f} ms ({len(bundled.rules)} rules)")

        def check_bundled() -> int:
            engine = Engine(EngineConfig(CheckContext(style=bundled)), checks=[HouseStyleCheck])
            return len(engine.check(doc))

        news_s, news_found = timed(check_bundled)
        print(f"check 2,000 words against newsroom-en-GB: {news_s * 1000:.0f} ms ({news_found} findings)")


if __name__ == "__main__":
    main()
