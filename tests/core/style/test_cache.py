"""The style cache: a built style is reused only while every file it came from is unchanged."""

from __future__ import annotations

import os
import pickle
import textwrap
import time
from pathlib import Path

import pytest

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.housestyle import TIMEOUT_RULE, HouseStyleCheck
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.style import building, cache, regexes
from proofdesk.core.style.errors import StyleError
from proofdesk.core.style.loader import load_house_style
from proofdesk.core.style.model import HouseStyle

STYLE = """
name: Cache desk
vale: [Desk]
rules:
  Desk.Percent:
    extends: substitution
    message: "Use '%s' instead of '%s'."
    ignorecase: true
    swap:
      percent: per cent
"""
RULE = """
extends: existence
message: "Avoid '%s'."
tokens: [utilise, going forward]
"""
TEXT = "Going forward, we will utilise 40 percent of the budget.\n\nNothing to see here.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def age(folder: Path) -> None:
    """Date every file and folder back a minute: the cache does not trust files changed moments ago."""
    past = time.time() - 60
    for p in [folder, *folder.rglob("*")]:
        os.utime(p, (past, past))


def desk(tmp_path: Path) -> Path:
    style = write(tmp_path / "desk.yaml", STYLE)
    write(tmp_path / "Desk" / "Jargon.yml", RULE)
    age(tmp_path)
    return style


def findings(style: HouseStyle) -> list[tuple[str, int, int, str, tuple[str, ...]]]:
    check = HouseStyleCheck(CheckContext(style=style))
    doc = document_from_text(TEXT)
    out = []
    for block in doc.blocks:
        out.extend(
            (f.rule, f.start + block.start, f.end + block.start, f.message, f.suggestions)
            for f in check.check_block(block)
        )
    return sorted(out)


def entries() -> list[Path]:
    return sorted((cache.cache_dir() / "styles").glob("*.pickle"))


def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("built again instead of taken from the cache")

    monkeypatch.setattr(building, "build_house_style", refuse)


def test_second_load_comes_from_the_cache_and_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = desk(tmp_path)
    built = load_house_style(path)
    assert len(entries()) == 1
    no_building(monkeypatch)
    cached = load_house_style(path)
    assert cached is not built
    assert [r.name for r in cached.rules] == [r.name for r in built.rules] == ["Desk.Jargon", "Desk.Percent"]
    assert (cached.name, cached.path, cached.notices) == (built.name, built.path, built.notices)
    assert findings(cached) == findings(built)
    assert {f[0] for f in findings(cached)} == {"Desk.Jargon", "Desk.Percent"}


def test_the_bundled_style_finds_the_same_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    built = load_house_style(None, language="en-GB")
    no_building(monkeypatch)
    cached = load_house_style(None, language="en-GB")
    assert [r.source for r in cached.rules] == [r.source for r in built.rules]
    assert findings(cached) == findings(built)


def test_an_edited_rule_is_read_again_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    path = desk(tmp_path)
    load_house_style(path)
    rule = tmp_path / "Desk" / "Jargon.yml"
    write(rule, RULE.replace("tokens: [utilise, going forward]", "tokens: ['utilise(']"))
    age(tmp_path)
    for _ in range(2):  # never cached, so reported every time
        with pytest.raises(StyleError) as info:
            load_house_style(path)
        assert any(p.startswith(f"{rule}:3:10:") and "bad regular expression" in p for p in info.value.problems)


def test_a_rule_added_to_the_folder_is_seen(tmp_path: Path) -> None:
    path = desk(tmp_path)
    load_house_style(path)
    write(tmp_path / "Desk" / "Hedge.yml", RULE.replace("utilise, going forward", "arguably"))
    age(tmp_path)
    assert [r.name for r in load_house_style(path).rules] == ["Desk.Hedge", "Desk.Jargon", "Desk.Percent"]


