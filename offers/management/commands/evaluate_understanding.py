from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from offers.understanding.evaluation import extraction_scores, france_travail_offers
from offers.understanding.occupations import occupation_reader
from offers.understanding.skills import skill_reader


class Command(BaseCommand):
    help = (
        "Hide France Travail's competences and romeCode, predict them from each offer's title and description, and "
        "print skill precision/recall and ROME accuracy. FOLDER holds France Travail search bodies "
        "(default: the demo's and the hand-written held-out set offers/understanding/heldout; "
        "`python -m bench.gen_offers --n 2000 --seed 7 --out DIR` writes generated ones)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folders", nargs="*", type=Path, help="folders of France Travail search bodies (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        folders = options["folders"] or [
            Path(settings.BASE_DIR) / "ingestion" / "demo" / "francetravail",
            Path(settings.BASE_DIR) / "offers" / "understanding" / "heldout",
        ]
        skills, occupations = skill_reader(), occupation_reader()
        self.stdout.write(f"{'set':<48} {'offers':>6} {'skill P':>8} {'skill R':>8} {'ROME acc':>9} {'answered':>9}")
        for folder in folders:
            if not folder.is_dir():
                raise CommandError(f"{folder} is not a folder of France Travail search bodies")
            scores = extraction_scores(france_travail_offers(folder), skills=skills, occupations=occupations)
            self.stdout.write(
                f"{str(folder)[-48:]:<48} {scores.offers:>6} {scores.skill_precision:>8.3f} {scores.skill_recall:>8.3f}"
                f" {scores.rome_accuracy:>9.3f} {scores.rome_answered:>9.3f}"
            )
