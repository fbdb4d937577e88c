"""Hostile drafts and style files (issue 8 item 6): nothing runs, nothing leaks, nothing half-written.

- house styles are safe-loaded: a ``!!python/…`` tag is a clear error and never constructs anything;
- exported HTML (clean copy and change report) carries every character of the draft as text, never markup;
- paths inside a style cannot reach beyond the style's own folder;
- the personal dictionary, settings and autosave journal are written atomically, and a corrupted one is set
  aside with a message instead of stopping the program;
- draft text that looks like shell, template or format syntax is only ever text.
"""

from __future__ import annotations

import json
import os
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_runner import run_main
from proofdesk.core.autosave import Journal, orphaned_journals
from proofdesk.core.document import document_from_text
from proofdesk.core.io.errors import InputError, OutputError
from proofdesk.core.io.readers import read_document
from proofdesk.core.io.writers import render
from proofdesk.core.settings import Settings, load_settings, save_settings
from proofdesk.core.style.errors import StyleError
from proofdesk.core.style.loader import load_house_style
from proofdesk.core.vocabulary import PersonalDictionary

DRAFT = "The harbour board met on Monday.\n"


# --- YAML is only ever safe-loaded ------------------------------------------------------------------------------

# Each would run `touch <sentinel>` (or import a module) under yaml.unsafe_load / full_load.
PYTHON_TAGS = [
    "name: !!python/object/apply:os.system ['touch {sentinel}']\n",
    "name: Desk\nrules:\n  House.X: !!python/object/apply:subprocess.call [['touch', '{sentinel}']]\n",
    "name: !!python/object/new:os.system ['touch {sentinel}']\n",
    "name: Desk\nchecks:\n  furniture: !!python/name:os.system\n",
    "name: Desk\nvocabulary:\n  accept: [!!python/object:pathlib.PosixPath {{}}]\n",
]


@pytest.mark.parametrize("body", PYTHON_TAGS, ids=["apply", "apply-in-rule", "new", "name", "object"])
def test_python_tags_in_a_house_style_are_refused_and_never_run(
    body: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sentinel = tmp_path / "PWNED"
    style = tmp_path / "house.yaml"
    style.write_text(body.format(sentinel=sentinel), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_house_style(style)
    assert any("unsupported YAML tag" in p and "python/" in p for p in info.value.problems), info.value.problems
    code, out, err = run_main(["check", str(draft), "--style", str(style), "--languagetool", "off"], capsys)
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"{style}:" in err and "unsupported YAML tag" in err
    assert not sentinel.exists(), "a YAML tag was executed"


def test_python_tag_in_a_vale_rule_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentinel = tmp_path / "PWNED"
    rules = tmp_path / "styles" / "Desk"
    rules.mkdir(parents=True)
    (rules / "Evil.yml").write_text(
        f"extends: existence\nmessage: !!python/object/apply:os.system ['touch {sentinel}']\ntokens: [x]\n",
        encoding="utf-8",
    )
    style = tmp_path / "house.yaml"
    style.write_text("name: Desk\nvale: [styles]\n", encoding="utf-8")
    code, out, _ = run_main(["style", "validate", str(style)], capsys)
    assert code == 2
    assert f"{rules / 'Evil.yml'}:2:" in out and "unsupported YAML tag" in out
    assert not sentinel.exists()


# --- exported HTML escapes everything from the draft -------------------------------------------------------------

HOSTILE = [
    "<script>alert('harbour')</script>",
    '<img src="x" onerror="alert(1)">',
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    '<a href="javascript:alert(2)">the timetable</a>',
    '<svg onload="alert(3)"><circle r="1"/></svg>',
    "[the timetable](javascript:alert(4))",
    "[the fares](&#106;avascript:alert(5))",
    "[the quay](JaVaScRiPt&colon;alert(6))",
    "![photo](x onerror=alert(7))",
    "<style>body{background:url(javascript:alert(8))}</style>",
    '<div style="background:url(javascript:alert(9))">text</div>',
    "&lt;script&gt;alert(10)&lt;/script&gt;",
    "<!-- <script>alert(11)</script> -->",
    '"><script>alert(12)</script>',
]
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


DANGEROUS_TAGS = frozenset(
    {"script", "img", "iframe", "svg", "style", "object", "embed", "form", "input", "base", "link"}
)
SAFE_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "lang", "charset", "class", "id", "colspan"})


