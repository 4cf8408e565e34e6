"""The title and the town a CV proposes, against a recruiter's reading of the same CV (`cvs/`, written blind).

For each CV of a half, the proposals are read as an upload reads them (`cv_proposals.cv_proposals_read`: the
job sought, the headline, the latest job, the tasks; the town) and judged:

- title: `right` (a ROME code of the family the recruiter reads as the job wanted), `wrong` (a code of another
  family: the recommendations would then hide the offers of the right one), `uncoded` (a title as written, with no
  code: the recommendations read it as any typed title), `none`;
- town: `right` (the commune the CV says they live in, a city for an arrondissement), `wrong` (another commune, or
  one where the CV gives none), `missed` (none proposed where the CV gives one), `none` (none given, none proposed);
- skills (read against a fixed vocabulary, `cvs/vocabulary.json`: the 348 skills of the demo offers): each proposed
  skill by a recruiter's verdict written blind (`cvs/skills_judged.json`): `said`, `part` (said in part, or surely
  held) or `not` (nothing in the CV says it); a proposal no judge read is counted `unjudged`.

`manage.py evaluate_cv_proposals` prints the shares per half; `tests/candidates/test_evaluate_cv_proposals.py` holds
the floors of `cvs/floors.json`. Only `tuning` is read for errors (`--failures`); `independent` is measured only.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from candidates.cv_proposals import cv_proposals_read
from offers.geography.gazetteer import Gazetteer
from offers.understanding.meaning import MeaningReader
from offers.understanding.occupation_tasks import TaskReader
from offers.understanding.occupations import OccupationReader
from offers.understanding.skills import SkillReader

CVS_DIR = Path(__file__).resolve().parent / "cvs"
HALVES = ("tuning", "independent")
READ_FOR_ERRORS = ("tuning",)
TITLE_VERDICTS = ("right", "wrong", "uncoded", "none")
TOWN_VERDICTS = ("right", "wrong", "missed", "none")
SKILL_VERDICTS = ("said", "part", "not", "unjudged")


@dataclass(frozen=True)
class JudgedCv:
    id: str
    title: str
    rome_code: str
    wanted: tuple[str, ...]
    title_verdict: str
    place: str
    expected_place: str
    town_verdict: str
    skills: tuple[tuple[str, str], ...]  # (proposed skill, verdict)


@dataclass(frozen=True)
class CvProposalScores:
    half: str
    cvs: int
    titles: Counter[str]
    towns: Counter[str]
    skills: Counter[str]

    @property
    def title_right(self) -> float:
        """Share of the CVs whose proposed title carries the code of the job wanted."""
        return self.titles["right"] / self.cvs if self.cvs else 0.0

    @property
    def title_wrong(self) -> float:
        """Share of the CVs whose proposed title carries the code of another job."""
        return self.titles["wrong"] / self.cvs if self.cvs else 0.0

    @property
    def town_right(self) -> float:
        """Share of the CVs giving a town whose town is proposed."""
        given = self.towns["right"] + self.towns["missed"] + self.towns["wrong"]
        return self.towns["right"] / given if given else 0.0

    @property
    def town_wrong(self) -> float:
        """Share of the CVs with a town proposed that is not theirs."""
        return self.towns["wrong"] / self.cvs if self.cvs else 0.0

    @property
    def skills_not_said(self) -> float:
        """Share of the judged proposed skills that nothing in the CV says."""
        judged = sum(self.skills[verdict] for verdict in ("said", "part", "not"))
        return self.skills["not"] / judged if judged else 0.0


def load_half(half: str) -> list[dict[str, Any]]:
    return json.loads((CVS_DIR / f"{half}.json").read_text(encoding="utf-8"))["cvs"]


def floors() -> dict[str, dict[str, float]]:
    """The recorded floors and ceilings of each half (cvs/floors.json)."""
    return {
        half: bounds
        for half, bounds in json.loads((CVS_DIR / "floors.json").read_text(encoding="utf-8")).items()
        if not half.startswith("_")
    }


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    return tuple(json.loads((CVS_DIR / "vocabulary.json").read_text(encoding="utf-8"))["labels"])


@lru_cache(maxsize=1)
def skill_verdicts() -> dict[str, dict[str, str]]:
    """CV id -> proposed skill -> the recruiter's verdict."""
    return json.loads((CVS_DIR / "skills_judged.json").read_text(encoding="utf-8"))["judged"]


def judged_cv(
    cv: dict[str, Any],
    *,
    occupations: OccupationReader,
    places: Gazetteer,
    skills: SkillReader,
    tasks: TaskReader | None,
    meaning: MeaningReader | None,
) -> JudgedCv:
    proposals = cv_proposals_read(
        cv["text"],
        vocabulary=vocabulary(),
        skills=skills,
        occupations=occupations,
        places=places,
        tasks=tasks,
        meaning=meaning,
    )
    wanted = tuple(cv["wanted_rome"])
    if proposals.rome_code:
        right = occupations.family(proposals.rome_code) in {occupations.family(code) for code in wanted}
        title_verdict = "right" if right else "wrong"
    else:
        title_verdict = "uncoded" if proposals.title else "none"
    expected = cv.get("commune_insee") or ""
    if proposals.commune_insee:
        town_verdict = "right" if proposals.commune_insee == expected else "wrong"
    else:
        town_verdict = "missed" if expected else "none"
    return JudgedCv(
        id=cv["id"],
        title=proposals.title,
        rome_code=proposals.rome_code,
        wanted=wanted,
        title_verdict=title_verdict,
        place=proposals.place_name,
        expected_place=cv.get("place") or "",
        town_verdict=town_verdict,
        skills=tuple((skill, skill_verdicts().get(cv["id"], {}).get(skill, "unjudged")) for skill in proposals.skills),
    )


def cv_proposal_scores(
    half: str,
    *,
    occupations: OccupationReader,
    places: Gazetteer,
    skills: SkillReader,
    tasks: TaskReader | None,
    meaning: MeaningReader | None,
) -> tuple[CvProposalScores, list[JudgedCv]]:
    judged = [
        judged_cv(cv, occupations=occupations, places=places, skills=skills, tasks=tasks, meaning=meaning)
        for cv in load_half(half)
    ]
    scores = CvProposalScores(
        half=half,
        cvs=len(judged),
        titles=Counter(item.title_verdict for item in judged),
        towns=Counter(item.town_verdict for item in judged),
        skills=Counter(verdict for item in judged for _, verdict in item.skills),
    )
    return scores, judged
