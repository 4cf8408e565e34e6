from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.encoder import EmbeddingModelUnavailable
from matching.models import RunStatus
from matching.services import EmbeddingModelMismatch, offer_embeddings_refresh


class Command(BaseCommand):
    help = (
        "Embed the open offers that are new or changed with MATCHING_MODEL (resumable; progress in the logs "
        "and in the admin). A new model takes over from the active one once every open offer has its vector."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="re-embed every open offer, changed or not")
        parser.add_argument("--batch-size", type=int, default=None, help="offers per committed batch")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run = offer_embeddings_refresh(full=options["all"], batch_size=options["batch_size"])
        except (EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
            raise CommandError(str(error)) from error
        if run.status == RunStatus.SKIPPED:
            raise CommandError("another embedding refresh is running; try again when it is done")
        self.stdout.write(
            f"{run.model}: {run.processed_count} offers examined, {run.embedded_count} embedded, "
            f"{run.unchanged_count} unchanged, {run.pruned_count} closed-offer vectors pruned"
            + (" — switched to this model" if run.switched_model else "")
        )
