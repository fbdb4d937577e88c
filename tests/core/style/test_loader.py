"""Loading house styles: merging, and a precise file:line:col error for every kind of mistake."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from proofdesk.core.style.errors import StyleError
from proofdesk.core.style.loader import load_house_style, load_vale_folder
from proofdesk.core.style.vale.base import Rule


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(StyleError) as info:
        load_house_style(path, **kwargs)  # type: ignore[arg-type]
    return info.value.problems


def test_bundled_default_is_british() -> None:
    style = load_house_style(None)
    assert style.language == "en-GB"
    assert style.name == "Newsroom (British)"
    assert load_house_style(None, language="en-US").name == "Newsroom (American)"


def test_unknown_bundled_language() -> None:
    with pytest.raises(StyleError) as info:
        load_house_style(None, language="fr-FR")
    assert "no bundled house style for language 'fr-FR'" in info.value.problems[0]


def test_full_example_from_the_design(tmp_path: Path) -> None:
    write(
        tmp_path / "other-style.yaml",
        """
        name: Base
        vocabulary: {accept: [Zhigang], reject: [alright]}
        checks:
          typography.quotes: {style: straight}
          furniture: {extra-lines: ['Share this']}
    """,
    )
    path = write(
        tmp_path / "desk.yaml",
        """
        name: Desk style
        language: en-GB
        extends: [other-style.yaml]
        vocabulary:
          accept: [Xi Jinping, SASAC]
          reject: [alright]
        rules:
          House.PerCent:
            extends: substitution
            message: "Use '%s' instead of '%s'."
            level: warning
            ignorecase: true
            swap: {percent: per cent}
        checks:
          typography.quotes: {style: curly}
          attribution.credit-line: {patterns: ['^Reporting by .+; Editing by .+$']}
    """,
    )
    style = load_house_style(path)
    assert style.name == "Desk style"
    assert style.accept == {"Zhigang", "Xi Jinping", "SASAC"}
    assert style.reject == {"alright"}
    assert style.options("typography.quotes") == {"style": "curly"}
    assert style.options("furniture") == {"extra-lines": ["Share this"]}
    assert [r.name for r in style.rules] == ["House.PerCent"]


def test_later_extends_wins_for_same_rule(tmp_path: Path) -> None:
    rule = """
        rules:
          House.Word:
            extends: existence
            message: "{msg}"
            tokens: [foo]
    """
    write(tmp_path / "a.yaml", "name: A\n" + textwrap.dedent(rule).format(msg="from a"))
    write(tmp_path / "b.yaml", "name: B\n" + textwrap.dedent(rule).format(msg="from b"))
    style = load_house_style(write(tmp_path / "c.yaml", "name: C\nextends: [a.yaml, b.yaml]\n"))
    (only,) = style.rules
    assert isinstance(only, Rule) and only.message == "from b"


def test_extends_a_bundled_style_by_name(tmp_path: Path) -> None:
    style = load_house_style(write(tmp_path / "desk.yaml", "name: Desk\nextends: newsroom-en-GB\n"))
    assert len(style.rules) >= 40 and style.name == "Desk"


def test_unknown_keys_and_wrong_types_with_positions(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.yaml",
        """
        name: [not, text]
        langauge: en-GB
        vocabulary:
          accept: Zhigang
        rules:
          House.X:
            extends: existence
            message: hi
            tokens: [a]
            ignorecase: maybe
            tokns: [b]
    """,
    )
    assert problems(path) == [
        f"{path}:1:7: 'name' must be text (found a list)",
        f"{path}:2:1: unknown key 'langauge' (did you mean 'language'?)",
        f"{path}:4:11: 'vocabulary.accept' must be a list of text items (found text)",
        f"{path}:10:17: rule House.X: 'ignorecase' must be true or false (found text)",
        f"{path}:11:5: rule House.X: unknown key 'tokns' for a existence rule (did you mean 'tokens'?)",
    ]


def test_bad_regex_points_at_the_token(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.yaml",
        """
        rules:
          House.X:
            extends: existence
            message: hi
            tokens:
              - fine
              - 'broken(['
    """,
    )
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:7:9: rule House.X: bad regular expression 'broken(['")


def test_missing_required_keys_and_unknown_type(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.yaml",
        """
        rules:
          House.A:
            extends: substitution
            message: hi
          House.B:
            extends: existance
            message: hi
          House.C:
            extends: existence
            tokens: [x]
    """,
    )
    assert problems(path) == [
        f"{path}:3:5: rule House.A: a substitution rule needs 'swap' (pairs of 'observed: expected')",
        f"{path}:6:14: rule House.B: unknown rule type 'existance' (did you mean 'existence'?)",
        f"{path}:9:5: rule House.C: missing 'message' (the text shown to the writer; '%s' takes the match)",
    ]


def test_duplicate_rule_names(tmp_path: Path) -> None:
    write(tmp_path / "Vale" / "House" / "X.yml", "extends: existence\nmessage: hi\ntokens: [a]\n")
    path = write(
        tmp_path / "s.yaml",
        """
        vale: [Vale]
        rules:
          House.X:
            extends: existence
            message: hi
            tokens: [b]
          House.X:
            extends: existence
            message: again
            tokens: [c]
    """,
    )
    found = problems(path)
    assert f"{path}:7:3: 'rules': duplicate key 'House.X' (first defined on line 3)" in found
    assert any(p.startswith(f"{path}:4:5: duplicate rule name House.X (already defined at ") for p in found)


def test_missing_extends_file_and_cycle(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "extends: [b.yaml, gone.yaml]\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    found = problems(path)
    assert any("'extends' goes round in a circle: a.yaml → b.yaml → a.yaml" in p for p in found)
    assert (
        f"{path}:1:19: 'extends': no such style file 'gone.yaml' (looked for {tmp_path.resolve() / 'gone.yaml'})"
        in found
    )


def test_paths_may_not_escape_the_style_folder(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.yaml", "name: secret\n")
    path = write(tmp_path / "desk" / "s.yaml", f"extends: [../secret.yaml, {secret}]\nvale: [/etc]\n")
    found = problems(path)
    assert len(found) == 3
    assert all("points outside" in p for p in found)


def test_yaml_syntax_error_has_position(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", "name: x\nrules: {House.X: [\n")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:3:1: YAML syntax error")


def test_unsafe_yaml_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", "name: !!python/object/apply:os.system ['echo hacked']\n")
    (problem,) = problems(path)
    assert (
        problem == f"{path}:1:7: unsupported YAML tag tag:yaml.org,2002:python/object/apply:os.system (a style "
        "holds only text, numbers, true/false, lists and mappings)"
    )


def test_unsupported_vale_types_become_notices(tmp_path: Path) -> None:
    write(tmp_path / "Style" / "Read.yml", "extends: readability\nmessage: x\nmetrics: [SMOG]\ngrade: 8\n")
    write(tmp_path / "Style" / "Word.yml", "extends: existence\nmessage: x\ntokens: [foo]\n")
    style = load_vale_folder(tmp_path / "Style")
    assert [r.name for r in style.rules] == ["Style.Word"]
    assert any("Style.Read skipped" in n and "'readability'" in n for n in style.notices)


def test_style_runner_settings_are_checked(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.yaml",
        """
        checks:
          style: {timeout-ms: fast, skip-quote: true}
    """,
    )
    assert problems(path) == [
        f"{path}:2:23: 'checks.style.timeout-ms' must be a number of milliseconds from 1 to 60000",
        f"{path}:2:29: 'checks.style': unknown setting 'skip-quote' (expected skip-quotes, timeout-ms)",
    ]
