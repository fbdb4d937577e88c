"""Typography: spacing, dashes, quotes and ellipses (``typography.*``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from proofdesk.core.checks.base import Check, RuleInfo
from proofdesk.core.document import Block
from proofdesk.core.findings import Category, Finding, Severity

_DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")


class TypographyCheck(Check):
    family = "typography"
    rules = (
        RuleInfo("typography.double-space", Category.TYPOGRAPHY, Severity.WARNING, "Two or more spaces between words"),
    )

    def check_block(self, block: Block) -> Iterable[Finding]:
        text = block.text
        for m in _DOUBLE_SPACE.finditer(text):
            if block.is_skipped(m.start(), m.end()):
                continue
            yield self.finding(
                "typography.double-space", text, m.start(), m.end(), "Use a single space between words.", [" "]
            )


CHECKS = [TypographyCheck]
