from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from offers.understanding.evaluation import extraction_scores, france_travail_offers, stated_labels, truth_codes
from offers.understanding.meaning import meaning_reader
from offers.understanding.occupations import occupation_reader
from offers.understanding.skills import skill_reader

UNDERSTANDING = Path(settings.BASE_DIR) / "offers" / "understanding"
# The default sets, and what each one is for (offers/understanding/README.md).
DEFAULT_SETS = (
    (Path(settings.BASE_DIR) / "ingestion" / "demo" / "francetravail", "generated demo payloads"),
    (UNDERSTANDING / "heldout", "hand-written, used to choose"),
    (UNDERSTANDING / "heldout2" / "tuning", "hand-written, used to choose"),
    (UNDERSTANDING / "heldout2" / "independent", "hand-written, INDEPENDENT (never tuned on)"),
    (UNDERSTANDING / "heldout3" / "tuning", "hand-written, used to choose"),
    (UNDERSTANDING / "heldout3" / "independent", "hand-written, INDEPENDENT (never tuned on)"),
    (UNDERSTANDING / "titles" / "tuning", "offer titles, used to choose"),
    (UNDERSTANDING / "titles" / "independent", "offer titles, INDEPENDENT (never tuned on)"),
)


class Command(BaseCommand):
    help = (
        "Hide France Travail's competences and romeCode, predict them from each offer's title and description, and "
        "print skill precision/recall and ROME accuracy. FOLDER holds France Travail search bodies "
        "(default: the demo's, the first hand-written held-out set, both halves of the second and the third, and both "
        "halves of the offer-title set; "
        "`python -m bench.gen_offers --n 2000 --seed 7 --out DIR` writes generated ones)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folders", nargs="*", type=Path, help="folders of France Travail search bodies (JSON)")
        parser.add_argument(
            "--rome",
            type=Path,
            help="the ROME files whose skill labels the reading by meaning compares clauses with "
            "(default: the UNDERSTANDING_ROME_DIR setting)",
        )
        parser.add_argument(
            "--lexical", action="store_true", help="read by words only (no reading by meaning), as the ranking does"
        )
        parser.add_argument(
            "--truth",
            type=Path,
            help="JSON of each offer's true occupation ({'francetravail': {id: ROME code}}, such as "
            "matching/evaluation/demo_truth.json): ROME accuracy is also printed against it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sets = [(folder, "") for folder in options["folders"]] or list(DEFAULT_SETS)
        truth = None
        if options["truth"]:
            try:
                truth = truth_codes(options["truth"])
            except (OSError, ValueError) as error:
                raise CommandError(f"truth file unreadable: {error}") from error
        skills, occupations = skill_reader(), occupation_reader()
        meaning = None
        if not options["lexical"]:
            folder = options["rome"] or (
                Path(settings.UNDERSTANDING_ROME_DIR) if settings.UNDERSTANDING_ROME_DIR else None
            )
            if folder is None:
                raise CommandError("no ROME folder for the reading by meaning: give --rome FOLDER, or --lexical")
            try:
                meaning = meaning_reader(folder)
            except (OSError, ImportError) as error:
                raise CommandError(f"no reading by meaning: {error}") from error
        self.stdout.write("reading: " + ("words only (--lexical)" if meaning is None else "words and meaning"))
        header = (
            f"{'set':<42} {'offers':>6} {'skill P':>8} {'skill R':>8} {'R stated':>9}"
            f" {'ROME n':>7} {'ROME acc':>9} {'answered':>9}"
        )
        self.stdout.write(header + (f" {'ROME true':>9} {'(offers)':>8}" if truth else "") + "  kind")
        for folder, kind in sets:
            if not folder.is_dir():
                raise CommandError(f"{folder} is not a folder of France Travail search bodies")
            stated = None
            if (folder / "stated.json").is_file():
                try:
                    stated = stated_labels(folder / "stated.json")
                except (OSError, ValueError) as error:
                    raise CommandError(f"stated.json unreadable: {error}") from error
            try:
                scores = extraction_scores(
                    france_travail_offers(folder),
                    skills=skills,
                    occupations=occupations,
                    truth=truth,
                    stated=stated,
                    meaning=meaning,
                )
            except ValueError as error:
                raise CommandError(f"{folder}: {error}") from error
            said = f"{scores.stated_recall:.3f}" if stated is not None else "-"
            name = str(folder.relative_to(settings.BASE_DIR) if folder.is_relative_to(settings.BASE_DIR) else folder)
            line = (
                f"{name[-42:]:<42} {scores.offers:>6} {scores.skill_precision:>8.3f} {scores.skill_recall:>8.3f}"
                f" {said:>9} {scores.rome_offers:>7} {scores.rome_accuracy:>9.3f} {scores.rome_answered:>9.3f}"
            )
            if truth:
                true = f"{scores.rome_true_accuracy:.3f}" if scores.rome_true_offers else "-"
                line += f" {true:>9} {scores.rome_true_offers:>8}"
            self.stdout.write(f"{line}  {kind}")
