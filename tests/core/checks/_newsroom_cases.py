"""A small fictional story the newsroom check tests insert their examples into."""

from __future__ import annotations

HEADLINE = "Harbour Board Backs Plan to Deepen Channel"
STANDFIRST = "Larger ferries could use the port from 2027 if the dredging goes ahead"
BODY = [
    "The harbour board has approved a £12 million plan to deepen the main channel so that larger ferries can use "
    "the port, its chairman said on Monday.",
    "The work, which still needs a licence from the marine regulator, would remove about 300,000 tonnes of silt "
    "over two winters.",
    '"We cannot keep turning away the new ships," harbour master Ellen Quirke said.',
    "Fishermen fear the dredging will disturb shellfish beds along the estuary and have asked for an independent "
    "study before any work begins.",
]
CREDIT = "Reporting by Jonas Reed; Editing by Mary Cole"


def draft(top: tuple[str, ...] = (), mid: tuple[str, ...] = (), tail: tuple[str, ...] = (), credit: bool = True) -> str:
    """The story with furniture or extra copy at the top, between paragraphs, or after the credit."""
    lines = [*top, HEADLINE, STANDFIRST, BODY[0], BODY[1], *mid, BODY[2], BODY[3]]
    if credit:
        lines.append(CREDIT)
    lines.extend(tail)
    return "\n\n".join(lines) + "\n"


def story_lines() -> list[str]:
    return [HEADLINE, STANDFIRST, *BODY, CREDIT]
