"""HTML clean copy through Python-Markdown, with every character of the draft escaped.

Python-Markdown passes raw HTML and entities through by design. Drafts are not trusted markup (a pasted
<script> or an <iframe> from a scraped page must stay text), so the raw-HTML, entity and autolink
handlers are removed and links to anything but web, mail and relative addresses lose their target.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import markdown

_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
# Markup Python-Markdown reacts to anywhere in a line / only at the start of one.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^([#>+-]|\d+(?=[.)]))")
_SETEXT_EQ = re.compile(r"^=+[ \t]*$")
# A line of '=' under text would become a heading underline, and '=' has no backslash escape in
# Python-Markdown; the line's first '=' travels as this marker and is restored after conversion.
_EQ_MARK = "\ue000pd-eq\ue000"
_ENTITY = r"(&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);)"


def safe_markdown(decode_entities: bool = True) -> markdown.Markdown:
    import markdown as md_lib
    from markdown.inlinepatterns import InlineProcessor
    from markdown.postprocessors import Postprocessor
    from markdown.treeprocessors import Treeprocessor

    class _Entity(InlineProcessor):
        # The serializer leaves entity-shaped text alone, so handle entities here: in Markdown '&mdash;' means
        # a dash (decoded, then escaped again); in plain text '&amp;' was typed and must show as '&amp;'.
        def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
            shown = unescape(m.group(1)) if decode_entities else m.group(1)
            return self.md.htmlStash.store(escape(shown, quote=False)), m.start(0), m.end(0)

    class _RestoreEq(Postprocessor):
        def run(self, text: str) -> str:
            return text.replace(_EQ_MARK, "=")

    class _LinkGuard(Treeprocessor):
        def run(self, root: Any) -> None:
            for el in root.iter():
                for attr in ("href", "src"):
                    value = el.get(attr)
                    if value is not None and not _SAFE_SCHEME.match(value.strip()):
                        del el.attrib[attr]

    md = md_lib.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")
    for name in ("html", "entity", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    # Only _Entity stores in the HTML stash now, so restoring the stash restores escaped text only.
    md.inlinePatterns.register(_Entity(_ENTITY, md), "proofdesk_entity", 70)
    md.postprocessors.register(_RestoreEq(md), "proofdesk_eq", 5)
    md.treeprocessors.register(_LinkGuard(md), "proofdesk_link_guard", 1)
    return md


def markdown_to_html(markdown_text: str, title: str, lang: str = "en", decode_entities: bool = True) -> str:
    body = safe_markdown(decode_entities).convert(markdown_text)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def escape_for_python_markdown(text: str) -> str:
    """Plain text as Python-Markdown source that renders back to exactly this text (whitespace aside).

    Line breaks inside the text become hard breaks (``<br>``). STX/ETX control characters, which
    Python-Markdown uses for its own placeholders and HTML cannot carry, are dropped.
    """
    lines = []
    for raw in text.replace("\x02", "").replace("\x03", "").split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", raw.strip())
        m = _LINE_START.match(line)
        if m:
            line = f"{m.group(1)}\\{line[m.end() :]}" if m.group(1).isdigit() else "\\" + line
        elif _SETEXT_EQ.match(line):
            line = _EQ_MARK + line[1:]
        if line:
            lines.append(line)
    return "  \n".join(lines)
