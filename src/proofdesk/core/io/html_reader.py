"""Saved or scraped article pages: keep the story's structure, drop the page around it.

The page is parsed with lxml's forgiving HTML parser (malformed markup is repaired, never fatal). Page
furniture is removed by element type, ARIA role and class/id vocabulary; the story container is chosen
by semantic markup (articleBody, <article>, <main>) or, failing that, by where the prose is densest;
link-heavy lists and paragraphs (related links, tag lists) are dropped. Document.text is the blocks'
text joined by blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.io.errors import InputError
from proofdesk.core.io.markdown_reader import merge_spans
from proofdesk.core.io.plaintext import decode_text, url_skips

SEPARATOR = "\n\n"

_DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "nav",
        "footer",
        "aside",
        "dialog",
        "menu",
        "video",
        "audio",
        "map",
        "head",
    ]
)
_DROP_ROLES = frozenset(
    ["navigation", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar"]
)
# Substrings that mark furniture wherever they appear in a class or id ("article-share", "relatedLinks").
_FURNITURE_ANY = re.compile(
    r"share|sharing|social|related|comment|newsletter|cookie|consent|advert|sponsor|outbrain|taboola|"
    r"breadcrumb|sidebar|footer|promo|subscribe|signup|sign-up|paywall|most-?read|most-?viewed|trending|"
    r"recommend|read-?more|more-?from|also-?read|read-?also|author-?bio|byline-?bio|skip-?link|sr-only|"
    r"visually-?hidden|screen-?reader|masthead|site-?header|topbar|tag-?list|taglist|article-?tags|"
    r"pagination|pager|toolbar|popup|modal|overlay|banner-ad|onward|print-?only|disclaimer-?box|"
    r"twitter-tweet|instagram-media|tiktok-embed|fb-post|social-embed",
    re.IGNORECASE,
)
# Short words only count as furniture as whole class/id tokens ("ad" but not "header" or "lead").
_FURNITURE_WORD = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|adslot|nav|navbar|menu|tags|topics|hidden|hide|widget|widgets|more|popular|"
    r"utility|tools|follow|login|account|search|logo)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LIST_TAGS = frozenset(("ul", "ol"))
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "figure",
        "figcaption",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "address",
        "center",
        "body",
        "html",
        "details",
        "summary",
    ]
)
# HTML's own white space; a no-break space is a character a browser shows (and a check may want to see).
_WS = re.compile(r"[ \t\n\r\f]+")
_CAPTION_CLASS = re.compile(r"caption|credit", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(slots=True)
class _Piece:
    kind: BlockKind
    level: int
    text: str
    skips: list[tuple[int, int]] = field(default_factory=list)
    anchor: Any = None


def read_html(path: Path, data: bytes) -> Document:
    text, notices = _decode(path, data)
    pieces = extract_pieces(text)
    if not pieces:
        raise InputError(path, "contains no article text (only page furniture, scripts or markup)")
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for index, piece in enumerate(pieces):
        if parts:
            pos += len(SEPARATOR)
        skips = merge_spans([*piece.skips, *url_skips(piece.text)])
        blocks.append(
            Block(
                piece.kind, pos, pos + len(piece.text), piece.text, level=piece.level, skips=skips, source_index=index
            )
        )
        parts.append(piece.text)
        pos += len(piece.text)
    return Document(text=SEPARATOR.join(parts), blocks=blocks, source_format="html", path=path, notices=notices)


def _decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace").lower() if m else ""
    if (
        declared
        and declared not in ("utf-8", "utf8")
        and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    ):
        try:
            return data.decode(declared).replace("\r\n", "\n").replace("\r", "\n"), []
        except (LookupError, UnicodeDecodeError):
            pass
    # decode_text refuses NUL bytes; in HTML they are junk, not a sign of a binary file, if the rest is markup.
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"<" in data[:1024]:
        data = data.replace(b"\x00", b"")
    return decode_text(data, path)


def extract_pieces(markup: str) -> list[_Piece]:
    """The article's blocks, in reading order, from an HTML string (never raises on malformed markup)."""
    import lxml.html
    from lxml import etree

    markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        return []
    try:
        root = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(recover=True, remove_comments=True))
    except (etree.ParserError, ValueError):
        return []
    _strip_furniture(root)
    body = root.find("body")
    if body is None:
        body = root
    story = _story_root(body)
    out: list[_Piece] = []
    headline = _headline_before(body, story)
    tail = _trailing_prose(story)
    if headline is None and tail is story:
        _collect(story, out, 0)
        return out
    # The story runs from its headline to the end of its prose: the standfirst and lead picture often sit
    # above the container that holds the body text, and broken markup can push paragraphs out below it.
    start = headline if headline is not None else story
    scope = _common_ancestor(start, tail)
    order = {el: i for i, el in enumerate(scope.iter())}
    first = order[start]
    last = order[tail] + sum(1 for _ in tail.iter()) - 1
    _collect(scope, out, 0)
    return [p for p in out if first <= order.get(p.anchor, -1) <= last]


