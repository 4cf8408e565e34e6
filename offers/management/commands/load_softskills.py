from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from offers.soft_skills import SoftSkillFileError, softskill_load


class Command(BaseCommand):
    help = "Load (or refresh) Match via Soft Skills scores per ROME code from a CSV (code_rome, skill_id, score, ...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the RAW_SOFTSKILL CSV file")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            report = softskill_load(path=path, progress=self.stdout.write)
        except (SoftSkillFileError, OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.skills} savoir-être, {report.scores} scores pour {report.occupations} métiers chargés"
                f" ({report.skipped} lignes ignorées)."
            )
        )
