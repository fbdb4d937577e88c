"""Synthetic news drafts of a chosen size for benchmarks, built from our own sample copy.

Every paragraph is made unique (names, figures and places vary) so the per-block
cache cannot make a large draft look cheaper than it is.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "scraped-story.txt"

_PEOPLE = [
    "Agnes Trelawny",
    "Gareth Pellow",
    "Priya Raman",
    "Tomasz Wielgus",
    "Hannah Okafor",
    "Luis Ferreira",
    "Ines Carvalho",
    "Mehmet Aydin",
    "Sofia Lindqvist",
    "Kwame Mensah",
    "Oona Byrne",
    "Rafael Ortiz",
]
_PLACES = ["Kelmarsh", "Porthallow", "Stanmere", "Ashbourne Quay", "Linton Marsh", "Felbridge", "Carrow Bay"]
_BODIES = [
    "the harbour board",
    "the county council",
    "the marine authority",
    "the energy regulator",
    "the port trust",
    "the regional development agency",
    "the wildlife trust",
]
_TEMPLATES = [
    "{person}, who chairs {body}, said the {place} scheme would cost £{money} million over {years} years.",
    "The vote in {place} was carried by {a} to {b} after a debate that lasted {hours} hours on {day}.",
    '"We cannot keep asking {place} to wait," {person} told reporters outside the meeting on {day}.',
    "Figures published by {body} show that {pct} per cent of homes in {place} were affected by flooding last winter.",
    "Critics of the plan, including {person}, argue that {body} has underestimated the cost by £{money} million.",
    "Work on the {place} sea wall is expected to start in {month}, subject to approval from {body}.",
    "{person} said the study would report by {month} and would be published in full by {body}.",
    "About {a} people attended a public meeting in {place} on {day}, where {person} answered questions.",
    "The {place} lagoon would generate enough electricity for {homes} homes, according to {body}.",
    "In a statement, {body} said it had received {a} objections and {b} letters of support.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_MONTHS = ["January", "March", "April", "June", "September", "November"]


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        sentences.append(
            rng.choice(_TEMPLATES).format(
                person=rng.choice(_PEOPLE),
                place=rng.choice(_PLACES),
                body=rng.choice(_BODIES),
                money=f"{rng.randint(1, 90)}.{rng.randint(1, 9)}",
                years=rng.randint(2, 30),
                a=rng.randint(10, 900),
                b=rng.randint(2, 90),
                hours=rng.randint(2, 9),
                day=rng.choice(_DAYS),
                pct=rng.randint(2, 60),
                month=rng.choice(_MONTHS),
                homes=f"{rng.randint(2, 90)},000",
            )
        )
    return " ".join(sentences)


def draft(words: int, seed: int = 1) -> str:
    """A draft of about ``words`` words: the sample story's faults, then unique body paragraphs."""
    rng = random.Random(seed)
    parts = [SAMPLE.read_text(encoding="utf-8").strip()]
    count = len(parts[0].split())
    while count < words:
        p = paragraph(rng)
        parts.append(p)
        count += len(p.split())
    return "\n\n".join(parts) + "\n"


def write_drafts(folder: Path, sizes: tuple[int, ...] = (2_000, 20_000, 100_000)) -> dict[int, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for size in sizes:
        path = folder / f"draft-{size // 1000}k.txt"
        path.write_text(draft(size, seed=size), encoding="utf-8")
        out[size] = path
    return out