def _trailing_prose(story: Any) -> Any:
    """The last following sibling of the story container that still reads as story (readability's sibling step)."""
    last = story
    for sib in story.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag == "article" or sib.xpath(".//h2//a|.//h3//a|.//h4//a|.//a//h2|.//a//h3"):
            break  # another story, or teasers for other stories
        text = _text_len(sib)
        if not text:
            continue
        density = _link_density(sib)
        if (sib.tag == "p" and text >= 80 and density < 0.25) or (_prose_len(sib) >= 200 and density < 0.3):
            last = sib
    return last


def _classes(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _is_furniture(el: Any) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("html", "body", "article", "main"):
        return False
    if tag in _DROP_TAGS:
        return True
    if tag == "header":
        # A site header holds the logo and menu; an article header holds the headline.
        return el.find(".//h1") is None
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    if tag in ("figcaption",) or el.get("itemprop") in ("articleBody", "headline", "caption"):
        return False
    names = _classes(el)
    if not names:
        return False
    if not (_FURNITURE_ANY.search(names) or _FURNITURE_WORD.search(names)):
        return False
    # Never drop the wrapper that holds the story itself (a body class like "has-sidebar").
    return (
        el.find(".//h1") is None and el.find(".//article") is None and el.find(".//*[@itemprop='articleBody']") is None
    )


def _strip_furniture(root: Any) -> None:
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and _is_furniture(el)]
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        _drop_keep_tail(el)