def test_a_changed_vocabulary_in_a_vale_ini_is_seen(tmp_path: Path) -> None:
    path = desk(tmp_path)
    ini = write(tmp_path / ".vale.ini", "StylesPath = styles\nVocab = Desk\n[*]\nBasedOnStyles = Extra\n")
    write(tmp_path / "styles" / "Extra" / "Words.yml", RULE)
    accept = write(tmp_path / "styles" / "config" / "vocabularies" / "Desk" / "accept.txt", "Arguably\n")
    age(tmp_path)
    assert "Utilise" not in load_house_style(path, vale_config=ini).accept
    assert entries()
    accept.write_text("Utilise\n", encoding="utf-8")
    age(tmp_path)
    assert "Utilise" in load_house_style(path, vale_config=ini).accept
    # A reject list created beside it is looked for too, though it did not exist when the style was cached.
    write(accept.parent / "reject.txt", "alright\n")
    age(tmp_path)
    assert "alright" in load_house_style(path, vale_config=ini).reject


def test_files_changed_moments_ago_are_not_cached(tmp_path: Path) -> None:
    path = desk(tmp_path)
    os.utime(tmp_path / "Desk" / "Jargon.yml")  # now: a change in this clock tick could go unseen
    load_house_style(path)
    assert entries() == []


def test_a_corrupt_entry_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = desk(tmp_path)
    load_house_style(path)
    (entry,) = entries()
    entry.write_bytes(b"not a pickle at all")
    assert [r.name for r in load_house_style(path).rules] == ["Desk.Jargon", "Desk.Percent"]
    with entry.open("rb") as fh:
        assert pickle.load(fh)["key"][0] == cache.FORMAT


def test_an_entry_for_other_code_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = desk(tmp_path)
    load_house_style(path)
    monkeypatch.setattr(cache, "__version__", "999.0")
    called: list[object] = []
    real = building.build_house_style

    def counting(*args: object, **kwargs: object) -> object:
        called.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(building, "build_house_style", counting)
    load_house_style(path)
    assert len(called) == 1


def test_validation_never_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = desk(tmp_path)
    load_house_style(path)

    def refuse(key: object) -> None:
        raise AssertionError("validation must read the files")

    monkeypatch.setattr(cache, "fetch", refuse)
    assert [r.name for r in load_house_style(path, use_cache=False).rules] == ["Desk.Jargon", "Desk.Percent"]


def test_an_unwritable_cache_folder_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("PROOFDESK_CACHE_DIR", str(blocker))
    path = desk(tmp_path / "style")
    assert [r.name for r in load_house_style(path).rules] == ["Desk.Jargon", "Desk.Percent"]
    assert [r.name for r in load_house_style(path).rules] == ["Desk.Jargon", "Desk.Percent"]


@pytest.mark.parametrize(
    ("source", "ignorecase", "text"),
    [
        (r"\b(?:per ?cent)\b", True, "Forty PER CENT, not percent."),
        (r"(?<![\d.])\d{5,}(?![\d.])", False, "It cost 250000 in 2019."),
        (r"\b\p{Lu}{2,}\b", False, "The BBC and the NHS."),
    ],
)
def test_a_pattern_survives_pickling_and_compiles_when_first_used(source: str, ignorecase: bool, text: str) -> None:
    original = regexes.compile_pattern(source, ignorecase=ignorecase)
    copy = pickle.loads(pickle.dumps(original))
    assert copy._compiled is None
    assert (copy.pattern, copy.flags, copy.groups, copy.linear, copy.untimed) == (
        original.pattern,
        original.flags,
        original.groups,
        original.linear,
        original.untimed,
    )
    assert [m.span() for m in copy.finditer(text)] == [m.span() for m in original.finditer(text)]
    assert [m.span() for m in copy.finditer(text)]


def test_a_runaway_rule_from_the_cache_is_still_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path / "evil.yaml",
        """
        name: Evil
        checks:
          style: {timeout-ms: 30}
        rules:
          House.Evil:
            extends: existence
            message: "x"
            nonword: true
            raw: ['(x+x+)+y']
        """,
    )
    age(tmp_path)
    load_house_style(path)
    no_building(monkeypatch)
    style = load_house_style(path)
    doc = document_from_text("x" * 3000 + " end.\n\n" + "x" * 2999 + " end.\n")
    started = time.perf_counter()
    found = Engine(EngineConfig(CheckContext(style=style)), checks=[HouseStyleCheck]).check(doc)
    assert time.perf_counter() - started < 2.0
    assert [f.rule for f in found] == [TIMEOUT_RULE]
    assert "House.Evil" in found[0].message
