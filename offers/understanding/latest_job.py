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
from collections.abc import Iterable
from dataclasses import dataclass

from offers.understanding.cv_layout import DATED_LINE, ONGOING, section_heading, section_texts
from offers.understanding.occupation_reading import SURE_TITLE, OccupationReader
from offers.understanding.title_mentions import TitleMention

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
        jobs.append(LatestJob(title.strip(), " ".join(details).strip(), number, _ended(line[: dated.start("rest")])))
    return jobs


def _ended(dates: str) -> int:
    """The year a dated line's dates end (`DATED_LINE` always holds one), 9999 while it lasts ("depuis 2022",
    "2019 - aujourd'hui")."""
    return 9999 if ONGOING.search(dates) else max(int(year) for year in _FOUR_DIGITS.findall(dates))


def latest_job(text: str) -> LatestJob | None:
    """The CV's latest dated experience: one still held, else the one that ended last (the first written among
    equals); None without a dated experience."""
    jobs = dated_jobs(text)
    return max(jobs, key=lambda job: (job.ended, -job.line)) if jobs else None


def job_code(job: LatestJob, reader: OccupationReader) -> str | None:
    """The ROME code of a dated job's title when read surely, "" when its title is a job's read unsurely ("Vendeuse"),
    None when it is no job's title: an employer's name read as a near title ("Maison Martin", "Auto-école du Stade",
    "Crédit Agricole") or a job left behind ("Ancien boulanger")."""
    if not job.title:
        return None
    mentions = reader.mentions(job.title)
    held = held_titles(mentions)
    if mentions and not held:
        return None  # left behind
    guesses = reader.from_title(job.title)
    sure = bool(guesses) and guesses[0].confidence >= SURE_TITLE
    # A job's title, known or not ("Conseillère de clientèle particuliers": known titles hold its words); one read
    # surely needs only to name a known title's word ("Enseignant de la conduite automobile").
    titled = any(len(mention.words) > 1 for mention in held) or (sure and bool(held))
    if not titled and not reader.possible_families(job.title):
        return None
    return guesses[0].code if sure else ""


def held_titles(mentions: Iterable[TitleMention]) -> list[TitleMention]:
    """The title mentions not left behind ("ancien boulanger" weighs 0.25)."""
    return [mention for mention in mentions if mention.weight >= MIN_TITLE_WEIGHT]


def latest_job_family(text: str, reader: OccupationReader) -> str:
    """The ROME family of the title on the text's latest dated line, if read surely; else ""."""
    job = latest_job(text)
    code = job_code(job, reader) if job else None
    return reader.family(code) if code else ""


# A diploma that qualifies for a trade ("Diplôme d'État d'éducateur spécialisé (DEES)", "CAP cuisine", "Titre
# professionnel maçon"); not a certificate many trades ask for (CACES, SST, a licence to drive).
_TRADE_DIPLOMA = re.compile(
    r"\b(?:cap|bep|bp|bts|but|dut|bac\s*pro|licence|master|titre\s+pro(?:fessionnel)?|dipl[ôo]me|bpjeps|dejeps|deaes|deas"
    r"|deap|dees|deeje|deme|deasf|cqp|brevet\s+professionnel)\b",
    re.IGNORECASE,
)


def latest_training(text: str) -> str:
    """The diploma of a CV's training section dated no earlier than its latest job ended (a retraining finished:
    "2022 – 2025 Diplôme d'État d'éducateur spécialisé (DEES) ... diplômé en juin 2025" after "2014 – 2025 Agent
    logistique"), its name alone (not its school, its town); "" without one, or while the latest job lasts."""
    job = latest_job(text)
    if job is None or job.ended == 9999:
        return ""
    latest: tuple[int, str] | None = None
    for line in section_texts(text)["training"].splitlines():
        dated = DATED_LINE.match(line)
        if not dated or not _TRADE_DIPLOMA.search(dated.group("rest")):
            continue
        ended = _ended(line[: dated.start("rest")])
        if ended >= job.ended and (latest is None or ended > latest[0]):
            latest = (ended, _TITLE_END.split(dated.group("rest").strip(), maxsplit=1)[0])
    return latest[1] if latest else ""
