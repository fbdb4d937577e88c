"""Run only the spelling family over a text (imported by the spelling tests; pytest puts this folder on sys.path)."""

from __future__ import annotations

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.spelling import SpellingCheck
from proofdesk.core.document import document_from_text
from proofdesk.core.engine import Engine, EngineConfig
from proofdesk.core.findings import Finding
from proofdesk.core.style.model import HouseStyle


def spell(
    text: str,
    *,
    language: str = "en-GB",
    accept: tuple[str, ...] = (),
    reject: tuple[str, ...] = (),
    personal: tuple[str, ...] = (),
    checks: dict[str, dict[str, object]] | None = None,
) -> list[Finding]:
    style = HouseStyle(language=language, accept=frozenset(accept), reject=frozenset(reject), checks=dict(checks or {}))
    ctx = CheckContext(language=language, style=style, personal_words=frozenset(personal))
    engine = Engine(EngineConfig(ctx), checks=[SpellingCheck])
    return engine.check(document_from_text(text))
