"""The change report for the desk editor: every accepted change with rule, before, after and position.

The format follows the file name: .html (a table, every value escaped), .json or .csv.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Protocol

from proofdesk.core.io.atomic import atomic_write_text
from proofdesk.core.io.errors import OutputError

REPORT_SUFFIXES = (".html", ".htm", ".json", ".csv")
FIELDS = ("rule", "category", "before", "after", "start", "end", "line", "column", "message")


@dataclass(frozen=True, slots=True)
class Change:
    """One accepted change; ``start``/``end``/``line``/``column`` locate ``before`` in the original text."""

    rule: str
    category: str
    before: str
    after: str
    start: int
    end: int
    line: int
    column: int
    message: str


class ChangeLike(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message(self) -> str: ...


def write_report(changes: Iterable[ChangeLike], out: str | os.PathLike[str], source_name: str) -> None:
    """Write the report of ``changes`` made to ``source_name``; the format follows ``out``'s suffix."""
    target = Path(out)
    rows = [_row(c) for c in changes]
    suffix = target.suffix.lower()
    if suffix in (".html", ".htm"):
        text = report_html(rows, source_name)
    elif suffix == ".json":
        text = report_json(rows, source_name)
    elif suffix == ".csv":
        text = report_csv(rows)
    else:
        raise OutputError(target, f"a change report is written as {', '.join(REPORT_SUFFIXES)}, not {suffix or '?'}")
    atomic_write_text(target, text)


def _row(change: ChangeLike) -> dict[str, str | int]:
    return {name: getattr(change, name) for name in FIELDS}


def report_json(rows: Sequence[dict[str, str | int]], source_name: str) -> str:
    from proofdesk import __version__

    doc = {"proofdesk": __version__, "source": source_name, "changes": list(rows)}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def report_csv(rows: Sequence[dict[str, str | int]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        # A leading = + - @ makes spreadsheets run the cell as a formula; a quote mark keeps it text.
        writer.writerow({k: _defuse(v) for k, v in row.items()})
    return buf.getvalue()


def _defuse(value: str | int) -> str | int:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def report_html(rows: Sequence[dict[str, str | int]], source_name: str) -> str:
    def cell(value: str | int, cls: str = "") -> str:
        text = escape(str(value)) if value != "" else '<span class="empty">(deleted)</span>'
        attr = f' class="{cls}"' if cls else ""
        return f"<td{attr}>{text}</td>"

    body = "\n".join(
        "<tr>"
        + cell(f"{r['line']}:{r['column']}")
        + cell(r["rule"])
        + cell(r["category"])
        + cell(r["before"], "before")
        + cell(r["after"], "after")
        + cell(r["message"])
        + "</tr>"
        for r in rows
    )
    count = len(rows)
    title = f"Changes to {source_name}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }}
td.before {{ background: #fdecea; white-space: pre-wrap; }}
td.after {{ background: #e8f5e9; white-space: pre-wrap; }}
.empty {{ color: #777; font-style: italic; }}
</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p>{count} change{"s" if count != 1 else ""}.</p>
<table>
<thead><tr><th>Line:col</th><th>Rule</th><th>Category</th><th>Before</th><th>After</th><th>Why</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""
