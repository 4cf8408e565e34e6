"""The job of a CV's latest experience: the title on its latest dated line ("2019 - 2025  Plongeur, brasserie du
Vieux-Port", "Depuis 2022 : Agente de conditionnement", or the line after "Juin 2024 - Septembre 2025").

A CV names several jobs, most often the one its holder does now first, sometimes the oldest first: the latest is the
one still held ("depuis", "aujourd'hui"), else the one that ended last, the first written among equals. The dates of
its training ("FORMATION", "DIPLÔMES") are no jobs. The matching (`matching.reading`) counts that job more than the
others when the CV's text says no job is sought and names no title surely. Only a title read surely
(`OccupationReader.from_title`, `SURE_TITLE`) counts: an employer's name, a town, a degree on that line read nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from offers.understanding.cv_layout import DATED_LINE, ONGOING, section_heading
from offers.understanding.occupation_reading import SURE_TITLE, OccupationReader

# A title only left behind ("ancien boulanger", weight 0.25) is no job held.
MIN_TITLE_WEIGHT = 0.5
_FOUR_DIGITS = re.compile(r"(?:19|20)\d{2}")
# Where a title stops on its line: the employer, the place, the details after it.
_TITLE_END = re.compile(r"\s*(?:,|\s[-–—|]\s|:|\(|•)")


@dataclass(frozen=True)
class LatestJob:
    title: str  # as the line writes it ("Vendeuse")
    details: str  # the rest of its line ("enseigne de prêt-à-porter femme, Mâcon")
    line: int  # its dated line's index among the text's non-blank lines
    ended: int  # the year it ended, 9999 while it lasts


def dated_jobs(text: str) -> list[LatestJob]:
    """The dated lines of a CV's experiences, in the text's order (not those of its training sections)."""
    lines = [line for line in text.splitlines() if line.strip()]
    jobs = []
    skipped = False  # a training or hobbies section: its dates are no jobs
    for number, line in enumerate(lines):
        heading = section_heading(line)
        if heading:
            skipped = heading != "other"
            continue
        dated = DATED_LINE.match(line)
        if skipped or not dated:
            continue
        rest = dated.group("rest").strip() or (lines[number + 1] if number + 1 < len(lines) else "")
        title, *details = _TITLE_END.split(rest, maxsplit=1)
        dates = line[: dated.start("rest")]
        ended = 9999 if ONGOING.search(dates) else max(int(year) for year in _FOUR_DIGITS.findall(dates))
        jobs.append(LatestJob(title.strip(), " ".join(details).strip(), number, ended))
    return jobs


def latest_job(text: str) -> LatestJob | None:
    """The CV's latest dated experience: one still held, else the one that ended last (the first written among
    equals); None without a dated experience."""
    jobs = dated_jobs(text)
    return max(jobs, key=lambda job: (job.ended, -job.line)) if jobs else None


def job_code(job: LatestJob, reader: OccupationReader) -> str | None:
    """The ROME code of a dated job's title when read surely, "" when its title is a job's read unsurely ("Vendeuse"),
    None when it is no job's title: an employer's name ("Maison Martin", "Auto-école du Stade") or a job left behind
    ("Ancien boulanger")."""
    guesses = reader.from_title(job.title) if job.title else []
    sure = bool(guesses) and guesses[0].confidence >= SURE_TITLE
    if not _titleish(job.title, reader, sure=sure) or _left_behind(job.title, reader):
        return None
    return guesses[0].code if sure else ""


def latest_job_family(text: str, reader: OccupationReader) -> str:
    """The ROME family of the title on the text's latest dated line, if read surely; else ""."""
    job = latest_job(text)
    code = job_code(job, reader) if job else None
    return reader.family(code) if code else ""


def _titleish(words: str, reader: OccupationReader, *, sure: bool) -> bool:
    """The words are a job's title, known or not ("Conseillère de clientèle particuliers": known titles hold its words),
    not an employer's name read as a near title ("Maison Martin", "Auto-école du Stade", "Crédit Agricole"); a title
    read `sure`ly needs only to name a known title's word ("Enseignant de la conduite automobile")."""
    if not words:
        return False
    named = [mention for mention in reader.mentions(words) if mention.weight >= MIN_TITLE_WEIGHT]
    if any(len(mention.words) > 1 for mention in named) or (sure and named):
        return True
    return bool(reader.possible_families(words))


def _left_behind(words: str, reader: OccupationReader) -> bool:
    """The words name a title only as one left behind ("Ancien boulanger")."""
    mentions = reader.mentions(words)
    return bool(mentions) and all(mention.weight < MIN_TITLE_WEIGHT for mention in mentions)
