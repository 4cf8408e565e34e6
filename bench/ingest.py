"""Ingestion throughput: generated payloads -> raw -> normalised -> offers, through the real run code.

    python bench/ingest.py --n 100000 [--seed 42] [--batch-size 500]

Runs in a throwaway database (test_jobmarket_bench, created and migrated here, dropped at
the end) so that the development data is never touched. The communes of ../shared/data are
loaded first when present (each run places its postings with them, as in production). The payloads come from
bench.gen_offers (France Travail and Adzuna shapes, with cross-source duplicates and
reposts); they are generated before the clock starts. Prints, for the stated N:
- offers/s of the first ingestion (every payload new: raw insert, normalisation, dedup, upsert);
- offers/s of a second ingestion of the same payloads (the daily re-run path: all unchanged);
- deduplication precision and recall over pairs of payloads, against the generator's job ids.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
os.environ.setdefault("JOBMARKET_TESTING", "1")
os.environ["TEST_DB_SUFFIX"] = "bench"


class ListClient:
    """A SourceClient over payloads already in memory (no HTTP, no generation inside the clock)."""

    supports_detail = False

    def __init__(self, name: str, payloads: list[dict[str, Any]]) -> None:
        from ingestion.sources.base import CallStats

        self.name = name
        self.payloads = payloads
        self.stats = CallStats()

    @property
    def calls_left_today(self) -> int | None:
        return None

    def collect(self, *, searches: Sequence[Any], since: datetime | None) -> Iterator[dict[str, Any]]:
        yield from self.payloads

    def fetch_detail(self, external_id: str) -> Any:
        raise NotImplementedError


def _table_sizes(connection: Any, tables: list[str]) -> str:
    """Each table's size on disk, its TOAST and indexes included."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class WHERE relname = ANY(%s)",
            [tables],
        )
        sizes = dict(cursor.fetchall())
    return ", ".join(f"{table} {sizes.get(table, '?')}" for table in tables)


LABELS: dict[tuple[str, str], str] = {}  # role/ugly case of the payloads that are not plain primaries


def _pairs(groups: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in groups.values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1, help="rounds, each on a new database; prints medians")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    from bench.gen_offers import iter_labelled_offers

    started = time.perf_counter()
    by_source: dict[str, list[dict[str, Any]]] = {"francetravail": [], "adzuna": []}
    job_of: dict[tuple[str, str], int] = {}
    for offer in iter_labelled_offers(args.n, args.seed):
        by_source[offer.source].append(offer.payload)
        job_of[(offer.source, str(offer.payload.get("id")))] = offer.job_id
        if offer.role != "primary" or offer.ugly:
            LABELS[(offer.source, str(offer.payload.get("id")))] = f"{offer.role}/{offer.ugly or '-'}"
    print(
        f"generated {args.n} payloads ({len(by_source['francetravail'])} France Travail, "
        f"{len(by_source['adzuna'])} Adzuna) in {time.perf_counter() - started:.1f} s"
    )

    rates: list[tuple[float, float]] = []
    for round_ in range(1, args.repeat + 1):
        if args.repeat > 1:
            print(f"--- round {round_} of {args.repeat}, a new database")
        old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
        try:
            _load_communes()
            rates.append(_round(args.batch_size, by_source, job_of))
        finally:
            teardown_databases(old_config, verbosity=0)
    if args.repeat > 1:
        firsts, seconds = sorted(rate for rate, _ in rates), sorted(rate for _, rate in rates)
        print(
            f"over {args.repeat} rounds, offers/s: first ingestion median {statistics.median(firsts):,.0f}"
            f" (min {firsts[0]:,.0f}, max {firsts[-1]:,.0f}); second ingestion median"
            f" {statistics.median(seconds):,.0f} (min {seconds[0]:,.0f}, max {seconds[-1]:,.0f})"
        )
    return 0


SHARED_COMMUNES = Path(__file__).resolve().parents[2] / "shared" / "data" / "communes"


def _load_communes() -> None:
    """The communes, as production has them: each run places every posting with them (not timed)."""
    from offers.reference_data import commune_load

    if SHARED_COMMUNES.is_dir():
        started = time.perf_counter()
        report = commune_load(path=SHARED_COMMUNES)
        print(f"communes loaded ({report.communes}) in {time.perf_counter() - started:.1f} s")
    else:
        print(f"no communes at {SHARED_COMMUNES}: postings placed with the project's lists only")


