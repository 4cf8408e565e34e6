from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.encoder import EmbeddingModelUnavailable, configured_encoder
from matching.evaluation.recommendations import DemoNotLoaded
from matching.evaluation.skill_verdicts import JUDGED_SETS, all_scores

HEADERS = (
    "missing",
    "claimed",
    "missing said",
    "said or part",
    "listed missing",
    "claims unsaid",
    "to state",
    "to state unsaid",
    "unjudged",
)


class Command(BaseCommand):
    help = (
        "Score the explanations' skill verdicts on the recommendations of the judged profile sets "
        "(matching/evaluation/verdicts/): per set, the share of skills shown 'À acquérir' that the candidate's "
        "listed skills or text say (in full, at least in part), of those their listed skills say at least in part, "
        "of skills claimed that neither says, and of the skills of their own trade shown 'À préciser' that neither "
        "says; and how many skills shown no judge read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--set", dest="sets", action="append", choices=JUDGED_SETS, help="a set (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            encoder = configured_encoder()
        except EmbeddingModelUnavailable as error:
            raise CommandError(str(error)) from error
        try:
            rows = all_scores(options["sets"] or JUDGED_SETS, encoder)
        except DemoNotLoaded as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"model {encoder.name}")
        self.stdout.write(f"{'set':<10} " + " ".join(f"{header:>14}" for header in HEADERS))
        for row in rows:
            cells = [
                str(row.missing),
                str(row.claimed),
                *(
                    f"{value:.3f}"
                    for value in (row.missing_said, row.missing_said_or_part, row.listed_missing, row.claims_unsaid)
                ),
                str(row.unstated),
                f"{row.unstated_unsaid:.3f}",
                str(row.unjudged),
            ]
            self.stdout.write(f"{row.profile_set:<10} " + " ".join(f"{cell:>14}" for cell in cells))