def _drop_keep_tail(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text_len(el: Any) -> int:
    return len(_WS.sub(" ", el.text_content()).strip())


def _story_root(body: Any) -> Any:
    bodies = body.xpath(".//*[@itemprop='articleBody']")
    if bodies:
        best = max(bodies, key=_text_len)
        article = next((a for a in best.iterancestors("article")), None)
        return article if article is not None else best
    articles = body.xpath(".//article")
    if articles:
        best = max(articles, key=_prose_len)
        if _prose_len(best) > 200:
            return best
    mains = body.xpath(".//main|.//*[@role='main']")
    if mains:
        best = max(mains, key=_prose_len)
        if _prose_len(best) > 200:
            return best
    return _densest(body)


def _prose_len(el: Any) -> int:
    return sum(len(_WS.sub(" ", p.text_content()).strip()) for p in el.iter("p"))


def _densest(body: Any) -> Any:
    """Readability's idea: score each container by the paragraphs it directly holds."""
    scores: dict[Any, float] = {}
    for p in body.iter("p", "td", "pre", "br"):
        holder = p.getparent()
        if holder is None:
            continue
        text = _WS.sub(" ", p.text_content() if p.tag != "br" else (p.tail or "")).strip()
        if len(text) < 25:
            continue
        score = 1 + text.count(",") + min(len(text) / 100, 3)
        scores[holder] = scores.get(holder, 0) + score
        grand = holder.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return body
    return max(scores, key=lambda el: scores[el] * (1 - _link_density(el)))


def _headline_before(body: Any, story: Any) -> Any:
    """The last h1 above the story container, when the container itself has none."""
    if story.tag == "h1" or story.find(".//h1") is not None:
        return None
    before = None
    for el in body.iter():
        if el is story:
            break
        if el.tag == "h1":
            before = el
    return before


def _common_ancestor(a: Any, b: Any) -> Any:
    # Keep the proxies alive: lxml may hand out a new proxy object (and reuse ids) for an unreferenced node.
    chain = [a, *a.iterancestors()]
    for x in (b, *b.iterancestors()):
        if any(x is y for y in chain):
            return x
    return b


def _link_density(el: Any) -> float:
    total = _text_len(el)
    if not total:
        return 0.0
    linked = sum(_text_len(a) for a in el.iter("a"))
    return min(1.0, linked / total)


class _Builder:
    """Accumulates inline text of one block, collapsing whitespace and noting code spans."""

    def __init__(self, kind: BlockKind, level: int) -> None:
        self.kind = kind
        self.level = level
        self.parts: list[str] = []
        self.skips: list[tuple[int, int]] = []
        self.length = 0
        self.space = True

    def add(self, text: str | None, code: bool = False) -> None:
        if not text:
            return
        collapsed = _WS.sub(" ", text)
        if self.space and collapsed.startswith(" "):
            collapsed = collapsed[1:]
        if not collapsed:
            return
        start = self.length
        self.parts.append(collapsed)
        self.length += len(collapsed)
        self.space = collapsed.endswith((" ", "\n"))
        if code:
            self.skips.append((start, self.length))

    def newline(self) -> None:
        if self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
        if self.parts:
            self.parts.append("\n")
            self.length += 1
            self.space = True

    def piece(self, anchor: Any = None) -> _Piece | None:
        text = "".join(self.parts)
        lead = len(text) - len(text.lstrip(" \n"))
        stripped = text.strip(" \n")
        if not stripped.strip():
            return None
        skips = [(max(0, s - lead), min(len(stripped), e - lead)) for s, e in self.skips]
        return _Piece(self.kind, self.level, stripped, [sp for sp in skips if sp[1] > sp[0]], anchor)


def _collect(el: Any, out: list[_Piece], list_depth: int, kind: BlockKind | None = None) -> None:
    """Walk ``el``: every block-level element starts a new piece; loose inline text becomes a paragraph."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _LIST_TAGS and _link_density(el) > 0.7:
        return  # related links, tag lists, "more on this story"
    if tag in _HEADINGS and not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
        _emit_inline(el, out, BlockKind.HEADING, _HEADINGS[tag])
        return
    if tag == "figcaption" or (tag in ("p", "div", "span") and _CAPTION_CLASS.search(_classes(el))):
        _emit_inline(el, out, BlockKind.CAPTION, 0)
        return
    if tag == "pre":
        _emit_inline(el, out, BlockKind.CODE, 0, code=True)
        return
    inner_kind = kind
    depth = list_depth
    if tag == "blockquote":
        inner_kind = BlockKind.QUOTE
    elif tag in _LIST_TAGS:
        depth += 1
    elif tag == "li":
        inner_kind = BlockKind.LIST_ITEM
    block_kind = inner_kind or BlockKind.PARAGRAPH
    level = depth if block_kind is BlockKind.LIST_ITEM else 0
    if tag in _HEADINGS:
        # An unclosed heading swallows the blocks after it (as in a browser); only its own text is the heading.
        block_kind, level = BlockKind.HEADING, _HEADINGS[tag]
    builder = _Builder(block_kind, level)

    anchor = el
    linked = 0

    def flush() -> None:
        nonlocal builder, linked
        piece = builder.piece(anchor)
        if piece is not None and not _is_link_only(piece.text, linked):
            out.append(piece)
        builder = _Builder(block_kind, level)
        linked = 0

    builder.add(el.text)
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag in _BLOCK_TAGS or ctag in _HEADINGS or (ctag and _holds_blocks(child)):
            # An inline element that lxml's repair left holding paragraphs is a container, not a run.
            flush()
            _collect(child, out, depth, inner_kind)
            anchor = child
        elif ctag == "br":
            builder.newline()
        elif ctag:
            before = builder.length
            _inline(child, builder)
            if ctag == "a":
                linked += builder.length - before
            elif child.find(".//a") is not None:
                linked += sum(len(_WS.sub(" ", a.text_content())) for a in child.iter("a"))
        builder.add(child.tail)
    flush()


# Labels a page puts on ad slots and promotions; on their own they are never copy.
_LABELS = frozenset(("advertisement", "advert", "sponsored", "sponsored content", "promoted", "ad", "paid content"))


def _is_link_only(text: str, linked: int) -> bool:
    if text.strip().lower().rstrip(":") in _LABELS:
        return True
    # A short paragraph that is mostly a link ("Read more: ...", "Follow our live coverage") is navigation.
    return linked >= 0.6 * len(text) and len(text.split()) < 20


def _holds_blocks(el: Any) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in _BLOCK_TAGS or d.tag in _HEADINGS) for d in el.iterdescendants())


def _inline(el: Any, builder: _Builder) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        builder.newline()
        return
    if tag in ("code", "kbd", "samp", "tt"):
        builder.add(el.text_content(), code=True)
        return
    builder.add(el.text)
    for child in el:
        _inline(child, builder)
        builder.add(child.tail)


def _emit_inline(el: Any, out: list[_Piece], kind: BlockKind, level: int, code: bool = False) -> None:
    builder = _Builder(kind, level)
    if code:
        builder.parts.append(el.text_content().strip("\n"))
        builder.length = len(builder.parts[0])
        builder.skips.append((0, builder.length))
    else:
        builder.add(el.text)
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag in _BLOCK_TAGS and ctag not in ("figcaption",):
                builder.newline()
            _inline(child, builder)
            builder.add(child.tail)
    piece = builder.piece(el)
    if piece is not None:
        out.append(piece)
