"""The app's and the command line's settings reach the checks through one CheckContext."""

from __future__ import annotations

from proofdesk.core.config import build_context
from proofdesk.core.paths import resolve_paths
from proofdesk.core.settings import Settings


def test_public_languagetool_needs_the_opt_in() -> None:
    paths = resolve_paths()
    closed = build_context(language=None, style_path=None, vale_config=None, languagetool="off", paths=paths)
    opened = build_context(
        language=None, style_path=None, vale_config=None, languagetool="off", paths=paths, public_languagetool=True
    )
    assert closed.extra["languagetool_public_opt_in"] is False
    assert opened.extra["languagetool_public_opt_in"] is True


def test_grammar_defaults_to_auto_which_uses_only_a_local_install() -> None:
    assert Settings().languagetool == "auto"
    assert Settings(languagetool_mode="url", languagetool_url=" http://lt.desk:8081 ").languagetool == (
        "http://lt.desk:8081"
    )
    assert Settings(disabled_checks=["grammar"]).languagetool == "off"
