"""Linux desktop integration files validate with Debian's own validators and agree on one app id."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from proofdesk import __version__
from proofdesk.core.paths import APP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (make test installs it as root: apt package of the same family)")
    return path


def test_desktop_file_validates() -> None:
    out = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_metainfo_validates() -> None:
    out = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_one_app_id_everywhere() -> None:
    tree = ET.parse(METAINFO)
    assert tree.findtext("id") == APP_ID
    assert tree.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    entries = dict(line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert entries["Icon"] == APP_ID
    assert "proofdesk" in entries["Exec"]
    for mime in ("text/plain", "text/markdown", "text/html", "wordprocessingml.document"):
        assert mime in entries["MimeType"]


def test_release_matches_package_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__
    releases = ET.parse(METAINFO).findall("releases/release")
    assert releases and releases[0].get("version") == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_sizes_exist(size: int) -> None:
    png = ROOT / "resources" / "icons" / "app" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == size
