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

_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
# Markup Python-Markdown reacts to anywhere in a line / only at the start of one.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^([#>+-]|\d+(?=[.)]))")
# A line of '=' under text would become a heading underline; Python-Markdown has no backslash escape for
# '=', so safe_markdown() adds one.
_SETEXT_EQ = re.compile(r"^=+[ \t]*$")
_ENTITY = r"(&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);)"


def safe_markdown(decode_entities: bool = True) -> markdown.Markdown:
    import markdown as md_lib
    from markdown.inlinepatterns import InlineProcessor
    from markdown.treeprocessors import Treeprocessor

    class _Entity(InlineProcessor):
        # The serializer leaves entity-shaped text alone, so handle entities here: in Markdown '&mdash;' means
        # a dash (decoded, then escaped again); in plain text '&amp;' was typed and must show as '&amp;'.
        def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
            shown = unescape(m.group(1)) if decode_entities else m.group(1)
            return self.md.htmlStash.store(escape(shown, quote=False)), m.start(0), m.end(0)

    class _LinkGuard(Treeprocessor):
        def run(self, root: Any) -> None:
            for el in root.iter():
                for attr in ("href", "src"):
                    value = el.get(attr)
                    if value is not None and not is_safe_url(value):
                        del el.attrib[attr]

    md = md_lib.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")
    for name in ("html", "entity", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    # Only _Entity stores in the HTML stash now, so restoring the stash restores escaped text only.
    md.inlinePatterns.register(_Entity(_ENTITY, md), "proofdesk_entity", 70)
    md.ESCAPED_CHARS = [*md.ESCAPED_CHARS, "="]
    md.treeprocessors.register(_LinkGuard(md), "proofdesk_link_guard", 1)
    return md


def is_safe_url(value: str) -> bool:
    """Web, mail and relative addresses only. The serializer leaves entity-shaped text in attributes alone
    and browsers decode it (and drop tabs and newlines inside a scheme), so decode until nothing changes
    before looking at the scheme: ``&#106;avascript:`` is ``javascript:``."""
    seen = value
    for _ in range(10):
        decoded = unescape(seen)
        if decoded == seen:
            break
        seen = decoded
    else:
        return False
    return bool(_SAFE_SCHEME.match(_URL_NOISE.sub("", seen)))


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
            line = "\\" + line
        if line:
            lines.append(line)
    return "  \n".join(lines)
