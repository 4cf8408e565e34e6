from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.encoder import EmbeddingModelUnavailable, configured_encoder
from matching.evaluation.runner import evaluate, load_dataset
from matching.models import EvaluationResult
from matching.offer_text import OFFER_TEXT_MAX_TOKENS, OFFER_TEXT_RECIPE, OFFER_TEXT_RECIPES

COLUMNS = ("recall_at_5", "recall_at_10", "mrr", "ndcg_at_10", "mean_similarity", "diversity")
HEADERS = ("recall@5", "recall@10", "MRR", "nDCG@10", "sim. moy.", "diversité")


class Command(BaseCommand):
    help = (
        "Score MATCHING_MODEL on the labelled French set (matching/evaluation/): recall@5/10, MRR, nDCG@10, "
        "mean similarity and diversity for vector, keyword and hybrid (RRF) ranking; stores the figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--compare-texts",
            action="store_true",
            help="also score vector ranking with the other offer texts and windows (justifies offer_text.py)",
        )
        parser.add_argument("--no-store", action="store_true", help="print the table without recording it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            encoder = configured_encoder()
        except EmbeddingModelUnavailable as error:
            raise CommandError(str(error)) from error
        dataset = load_dataset()
        recipes = [(OFFER_TEXT_RECIPE, OFFER_TEXT_MAX_TOKENS)]
        if options["compare_texts"]:
            recipes += [(OFFER_TEXT_RECIPE, 256)]
            recipes += [(recipe, OFFER_TEXT_MAX_TOKENS) for recipe in OFFER_TEXT_RECIPES if recipe != OFFER_TEXT_RECIPE]
        self.stdout.write(
            f"model {encoder.name} ({encoder.weights_checksum[:12]}, {encoder.backend}); dataset {dataset.version}: "
            f"{len(dataset.profiles)} profiles, {len(dataset.offers)} offers"
        )
        results = evaluate(dataset, encoder, recipes=tuple(recipes))
        self.stdout.write(f"{'method':<8} {'offer text':<36} " + " ".join(f"{h:>9}" for h in HEADERS))
        for result in results:
            values = [getattr(result.scores, name) for name in COLUMNS]
            self.stdout.write(f"{result.method:<8} {result.offer_text:<36} " + " ".join(f"{v:>9.3f}" for v in values))
            if not options["no_store"]:
                EvaluationResult.objects.create(
                    model_name=encoder.name,
                    model_checksum=encoder.weights_checksum,
                    backend=encoder.backend,
                    offer_text=result.offer_text,
                    method=result.method,
                    dataset_version=dataset.version,
                    profiles_count=len(dataset.profiles),
                    offers_count=len(dataset.offers),
                    **{name: getattr(result.scores, name) for name in COLUMNS},
                )
