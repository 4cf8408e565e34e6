"""python manage.py ingest [--source ...] [--since DATE | --sweep] [--dry-run] [--from-files DIR]"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ingestion.models import IngestionRun, RunKind, RunStatus
from ingestion.replay import ReplayClient
from ingestion.services import collection, runs
from ingestion.sources.base import MissingCredentials, SourceClient, client_for
from offers.models import Source


def parse_since(value: str) -> datetime:
    """'2026-10-01' (midnight, Paris time) or an ISO date-time."""
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        moment = datetime.combine(day, time.min)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def describe(run: IngestionRun) -> str:
    return (
        f"{run.fetched} reçues · {run.new} nouvelles · {run.merged} fusionnées · {run.updated} mises à jour · "
        f"{run.unchanged} inchangées · {run.failed} en erreur · {run.api_calls} appels API"
    )


class Command(BaseCommand):
    help = "Collecte les offres des sources (ou rejoue des réponses enregistrées) dans les trois couches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", choices=[*Source.values, "all"], default="all")
        parser.add_argument("--since", help="Offres publiées depuis cette date (AAAA-MM-JJ ou date-heure ISO).")
        parser.add_argument(
            "--sweep",
            action="store_true",
            help="Balayage complet du catalogue (la collecte quotidienne) : ferme les offres qu'il ne retrouve plus.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Collecte et normalise sans rien écrire.")
        parser.add_argument(
            "--from-files",
            metavar="DIR",
            help="Rejoue DIR/francetravail/*.json et DIR/adzuna/*.json (corps de réponses) sans appel API.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sources = Source.values if options["source"] == "all" else [options["source"]]
        try:
            since = parse_since(options["since"]) if options["since"] else None
        except ValueError:
            raise CommandError(f"--since : date illisible « {options['since']} » (attendu AAAA-MM-JJ).") from None
        directory = Path(options["from_files"]) if options["from_files"] else None
        if options["sweep"] and (since or directory or options["dry_run"]):
            raise CommandError("--sweep lit tout le catalogue : sans --since, --from-files ni --dry-run.")
        if directory is not None and not directory.is_dir():
            raise CommandError(f"--from-files : dossier introuvable « {directory} ».")

        clients: list[SourceClient] = []
        missing: list[str] = []
        now = timezone.now()
        for source in sources:
            if directory is not None:
                replay = ReplayClient(source=source, directory=directory)
                if not replay.files():
                    self.stdout.write(f"{Source(source).label} : aucun fichier dans {replay.directory}, ignorée.")
                    continue
                clients.append(replay)
                continue
            try:
                clients.append(client_for(source, calls_already_used_today=runs.calls_used_today(source, now)))
            except MissingCredentials as error:
                missing.append(str(error))
        for message in missing:
            self.stderr.write(self.style.WARNING(message))
        if not clients:
            if missing:
                raise CommandError("Aucune source utilisable : identifiants manquants (voir ci-dessus).")
            raise CommandError("Rien à collecter.")

        failed = []
        for client in clients:
            label = Source(client.name).label
            searches = collection.searches_for(client.name)
            run_since = since
            if directory is None and run_since is None:
                run_since = runs.default_since(client.name, now)
            if options["dry_run"]:

                def dry_progress(counts: collection.DryRunCounts, label: str = label) -> None:
                    self.stdout.write(f"[{label}] {counts.fetched} reçues…")

                counts = collection.ingestion_dry_run(
                    source=client.name, client=client, searches=searches, since=run_since, progress=dry_progress
                )
                self.stdout.write(
                    f"[{label}] essai à blanc : {counts.fetched} reçues, {counts.valid} valides, "
                    f"{counts.failed} en erreur, {counts.known} déjà connues, {counts.api_calls} appels API. "
                    "Rien n'a été écrit."
                )
                continue
            if options["sweep"]:
                self.stdout.write(f"[{label}] balayage complet…")
            else:
                self.stdout.write(
                    f"[{label}] collecte depuis {run_since:%d/%m/%Y %H:%M}…" if run_since else f"[{label}] rejeu…"
                )

            def progress(run: IngestionRun, label: str = label) -> None:
                self.stdout.write(f"[{label}] {describe(run)}")

            try:
                if options["sweep"]:
                    run = collection.ingestion_sweep(
                        source=client.name, client=client, searches=searches, progress=progress
                    )
                else:
                    run = collection.ingestion_run(
                        source=client.name,
                        client=client,
                        searches=searches,
                        since=run_since,
                        kind=RunKind.REPLAY if directory is not None else RunKind.COLLECT,
                        progress=progress,
                    )
            except runs.RunAlreadyActive as error:
                raise CommandError(str(error)) from None
            if run.status == RunStatus.SUCCEEDED:
                style = self.style.SUCCESS
            elif run.status == RunStatus.PARTIAL:
                style = self.style.WARNING
            else:
                style = self.style.ERROR
            self.stdout.write(style(f"[{label}] {run.get_status_display()} : {describe(run)}"))
            if options["sweep"]:
                self.stdout.write(
                    f"[{label}] balayage {'complet' if run.complete else 'incomplet'} : {run.closed} offres fermées"
                )
            for problem in run.errors:
                self.stdout.write(f"[{label}]   ! {problem.get('message', problem)}")
            if run.status == RunStatus.FAILED:
                failed.append(label)
        if failed:
            raise CommandError(f"Collecte échouée : {', '.join(failed)}.")
