"""How a CV is laid out: its head (name, contact lines, headline), its section headings, its dated lines.

Shared by what reads a CV: its latest job (`latest_job`), the title and the town it proposes (`candidates.cv_title`,
`candidates.cv_town`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from offers.understanding.text import fold

# A CV's head is at most this many lines before its first section heading or dated line.
HEAD_LINES = 8
# A line that starts with a date or a span of dates (a month's name or number, a year; "depuis", "aujourd'hui"; a
# word before it: "Expérience : 2019-2024"), what follows it being the experience it dates. Years only (19xx, 20xx),
# whole: a postcode ("13240") is no date.
_YEAR = r"(?:\d{1,2}/)?(?:19|20)\d{2}\b"
_NOW = r"aujourd['’]hui|présent|present|ce jour|maintenant|now|today"
DATED_LINE = re.compile(
    rf"^\s*(?:(?:depuis|de|du)\s+)?(?:[^\W\d_]+\.?\s*:?\s+)?{_YEAR}\s*"
    rf"(?:(?:[-–—]+|à)\s*(?:[^\W\d_]+\.?\s+)?(?:{_YEAR}|{_NOW})\s*)?"
    r"[:\-–—|]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
ONGOING = re.compile(rf"^\s*depuis\b|{_NOW}", re.IGNORECASE)
# Section headings (folded): its training sections' dates are no jobs.
_TRAINING_HEADING = re.compile(r"^(?:formations?|diplomes?|etudes|education|cursus|certifications?)\b")
_HEADING = re.compile(
    r"^(?:experiences?|parcours|formations?|competences|langues?|diplomes?|centres? d.?interets?|interets|loisirs"
    r"|informatique|outils|qualites|permis|references|education|etudes|cursus|certifications?|skills|profil"
    r"|work experience|professional experience|languages)\b"
)


def section_heading(line: str) -> str:
    """'training' or 'other' for a CV's section heading ("FORMATION", "Expériences professionnelles", spaced out as
    "E X P É R I E N C E S"), else ""."""
    words = fold(line).strip(" :")
    if len(words) > 2 and all(len(part) == 1 for part in words.split()):
        words = words.replace(" ", "")
    if any(char.isdigit() for char in words) or len(words.split()) > 5:
        return ""  # a line that says more than a heading ("Expérience : 2019-2024 boulangère")
    if _TRAINING_HEADING.match(words):
        return "training"
    return "other" if _HEADING.match(words) else ""


def head_lines(lines: Sequence[str]) -> list[str]:
    """The CV's head: its (non-blank) lines before its first section heading or dated line, at most `HEAD_LINES`."""
    head = []
    for line in lines[:HEAD_LINES]:
        if section_heading(line) or DATED_LINE.match(line):
            break
        head.append(line)
    return head
