"""Markdown drafts: the text is the source itself; blocks cover the prose, markup sits outside or in skips.

markdown-it-py gives the block structure with source line maps. Inline token streams carry no
columns, so inline markup (emphasis markers, code spans, link targets, entities, raw HTML, bare URLs)
is found with linear scanners over each block's source and recorded as skips.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from proofdesk.core.document import Block, BlockKind, Document
from proofdesk.core.io.plaintext import decode_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Each nested list costs the parser three levels (list, item, paragraph); 60 allows ~20 real list levels
# while keeping markdown-it's recursion far from Python's limit on hostile input.
MAX_NESTING = 60

_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_INLINE_SKIPS = re.compile(
    r"""
    <!--.*?-->                                         # HTML comment
  | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>           # inline HTML tag
  | <(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>   # autolink
  | \]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\)  # link target
  | \]\[[^\[\]\n]*\]                                   # reference link label
  | !?\[ | \]                                          # link / image brackets
  | (?P<esc>\\[!-/:-@\[-`{-~])                         # escape: only the backslash is markup
  | &(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});   # entity
  | (?:https?://|ftp://|www\.)[^\s<>()\[\]"']+[^\s<>()\[\]"'.,;:!?]   # bare URL
  | \*+                                                # emphasis marker
  | (?<![^\W_])_+|_+(?![^\W_])                         # underscore emphasis at a word edge
    """,
    re.VERBOSE | re.DOTALL,
)
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class PlainBlock:
    """A block rendered without markup: what a .docx or plain-text export of the Markdown should say."""

    kind: BlockKind
    level: int
    text: str


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


def read_markdown(path: Path, data: bytes) -> Document:
    text, notices = decode_text(data, path)
    doc = markdown_document(text, path)
    doc.notices[:0] = notices
    return doc


def markdown_document(text: str, path: Path | None = None) -> Document:
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    blocks: list[Block] = []
    notices: list[str] = []
    front = front_matter_lines(lines)
    parse_text = text
    if front:
        # Blank the front matter out (keeping the line count, so token line maps still fit the source).
        parse_text = "\n" * front + "\n".join(lines[front:])
        end = starts[front - 1] + len(lines[front - 1])
        blocks.append(Block(BlockKind.CODE, 0, end, text[:end], skips=((0, end),)))
    tokens = _parser().parse(parse_text)
    for kind, level, tok in _walk(tokens):
        block = _code_block(text, lines, starts, tok) if kind is BlockKind.CODE else None
        if kind is not BlockKind.CODE:
            block = _inline_block(text, lines, starts, tok, kind, level, blocks)
        if block is not None and (not blocks or block.start >= blocks[-1].end):
            blocks.append(block)
    if any(t.level >= MAX_NESTING - 3 for t in tokens):
        blocks = _cover_deep_lines(text, lines, starts, blocks)
        notices.append(
            f"the Markdown nests deeper than the {MAX_NESTING // 3} levels ProofDesk follows; "
            "deeper lines were read as plain paragraphs"
        )
    return Document(text=text, blocks=blocks, source_format="md", path=path, notices=notices)


_FRONT_OPEN = re.compile(r"---[ \t]*")
_FRONT_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_YAML_KEY = re.compile(r"[A-Za-z_][\w -]*:(?:[ \t]|$)")


def front_matter_lines(lines: list[str]) -> int:
    """How many lines of YAML front matter (static-site generators) open the file; 0 if none."""
    if len(lines) < 3 or not _FRONT_OPEN.fullmatch(lines[0]) or not _YAML_KEY.match(lines[1]):
        return 0  # a rule at the top of a story, not front matter
    for n in range(1, min(len(lines), 200)):
        if _FRONT_CLOSE.fullmatch(lines[n]):
            return n + 1 if n > 1 else 0
    return 0


def plain_blocks(text: str) -> list[PlainBlock]:
    """The Markdown's blocks as plain text (markup removed), for export to formats without Markdown."""
    out: list[PlainBlock] = []
    lines = text.split("\n")
    front = front_matter_lines(lines)
    if front:
        text = "\n" * front + "\n".join(lines[front:])
    for kind, level, tok in _walk(_parser().parse(text)):
        if kind is BlockKind.CODE:
            body = tok.content.rstrip("\n")
        else:
            # A picture's alt text stands in for a caption only when the paragraph has no words of its own.
            body = _render_inline(tok.children or [], False).strip() or _render_inline(tok.children or [], True)
        if body.strip():
            out.append(PlainBlock(kind, level, body.strip()))
    return out


def _walk(tokens: list[Token]) -> Iterator[tuple[BlockKind, int, Token]]:
    """Each prose or code token with the kind and level its innermost container gives it."""
    containers: list[str] = []
    list_depth = 0
    heading = 0
    for tok in tokens:
        t = tok.type
        if t == "heading_open":
            heading = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        elif t == "heading_close":
            heading = 0
        elif t == "blockquote_open":
            containers.append("quote")
        elif t in ("bullet_list_open", "ordered_list_open"):
            containers.append("list")
            list_depth += 1
        elif t in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            if containers and containers.pop() == "list":
                list_depth -= 1
        elif t == "inline" and tok.map is not None:
            if heading:
                yield BlockKind.HEADING, heading, tok
            elif containers and containers[-1] == "list":
                yield BlockKind.LIST_ITEM, list_depth, tok
            elif containers:
                yield BlockKind.QUOTE, 0, tok
            elif tok.children and tok.children[0].type == "image":
                yield BlockKind.CAPTION, 0, tok
            else:
                yield BlockKind.PARAGRAPH, 0, tok
        elif t in ("fence", "code_block", "html_block") and tok.map is not None:
            yield BlockKind.CODE, 0, tok


def _inline_block(
    text: str, lines: list[str], starts: list[int], tok: Token, kind: BlockKind, level: int, done: list[Block]
) -> Block | None:
    assert tok.map is not None
    first, last_line = tok.map
    content_lines = tok.content.split("\n")
    if not tok.content.strip():
        return None
    # Table cells share a line: search after the previous block on that line.
    floor = done[-1].end if done else 0
    spans: list[tuple[int, int]] = []
    for i, c in enumerate(content_lines):
        n = first + i
        if n >= last_line or n >= len(lines):
            break
        src = lines[n]
        s = src.rstrip()
        want = c.strip()
        base = starts[n]
        lo = max(0, floor - base)
        col = -1
        if want and s.endswith(want) and len(s) - len(want) >= lo:
            col = len(s) - len(want)
        elif want:
            col = src.find(want, lo)
        if col < 0:
            m = _CONTAINER_PREFIX.match(src)
            col = m.end() if m else 0
            end_col = len(s)
        else:
            end_col = col + len(want)
        if end_col > col:
            spans.append((base + col, base + end_col))
    if not spans:
        return None
    start, end = spans[0][0], spans[-1][1]
    if start < floor:
        return None
    body = text[start:end]
    skips: list[tuple[int, int]] = []
    for (_, prev_end), (next_start, _) in pairwise(spans):
        # Line break plus the next line's container prefix (`> `, indentation) and any hard-break spaces.
        if next_start - prev_end > 1:
            skips.append((prev_end - start, next_start - start))
    skips.extend(inline_skips(body))
    return Block(kind, start, end, body, level=level, skips=merge_spans(skips))


def _code_block(text: str, lines: list[str], starts: list[int], tok: Token) -> Block | None:
    assert tok.map is not None
    first, last = tok.map
    if tok.type == "fence":
        inner = tok.content.count("\n")
        first, last = first + 1, min(first + 1 + inner, last)
    last = min(last, len(lines))
    while last > first and not lines[last - 1].strip():
        last -= 1
    if last <= first:
        return None
    start = starts[first]
    end = starts[last - 1] + len(lines[last - 1])
    body = text[start:end]
    if not body.strip():
        return None
    return Block(BlockKind.CODE, start, end, body, skips=((0, len(body)),))


def _cover_deep_lines(text: str, lines: list[str], starts: list[int], blocks: list[Block]) -> list[Block]:
    """Lines the parser gave up on (nesting limit) still get checked, as plain paragraphs."""
    covered = [False] * len(lines)
    for b in blocks:
        lo = _line_of(starts, b.start)
        hi = _line_of(starts, max(b.start, b.end - 1))
        for n in range(lo, hi + 1):
            covered[n] = True
    extra: list[Block] = []
    for n, line in enumerate(lines):
        if covered[n] or not line.strip():
            continue
        m = _CONTAINER_PREFIX.match(line)
        col = m.end() if m else 0
        end_col = len(line.rstrip())
        if end_col > col:
            body = line[col:end_col]
            extra.append(
                Block(BlockKind.PARAGRAPH, starts[n] + col, starts[n] + end_col, body, skips=inline_skips(body))
            )
    return sorted(blocks + extra, key=lambda b: b.start)


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1


def inline_skips(body: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``body`` (Markdown inline source) that are markup, code or URLs rather than prose."""
    spans = [(m.start(), m.start() + 1) if m.lastgroup == "esc" else m.span() for m in _INLINE_SKIPS.finditer(body)]
    spans.extend(code_span_ranges(body))
    return merge_spans(spans)


def code_span_ranges(body: str) -> list[tuple[int, int]]:
    """CommonMark code spans: a backtick run closed by the next run of the same length (linear time)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(body)]
    nxt: list[int] = [-1] * len(runs)
    last_of_len: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        nxt[i] = last_of_len.get(length, -1)
        last_of_len[length] = i
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        j = nxt[i]
        if j >= 0:
            out.append((runs[i][0], runs[j][1]))
            i = j + 1
        else:
            i += 1
    return out


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)


def _render_inline(children: list[Token], alt_text: bool) -> str:
    parts: list[str] = []
    for c in children:
        if c.type in ("text", "code_inline", "text_special"):
            parts.append(c.content)
        elif c.type == "softbreak":
            parts.append(" ")
        elif c.type == "hardbreak":
            parts.append("\n")
        elif c.type == "image" and alt_text:
            parts.append(_render_inline(c.children or [], True))
    return "".join(parts)
