"""The personal dictionary file and ``proofdesk dict``."""

from __future__ import annotations

from pathlib import Path

import pytest

from proofdesk.core.vocabulary import PersonalDictionary, VocabularyError


def test_add_list_remove(tmp_path: Path) -> None:
    d = PersonalDictionary(tmp_path / "sub" / "personal.txt")
    assert d.words() == frozenset()
    assert d.add("Zhigang") is True
    assert d.add("Zhigang") is False
    assert d.add("Trelawny’s") is True  # stored with a straight apostrophe
    assert d.words() == {"Zhigang", "Trelawny's"}
    assert PersonalDictionary(d.path).words() == {"Zhigang", "Trelawny's"}
    assert d.remove("Zhigang") is True
    assert d.remove("Zhigang") is False
    assert d.words() == {"Trelawny's"}
    assert not list(d.path.parent.glob("*.tmp"))


@pytest.mark.parametrize("bad", ["", "   ", "two words", "x" * 101, "tab\there"])
def test_bad_words_are_refused_clearly(tmp_path: Path, bad: str) -> None:
    with pytest.raises(VocabularyError):
        PersonalDictionary(tmp_path / "p.txt").add(bad)


def test_a_corrupt_file_is_set_aside_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(b"\xff\xfe\x00\x00garbage")
    d = PersonalDictionary(path)
    assert d.words() == frozenset()
    assert d.notices and "moved it to" in d.notices[0]
    assert (tmp_path / "p.txt.corrupt-1").exists()
    assert d.add("Zhigang")
    assert d.words() == {"Zhigang"}


def test_hand_edited_lines_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text("# mine\nZhigang\n\n  Kelmarsh  \nnot a word\n", encoding="utf-8")
    assert PersonalDictionary(path).words() == {"Zhigang", "Kelmarsh"}


def test_dict_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from proofdesk.cli.main import main

    data = tmp_path / "data"
    assert main(["--data", str(data), "dict", "add", "Zhigang", "Kelmarsh"]) == 0
    assert main(["--data", str(data), "dict", "list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-2:] == ["Kelmarsh", "Zhigang"]
    assert main(["--data", str(data), "dict", "remove", "Kelmarsh"]) == 0
    assert main(["--data", str(data), "dict", "remove", "Kelmarsh"]) == 1
    assert main(["--data", str(data), "dict", "add", "two words"]) == 2
    err = capsys.readouterr().err
    assert "one word at a time" in err and "Traceback" not in err
    assert PersonalDictionary(data / "personal-dictionary.txt").words() == {"Zhigang"}


def test_personal_words_reach_the_spelling_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from proofdesk.cli.main import main

    draft = tmp_path / "draft.txt"
    draft.write_text("The Kelmarsch council met.\n", encoding="utf-8")
    data = tmp_path / "data"
    args = ["--data", str(data), "check", "--only", "spelling", "--format", "json", "--languagetool", "off"]
    main([*args, str(draft)])
    before = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    main(["--data", str(data), "dict", "add", "Kelmarsch"])
    capsys.readouterr()
    main([*args, str(draft)])
    after = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [f["text"] for f in before] == ["Kelmarsch"] or before == []
    assert after == []
