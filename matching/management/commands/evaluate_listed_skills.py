from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.encoder import EmbeddingModelUnavailable, configured_encoder
from matching.evaluation.listed_skills import HALVES, READ_FOR_ERRORS, failures, listed_skill_scores
from matching.models import EmbeddingModel

HEADERS = ("pairs", "said", "part", "not", "missing while listed", "false claims", "said claimed", "not missing")


class Command(BaseCommand):
    help = (
        "Score the explanations' skill verdicts ('Vous avez' / 'À acquérir') against a recruiter's on skills people "
        "list (matching/evaluation/listed/): per half, the share of listed skills called missing, of claims the "
        "profile does not say, of said skills claimed and of unsaid ones called missing. With --failures, list the "
        "disagreements of the halves read for errors (tuning, tuning2) by kind; independent and blind2 are never read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--failures", action="store_true", help="list the failures of the halves read for errors by kind"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            encoder = configured_encoder()
        except EmbeddingModelUnavailable as error:
            raise CommandError(str(error)) from error
        # The encoder's identity is all `said_otherwise` needs: nothing is stored.
        model = EmbeddingModel(
            name=encoder.name,
            weights_checksum=encoder.weights_checksum,
            backend=encoder.backend,
            dimension=encoder.dimension,
        )
        self.stdout.write(f"model {encoder.name} ({encoder.weights_checksum[:12]}, {encoder.backend})")
        self.stdout.write(f"{'half':<12} " + " ".join(f"{header:>{max(6, len(header))}}" for header in HEADERS))
        readable = []
        for half in HALVES:
            scores = listed_skill_scores(half, model=model)
            if half in READ_FOR_ERRORS:
                readable.append(scores)
            cells = [
                str(scores.pairs),
                *(str(scores.counts[verdict]) for verdict in ("said", "part", "not")),
                *(
                    f"{value:.3f}"
                    for value in (
                        scores.missing_while_listed,
                        scores.false_claims,
                        scores.said_claimed,
                        scores.not_missing,
                    )
                ),
            ]
            self.stdout.write(
                f"{half:<12} "
                + " ".join(f"{cell:>{max(6, len(header))}}" for cell, header in zip(cells, HEADERS, strict=True))
            )
        for scores in readable if options["failures"] else ():
            for kind, items in sorted(failures(scores).items()):
                self.stdout.write(f"\n{scores.half}: {kind} ({len(items)})")
                for item in items:
                    by = f" [by {item.by}]" if item.by else ""
                    self.stdout.write(f"  {item.occupation} {item.title}: {item.label}{by}")
