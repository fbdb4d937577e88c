"""Read and write times for large drafts in every format.

    .venv/bin/python benchmarks/io_bench.py [WORDS]

Builds a draft of WORDS words (default 100,000) as .txt, .md, .html and .docx in a temp folder, then
prints the time to read each one and to write it back as each output format (with one word changed
per paragraph, so the .docx writer has real work).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "The council said the new ferry timetable would start in spring, after a review of costs. "


def build(folder: Path, words: int) -> dict[str, Path]:
    import docx

    per_para = 60
    paras = [(SENTENCE * 6).strip().replace("council", f"council{i % 97}") for i in range(max(1, words // per_para))]
    txt = folder / "big.txt"
    txt.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    md = folder / "big.md"
    md.write_text(
        "\n\n".join(("## Section\n\n" if i % 20 == 0 else "") + p for i, p in enumerate(paras)), encoding="utf-8"
    )
    html = folder / "big.html"
    body = "".join(f"<p>{p}</p>" for p in paras)
    html.write_text(f"<html><body><nav>Menu</nav><article><h1>Big</h1>{body}</article></body></html>", encoding="utf-8")
    d = docx.Document()
    for i, p in enumerate(paras):
        if i % 20 == 0:
            d.add_heading("Section", level=2)
        d.add_paragraph(p)
    path = folder / "big.docx"
    d.save(str(path))
    return {"txt": txt, "md": md, "html": html, "docx": path}


def main() -> int:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    from proofdesk.core.io.readers import read_document
    from proofdesk.core.io.writers import write_document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = build(folder, words)
        print(f"{words:,} words; times in seconds")
        print(f"{'source':<8}{'read':>8}" + "".join(f"{'->' + f:>9}" for f in ("txt", "md", "html", "docx")))
        for fmt, path in files.items():
            t0 = time.perf_counter()
            doc = read_document(path)
            read_s = time.perf_counter() - t0
            new_text = "\n\n".join(p.replace("spring", "summer", 1) for p in doc.text.split("\n\n"))
            row = f"{fmt:<8}{read_s:>8.2f}"
            for out_fmt in ("txt", "md", "html", "docx"):
                t0 = time.perf_counter()
                write_document(doc, new_text, folder / f"out-{fmt}.{out_fmt}", out_fmt)
                row += f"{time.perf_counter() - t0:>9.2f}"
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
