from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from offers.reference_data import ReferenceDataError, commune_load


class Command(BaseCommand):
    help = "Load (or refresh) French communes (INSEE code, name, postcodes, coordinates) from a CSV file or folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a communes CSV file, or a folder of them")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            report = commune_load(path=path, progress=self.stdout.write)
        except (ReferenceDataError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{report.communes} communes chargées ({report.skipped} lignes ignorées).")
        )
