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
# Section headings (folded), whole: a heading's words, then only words that qualify it ("EXPÉRIENCES PROFESSIONNELLES",
# "Compétences clés", "CENTRES D'INTÉRÊT"); "Permis B" is no heading. Its training sections' dates are no jobs, the
# skills its hobbies name no trade's.
_HEADINGS = {
    "training": r"formations?|diplomes?|etudes|education|cursus|certifications?|training|qualifications|courses",
    "hobbies": r"centres? d.?interets?|interets|loisirs|hobbies|passions|interests",
    "other": r"experiences?|parcours|competences|langues?|informatique|outils|qualites|permis|references|skills"
    r"|profil|profile|work experience|professional experience|languages|divers|a propos|about me|resume"
    r"|employment|work|career|key skills",
}
_QUALIFIERS = (
    r"professionnel|professionnelle|professionnels|professionnelles|cles|techniques|informatiques|linguistiques"
    r"|complementaires|personnelles|principales|diverses|et|d|de|interet|interets|loisirs|diplomes|formations"
    r"|certifications|langues|outils|experience|experiences|skills|de conduite|and|&|training|qualifications|history"
)
_HEADING = {kind: re.compile(rf"^(?:{words})(?:\s+(?:{_QUALIFIERS}))*$") for kind, words in _HEADINGS.items()}


def section_heading(line: str) -> str:
    """'training', 'hobbies' or 'other' for a CV's section heading ("FORMATION", "LOISIRS", "Expériences
    professionnelles", spaced out as "E X P É R I E N C E S"), else ""."""
    words = " ".join(fold(line).replace("'", " ").replace("’", " ").strip(" :").split())
    if len(words) > 2 and all(len(part) == 1 for part in words.split()):
        words = words.replace(" ", "")
    return next((kind for kind, heading in _HEADING.items() if heading.match(words)), "")


def section_texts(text: str) -> dict[str, str]:
    """The CV's text by the kind of section its lines stand in: 'training', 'hobbies' and 'other' (the head, the
    experiences, the skills...), headings left out."""
    found: dict[str, list[str]] = {"training": [], "hobbies": [], "other": []}
    kind = "other"
    for line in text.splitlines():
        heading = section_heading(line) if line.strip() else ""
        if heading:
            kind = heading
            continue
        found[kind].append(line)
    return {kind: "\n".join(lines) for kind, lines in found.items()}


def head_lines(lines: Sequence[str]) -> list[str]:
    """The CV's head: its (non-blank) lines before its first section heading or dated line, at most `HEAD_LINES`."""
    head = []
    for line in lines[:HEAD_LINES]:
        if section_heading(line) or DATED_LINE.match(line):
            break
        head.append(line)
    return head
