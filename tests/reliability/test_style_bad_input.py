"""Malformed house styles and hostile rules: a precise message and exit 2, never a traceback or a hang."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_runner import run_main
from proofdesk.core.style.errors import StyleError
from proofdesk.core.style.loader import load_house_style

DRAFT = "The ferry now runs twice a day, the harbour master said.\n"


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return path

    return make


BILLION_LAUGHS = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)

BAD_STYLES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", lambda tmp: tmp / "nope.yaml", "no such file"),
    ("folder of nothing", lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "no Vale rules (*.yml) found"),
    ("binary", _write("bin.yaml", bytes(range(256)) * 4), "not UTF-8 text"),
    ("NUL bytes", _write("nul.yaml", "name: a\0b\n"), "NUL bytes"),
    ("empty", _write("empty.yaml", ""), "the file is empty"),
    ("list at top", _write("list.yaml", "- name: x\n"), "must be a mapping"),
    ("bad indentation", _write("indent.yaml", "name: x\n  rules: y\n"), "YAML syntax error"),
    ("tab", _write("tab.yaml", "rules:\n\tHouse.X: {}\n"), "YAML syntax error"),
    (
        "python tag",
        _write("tag.yaml", "name: !!python/object/apply:os.system [echo hi]\n"),
        "unsupported YAML tag tag:yaml.org,2002:python/object/apply",
    ),
    ("billion laughs", _write("laughs.yaml", BILLION_LAUGHS), "too deeply nested or aliased"),
    ("huge", _write("huge.yaml", "name: x\n" + "# padding\n" * 300_000), "a style file may be at most 2 MB"),
    ("rule not a mapping", _write("r.yaml", "rules:\n  House.X: [1, 2]\n"), "rule House.X must be a mapping"),
    ("bad rule name", _write("n.yaml", "rules:\n  NoDot:\n    extends: existence\n"), "must be Style.Rule"),
    ("numeric key", _write("k.yaml", "rules:\n  1: {}\n"), "keys must be text"),
    (
        "regex",
        _write("re.yaml", "rules:\n  A.B:\n    extends: existence\n    message: m\n    tokens: ['a(']\n"),
        "bad regular expression",
    ),
    ("bad ini", _write("x.ini", "[*\n"), "bad section header"),
    ("deep nesting", _write("deep.yaml", "rules: " + "[" * 5000 + "]" * 5000 + "\n"), "nest"),
]


@pytest.mark.parametrize(("label", "make", "needle"), BAD_STYLES, ids=[b[0] for b in BAD_STYLES])
def test_style_validate_reports_precisely(
    label: str, make: Callable[[Path], Path], needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(tmp_path)
    code, out, err = run_main(["style", "validate", str(path)], capsys)
    assert code == 2, (label, out, err)
    assert "Traceback" not in out + err
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:"), first
    assert needle in out, (label, out)


def test_style_validate_valid_style_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).parents[2] / "resources" / "styles" / "newsroom-en-US.yaml"
    code, out, _ = run_main(["style", "validate", str(path)], capsys)
    assert code == 0
    assert out.strip().endswith("vocabulary: 2 accepted, 0 rejected")
    assert "valid: 'Newsroom (American)' (en-US), 41 rules" in out


def test_catastrophic_rule_does_not_freeze_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    style = tmp_path / "evil.yaml"
    style.write_text(
        "name: Evil\nrules:\n  House.Evil:\n    extends: existence\n    message: m\n    nonword: true\n"
        "    raw: ['(\\w+\\s?)+$']\n  House.Slow:\n    extends: existence\n    message: \"'%s' again\"\n"
        "    tokens: [ferry]\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(("word " * 4000).strip() + "!\n\n" + DRAFT, encoding="utf-8")
    started = time.perf_counter()
    _, out, err = run_main(["check", str(draft), "--style", str(style), "--only", "style", "--format", "json"], capsys)
    assert time.perf_counter() - started < 10
    assert "Traceback" not in err
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert "style.rule-timeout" in rules
    assert "House.Slow" in rules


_KEYS = [
    "name",
    "language",
    "extends",
    "vocabulary",
    "vale",
    "rules",
    "checks",
    "accept",
    "House.X",
    "extends",
    "existence",
    "substitution",
    "occurrence",
    "repetition",
    "consistency",
    "capitalization",
    "conditional",
    "message",
    "tokens",
    "swap",
    "either",
    "first",
    "second",
    "token",
    "max",
    "level",
    "scope",
    "action",
    "match",
    "raw",
    "exceptions",
    "ignorecase",
    "~heading",
    "$title",
    "(",
    "[",
    "\\b",
    "%s",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_KEYS),
            st.sampled_from([": ", "\n", "  ", "- ", "[", "]", "{", "}", ", ", "'"]),
            st.text(max_size=6),
        ),
        max_size=60,
    )
)
def test_any_style_text_loads_or_fails_cleanly(tmp_path: Path, pieces: list[str]) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
    try:
        load_house_style(path)
    except StyleError as exc:
        assert exc.problems and all(p.startswith(f"{path}:") for p in exc.problems)
