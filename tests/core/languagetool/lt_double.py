"""A TEST DOUBLE of a LanguageTool server — not LanguageTool.

It speaks LanguageTool's documented HTTP API (``GET /v2/languages``,
``POST /v2/check`` with ``text`` or ``data``, the rule/category/level/
motherTongue parameters) on 127.0.0.1, with a handful of fixed, deterministic
rules modelled on real LanguageTool rules, so ProofDesk's client, mapping and
failure handling can be tested without Java or a network. Like the real server
it counts offsets in UTF-16 code units of the original request text, markup
included.

It can also misbehave on purpose: ``hang`` (never answers), ``garbage`` (not
JSON), ``slow`` (answers after ``delay`` seconds), ``error`` (HTTP 500).

Run as a script (``python lt_double.py --port 8081``) it serves until killed;
the fake ``java`` of the local-backend tests uses that.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
KNOWN = {lang["longCode"] for lang in LANGUAGES} | {"auto"}

MISSPELLINGS = {"recieve": ["receive"], "Zhigang": [], "acommodate": ["accommodate"]}


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    issue: str
    pattern: re.Pattern[str]
    message: str
    fix: Callable[[re.Match[str]], list[str]]
    group: int = 0
    picky: bool = False
    mother_tongue: str = ""
    spelling_for: tuple[str, ...] = ()


def _rules() -> list[Rule]:
    return [
        Rule(
            "EN_A_VS_AN",
            "GRAMMAR",
            "grammar",
            re.compile(r"\b([Aa])\s+(?=[aeiouAEIOU]\w)"),
            "Use <suggestion>an</suggestion> instead of ‘a’ if the following word starts with a vowel sound.",
            lambda m: [m.group(1) + "n"],
            group=1,
        ),
        Rule(
            "ENGLISH_WORD_REPEAT_RULE",
            "MISC",
            "duplication",
            re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE),
            "Possible typo: you repeated a word.",
            lambda m: [m.group(1)],
        ),
        Rule(
            "WHITESPACE_RULE",
            "TYPOGRAPHY",
            "whitespace",
            re.compile(r"(?<=\S)  +(?=\S)"),
            "Possible typo: you repeated a whitespace.",
            lambda m: [" "],
        ),
        Rule(
            "ALL_OF_THE",
            "STYLE",
            "style",
            re.compile(r"\ball of the\b", re.IGNORECASE),
            "Consider using <suggestion>all the</suggestion>.",
            lambda m: ["all the"],
        ),
        Rule(
            "VERY_PICKY",
            "STYLE",
            "style",
            re.compile(r"\bvery\b"),
            "‘very’ is often unnecessary.",
            lambda m: [""],
            picky=True,
        ),
        Rule(
            "BECOME_BEKOMMEN",
            "FALSE_FRIENDS",
            "grammar",
            re.compile(r"\bbecome\b"),
            "‘become’ means ‘werden’, not ‘bekommen’.",
            lambda m: ["get", "receive"],
            mother_tongue="de",
        ),
        Rule(
            "MORFOLOGIK_RULE_EN_GB",
            "TYPOS",
            "misspelling",
            re.compile(r"\b(?:" + "|".join(MISSPELLINGS) + r")\b"),
            "Possible spelling mistake found.",
            lambda m: MISSPELLINGS[m.group(0)],
            spelling_for=("en-GB",),
        ),
        Rule(
            "MORFOLOGIK_RULE_EN_US",
            "TYPOS",
            "misspelling",
            re.compile(r"\b(?:" + "|".join(MISSPELLINGS) + r")\b"),
            "Possible spelling mistake found.",
            lambda m: MISSPELLINGS[m.group(0)],
            spelling_for=("en-US", "en"),
        ),
    ]


RULES = _rules()


def utf16_len(text: str) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


def plain_and_positions(form: dict[str, str]) -> tuple[str, str, list[int]]:
    """(original text, text to check, original index of each checked character + one past the end)."""
    if "data" in form:
        doc = json.loads(form["data"])
        original: list[str] = []
        plain: list[str] = []
        where: list[int] = []
        pos = 0
        for part in doc["annotation"]:
            if "text" in part:
                plain.append(part["text"])
                where.extend(range(pos, pos + len(part["text"])))
                original.append(part["text"])
                pos += len(part["text"])
            else:
                shown = part.get("interpretAs", "")
                plain.append(shown)
                where.extend([pos] * len(shown))
                original.append(part["markup"])
                pos += len(part["markup"])
        where.append(pos)
        return "".join(original), "".join(plain), where
    text = form["text"]
    return text, text, list(range(len(text) + 1))


def _split(value: str | None) -> set[str]:
    return {v for v in (value or "").split(",") if v}


def check(form: dict[str, str]) -> dict[str, Any]:
    original, plain, where = plain_and_positions(form)
    language = form.get("language", "")
    enabled_rules, disabled_rules = _split(form.get("enabledRules")), _split(form.get("disabledRules"))
    enabled_cats, disabled_cats = _split(form.get("enabledCategories")), _split(form.get("disabledCategories"))
    only = form.get("enabledOnly") == "true"
    picky = form.get("level") == "picky"
    mother = form.get("motherTongue", "")
    matches: list[dict[str, Any]] = []
    for rule in RULES:
        if only:
            if rule.id not in enabled_rules and rule.category not in enabled_cats:
                continue
        else:
            if rule.id in disabled_rules or rule.category in disabled_cats:
                continue
            if rule.picky and not picky and rule.id not in enabled_rules:
                continue
            if rule.mother_tongue and not mother.startswith(rule.mother_tongue):
                continue
            if rule.spelling_for and language not in rule.spelling_for:
                continue
        for m in rule.pattern.finditer(plain):
            s, e = m.span(rule.group)
            o_start, o_end = where[s], where[e - 1] + 1 if e > s else where[s]
            matches.append(
                {
                    "message": rule.message,
                    "shortMessage": "",
                    "replacements": [{"value": v} for v in rule.fix(m)],
                    "offset": utf16_len(original[:o_start]),
                    "length": utf16_len(original[o_start:o_end]),
                    "context": {"text": plain, "offset": s, "length": e - s},
                    "sentence": plain,
                    "type": {"typeName": "Other"},
                    "rule": {
                        "id": rule.id,
                        "description": rule.message,
                        "issueType": rule.issue,
                        "category": {"id": rule.category, "name": rule.category.title()},
                    },
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
    matches.sort(key=lambda m: m["offset"])
    return {
        "software": {"name": "LanguageTool", "version": "6.6-test-double", "apiVersion": 1, "status": ""},
        "language": {"name": language, "code": language},
        "matches": matches,
    }


@dataclass
class Seen:
    path: str
    form: dict[str, str]


@dataclass
class LanguageToolDouble:
    """The double on 127.0.0.1; use as a context manager. ``mode``: ok, hang, garbage, slow, error."""

    mode: str = "ok"
    delay: float = 0.0
    max_text_length: int | None = None
    port: int = 0
    requests: list[Seen] = field(default_factory=list)
    max_concurrent: int = 0
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def checks(self) -> list[Seen]:
        return [r for r in self.requests if r.path == "/v2/check"]

    def start(self) -> LanguageToolDouble:
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path.split("?")[0] == "/v2/languages":
                    double._record(self.path, {})
                    self._send(200, json.dumps(LANGUAGES).encode())
                elif self.path.split("?")[0] == "/v2/healthcheck":
                    self._send(200, b"OK")
                else:
                    self._send(404, b"Error: not found")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("utf-8")
                form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
                if self.path != "/v2/check":
                    self._send(404, b"Error: not found")
                    return
                double._record(self.path, form)
                with double._lock:
                    double._in_flight += 1
                    double.max_concurrent = max(double.max_concurrent, double._in_flight)
                try:
                    self._answer(form)
                finally:
                    with double._lock:
                        double._in_flight -= 1

            def _answer(self, form: dict[str, str]) -> None:
                if double.mode == "hang":
                    double._stopping.wait()
                    self.close_connection = True
                    return
                if double.delay:
                    double._stopping.wait(double.delay)
                if double.mode == "garbage":
                    self._send(200, b"<html><body>Proxy error: upstream sent nonsense</body></html>")
                    return
                if double.mode == "error":
                    self._send(500, b"Error: Internal Error: java.lang.OutOfMemoryError")
                    return
                if "text" not in form and "data" not in form:
                    self._send(400, b"Error: Missing 'text' or 'data' parameter")
                    return
                if form.get("language") not in KNOWN:
                    self._send(400, f"Error: '{form.get('language')}' is not a language code known".encode())
                    return
                _, plain, _ = plain_and_positions(form)
                if double.max_text_length is not None and len(plain) > double.max_text_length:
                    msg = f"Error: Your text exceeds the limit of {double.max_text_length} characters"
                    self._send(413, msg.encode())
                    return
                self._send(200, json.dumps(check(form)).encode())

            def _send(self, code: int, payload: bytes) -> None:
                self.send_response(code)
                kind = "application/json" if payload[:1] in (b"{", b"[") else "text/plain"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="lt-double", daemon=True
        )
        self._thread.start()
        return self

    def _record(self, path: str, form: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(Seen(path, form))

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LanguageToolDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serving(**kwargs: Any) -> Iterator[LanguageToolDouble]:
    with LanguageToolDouble(**kwargs) as double:
        yield double


def main() -> None:
    parser = argparse.ArgumentParser(description="LanguageTool TEST DOUBLE (not LanguageTool)")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--mode", default="ok")
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    double = LanguageToolDouble(mode=args.mode, delay=args.delay, port=args.port).start()
    print(f"LanguageTool test double listening on {double.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        double.stop()


if __name__ == "__main__":
    main()
