from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connection

from offers.models import Offer
from offers.search.evaluation.runner import (
    MODES,
    SETS,
    QueryOutcome,
    evaluation_offers_load,
    evaluation_run,
    evaluation_set_load,
    floors_check,
    floors_load,
    kind_scores,
)

DEFAULT_REFERENCE_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


class Command(BaseCommand):
    help = (
        "Score the search on the graded French queries of offers.search.evaluation/: nDCG@10, recall@10, MRR "
        "and the zero-result rate per kind of query, plain and smart search side by side. Runs in a throwaway "
        "database (the offers of the set go through the real ingestion), or in the current one with --in-place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mode", choices=[*MODES, "both"], default="both")
        parser.add_argument(
            "--set",
            choices=[*SETS, "all"],
            default="all",
            help="tuned (the set the search was tuned on), heldout, heldout2 (written apart), all (one DB each)",
        )
        parser.add_argument(
            "--reference-data",
            type=Path,
            default=DEFAULT_REFERENCE_DATA if DEFAULT_REFERENCE_DATA.is_dir() else None,
            help="folder holding rome/ and communes/ to load first (default: ../shared/data when it exists)",
        )
        parser.add_argument("--no-reference-data", action="store_true", help="evaluate without ROME and communes")
        parser.add_argument(
            "--in-place", action="store_true", help="use the current database, which must hold no offer (tests)"
        )
        parser.add_argument("--check-floors", action="store_true", help="fail when a kind falls below its floor")
        parser.add_argument("--show", type=int, default=0, metavar="N", help="list the N worst queries of each mode")

    def handle(self, *args: Any, **options: Any) -> None:
        names = list(SETS) if options["set"] == "all" else [options["set"]]
        if options["in_place"]:
            if len(names) > 1:
                raise CommandError("--in-place : choisissez un seul jeu avec --set.")
            if Offer.objects.exists():
                raise CommandError("--in-place : la base contient déjà des offres ; lancez sans --in-place.")
            self._evaluate(names[0], options)
            return
        problems = []
        for name in names:
            with _throwaway_database():
                try:
                    self._evaluate(name, options)
                except CommandError as error:
                    problems.append(f"[{name}] {error}")
        if problems:
            raise CommandError("\n".join(problems))

    def _evaluate(self, name: str, options: dict[str, Any]) -> None:
        started = time.monotonic()
        dataset = evaluation_set_load(SETS[name])
        reference = None if options["no_reference_data"] else options["reference_data"]
        if reference is not None:
            self.stdout.write(f"Référentiels : {reference}")
            call_command("load_rome", str(reference / "rome"), stdout=_Quiet())
            call_command("load_communes", str(reference / "communes"), stdout=_Quiet())
        self.stdout.write(
            f"Jeu {name} ({dataset.version}) : {len(dataset.offers)} offres, {len(dataset.queries)} requêtes"
        )
        keys_by_id = evaluation_offers_load(dataset, stdout=_Quiet())
        self.stdout.write(f"{len(keys_by_id)} offres chargées ({time.monotonic() - started:.0f} s)")
        modes = MODES if options["mode"] == "both" else (options["mode"],)
        if "smart" in modes:
            try:
                # matching computes the vectors; called by name (offers does not import matching).
                call_command("embed", stdout=_Quiet())
            except CommandError as error:
                self.stderr.write(f"Recherche intelligente sans vecteurs : {error}")
        outcomes = evaluation_run(dataset, keys_by_id=keys_by_id, modes=modes, progress=self.stdout.write)
        scores = {mode: kind_scores(rows) for mode, rows in outcomes.items()}
        self._table(scores)
        if options["show"]:
            for mode, rows in outcomes.items():
                self._worst(mode, rows, options["show"])
        self.stdout.write(f"({time.monotonic() - started:.0f} s)")
        if options["check_floors"]:
            problems = floors_check(scores, floors_load(SETS[name]))
            if problems:
                raise CommandError("Sous les planchers :\n  " + "\n  ".join(problems))
            self.stdout.write("Planchers tenus.")

    def _table(self, scores: dict[str, list]) -> None:
        modes = list(scores)
        header = f"{'kind':<24} {'n':>3} " + " | ".join(
            f"{mode + ' nDCG@10':>13} {'R@10':>5} {'MRR':>5} {'zero':>5} {'vide ok':>7}" for mode in modes
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for index, row in enumerate(scores[modes[0]]):
            cells = []
            for mode in modes:
                other = scores[mode][index]
                empty_ok = f"{other.empty_ok:7.2f}" if other.empty_ok is not None else f"{'-':>7}"
                if other.answered:
                    cells.append(
                        f"{other.ndcg:13.3f} {other.recall:5.2f} {other.mrr:5.2f} {other.zero_rate:5.2f} {empty_ok}"
                    )
                else:
                    cells.append(f"{'-':>13} {'-':>5} {'-':>5} {'-':>5} {empty_ok}")
            self.stdout.write(f"{row.kind:<24} {row.queries:>3} " + " | ".join(cells))

    def _worst(self, mode: str, rows: list[QueryOutcome], count: int) -> None:
        self.stdout.write(f"\n{mode}: the {count} worst queries")
        scored = sorted(rows, key=lambda row: row.ndcg if row.query.has_answer else float(row.empty_answer_ok))
        for row in scored[:count]:
            found = ", ".join(row.ranked[:5]) or "(rien)"
            flag = " ~approx" if row.approximate else ""
            self.stdout.write(
                f"  {row.query.id:<9} {row.query.label():<40} nDCG {row.ndcg:.2f} total {row.total}{flag}: {found}"
            )


class _Quiet:
    """A stdout for the steps whose own progress lines would drown the table."""

    def write(self, *args: Any, **kwargs: Any) -> None:
        pass

    def flush(self) -> None:
        pass


@contextlib.contextmanager
def _throwaway_database() -> Iterator[None]:
    """A fresh database next to the configured one (migrated, dropped at the end), as the tests use."""
    from django.test.utils import setup_databases, teardown_databases

    test_settings = connection.settings_dict.setdefault("TEST", {})
    test_settings["NAME"] = f"{connection.settings_dict['NAME']}_search_evaluation"
    old = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS}, serialized_aliases=set())
    try:
        yield
    finally:
        teardown_databases(old, verbosity=0)
