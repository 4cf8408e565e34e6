"""The job a CV proposes for the profile's wanted title, read the way a recruiter reads a CV.

In this order, the first that gives a title:

1. the job it says it seeks ("Je recherche un poste de serveur", "Objectif : conducteur de bus", "En reconversion
   vers le métier de ...");
2. its headline: a title standing alone in the CV's head, before its first section or dated line ("CONSEILLÈRE
   COMMERCIALE", "Thomas Martin - Développeur", "Profil : mécanicien de maintenance, 9 ans d'industrie");
3. its latest dated experience ("2022 - 2025  Vendeuse, enseigne de prêt-à-porter"): the job held now, not one
   left years ago, nor the one a diploma is named after ("BTS Management des unités commerciales");
4. else the titles the whole text names, weighed by what surrounds them (`OccupationReader.mentions`).

The title is shown as the CV writes it. Its ROME code comes with it only when the title alone is read surely
(`SURE_TITLE`): a code weighs in every recommendation (offers of another occupation are not shown), so an unsure
one ("Vendeuse": clothes, shoes or food?) is left out and the recommendations read the title with the profile's
text, as they read any title typed in the profile.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from offers.understanding.cv_layout import head_lines
from offers.understanding.latest_job import (
    MIN_TITLE_WEIGHT,
    LatestJob,
    dated_jobs,
    held_titles,
    job_code,
    latest_job,
)
from offers.understanding.occupation_reading import SURE_TITLE, OccupationGuess, OccupationReader
from offers.understanding.text import tokens
from offers.understanding.title_mentions import TitleMention

_WRITTEN_WORD = re.compile(r"[\w#+]+")
# A line that states the job sought, what it seeks after the cue.
_OBJECTIVE = re.compile(
    r"^\s*(?:objectifs?(?:\s+professionnels?)?|projet\s+professionnel|postes?\s+(?:recherch|souhait|vis)\w*"
    r"|je\s+recherche|recherche|en\s+recherche\s+d['’]\w+|en\s+reconversion(?:\s+professionnelle)?)"
    r"\s*[:\-–—]?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
# What may stand before a headline on its line ("Profil : ...", "Poste : ...").
_HEADLINE_LABEL = re.compile(r"^\s*(?:profil|poste|m[ée]tier|fonction|titre|profile|position)\s*:\s*", re.IGNORECASE)
# Where a headline's title stops: the next part of its line, a number of years, what it adds ("avec 8 ans").
_HEADLINE_PARTS = re.compile(r"\s+[-–—|·/]\s+|\s*[|·•,:;]\s*|\s{3,}|\s+(?:avec|depuis|with)\s+|\s+\d")


def cv_title(text: str, occupations: OccupationReader) -> tuple[str, str]:
    """(the title as the CV writes it, its ROME code when read surely) of the job the CV proposes; ("", "") when
    none reads."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    mentions = occupations.mentions(text)
    sought = [mention for mention in mentions if mention.sought] + _objective_mentions(lines, occupations)
    if sought:
        return _weighed(text, sought, occupations)
    for headline in _headlines(lines):
        guesses = _named_title(headline, occupations)
        if guesses and guesses[0].confidence >= SURE_TITLE:
            return _capitalised(headline), guesses[0].code
    job = latest_job(text)
    if job is None:
        return _weighed(text, mentions, occupations)
    code = job_code(job, occupations)
    if code is not None:
        # The job held now, even read unsurely ("Vendeuse": no code then), rather than an older one.
        return _capitalised(job.title), code
    # Its line names an employer ("2019-2024 EHPAD Les Tilleuls"): a title its lines name, if any; not an older job's
    # nor the one a diploma is named after ("BTS Management des unités commerciales").
    block = _latest_experience(text, job)
    return _weighed(block, occupations.mentions(block), occupations)


def _latest_experience(text: str, job: LatestJob) -> str:
    """The lines of the latest dated experience: from its dated line to the next dated one."""
    lines = [line for line in text.splitlines() if line.strip()]
    after = [other.line for other in dated_jobs(text) if other.line > job.line]
    return "\n".join(lines[job.line : after[0] if after else len(lines)])


def _named_title(words: str, occupations: OccupationReader) -> list[OccupationGuess]:
    """The reading of `words` as a title, when they name a known title as written (not "Paris" or an employer's
    "Maison Martin" read as a near title's misspelling) and not one left behind ("Ancien boulanger")."""
    if not words or not held_titles(occupations.mentions(words)):
        return []
    return occupations.from_title(words)


def _objective_mentions(lines: Sequence[str], occupations: OccupationReader) -> list[TitleMention]:
    """The titles named on a line that states the job sought ("Objectif : poste de conducteur de bus")."""
    found = []
    for line in lines:
        objective = _OBJECTIVE.match(line)
        if objective:
            found.extend(occupations.mentions(objective["rest"]))
    return found


def _headlines(lines: Sequence[str]) -> list[str]:
    """The parts of the CV's head that may be its headline, in order; not the holder's name (its first part) nor
    contact details (an e-mail, a phone number, a street)."""
    found = []
    for number, line in enumerate(head_lines(lines)):
        line = _HEADLINE_LABEL.sub("", line)
        parts = [part.strip() for part in _HEADLINE_PARTS.split(line) if part and part.strip()]
        for index, part in enumerate(parts):
            if (number == 0 and index == 0) or "@" in part or any(char.isdigit() for char in part):
                continue
            found.append(part)
    return found


def _weighed(text: str, mentions: Iterable[TitleMention], occupations: OccupationReader) -> tuple[str, str]:
    """The title of the family the mentions weigh most, as the text writes it."""
    mentions = list(mentions)
    scores: dict[str, float] = defaultdict(float)
    for mention in mentions:
        for family, share in mention.shares.items():
            scores[family] += mention.weight * share
    if not scores:
        return "", ""
    family = max(scores, key=lambda code: (scores[code], code))
    if scores[family] < MIN_TITLE_WEIGHT:
        return "", ""
    best = max((m for m in mentions if family in m.shares), key=lambda m: m.weight * m.shares[family])
    written = as_written(text, best.words)
    return (written, best.code) if written else ("", "")


def _capitalised(title: str) -> str:
    title = " ".join(title.split())
    if title.isupper() and len(title) > 4:
        title = title.capitalize()  # "BOULANGÈRE" as a headline
    return title[:1].upper() + title[1:]


def as_written(text: str, words: Sequence[str]) -> str:
    """The first place `text` says the folded `words` in a row, as the text writes them ("Boulangère")."""
    spans: list[tuple[str, int, int]] = []
    for match in _WRITTEN_WORD.finditer(text):
        spans.extend((token, match.start(), match.end()) for token in tokens(match.group()))
    size = len(words)
    for start in range(len(spans) - size + 1):
        if all(spans[start + i][0] == words[i] for i in range(size)):
            return _capitalised(text[spans[start][1] : spans[start + size - 1][2]])
    return ""
