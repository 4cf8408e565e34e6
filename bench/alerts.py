"""Alert digest benchmark: 10,000 candidates with 3 saved searches each over 100,000 offers.

    python bench/alerts.py                      # 100k offers, 10k candidates, 3 searches each, 3k new offers
    python bench/alerts.py --reuse              # keep the offers already loaded
    python bench/alerts.py --offers 20000 --candidates 2000

On its own throwaway database (`test_<db>_bench_alerts`, the test-database machinery with
keepdb), never the dev database:

1. COPYs N offers made by bench.gen_offers and the ingestion normalisers into offers_offer
   (the change-feed trigger records them, as in production);
2. creates the candidates, each with an alert state at the current feed horizon (their
   previous digest) and 3 saved searches drawn (Zipf-like: popular searches are common)
   from a pool of distinct realistic queries built from the data: ROME codes, title
   keywords, départements, contracts, salary floors, remote;
3. adds a day's worth of new offers (`--new`), then times `alert_digests_send()` (the
   daily task's service) with Django's locmem e-mail backend, and prints the duration,
   digests/s, and how many distinct searches were evaluated;
4. checks the guarantees on the way: a second run sends nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    os.environ["TEST_DB_SUFFIX"] = "bench_alerts"
    os.environ.setdefault("JOBMARKET_TESTING", "1")  # a bench run is not a deployment: no SECRET_KEY needed
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True, serialize=False)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://jobmarket.example"


def copy_offers(n: int, seed: int, *, first_seen: dt.datetime) -> int:
    from django.db import connection

    from bench.gen_offers import iter_offers
    from bench.search import COLUMNS, _copy_value
    from ingestion.normalise import normalise
    from ingestion.normalise.base import NormalisationError

    loaded = 0
    raw = connection.connection
    with raw.cursor() as cursor, cursor.copy(f"COPY offers_offer ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for source, payload in iter_offers(n, seed=seed):
            try:
                offer = normalise(source, payload)
            except NormalisationError:
                continue
            published = offer.published_at or first_seen
            row: dict[str, Any] = {
                "title": offer.title[:500], "description": offer.description,
                "description_truncated": offer.description_truncated, "company": offer.company[:255],
                "city": offer.city[:255], "postcode": offer.postcode[:5], "departement": offer.departement[:3],
                "commune_insee": offer.commune_insee[:5], "latitude": offer.latitude, "longitude": offer.longitude,
                "contract_type": offer.contract_type, "working_time": offer.working_time,
                "seniority": offer.seniority, "domain": offer.domain[:255], "rome_code": offer.rome_code[:5],
                "rome_label": offer.rome_label[:255], "skills": _copy_value(offer.skills),
                "soft_skills": _copy_value(offer.soft_skills), "salary_min": offer.salary_min,
                "salary_max": offer.salary_max, "salary_text": offer.salary_text[:500], "remote": offer.remote,
                "sources": [offer.source], "status": "open", "published_at": published,
                "source_updated_at": offer.source_updated_at, "first_seen_at": first_seen,
                "last_seen_at": first_seen, "closed_at": None, "dedup_key": "", "created_at": first_seen,
                "updated_at": first_seen,
            }  # fmt: skip
            copy.write_row([row.get(column) for column in COLUMNS])
            loaded += 1
    raw.commit()
    return loaded


def load_base(n: int, seed: int) -> None:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE offers_offer, offers_offerchange RESTART IDENTITY CASCADE")
        cursor.execute("DROP INDEX IF EXISTS offer_search_vector_gin")
    loaded = copy_offers(n, seed, first_seen=dt.datetime.now(dt.UTC) - dt.timedelta(days=30))
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX offer_search_vector_gin ON offers_offer USING gin (search_vector)")
        cursor.execute("VACUUM ANALYZE offers_offer")
        cursor.execute("VACUUM ANALYZE offers_offerchange")
    print(f"{loaded:,} offers loaded in {time.perf_counter() - started:.0f} s", flush=True)


def query_pool(size: int, seed: int) -> list[dict[str, Any]]:
    """Distinct, valid search queries shaped like real ones, drawn from the loaded offers."""
    from django.db import connection

    from candidates.alerts import SavedSearchError, search_query_clean

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rome_code, count(*) FROM offers_offer WHERE rome_code <> '' GROUP BY 1 ORDER BY 2 DESC LIMIT 200"
        )
        romes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT departement, count(*) FROM offers_offer WHERE departement <> '' GROUP BY 1 ORDER BY 2 DESC LIMIT 60"
        )
        departements = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT lower(split_part(title, ' ', 1)), count(*) FROM offers_offer GROUP BY 1"
            " HAVING length(lower(split_part(title, ' ', 1))) > 4 ORDER BY 2 DESC LIMIT 150"
        )
        words = [row[0] for row in cursor.fetchall()]
    pool: dict[str, dict[str, Any]] = {}
    attempts = 0
    while len(pool) < size and attempts < size * 20:
        attempts += 1
        query: dict[str, Any] = {}
        if rng.random() < 0.6:
            query["q"] = rng.choice(words)
        else:
            query["rome"] = rng.choice(romes)
        if rng.random() < 0.7:
            query["lieu"] = rng.choice(departements)
        if rng.random() < 0.4:
            query["contrat"] = rng.sample(["cdi", "cdd", "interim"], rng.choice([1, 2]))
        if rng.random() < 0.2:
            query["salaire_min"] = str(rng.choice([25000, 30000, 40000]))
        if rng.random() < 0.1:
            query["teletravail"] = "on"
        try:
            cleaned = search_query_clean(query)
        except SavedSearchError:
            continue
        pool[repr(sorted(cleaned.items()))] = cleaned
    return list(pool.values())


def create_candidates(count: int, per_candidate: int, pool: list[dict[str, Any]], seed: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import connection

    from candidates.models import AlertState, SavedSearch
    from offers.feed import feed_horizon

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE candidates_savedsearch, candidates_alertstate, candidates_alertdigest, candidates_alertrun,"
            " auth_user RESTART IDENTITY CASCADE"
        )
    rng = random.Random(seed)
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(username=f"candidat{index}@example.fr", email=f"candidat{index}@example.fr", password=password)
            for index in range(count)
        ],
        batch_size=2000,
    )
    horizon = feed_horizon()
    week_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    AlertState.objects.bulk_create(
        [
            AlertState(user=user, daily_horizon=horizon, weekly_horizon=horizon, weekly_done_at=week_ago)
            for user in users
        ],
        batch_size=2000,
    )
    # Zipf-like popularity: a few searches are very common ("développeur à Paris"), most are rare.
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    searches = []
    for user in users:
        for index, query in enumerate(rng.choices(pool, weights=weights, k=per_candidate)):
            frequency = "weekly" if rng.random() < 0.2 else "daily"
            searches.append(
                SavedSearch(owner=user, name=f"Recherche {index + 1}", query=query, frequency=frequency,
                            alerts_since=week_ago)
            )  # fmt: skip
    SavedSearch.objects.bulk_create(searches, batch_size=5000)
    distinct = len({repr(sorted(search.query.items())) for search in searches})
    print(
        f"{count:,} candidates, {len(searches):,} saved searches ({distinct} distinct) in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )


def wait_for_horizon() -> None:
    from django.db.models import Max

    from offers.feed import feed_horizon
    from offers.models import OfferChange

    newest = OfferChange.objects.aggregate(xid=Max("xid"))["xid"] or 0
    while feed_horizon() <= newest:
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=3, help="saved searches per candidate")
    parser.add_argument("--pool", type=int, default=600, help="distinct queries the searches are drawn from")
    parser.add_argument("--new", type=int, default=3_000, help="offers that appear before the digest")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reuse", action="store_true", help="keep the offers already in the bench database")
    args = parser.parse_args()

    _setup_django()
    from django.core import mail
    from django.db import connection

    from matching.alerts import alert_digests_send
    from offers.models import Offer

    print(f"PostgreSQL {connection.pg_version // 10000}, {os.cpu_count()} CPUs", flush=True)
    if not args.reuse or Offer.objects.count() < args.offers:
        load_base(args.offers, args.seed)
    else:
        with connection.cursor() as cursor:
            # Offers of an earlier run's "new day" go; the base stays.
            cursor.execute("DELETE FROM offers_offer WHERE first_seen_at > now() - interval '1 day'")
    pool = query_pool(args.pool, args.seed)
    create_candidates(args.candidates, args.searches, pool, args.seed)
    started = time.perf_counter()
    new = copy_offers(args.new, args.seed + 1, first_seen=dt.datetime.now(dt.UTC))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE offers_offer")
        cursor.execute("ANALYZE offers_offerchange")
    print(f"{new:,} new offers in {time.perf_counter() - started:.1f} s", flush=True)
    wait_for_horizon()

    mail.outbox = []
    started = time.perf_counter()
    result = alert_digests_send()
    elapsed = time.perf_counter() - started
    sizes = sorted(len(message.body) for message in mail.outbox)
    print(
        f"\ndigest run: {result.candidates:,} candidates, {result.sent:,} digests sent, {result.empty:,} with nothing"
        f" new, {result.failed} failed; {result.searches_evaluated} distinct (query, window) evaluated",
        flush=True,
    )
    print(f"duration: {elapsed:.1f} s  ->  {result.sent / elapsed:.0f} digests/s, "
          f"{result.candidates / elapsed:.0f} candidates/s")  # fmt: skip
    if sizes:
        print(f"mail body: median {sizes[len(sizes) // 2]:,} chars, max {sizes[-1]:,} chars")

    mail.outbox = []
    started = time.perf_counter()
    again = alert_digests_send()
    print(f"second run: {again.sent} digests sent in {time.perf_counter() - started:.1f} s (expected 0)")


if __name__ == "__main__":
    main()
