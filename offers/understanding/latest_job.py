"""The job of a CV's latest experience: the title on its first dated line ("2019 - 2025  Plongeur, brasserie du
Vieux-Port", "Depuis 2022 : Agente de conditionnement", or the line after "Juin 2024 - Septembre 2025").

A CV names several jobs, the one its holder does now first; the matching (`matching.reading`) counts that one more
than the others when the CV's text says no job is sought and names no title surely. Only a title read surely
(`OccupationReader.from_title`, `SURE_TITLE`) counts: an employer's name, a town, a degree on that line read nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from offers.understanding.occupation_reading import SURE_TITLE, OccupationReader

# A line that starts with a date or a span of dates (a month's name or number, a year; "depuis", "aujourd'hui"), what
# follows it being the experience it dates. Years only (19xx, 20xx), whole: a postcode ("13240") is no date.
_YEAR = r"(?:\d{1,2}/)?(?:19|20)\d{2}\b"
_DATED_LINE = re.compile(
    rf"^\s*(?:(?:depuis|de|du)\s+)?(?:[^\W\d_]+\.?\s+)?{_YEAR}\s*"
    rf"(?:(?:[-–—]+|à)\s*(?:[^\W\d_]+\.?\s+)?(?:{_YEAR}|aujourd['’]hui|présent|ce jour)\s*)?"
    r"[:\-–—]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Where a title stops on its line: the employer, the place, the details after it.
_TITLE_END = re.compile(r"\s*(?:,|\s[-–—|]\s|:|\(|•)")


@dataclass(frozen=True)
class LatestJob:
    title: str  # as the line writes it ("Vendeuse")
    details: str  # the rest of its line ("enseigne de prêt-à-porter femme, Mâcon")


def latest_job(text: str) -> LatestJob | None:
    """The title on the text's first dated line and what follows it on that line; None without a dated line."""
    lines = [line for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines):
        dated = _DATED_LINE.match(line)
        if not dated:
            continue
        rest = dated.group("rest").strip() or (lines[number + 1] if number + 1 < len(lines) else "")
        title, *details = _TITLE_END.split(rest, maxsplit=1)
        return LatestJob(title.strip(), " ".join(details).strip())
    return None


def latest_job_family(text: str, reader: OccupationReader) -> str:
    """The ROME family of the title on the text's first dated line, if read surely; else ""."""
    job = latest_job(text)
    guesses = reader.from_title(job.title) if job and job.title else []
    return reader.family(guesses[0].code) if guesses and guesses[0].confidence >= SURE_TITLE else ""
