from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from offers.reference_data import ReferenceDataError, rome_load
from offers.understanding.offer_occupation import offers_occupations_refresh


class Command(BaseCommand):
    help = "Load (or refresh) the official ROME referential from the folder holding its CSV files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="folder with unix_referentiel_code_rome_*.csv and the others")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            report = rome_load(folder=path, progress=self.stdout.write)
        except (ReferenceDataError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"ROME chargé : {report.occupations} métiers, {report.titles} appellations, "
                f"{report.definitions} définitions, {report.close_links} liens vers des métiers proches."
            )
        )
        # The titles the offers carry read differently with the new referential.
        changed = offers_occupations_refresh()
        self.stdout.write(f"Métier relu : {changed} offres.")
