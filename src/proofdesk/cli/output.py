"""How findings are printed: compiler-style text lines, or the JSON of DESIGN.md §3.2."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from proofdesk import __version__
from proofdesk.core.document import Document
from proofdesk.core.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class FileReport:
    """One checked draft as the user named it, with its findings in §3.2 order."""

    path: str
    language: str
    doc: Document
    findings: Sequence[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def json_document(reports: Sequence[FileReport]) -> dict[str, object]:
    files = []
    for report in reports:
        findings = []
        for f in sorted(report.findings, key=lambda f: f.sort_key):
            line, column = report.doc.line_col(f.start)
            findings.append(f.to_json(line, column))
        words = report.doc.words
        files.append({"path": report.path, "language": report.language, "words": words, "findings": findings})
    return {"proofdesk": __version__, "files": files}


def format_json(reports: Sequence[FileReport], *, ascii_only: bool = False) -> str:
    """The §3.2 document, one finding per line.

    Laid out by hand because ``json.dumps(indent=…)`` falls back to the pure-Python
    encoder, which takes seconds on a draft with 100,000 findings; each piece is
    still produced by the C encoder, so the result is exactly JSON.
    """
    encode = json.JSONEncoder(ensure_ascii=ascii_only).encode
    doc = json_document(reports)
    files = doc["files"]
    assert isinstance(files, list)
    parts = [f'{{"proofdesk": {encode(doc["proofdesk"])},\n "files": [']
    for i, entry in enumerate(files):
        head = ", ".join(f"{encode(key)}: {encode(entry[key])}" for key in ("path", "language", "words"))
        findings = ",\n    ".join(encode(f) for f in entry["findings"])
        body = f"\n    {findings}" if findings else ""
        parts.append(f'{"," if i else ""}\n  {{{head},\n   "findings": [{body}]}}')
    parts.append("]}\n")
    return "".join(parts)


def show_suggestion(suggestion: str) -> str:
    """A suggestion as a reader can see it: deletions named, invisible edges quoted."""
    if suggestion == "":
        return "delete"
    if not suggestion.isprintable():
        # Line breaks and other control characters would split or garble the line.
        return json.dumps(suggestion)
    if suggestion != suggestion.strip():
        return json.dumps(suggestion, ensure_ascii=False)
    return suggestion


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_finding(path: str, doc: Document, f: Finding) -> str:
    line, column = doc.line_col(f.start)
    out = f"{path}:{line}:{column}: {f.severity} {f.rule}: {_one_line(f.message)}"
    if f.suggestions:
        shown = ", ".join(show_suggestion(s) for s in f.suggestions[:3])
        more = f" (+{len(f.suggestions) - 3} more)" if len(f.suggestions) > 3 else ""
        out += f" (→ {shown}{more})"
    return out


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(reports: Sequence[FileReport]) -> str:
    by_severity = dict.fromkeys(Severity, 0)
    for report in reports:
        for f in report.findings:
            by_severity[f.severity] += 1
    total = sum(by_severity.values())
    parts = ", ".join(_count(by_severity[s], str(s)) for s in (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION))
    return f"{_count(len(reports), 'file')} checked: {_count(total, 'finding')} ({parts})"


def format_text(reports: Sequence[FileReport]) -> str:
    lines = [format_finding(r.path, r.doc, f) for r in reports for f in sorted(r.findings, key=lambda f: f.sort_key)]
    lines.append(summary_line(reports))
    return "\n".join(lines) + "\n"
