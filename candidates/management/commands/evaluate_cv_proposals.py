from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from candidates.evaluation.cv_proposals import (
    HALVES,
    READ_FOR_ERRORS,
    SKILL_VERDICTS,
    TITLE_VERDICTS,
    TOWN_VERDICTS,
    CvProposalScores,
    cv_proposal_scores,
)
from offers.geography.loading import gazetteer
from offers.understanding.meaning import configured_meaning_reader
from offers.understanding.occupation_tasks import task_reader
from offers.understanding.occupations import occupation_reader
from offers.understanding.skills import skill_reader

# (header, the cell of a half's scores): counts of each verdict, then the shares.
COLUMNS: list[tuple[str, Callable[[CvProposalScores], str]]] = [
    ("CVs", lambda scores: str(scores.cvs)),
    *((f"title {verdict}", lambda scores, v=verdict: str(scores.titles[v])) for verdict in TITLE_VERDICTS),
    *((f"town {verdict}", lambda scores, v=verdict: str(scores.towns[v])) for verdict in TOWN_VERDICTS),
    *((f"skills {verdict}", lambda scores, v=verdict: str(scores.skills[v])) for verdict in SKILL_VERDICTS),
    ("title right", lambda scores: f"{scores.title_right:.3f}"),
    ("title wrong", lambda scores: f"{scores.title_wrong:.3f}"),
    ("town right", lambda scores: f"{scores.town_right:.3f}"),
    ("town wrong", lambda scores: f"{scores.town_wrong:.3f}"),
    ("skills not said", lambda scores: f"{scores.skills_not_said:.3f}"),
]


class Command(BaseCommand):
    help = (
        "Score the title, the town and the skills a CV proposes against a recruiter's reading of the same CV "
        "(candidates/evaluation/cvs/): per half, the share of CVs proposed the right job's code, another job's code, "
        "the town they live in, another town, and the share of proposed skills the CV does not say. With --failures, "
        "list the disagreements of the tuning half; the independent half is never listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--failures", action="store_true", help="list the failures of the tuning half")

    def handle(self, *args: Any, **options: Any) -> None:
        readers = {"occupations": occupation_reader(), "places": gazetteer(), "skills": skill_reader()}
        readers.update(tasks=task_reader(), meaning=configured_meaning_reader())
        self.stdout.write(f"{'half':<12} " + " ".join(f"{name:>{len(name)}}" for name, _ in COLUMNS))
        listed = []
        for half in HALVES:
            scores, judged = cv_proposal_scores(half, **readers)
            self.stdout.write(f"{half:<12} " + " ".join(f"{cell(scores):>{len(name)}}" for name, cell in COLUMNS))
            if half in READ_FOR_ERRORS:
                listed.extend(judged)
        if not options["failures"]:
            return
        for item in listed:
            if item.title_verdict != "right":
                self.stdout.write(
                    f"  {item.id} title {item.title_verdict}: {item.title!r} {item.rome_code or '-'}"
                    f" (wanted {', '.join(item.wanted)})"
                )
            if item.town_verdict in ("wrong", "missed"):
                self.stdout.write(
                    f"  {item.id} town {item.town_verdict}: {item.place!r} (said {item.expected_place!r})"
                )
            for skill, verdict in item.skills:
                if verdict in ("not", "unjudged"):
                    self.stdout.write(f"  {item.id} skill {verdict}: {skill!r}")
