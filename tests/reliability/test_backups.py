"""The original is never lost: backups are kept once per content, listed, verified and restored atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proofdesk.cli.main import main
from proofdesk.core.backups import BackupError, keep_original, list_backups, restore_backup
from proofdesk.core.paths import AppPaths, resolve_paths

ORIGINAL = "Harbour  news: teh ferry now runs twice a day.\n\nShare this article\n"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "config", tmp_path / "data")


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "desk" / "story.txt"
    p.parent.mkdir()
    p.write_text(ORIGINAL, encoding="utf-8")
    return p


def test_keep_original_copies_bytes_and_metadata(draft: Path, paths: AppPaths) -> None:
    copy = keep_original(draft, paths)
    assert copy.read_bytes() == draft.read_bytes()
    assert copy.is_relative_to(paths.backups)
    meta = json.loads(copy.with_name(copy.name + ".json").read_text(encoding="utf-8"))
    assert meta["original"] == str(draft.resolve())
    assert meta["size"] == len(ORIGINAL.encode())
    assert len(meta["sha256"]) == 64
    (backup,) = list_backups(draft, paths)
    assert backup.path == copy and backup.sha256 == meta["sha256"]


def test_same_content_is_kept_once(draft: Path, paths: AppPaths) -> None:
    first = keep_original(draft, paths)
    assert keep_original(draft, paths) == first
    draft.write_text("changed\n", encoding="utf-8")
    second = keep_original(draft, paths)
    assert second != first
    assert [b.path for b in list_backups(draft, paths)] == [second, first]  # newest first


def test_drafts_with_the_same_name_in_different_folders_do_not_mix(tmp_path: Path, paths: AppPaths) -> None:
    a, b = tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"
    for p, text in ((a, "A\n"), (b, "B\n")):
        p.parent.mkdir()
        p.write_text(text, encoding="utf-8")
        keep_original(p, paths)
    assert [x.path.read_text() for x in list_backups(a, paths)] == ["A\n"]
    assert [x.path.read_text() for x in list_backups(b, paths)] == ["B\n"]


def test_an_interrupted_backup_without_metadata_is_ignored(draft: Path, paths: AppPaths) -> None:
    copy = keep_original(draft, paths)
    copy.with_name(copy.name + ".json").unlink()
    assert list_backups(draft, paths) == []
    (copy.parent / "junk.txt.json").write_text("{not json", encoding="utf-8")
    assert list_backups(draft, paths) == []


def test_restore_puts_the_exact_bytes_back(draft: Path, paths: AppPaths) -> None:
    keep_original(draft, paths)
    draft.write_text("ruined", encoding="utf-8")
    (backup,) = list_backups(draft, paths)
    restore_backup(backup, draft)
    assert draft.read_text(encoding="utf-8") == ORIGINAL


def test_a_damaged_backup_is_refused_not_restored(draft: Path, paths: AppPaths) -> None:
    copy = keep_original(draft, paths)
    copy.write_text("bit rot", encoding="utf-8")
    draft.write_text("current", encoding="utf-8")
    (backup,) = list_backups(draft, paths)
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(backup, draft)
    assert draft.read_text(encoding="utf-8") == "current"


def test_missing_draft_cannot_be_backed_up(tmp_path: Path, paths: AppPaths) -> None:
    with pytest.raises(BackupError, match="cannot read"):
        keep_original(tmp_path / "gone.txt", paths)


# --- through the command line -------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_fix_in_place_keeps_the_original_and_restore_brings_it_back(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    code, _, err = cli(
        capsys, "--data", data, "fix", draft, "--in-place", "--accept", "typography", "--languagetool", "off"
    )
    assert code == 0, err
    fixed = draft.read_text(encoding="utf-8")
    assert fixed != ORIGINAL
    assert "original kept in" in err

    code, out, _ = cli(capsys, "--data", data, "restore", draft, "--list")
    assert code == 0
    assert len(out.splitlines()) == 1 and "fix --in-place" in out

    code, out, err = cli(capsys, "--data", data, "restore", draft)
    assert code == 0, err
    assert draft.read_text(encoding="utf-8") == ORIGINAL
    # The fixed text was kept before the restore, so the restore itself can be undone.
    code, out, _ = cli(capsys, "--data", data, "restore", draft, "--list")
    assert len(out.splitlines()) == 2 and "before restore" in out.splitlines()[0]
    code, _, _ = cli(capsys, "--data", data, "restore", draft, "--pick", "1")
    assert draft.read_text(encoding="utf-8") == fixed


def test_restore_of_identical_content_changes_nothing(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = resolve_paths(tmp_path / "c", tmp_path / "d")
    keep_original(draft, paths)
    code, out, _ = cli(capsys, "--data", tmp_path / "d", "restore", draft)
    assert code == 0 and "nothing to do" in out
    assert len(list_backups(draft, paths)) == 1


def test_restore_recreates_a_deleted_draft(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keep_original(draft, resolve_paths(tmp_path / "c", tmp_path / "d"))
    draft.unlink()
    code, _, err = cli(capsys, "--data", tmp_path / "d", "restore", draft)
    assert code == 0, err
    assert draft.read_text(encoding="utf-8") == ORIGINAL


def test_pick_beyond_the_list_is_a_usage_error(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keep_original(draft, resolve_paths(tmp_path / "c", tmp_path / "d"))
    code, _, err = cli(capsys, "--data", tmp_path / "d", "restore", draft, "--pick", "5")
    assert code == 2
    assert "only 1 backup" in err


def test_fix_in_place_with_nothing_to_fix_leaves_the_file_and_keeps_no_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("A clean sentence.\n", encoding="utf-8")
    before = clean.stat().st_mtime_ns
    code, _, err = cli(
        capsys, "--data", tmp_path / "d", "fix", clean, "--in-place", "--accept", "typography", "--languagetool", "off"
    )
    assert code == 0, err
    assert "nothing to fix" in err
    assert clean.stat().st_mtime_ns == before
    assert list_backups(clean, resolve_paths(tmp_path / "c", tmp_path / "d")) == []


def test_restore_into_a_missing_folder_is_a_backup_error(draft: Path, tmp_path: Path, paths: AppPaths) -> None:
    keep_original(draft, paths)
    (backup,) = list_backups(draft, paths)
    with pytest.raises(BackupError, match="does not exist"):
        restore_backup(backup, tmp_path / "gone" / "story.txt")


def test_backups_folder_that_cannot_be_created_is_a_backup_error(draft: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "data-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BackupError, match="cannot keep a backup"):
        keep_original(draft, resolve_paths(tmp_path / "c", blocker))
