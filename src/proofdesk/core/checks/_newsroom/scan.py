"""Finding web furniture in a document: wording first, then shape and position.

The story is split into three zones: the *top* (headline, standfirst, captions
— before the first body paragraph), the *body*, and the *tail* after the
story's last paragraph or credit line. Wording alone decides anywhere; shape
(short lines without end punctuation, runs of headlines, a name over a bio)
only decides in the tail, or in the body for a run of headlines, because the
top's headline and standfirst and the body's crossheads share that shape.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from proofdesk.core.checks._newsroom import shapes, wording
from proofdesk.core.checks._newsroom.lazyre import lazy
from proofdesk.core.checks._newsroom.text import ends_sentence
from proofdesk.core.document import Block

_LIST_ITEM = lazy(r"^(?:[-•*·–]|\d{1,2}[.)])\s+\S")


@dataclass(frozen=True, slots=True)
class Hit:
    """Furniture over blocks ``first..last`` (inclusive indexes into the scanned blocks)."""

    rule: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Layout:
    body_start: int  # index of the first body paragraph (len(blocks) if none)
    story_end: int  # index of the last block of the story proper (-1 if none)
    credited: bool = False  # the story ends with a credit line (else with its last paragraph)


def layout(texts: Sequence[str], words: Sequence[str | None], credit: Sequence[bool] | None = None) -> Layout:
    """Where the body starts and the story ends, ignoring lines already known to be furniture."""
    n = len(texts)
    body_start = next(
        (i for i, t in enumerate(texts) if words[i] is None and shapes.is_body_paragraph(t) and not shapes.is_bio(t)),
        n,
    )
    credits = [i for i, t in enumerate(texts) if (credit[i] if credit is not None else shapes.is_credit_line(t))]
    last_body = -1
    for i in range(n - 1, -1, -1):
        t = texts[i]
        # A bio closes the story only under a name line or an "About the author"
        # label; on its own it may be the last paragraph of an obituary or profile.
        if words[i] is not None or (
            shapes.is_bio(t) and (t.startswith("About") or (i > 0 and shapes.is_name_line(texts[i - 1])))
        ):
            continue
        if ends_sentence(t) and len(t.split()) >= 6:
            last_body = i
            break
    # The credit line closes the story; one above the first body paragraph is a byline.
    credits = [i for i in credits if i > body_start]
    story_end = credits[-1] if credits else last_body
    return Layout(body_start, story_end, bool(credits))


# The last scan, by the blocks' texts: the furniture and duplicate checks both need it for the same
# document in one run, and the scan reads nothing but the texts (and the house's extra lines).
_last: tuple[tuple[str, ...], tuple[str, ...], tuple[Hit, ...]] | None = None


def scan(blocks: Sequence[Block], extra: Sequence[str] = ()) -> list[Hit]:
    global _last
    texts = tuple(b.text for b in blocks)
    want = tuple(extra)
    last = _last
    if last is not None and last[1] == want and last[0] == texts:
        return list(last[2])
    hits = _scan(blocks, want)
    _last = (texts, want, tuple(hits))
    return hits


# What a line's own text says (is it a credit line; the rule its wording decides), by house extra-lines and
# text: an edited draft re-reads only its new lines, and headlines, credits and furniture recur across drafts.
_LINES: dict[tuple[str, ...], dict[str, tuple[bool, str | None]]] = {}
_LINES_LIMIT = 20_000


def _lines(texts: Sequence[str], extra: tuple[str, ...]) -> list[tuple[bool, str | None]]:
    known = _LINES.get(extra)
    if known is None or len(known) > _LINES_LIMIT:
        if len(_LINES) > 8:
            _LINES.clear()
        known = _LINES[extra] = {}
    out = []
    for t in texts:
        hit = known.get(t)
        if hit is None:
            credit = shapes.is_credit_line(t)
            hit = known[t] = (credit, None if credit else wording.classify(t, extra))
        out.append(hit)
    return out


def _scan(blocks: Sequence[Block], extra: tuple[str, ...]) -> list[Hit]:
    texts = [b.text.strip() for b in blocks]
    lines = _lines(texts, extra)
    credit = [c for c, _ in lines]
    words: list[str | None] = [w for _, w in lines]
    _top_chrome(texts, words, credit)
    _agency_photo_credits(texts, words, credit, layout(texts, words, credit).body_start)
    lay = layout(texts, words, credit)
    hits: list[Hit] = []
    n = len(texts)
    i = 0
    while i < n:
        rule = words[i]
        tail = i > lay.story_end
        if credit[i]:
            i += 1
            continue
        if rule == "furniture.related-label":
            last = _headline_run(texts, words, credit, i + 1, tail=tail)
            hits.append(Hit("furniture.related-block", i, max(i, last)))
            i = max(i, last) + 1
            continue
        if rule is not None:
            hits.append(Hit(rule, i, i))
            i += 1
            continue
        if tail:
            hit = _tail_shape(texts, words, credit, i, lay.credited)
            if hit is not None:
                hits.append(hit)
                i = hit.last + 1
                continue
        elif lay.body_start < i:
            # Unlabelled links inside the story must be a run of three: two title-case lines in a
            # row can be a crosshead over a list item.
            last = _headline_run(texts, words, credit, i, tail=False, title_only=True)
            if last >= i + 2 and _between_paragraphs(texts, words, i, last):
                hits.append(Hit("furniture.related-block", i, last))
                i = last + 1
                continue
        i += 1
    return _merge_related(hits)


_UI_WORD = lazy(
    r"\b(?:search|query|menu|log ?in|log ?out|sign ?in|sign ?up|register|sections?|close|home|account|edition|skip"
    r"|dialog|navigation|subscribe|newsletters?|weather|live|podcasts?|video|topics|profile|settings|notifications"
    r"|toggle|open|go|submit|enter)\b",
    re.IGNORECASE,
)


_UI_START = lazy(
    r"^(?:search|type|enter|sign|log|subscribe|skip|listen|follow|share|click|tap|press|choose|select|go)\b",
    re.IGNORECASE,
)


def _top_chrome(texts: Sequence[str], words: list[str | None], credit: Sequence[bool]) -> None:
    """Mark short page-interface lines above the headline (the first line of four words or more)."""
    for i, t in enumerate(texts):
        if words[i] is not None or credit[i]:
            continue
        # An instruction to the reader ("Search news, topics and people") is not the headline.
        if len(t.split()) <= 8 and _UI_START.match(t) and not shapes.is_title_case(t) and not ends_sentence(t):
            words[i] = (
                "furniture.search-box" if re.search(r"search|keyword", t, re.IGNORECASE) else "furniture.page-chrome"
            )
            continue
        if len(t.split()) >= 4:
            break
    top = next((i for i, t in enumerate(texts) if words[i] is None and len(t.split()) >= 4), len(texts))
    short = [i for i in range(top) if words[i] is None and not credit[i] and not ends_sentence(texts[i])]
    for i in short:
        near_other = any(0 <= j < top and words[j] is not None for j in (i - 1, i + 1))
        if _UI_WORD.search(texts[i]) or (near_other and len(texts[i].split()) <= 3):
            words[i] = "furniture.page-chrome"


def _agency_photo_credits(texts: Sequence[str], words: list[str | None], credit: list[bool], body_start: int) -> None:
    """An agency named alone above or between paragraphs credits a photo; only at the end is it the story's credit.

    "— AP" and "(Reuters)" keep their sign-off form and stay credits wherever they are.
    """
    body_after = [False] * len(texts)
    seen_body = False
    for i in range(len(texts) - 1, -1, -1):
        body_after[i] = seen_body
        if seen_body:
            continue  # everything above has a body paragraph after it: no need to judge the lines
        story = words[i] is None and not credit[i] and not shapes.is_bio(texts[i])
        seen_body = story and shapes.is_body_paragraph(texts[i])
    for i, t in enumerate(texts):
        if not credit[i]:
            continue
        signed_off = t.lstrip()[:1] in {"—", "–", "-", "•", "("}
        if shapes.is_bare_agency(t) and not signed_off and i > 0 and (i < body_start or body_after[i]):
            credit[i] = False
            words[i] = "furniture.photo-credit"


def _headline_run(
    texts: Sequence[str],
    words: Sequence[str | None],
    credit: Sequence[bool],
    start: int,
    *,
    tail: bool,
    title_only: bool = False,
) -> int:
    """Index of the last headline line in the run starting at ``start`` (``start - 1`` if none)."""
    last = start - 1
    j = start
    while j < len(texts):
        t = texts[j]
        if credit[j] or (words[j] is not None and words[j] != "furniture.promo"):
            break
        if shapes.is_bio(t) or (shapes.is_name_line(t) and j + 1 < len(texts) and shapes.is_bio(texts[j + 1])):
            break
        if title_only:
            if not (shapes.is_headline_shaped(t, 20) and shapes.is_title_case(t) and len(t.split()) >= 4):
                break
        elif not (shapes.is_headline_shaped(t) or (tail and shapes.is_title_case(t) and len(t.split()) <= 22)):
            break
        last = j
        j += 1
    return last


def _between_paragraphs(texts: Sequence[str], words: Sequence[str | None], first: int, last: int) -> bool:
    """An unlabelled run of links sits between two story paragraphs; a list sits under its crosshead.

    Results tables ("Arsenal 2 Fulham 0") and lists of figures are story too.
    """
    before = next((texts[j] for j in range(first - 1, -1, -1) if words[j] is None), "")
    after = next((texts[j] for j in range(last + 1, len(texts)) if words[j] is None), "")
    if not (ends_sentence(before) and (not after or ends_sentence(after))):
        return False
    return all(len(re.findall(r"\d+", texts[j])) <= 1 and len(texts[j].split()) >= 5 for j in range(first, last + 1))


def _tail_shape(
    texts: Sequence[str], words: Sequence[str | None], credit: Sequence[bool], i: int, credited: bool
) -> Hit | None:
    t = texts[i]
    n = len(texts)
    # With no credit line to mark the end, a list closing the story (with its crosshead)
    # is story, not a run of links: labelled links were already claimed by their wording.
    nxt = next((j for j in range(i + 1, n) if words[j] is None), None)
    if not credited and (_LIST_ITEM.match(t) or (nxt is not None and _LIST_ITEM.match(texts[nxt]))):
        return None
    if shapes.is_name_line(t) and i + 1 < n and shapes.is_bio(texts[i + 1]):
        last = i + 1
        # A bio may run on for a paragraph or two, each about the same person.
        while last + 1 < n and words[last + 1] is None and not credit[last + 1] and _continues_bio(texts[last + 1]):
            last += 1
        return Hit("furniture.author-bio", i, last)
    if shapes.is_bio(t):
        return Hit("furniture.author-bio", i, i)
    if shapes.is_headline_shaped(t):
        n_words = len(t.split())
        if n_words <= 5 and not (shapes.is_title_case(t) and n_words >= 4 and _followed_by_headline(texts, i)):
            return Hit("furniture.tag-line", i, i)
        if n_words > 14 and not shapes.is_title_case(t):
            # A long sentence-case line is a last paragraph that lost its full stop, not a headline:
            # deleting it would lose story text.
            return None
        last = _headline_run(texts, words, credit, i, tail=True)
        if last >= i:
            return Hit("furniture.related-block", i, last)
    return None


def _followed_by_headline(texts: Sequence[str], i: int) -> bool:
    return i + 1 < len(texts) and shapes.is_headline_shaped(texts[i + 1]) and len(texts[i + 1].split()) > 5


def _continues_bio(text: str) -> bool:
    return ends_sentence(text) and text.split()[0] in {"He", "She", "They", "Before", "Previously", "Follow"}


def _merge_related(hits: list[Hit]) -> list[Hit]:
    """A related block directly followed by more headlines is one block, as the issue asks."""
    merged: list[Hit] = []
    for h in hits:
        if (
            merged
            and h.rule == "furniture.related-block"
            and merged[-1].rule == "furniture.related-block"
            and merged[-1].last + 1 == h.first
        ):
            merged[-1] = Hit(h.rule, merged[-1].first, h.last)
        else:
            merged.append(h)
    return merged
