"""python manage.py reprocess [--source ...] [--errors-only]: rebuild postings and offers from raw payloads."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingestion.management.commands.ingest import describe
from ingestion.models import IngestionRun
from ingestion.services import collection, runs
from offers.models import Source


class Command(BaseCommand):
    help = "Renormalise les contenus bruts enregistrés et reconstruit les offres, sans aucun appel API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", choices=[*Source.values, "all"], default="all")
        parser.add_argument("--errors-only", action="store_true", help="Seulement les contenus en erreur.")

    def handle(self, *args: Any, **options: Any) -> None:
        sources = Source.values if options["source"] == "all" else [options["source"]]
        for source in sources:
            label = Source(source).label

            def progress(run: IngestionRun, label: str = label) -> None:
                self.stdout.write(f"[{label}] {describe(run)}")

            try:
                run = collection.payloads_reprocess(
                    source=source, errors_only=options["errors_only"], progress=progress
                )
            except runs.RunAlreadyActive as error:
                raise CommandError(str(error)) from None
            self.stdout.write(self.style.SUCCESS(f"[{label}] {run.get_status_display()} : {describe(run)}"))