def assert_inert_html(html: str, allow: frozenset[str] = frozenset()) -> _Markup:
    """No active tag, no event handler or inline style, no script-bearing URL anywhere in ``html``."""
    page = _Markup()
    page.feed(html)
    page.close()
    found = (DANGEROUS_TAGS - allow) & set(page.tags)
    assert not found, sorted(found)
    for name, value in page.attrs:
        assert name in SAFE_ATTRIBUTES, (name, value)
        seen = "".join(ch for ch in unquote(value) if ch > " ").lower()
        assert not seen.startswith(_BAD_SCHEMES), (name, value)
    return page


def _hostile_draft(tmp: Path, suffix: str) -> Path:
    lines = [f"Paragraph {i} quotes {h} in the story." for i, h in enumerate(HOSTILE)]
    path = tmp / f"hostile{suffix}"
    if suffix == ".html":
        # An HTML draft carries the hostile text as text (escaped): that text must stay text on the way out.
        from html import escape

        path.write_text("<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in lines), encoding="utf-8")
    else:
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_exported_html_never_carries_markup_from_the_draft(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _hostile_draft(tmp_path, suffix)
    out = tmp_path / "clean.html"
    code, _, err = run_main(["export", str(draft), "--to", "html", "-o", str(out), "--languagetool", "off"], capsys)
    assert code == 0, err
    # Markdown's own image syntax may make an <img>, but only with a harmless src (checked like any URL).
    page = assert_inert_html(out.read_text(encoding="utf-8"), frozenset({"img"}) if suffix == ".md" else frozenset())
    shown = "".join(page.text)
    if suffix != ".md":
        # Plain text and HTML text are shown as typed, so every hostile string is visible, not dropped.
        for hostile in HOSTILE:
            assert hostile in shown or hostile.replace("&lt;", "<").replace("&gt;", ">") in shown, hostile


_MARKUP_WORDS = ["script", "img", "onerror=", "javascript:", "vbscript:", "data:", "&amp;", "&#106;", "&#x6A;"]
_MARKUP_WORDS += ["&colon;", "<a href=", "<svg", "<!--", "-->", "1.", "    ", "harbour", "http://x"]
_MARKUP_BITS = st.sampled_from([*"<>&\"'`[]()!*_#=-+.:;/\\ \n\t", *_MARKUP_WORDS])
_hostile_text = st.lists(_MARKUP_BITS, min_size=1, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_hostile_text)
def test_fuzz_plain_text_exports_to_inert_html_showing_exactly_the_text(text: str) -> None:
    if not text.strip():
        return
    html = render(document_from_text(text), text, "html").decode("utf-8")
    body = assert_inert_html(html.split("<body>", 1)[1])
    assert " ".join("".join(body.text).split()) == " ".join(text.split())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_hostile_text, st.sampled_from([".md", ".html"]))
def test_fuzz_markdown_and_html_drafts_export_to_inert_html(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        doc = read_document(path)
    except InputError:
        return
    assert_inert_html(
        render(doc, doc.text, "html").decode("utf-8"), frozenset({"img"}) if suffix == ".md" else frozenset()
    )


def test_change_report_html_escapes_the_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A duplicated paragraph is removed by the clean copy, so its hostile text lands in the change report.
    line = 'The mayor said <script>alert("report")</script> <img src=x onerror=alert(1)> was fine.'
    draft = tmp_path / "dupe.txt"
    draft.write_text(f"{line}\n\nFares rise next month.\n\n{line}\n", encoding="utf-8")
    report = tmp_path / "changes.html"
    argv = ["export", str(draft), "--to", "txt", "-o", str(tmp_path / "clean.txt"), "--report", str(report)]
    code, _, err = run_main([*argv, "--languagetool", "off"], capsys)
    assert code == 0, err
    html = report.read_text(encoding="utf-8")
    # The report's own stylesheet is the one <style> allowed; anything from the draft is text.
    page = assert_inert_html(html, frozenset({"style"}))
    assert html.count("<style") == 1 and "alert" not in html.split("</style>")[0]
    assert "<script>" in "".join(page.text), "the removed text must be shown in the report, as text"


# --- paths in style files stay inside the style's folder ----------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("name: TOP-SECRET-STYLE\n", encoding="utf-8")
    vale = outside / "Secret"
    vale.mkdir()
    (vale / "Leak.yml").write_text("extends: existence\nmessage: TOP-SECRET-RULE\ntokens: [the]\n", encoding="utf-8")
    (tmp_path / "desk").mkdir()
    return outside


ESCAPES = [
    ("name: Desk\nextends: ['../outside/secret.yaml']\n", "'extends'"),
    ("name: Desk\nextends: ['../../../../../../etc/passwd']\n", "'extends'"),
    ("name: Desk\nextends: ['/etc/passwd']\n", "'extends'"),
    ("name: Desk\nextends: ['~/.config/secret.yaml']\n", "'extends'"),
    ("name: Desk\nvale: ['../outside']\n", "'vale' folder"),
    ("name: Desk\nvale: ['../../../../../../etc']\n", "'vale' folder"),
    ("name: Desk\nvale: ['/etc']\n", "'vale' folder"),
]


@pytest.mark.parametrize(("body", "what"), ESCAPES, ids=[f"{w.strip(chr(39))}-{i}" for i, (_, w) in enumerate(ESCAPES)])
def test_style_paths_cannot_leave_the_style_folder(
    body: str, what: str, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    style = secret.parent / "desk" / "house.yaml"
    style.write_text(body, encoding="utf-8")
    draft = secret.parent / "desk" / "draft.txt"
    draft.write_text("The council met. The the vote passed.\n", encoding="utf-8")
    code, out, err = run_main(["check", str(draft), "--style", str(style), "--languagetool", "off"], capsys)
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"{style}:2:" in err and what in err
    assert "must be a path relative" in err or "points outside" in err, err
    assert "TOP-SECRET" not in err + out and "root:" not in err


def test_a_symlink_in_a_vale_folder_cannot_reach_outside(secret: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk = secret.parent / "desk"
    rules = desk / "styles" / "Desk"
    rules.mkdir(parents=True)
    (rules / "Fine.yml").write_text("extends: existence\nmessage: fine\ntokens: [quay]\n", encoding="utf-8")
    (rules / "Leak.yml").symlink_to(secret / "Secret" / "Leak.yml")
    style = desk / "house.yaml"
    style.write_text("name: Desk\nvale: [styles]\n", encoding="utf-8")
    code, out, _ = run_main(["style", "validate", str(style)], capsys)
    assert code == 2
    assert "Leak.yml" in out and "links outside" in out and "TOP-SECRET" not in out


def test_vale_ini_styles_path_cannot_leave_its_folder(secret: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk = secret.parent / "desk"
    ini = desk / ".vale.ini"
    ini.write_text("StylesPath = ../outside\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = Secret\n")
    draft = desk / "draft.txt"
    draft.write_text("The council met on the quay.\n", encoding="utf-8")
    code, out, err = run_main(["check", str(draft), "--vale-config", str(ini), "--languagetool", "off"], capsys)
    assert code == 2 and out == ""
    assert "outside the folder of the .vale.ini" in err and "TOP-SECRET" not in err


# --- personal dictionary, settings and journal: atomic writes, corrupt files set aside -----------------------------


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)


def test_dictionary_write_that_fails_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "personal.txt"
    words = PersonalDictionary(path)
    words.add("Zhigang")
    before = path.read_bytes()
    _fail_fsync(monkeypatch)
    with pytest.raises(OutputError, match="No space left"):
        words.add("Brennan")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["personal.txt"], "a temp file was left behind"
    monkeypatch.undo()
    assert PersonalDictionary(path).words() == {"Zhigang"}


def test_settings_write_that_fails_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(language="en-US"))
    before = path.read_bytes()
    _fail_fsync(monkeypatch)
    with pytest.raises(OutputError):
        save_settings(path, Settings(language="en-GB", theme="dark"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
    monkeypatch.undo()
    assert load_settings(path) == (Settings(language="en-US"), [])


CORRUPT_DICTIONARIES = {
    "binary": bytes(range(256)),
    "NUL bytes": b"Zhigang\x00Brennan\n",
    "not UTF-8": b"caf\xe9\n",
}


@pytest.mark.parametrize("data", list(CORRUPT_DICTIONARIES.values()), ids=list(CORRUPT_DICTIONARIES))
def test_corrupt_dictionary_is_set_aside_with_a_notice(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "personal.txt"
    path.write_bytes(data)
    words = PersonalDictionary(path)
    assert words.words() == frozenset()
    aside = tmp_path / "personal.txt.corrupt-1"
    assert aside.read_bytes() == data, "the corrupt file must be kept, not deleted"
    assert len(words.notices) == 1 and str(aside) in words.notices[0]
    assert words.add("Zhigang") and PersonalDictionary(path).words() == {"Zhigang"}


def test_corrupt_dictionary_is_reported_by_the_dict_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "personal-dictionary.txt").write_bytes(b"\x00\x01\x02 junk")
    code, _, err = run_main(["--data", str(data), "dict", "list"], capsys)
    assert code == 0 and "Traceback" not in err
    assert "moved it to" in err


def test_check_says_when_it_sets_a_corrupt_dictionary_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    from proofdesk.core.paths import resolve_paths

    dictionary = resolve_paths(None, str(data)).personal_dictionary
    dictionary.write_bytes(b"\x00\x01\x02 junk")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, _, err = run_main(["--data", str(data), "check", str(draft), "--languagetool", "off"], capsys)
    assert code in (0, 1) and "Traceback" not in err
    assert not dictionary.exists() and dictionary.with_name(dictionary.name + ".corrupt-1").exists()
    assert "personal dictionary" in err and "moved it to" in err


CORRUPT_SETTINGS = {
    "not JSON": b'{"language": "en-GB",',
    "binary": bytes(range(256)),
    "a list": b"[1, 2, 3]",
    "wrong type": b'{"editor_font_size": "huge"}',
    "empty": b"",
}


@pytest.mark.parametrize("data", list(CORRUPT_SETTINGS.values()), ids=list(CORRUPT_SETTINGS))
def test_corrupt_settings_are_set_aside_with_a_message(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(data)
    settings, messages = load_settings(path)
    assert settings == Settings()
    assert len(messages) == 1 and str(path) in messages[0] and "defaults are in use" in messages[0]
    (aside,) = tmp_path.glob("settings.json.corrupt-*")
    assert aside.read_bytes() == data and not path.exists()


def test_deeply_nested_settings_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    settings, messages = load_settings(path)
    assert settings == Settings() and messages


def test_journal_is_written_atomically_and_corrupt_ones_are_set_aside(tmp_path: Path) -> None:
    journals = tmp_path / "autosave"
    journals.mkdir()
    (journals / "broken.journal.json").write_text('{"text": "half a sto', encoding="utf-8")
    assert orphaned_journals(journals) == []
    assert (journals / "broken.journal.json.corrupt").exists()
    journal = Journal(journals, tmp_path / "story.txt")
    assert journal.write("The ferry now runs twice a day.")
    assert json.loads(journal.file.read_text(encoding="utf-8"))["text"] == "The ferry now runs twice a day."
    assert [p.name for p in journals.iterdir() if p.name.endswith(".tmp")] == []


def test_a_journal_that_is_not_an_object_is_set_aside(tmp_path: Path) -> None:
    journals = tmp_path / "autosave"
    journals.mkdir()
    (journals / "odd.journal.json").write_text("[]", encoding="utf-8")
    assert orphaned_journals(journals) == []
    assert (journals / "odd.journal.json.corrupt").exists()


# --- nothing in a draft is executed ----------------------------------------------------------------------------------


def test_draft_text_that_looks_like_code_is_only_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentinel = tmp_path / "PWNED"
    lines = [
        f"The vote was $(touch {sentinel}) and `touch {sentinel}` on the day.",
        "Turnout was {{7*7}} and ${HOME} and %s %d %n {0} {text!r} {0.__class__} per cent.",
        f"<?php system('touch {sentinel}'); ?> said the mayor.",
        "__import__('os').system('touch " + str(sentinel) + "') was on the agenda.",
        "<!-- vale off --> The the quay reopens on Monday.",
    ]
    text = "\n\n".join(lines) + "\n"
    for suffix in (".txt", ".md", ".html"):
        draft = tmp_path / f"code{suffix}"
        draft.write_text(text, encoding="utf-8")
        code, out, err = run_main(["check", str(draft), "--format", "json", "--languagetool", "off"], capsys)
        assert code in (0, 1) and "Traceback" not in err, err
        loaded = read_document(draft).text
        for f in json.loads(out)["files"][0]["findings"]:
            assert loaded[f["start"] : f["end"]] == f["text"]
            assert str(Path.home()) not in f["message"] and "49" not in f["message"]
        copy = tmp_path / f"copy{suffix}"
        code, _, err = run_main(["export", str(draft), "--to", "txt", "-o", str(copy), "--languagetool", "off"], capsys)
        assert code == 0, err
        exported = copy.read_text(encoding="utf-8")
        assert "{{7*7}}" in exported and "${HOME}" in exported and "%s %d %n {0}" in exported
    assert not sentinel.exists(), "draft text was executed"
    assert sys.modules.get("proofdesk") is not None


# --- XML inside a .docx: no external entities, no entity bombs ---------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_body(tmp: Path, name: str, document_xml: str) -> Path:
    import io
    import zipfile

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    source = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in source.infolist():
            data = source.read(info.filename)
            zf.writestr(info, document_xml.encode() if info.filename == "word/document.xml" else data)
    path = tmp / name
    path.write_bytes(out.getvalue())
    return path


def test_docx_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>Council notes &x; here</w:t></w:r></w:p></w:body></w:document>"
    )
    try:
        text = read_document(_docx_with_body(tmp_path, "xxe.docx", xml)).text
    except InputError:
        return  # refusing the file is as good as not resolving the entity
    assert "TOP-SECRET" not in text and text.startswith("Council notes")


def test_docx_entity_bomb_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)
    )
    xml = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><w:document {_W}><w:body><w:p><w:r><w:t>&i;</w:t>'
    xml += "</w:r></w:p></w:body></w:document>"
    with pytest.raises(InputError, match="is damaged"):
        read_document(_docx_with_body(tmp_path, "bomb.docx", xml))


# --- a clean copy never drops story text -----------------------------------------------------------------------


def test_export_keeps_a_last_paragraph_that_lacks_a_full_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = (
        "Members said the ferry timetable would change in the spring, and fares would rise by a small amount "
        "for island residents"
    )
    draft = tmp_path / "story.txt"
    draft.write_text(f"The council met on Monday to discuss the harbour.\n\n{last}\n", encoding="utf-8")
    out = tmp_path / "clean.txt"
    code, _, err = run_main(["export", str(draft), "--to", "txt", "-o", str(out), "--languagetool", "off"], capsys)
    assert code == 0, err
    assert last in out.read_text(encoding="utf-8")
