"""python manage.py recheck_offers [--source ...] [--limit N]: close the offers their source withdrew."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ingestion.services import closing, runs
from ingestion.sources.base import MissingCredentials, SourceClient, client_for
from offers.models import Source


class Command(BaseCommand):
    help = "Re-vérifie les offres ouvertes auprès de leur source et ferme celles qui ont été retirées."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", choices=[*Source.values, "all"], default="all")
        parser.add_argument("--limit", type=int, default=closing.RECHECK_DAILY_LIMIT)

    def handle(self, *args: Any, **options: Any) -> None:
        sources = Source.values if options["source"] == "all" else [options["source"]]
        for source in sources:
            label = Source(source).label
            client: SourceClient | None
            try:
                client = client_for(source, calls_already_used_today=runs.calls_used_today(source, timezone.now()))
            except MissingCredentials as error:
                self.stderr.write(self.style.WARNING(f"{error} Fermeture sur absence seulement."))
                client = None
            try:
                run = closing.open_offers_recheck(source=source, client=client, limit=options["limit"])
            except runs.RunAlreadyActive as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                f"[{label}] {run.get_status_display()} : {run.closed} fermées, {run.updated} mises à jour, "
                f"{run.api_calls} appels API"
            )