def _round(
    batch_size: int, by_source: dict[str, list[dict[str, Any]]], job_of: dict[tuple[str, str], int]
) -> tuple[float, float]:
    """Both ingestions into the database just created, their figures printed; returns their offers/s."""
    from django.db import connection

    from bench.cpu import backend_cpu_seconds, children_cpu_seconds
    from ingestion.models import RunKind
    from ingestion.services import collection
    from offers.models import Offer, OfferSource

    rates: list[float] = []
    print(f"database: {connection.settings_dict['NAME']}, batch size {batch_size}, cores: {os.cpu_count()}")
    for label in ("first ingestion (all new)", "second ingestion (all unchanged)"):
        started, cpu_started, writer_started = time.perf_counter(), time.process_time(), time.thread_time()
        children_started = children_cpu_seconds()
        db_started = backend_cpu_seconds(connection)
        totals: Counter[str] = Counter()
        for source, payloads in by_source.items():
            run = collection.ingestion_run(
                source=source,
                client=ListClient(source, payloads),
                kind=RunKind.REPLAY,
                batch_size=batch_size,
            )
            for name in ("fetched", "new", "merged", "updated", "unchanged", "failed"):
                totals[name] += getattr(run, name)
        elapsed = time.perf_counter() - started
        process_cpu = time.process_time() - cpu_started
        writer_cpu = time.thread_time() - writer_started  # this thread writes; others read and prepare
        child_cpu = children_cpu_seconds() - children_started  # the preparing process, once it ended
        python_cpu = process_cpu + child_cpu
        db_ended = backend_cpu_seconds(connection)
        db_cpu = db_ended - db_started if db_started is not None and db_ended is not None else float("nan")
        rate = totals["fetched"] / elapsed
        rates.append(rate)
        print(
            f"{label}: {totals['fetched']} payloads in {elapsed:.1f} s = {rate:,.0f} offers/s"
            f" (new {totals['new']}, merged {totals['merged']}, updated {totals['updated']},"
            f" unchanged {totals['unchanged']}, failed {totals['failed']})"
        )
        per_offer = (python_cpu + db_cpu) / totals["fetched"] * 1000
        print(
            f"    CPU: Python {python_cpu:.1f} s (writing thread {writer_cpu:.1f} s, other threads"
            f" {process_cpu - writer_cpu:.1f} s, preparing process {child_cpu:.1f} s)"
            f" + PostgreSQL backend {db_cpu:.1f} s"
            f" = {per_offer:.2f} ms per offer,"
            f" i.e. {1000 / per_offer:,.0f} offers/s on one uncontended core"
            f" (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )

    offer_of = {(s, e): o for s, e, o in OfferSource.objects.values_list("source", "external_id", "offer_id")}
    keys = [key for key in offer_of if key in job_of]
    same_offer = Counter(offer_of[k] for k in keys)
    same_job = Counter(job_of[k] for k in keys)
    both = Counter((offer_of[k], job_of[k]) for k in keys)
    precision = _pairs(both) / max(_pairs(same_offer), 1)
    recall = _pairs(both) / max(_pairs(same_job), 1)
    print(
        f"dedup over {len(keys)} postings: {Offer.objects.count()} offers for {len(same_job)} real jobs;"
        f" pair precision {precision:.3f}, pair recall {recall:.3f}"
    )
    _dedup_errors(keys, offer_of, job_of)
    print("disk:", _table_sizes(connection, ["ingestion_rawpayload", "offers_offersource", "offers_offer"]))
    return rates[0], rates[1]


def _dedup_errors(
    keys: list[tuple[str, str]], offer_of: dict[tuple[str, str], int], job_of: dict[tuple[str, str], int]
) -> None:
    """Postings wrongly merged or left apart, counted by the role and ugly case of the two payloads."""
    wrong, missed = Counter[str](), Counter[str]()
    for groups, other, errors in ((offer_of, job_of, wrong), (job_of, offer_of, missed)):
        members: dict[int, list[tuple[str, str]]] = {}
        for key in keys:
            members.setdefault(groups[key], []).append(key)
        for group in members.values():
            for i, left in enumerate(group):
                for right in group[i + 1 :]:
                    if other[left] != other[right]:
                        kinds = sorted(LABELS.get(k, "primary/-") for k in (left, right))
                        errors[" + ".join(kinds)] += 1
    for label, errors in (("wrongly merged", wrong), ("left apart", missed)):
        top = ", ".join(f"{kinds}: {n}" for kinds, n in errors.most_common(6))
        print(f"    pairs {label}: {sum(errors.values())}" + (f" ({top})" if top else ""))


if __name__ == "__main__":
    raise SystemExit(main())
