from __future__ import annotations

import math
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.encoder import EmbeddingModelUnavailable, configured_encoder
from matching.evaluation.recommendations import (
    PROFILE_SETS,
    DemoNotLoaded,
    evaluate_recommendations,
    load_demo_dataset,
)
from matching.evaluation.runner import evaluate, load_dataset
from matching.models import EvaluationResult
from matching.offer_text import OFFER_TEXT_MAX_TOKENS, OFFER_TEXT_RECIPE, OFFER_TEXT_RECIPES

COLUMNS = ("recall_at_5", "recall_at_10", "mrr", "ndcg_at_10", "mean_similarity", "diversity")
HEADERS = ("recall@5", "recall@10", "MRR", "nDCG@10", "sim. moy.", "diversité")
RANKING_COLUMNS = ("recall_at_10", "mrr", "ndcg_at_10", "unrelated_share", "shown", "clear_with_unrelated")
RANKING_HEADERS = ("recall@10", "MRR", "nDCG@10", "unrelated", "shown", "clear_with_unrelated")


class Command(BaseCommand):
    help = (
        "Score the recommendations of one profile set (--set: matching/evaluation/<set>_profiles.json) against "
        "the whole demo set: recall@10, MRR, nDCG@10, the share of unrelated offers shown and the share of "
        "profiles with a job title shown an unrelated offer, for the project's ranking and for plain filtered "
        "cosine; with --search, also vector, keyword and hybrid (RRF) ranking on the fixed text corpus. "
        "Stores the figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--search",
            action="store_true",
            help="also score vector, keyword and hybrid ranking on the fixed corpus (matching/evaluation/offers.json)",
        )
        parser.add_argument(
            "--compare-texts",
            action="store_true",
            help="with --search: also score the other offer texts and windows (justifies offer_text.py)",
        )
        parser.add_argument("--by-kind", action="store_true", help="also print the figures per kind of profile")
        parser.add_argument(
            "--set",
            dest="profile_set",
            choices=sorted(PROFILE_SETS),
            default="demo",
            help="the profiles: demo (weights tuned on half of them), heldout (other occupations, nothing tuned "
            "on them), heldout2 to heldout9 (each written apart before any run, never tuned on), heldout10 and "
            "heldout11 (title-less profiles, career changers above all; heldout10 read for errors)",
        )
        parser.add_argument(
            "--heldout",
            action="store_const",
            dest="profile_set",
            const="heldout",
            help="the same as --set heldout",
        )
        parser.add_argument("--no-store", action="store_true", help="print the tables without recording them")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            encoder = configured_encoder()
        except EmbeddingModelUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"model {encoder.name} ({encoder.weights_checksum[:12]}, {encoder.backend})")
        search = options["search"] or options["compare_texts"]
        try:
            self._recommendations(encoder, options)
        except DemoNotLoaded as error:
            if not search:
                raise CommandError(str(error)) from error
            self.stdout.write(f"recommendations not scored: {error}")
        if search:
            self._search(encoder, options)

    def _recommendations(self, encoder, options: dict[str, Any]) -> None:
        dataset = load_demo_dataset(profiles=PROFILE_SETS[options["profile_set"]])
        results = evaluate_recommendations(dataset, encoder)
        self.stdout.write(
            f"recommendations, set {options['profile_set']}, dataset {dataset.version}: "
            f"{len(dataset.profiles)} profiles, demo offers"
        )
        widths = [max(9, len(header)) for header in RANKING_HEADERS]
        self.stdout.write(
            f"{'method':<8} {'kind':<14} " + " ".join(f"{h:>{w}}" for h, w in zip(RANKING_HEADERS, widths, strict=True))
        )
        for result in results:
            rows = [("all", result.scores)]
            if options["by_kind"]:
                rows += sorted(result.per_kind.items())
            for kind, scores in rows:
                values = [getattr(scores, name) for name in RANKING_COLUMNS]
                cells = ("-" if math.isnan(v) else f"{v:.3f}" for v in values)
                self.stdout.write(
                    f"{result.method:<8} {kind:<14} "
                    + " ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
                )
            if not options["no_store"]:
                EvaluationResult.objects.create(
                    model_name=encoder.name,
                    model_checksum=encoder.weights_checksum,
                    backend=encoder.backend,
                    offer_text="demo profiles",
                    method=result.method,
                    dataset_version=dataset.version,
                    profiles_count=len(dataset.profiles),
                    offers_count=0,
                    unrelated_share=result.scores.unrelated_share,
                    **{name: getattr(result.scores, name) for name in COLUMNS},
                )

    def _search(self, encoder, options: dict[str, Any]) -> None:
        dataset = load_dataset()
        recipes = [(OFFER_TEXT_RECIPE, OFFER_TEXT_MAX_TOKENS)]
        if options["compare_texts"]:
            recipes += [(OFFER_TEXT_RECIPE, 256)]
            recipes += [(recipe, OFFER_TEXT_MAX_TOKENS) for recipe in OFFER_TEXT_RECIPES if recipe != OFFER_TEXT_RECIPE]
        self.stdout.write(
            f"text ranking, dataset {dataset.version}: {len(dataset.profiles)} profiles, {len(dataset.offers)} offers"
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
