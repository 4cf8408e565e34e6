"""Search benchmark: offer_search + offer_facets at N offers, the page under 20 clients, and tantivy as a peer.

    python bench/search.py --n 100000
    python bench/search.py --n 1000000 --clients 20

What it does, on its own database (`bench_search_<n>` on the embedded PostgreSQL, or on
the server of DATABASE_URL), never on the dev database:

1. generates N offers with bench.gen_offers, normalises them with the ingestion
   normalisers and COPYs them into offers_offer (the search column fills itself);
   loads the ROME titles and communes from ../shared/data when present, as production does;
2. builds a fixed mix of >= 200 realistic queries from the data (common and rare
   words, typos, job-title synonyms, keywords + filters, filters only, radius);
3. runs every query through offer_search + offer_facets (what the page and the API
   do) and prints p50/p95;
4. indexes the same offers in tantivy (French stemming, accent folding) and runs the
   same queries there (same filters, count + top 20 + the same facet counts as
   aggregations), and prints both p95s and their ratio;
5. starts gunicorn and runs `--clients` concurrent clients against /offres/, twice over
   the same sequence of `--page-requests` draws from the query mix (Zipf-distributed
   popularity, exponent `--zipf`, over a seeded shuffle of the mix: a few searches are
   asked often, most rarely): once with the search cache off (SEARCH_CACHE_SECONDS=0,
   every request computed), once with it on, in a Redis started for the run as in
   production (Django's in-process cache when redis-server is missing), starting cold.
   Prints p50/p95, throughput, CPU seconds and, with Redis, the cache hit rate.

Every phase prints its wall time and CPU seconds (this process, and the whole machine
from /proc/stat, which shows what other processes took), after the load average.

Requirements: bench/requirements.txt (tantivy). Use --reuse to skip step 1 when the
bench database already holds N offers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED_DATA = ROOT.parent / "shared" / "data"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy since boot (user, nice, system, irq, softirq, steal)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_processes(gunicorn_pid: int, database: str) -> dict[int, str]:
    """The gunicorn master and workers, and the PostgreSQL backends serving the bench database."""
    from django.db import connection

    children = Path(f"/proc/{gunicorn_pid}/task/{gunicorn_pid}/children").read_text().split()
    found = {gunicorn_pid: "gunicorn", **{int(pid): "gunicorn" for pid in children}}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database])
        found.update({pid: "postgres" for (pid,) in cursor.fetchall()})
    connection.close()
    return found


class Stopwatch:
    """Wall time, this process's CPU and the machine's busy CPU over a phase."""

    def __init__(self) -> None:
        self.wall, self.cpu, self.machine = time.perf_counter(), time.process_time(), machine_busy_seconds()

    def report(self) -> str:
        wall = time.perf_counter() - self.wall
        machine = machine_busy_seconds() - self.machine
        return (
            f"{wall:.1f} s mur, CPU {time.process_time() - self.cpu:.1f} s (ce processus),"
            f" {machine:.1f} s (machine, {machine / wall:.2f} cœurs occupés en moyenne)"
        )


# --- Database ---------------------------------------------------------------------------------


def configure_database(n: int) -> str:
    """Point Django at a bench database (created if needed) through DATABASE_URL; return the URL."""
    name = f"bench_search_{n}"
    base = os.environ.get("DATABASE_URL")
    if base:
        url = re.sub(r"/[^/?]*(\?|$)", f"/{name}\\1", base, count=1) if base.count("/") >= 3 else base
    else:
        from jobmarket.embedded_db import embedded_database_settings

        settings = embedded_database_settings(ROOT / ".pgdata")
        import pgserver

        server = pgserver.get_server(ROOT / ".pgdata", cleanup_mode=None)
        if "(1 row)" not in server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';"):
            server.psql(f'CREATE DATABASE "{name}";')
        url = f"postgres://postgres@{quote(settings['HOST'], safe='')}/{name}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    os.environ.setdefault("JOBMARKET_TESTING", "1")  # plain static storage, no HTTPS redirect, no SECRET_KEY needed
    import django

    django.setup()
    return url


COLUMNS = [
    "title",
    "description",
    "description_truncated",
    "company",
    "city",
    "postcode",
    "departement",
    "commune_insee",
    "latitude",
    "longitude",
    "contract_type",
    "working_time",
    "seniority",
    "domain",
    "rome_code",
    "rome_label",
    "skills",
    "soft_skills",
    "salary_min",
    "salary_max",
    "salary_text",
    "remote",
    "experience_required",
    "sources",
    "status",
    "published_at",
    "source_updated_at",
    "first_seen_at",
    "last_seen_at",
    "dedup_key",
    "created_at",
    "updated_at",
]


def _copy_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def load_offers(n: int, seed: int) -> None:
    from django.db import connection

    from bench.gen_offers import iter_offers
    from ingestion.normalise import normalise
    from ingestion.normalise.base import NormalisationError

    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE offers_offer RESTART IDENTITY CASCADE")
        # Building the GIN index once after the load is much faster than updating it per row.
        cursor.execute("DROP INDEX IF EXISTS offer_search_vector_gin")
    raw = connection.connection
    loaded = skipped = 0
    with raw.cursor() as cursor, cursor.copy(f"COPY offers_offer ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for source, payload in iter_offers(n, seed=seed):
            try:
                offer = normalise(source, payload)
            except NormalisationError:
                skipped += 1
                continue
            published = offer.published_at or now
            copy.write_row(
                [
                    offer.title[:500],
                    offer.description,
                    offer.description_truncated,
                    offer.company[:255],
                    offer.city[:255],
                    offer.postcode[:5],
                    offer.departement[:3],
                    offer.commune_insee[:5],
                    offer.latitude,
                    offer.longitude,
                    offer.contract_type,
                    offer.working_time,
                    offer.seniority,
                    offer.domain[:255],
                    offer.rome_code[:5],
                    offer.rome_label[:255],
                    _copy_value(offer.skills),
                    _copy_value(offer.soft_skills),
                    offer.salary_min,
                    offer.salary_max,
                    offer.salary_text[:500],
                    offer.remote,
                    offer.experience_required,
                    [offer.source],
                    "open",
                    published,
                    offer.source_updated_at,
                    published,
                    now,
                    "",
                    now,
                    now,
                ]
            )
            loaded += 1
            if loaded % 50_000 == 0:
                print(f"  {loaded:,} offres copiées ({time.perf_counter() - started:.0f} s)", flush=True)
    raw.commit()
    with connection.cursor() as cursor:
        print("  index GIN de recherche…", flush=True)
        cursor.execute("CREATE INDEX offer_search_vector_gin ON offers_offer USING gin (search_vector)")
        cursor.execute("VACUUM ANALYZE offers_offer")
    print(f"  {loaded:,} offres chargées, {skipped} ignorées, en {time.perf_counter() - started:.0f} s", flush=True)


def load_reference_data() -> None:
    from offers.models import Commune, OccupationTitle
    from offers.reference_data import commune_load, rome_load

    if (SHARED_DATA / "rome").is_dir() and not OccupationTitle.objects.exists():
        rome_load(folder=SHARED_DATA / "rome")
    if (SHARED_DATA / "communes").is_dir() and not Commune.objects.exists():
        commune_load(path=SHARED_DATA / "communes")


# --- Query mix ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    query: dict[str, Any]  # URL parameters of /offres/ (and what search_params_from_query reads)


def build_queries(count: int, seed: int) -> list[BenchQuery]:
    from django.db import connection

    from offers.search.vocabulary import STOP_WORDS, words_of

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        # REPEATABLE: the same sample, hence the same query mix, from one run to the next.
        cursor.execute("SELECT title FROM offers_offer TABLESAMPLE SYSTEM (5) REPEATABLE (%s) LIMIT 20000", [seed])
        titles = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT city, departement, count(*) FROM offers_offer WHERE city <> '' AND latitude IS NOT NULL"
            " GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 60"
        )
        cities = [(city, departement) for city, departement, _ in cursor.fetchall()]
        cursor.execute("SELECT DISTINCT departement FROM offers_offer WHERE departement <> '' LIMIT 100")
        departements = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT domain FROM offers_offer WHERE domain <> '' GROUP BY 1 ORDER BY count(*) DESC LIMIT 20")
        domains = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT rome_code FROM offers_offer WHERE rome_code <> '' GROUP BY 1 ORDER BY count(*) DESC LIMIT 40"
        )
        rome_codes = [row[0] for row in cursor.fetchall()]
    frequencies = Counter(word for title in titles for word in set(words_of(title)) if word not in STOP_WORDS)
    common = [word for word, _ in frequencies.most_common(40) if len(word) > 3]
    rare = sorted(word for word, seen in frequencies.items() if seen <= 2 and len(word) > 5)
    rng.shuffle(rare)
    phrases = [title.split("(")[0].strip() for title in rng.sample(titles, min(40, len(titles)))]
    typos = []
    for word in common[:20]:
        position = rng.randrange(1, len(word) - 1)
        typos.append(word[:position] + word[position + 1 :])  # one letter dropped
    synonyms = [
        "dev back-end",
        "boulangere",
        "developpeur",
        "aide soignante",
        "infirmiere",
        "comptable",
        "chauffeur poids lourd",
        "serveuse",
        "cariste",
        "commerciale",
        "auxiliaire de vie",
        "magasiniere",
    ]
    contracts = ["cdi", "cdd", "interim", "apprentissage", "stage"]

    def place() -> dict[str, str]:
        city, departement = rng.choice(cities)
        return {"lieu": f"{city} ({departement})"}

    makers = [
        ("mot courant", lambda: {"q": rng.choice(common)}),
        ("mot rare", lambda: {"q": rng.choice(rare[:200] or common)}),
        ("intitulé", lambda: {"q": rng.choice(phrases)}),
        ("faute de frappe", lambda: {"q": rng.choice(typos)}),
        ("synonyme métier", lambda: {"q": rng.choice(synonyms)}),
        (
            "mot + contrat + dép.",
            lambda: {"q": rng.choice(common), "contrat": rng.choice(contracts), "lieu": rng.choice(departements)},
        ),
        (
            "mot + salaire + tri",
            lambda: {
                "q": rng.choice(common),
                "salaire_min": rng.choice([25000, 30000, 40000]),
                "tri": rng.choice(["date", "salaire"]),
            },
        ),
        ("mot + rayon", lambda: {"q": rng.choice(common), **place(), "rayon": rng.choice([10, 30, 50])}),
        (
            "filtres seuls",
            lambda: {"contrat": rng.choice(contracts), "lieu": rng.choice(departements), "depuis": rng.choice([7, 30])},
        ),
        ("filtres seuls (métier)", lambda: {"rome": rng.choice(rome_codes), "teletravail": rng.choice(["", "on"])}),
        ("rayon seul", lambda: {**place(), "rayon": rng.choice([5, 20, 50, 100])}),
        ("secteur", lambda: {"secteur": rng.choice(domains), "experience": rng.choice(["debutant", "confirme"])}),
        ("tout", lambda: {}),
    ]
    queries = []
    for index in range(count):
        kind, make = makers[index % len(makers)]
        queries.append(BenchQuery(kind=kind, query={k: v for k, v in make().items() if v not in ("", None)}))
    return queries


# --- Our search --------------------------------------------------------------------------------------


def run_ours(queries: list[BenchQuery]) -> tuple[list[float], dict[str, list[float]], list[Any]]:
    from django.http import QueryDict

    from offers.forms import OfferSearchForm
    from offers.search.facets import offer_facets
    from offers.search.query import offer_search
    from offers.search.vocabulary import vocabulary_get

    started = time.perf_counter()
    vocabulary_get()
    print(f"  vocabulaire de recherche construit en {1000 * (time.perf_counter() - started):.0f} ms", flush=True)
    params_list = []
    for bench_query in queries:
        form = OfferSearchForm(QueryDict(urlencode(bench_query.query, doseq=True)))
        if not form.is_valid():
            raise SystemExit(f"requête de bench invalide {bench_query.query}: {form.errors.as_text()}")
        params_list.append(form.to_params())
    for params in params_list[:20]:  # warm-up: caches, plans
        offer_search(params=params)
    timings: list[float] = []
    by_kind: dict[str, list[float]] = {}
    totals = []
    for bench_query, params in zip(queries, params_list, strict=True):
        start = time.perf_counter()
        result = offer_search(params=params)
        if result.total:
            offer_facets(params=params, result=result)
        elapsed = 1000 * (time.perf_counter() - start)
        timings.append(elapsed)
        by_kind.setdefault(bench_query.kind, []).append(elapsed)
        totals.append(result.total)
    return timings, by_kind, list(zip(params_list, totals, strict=True))


# --- Tantivy -----------------------------------------------------------------------------------------


def build_tantivy(folder: Path) -> Any:
    import tantivy
    from django.db import connection

    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("french"))
        .build()
    )
    builder = tantivy.SchemaBuilder()
    for name in ("title", "skills", "description"):
        builder.add_text_field(name, stored=name == "title", tokenizer_name="fr")
    for name in (
        "contract_type",
        "seniority",
        "domain",
        "rome_code",
        "departement",
        "commune_insee",
        "postcode",
        "source",
        "status",
    ):
        builder.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)
    builder.add_integer_field("id", stored=True, fast=True, indexed=True)
    builder.add_integer_field("salary_max", fast=True, indexed=True)
    builder.add_integer_field("salary_min", fast=True, indexed=True)
    builder.add_boolean_field("remote", fast=True, indexed=True)
    builder.add_date_field("published_at", fast=True, indexed=True)
    builder.add_float_field("latitude", fast=True, indexed=True)
    builder.add_float_field("longitude", fast=True, indexed=True)
    schema = builder.build()
    index = tantivy.Index(schema, path=str(folder))
    index.register_tokenizer("fr", analyzer)
    writer = index.writer(heap_size=500_000_000, num_threads=2)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, title, jm_array_text(skills::text[]) || ' ' || rome_label,"
            " company || ' ' || left(description, 6000),"
            " contract_type, seniority, domain, rome_code, departement, commune_insee, postcode, sources[1], status,"
            " salary_min, salary_max, remote, published_at, latitude, longitude FROM offers_offer"
        )
        while rows := cursor.fetchmany(5000):
            for row in rows:
                (
                    oid,
                    title,
                    skills,
                    description,
                    contract,
                    seniority,
                    domain,
                    rome,
                    departement,
                    insee,
                    postcode,
                    source,
                    status,
                    salary_min,
                    salary_max,
                    remote,
                    published,
                    lat,
                    lon,
                ) = row
                fields: dict[str, Any] = {
                    "id": oid,
                    "title": title,
                    "skills": skills,
                    "description": description,
                    "contract_type": contract,
                    "seniority": seniority,
                    "domain": domain,
                    "rome_code": rome,
                    "departement": departement,
                    "commune_insee": insee,
                    "postcode": postcode,
                    "source": source or "",
                    "status": status,
                    "remote": remote,
                    "published_at": published,
                }
                if salary_min is not None:
                    fields["salary_min"] = salary_min
                if salary_max is not None:
                    fields["salary_max"] = salary_max
                if lat is not None and lon is not None:
                    fields["latitude"], fields["longitude"] = lat, lon
                writer.add_document(tantivy.Document(**fields))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    print(f"  index tantivy construit en {time.perf_counter() - started:.0f} s", flush=True)
    return index


def tantivy_query(index: Any, params: Any) -> Any:
    """The same search in tantivy: fuzzy French text (title > skills > description) AND the same filters."""
    import math

    import tantivy

    schema = index.schema
    must: list[tuple[Any, Any]] = [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "status", "open"))]
    words = re.findall(r"\w+", params.q.lower())
    if words:
        text = index.parse_query_lenient(
            " ".join(words),
            ["title", "skills", "description"],
            field_boosts={"title": 4.0, "skills": 2.0, "description": 1.0},
            fuzzy_fields={"title": (True, 1, True), "skills": (True, 1, True)},
            conjunction_by_default=True,
        )[0]
        must.append((tantivy.Occur.Must, text))
    place = params.place
    if place is not None:
        if params.radius_km and place.latitude is not None:
            lat_delta = params.radius_km / 111.2
            lon_delta = params.radius_km / (111.2 * math.cos(math.radians(place.latitude)))
            must.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        schema,
                        "latitude",
                        tantivy.FieldType.Float,
                        place.latitude - lat_delta,
                        place.latitude + lat_delta,
                    ),
                )
            )
            must.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        schema,
                        "longitude",
                        tantivy.FieldType.Float,
                        place.longitude - lon_delta,
                        place.longitude + lon_delta,
                    ),
                )
            )
        elif place.kind == "departement":
            must.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "departement", place.departement)))
        else:
            must.append(
                (tantivy.Occur.Must, tantivy.Query.term_set_query(schema, "commune_insee", list(place.insee_codes)))
            )
    for field, values in (
        ("contract_type", params.contract_types),
        ("seniority", params.seniorities),
        ("source", params.sources),
    ):
        if values:
            must.append((tantivy.Occur.Must, tantivy.Query.term_set_query(schema, field, list(values))))
    for field, value in (("domain", params.domain), ("rome_code", params.rome_code)):
        if value:
            must.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, field, value)))
    if params.salary_min is not None:
        must.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.range_query(schema, "salary_max", tantivy.FieldType.Integer, params.salary_min, None),
            )
        )
    if params.remote:
        must.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "remote", True)))
    if params.published_within_days:
        since = dt.datetime.now(dt.UTC) - dt.timedelta(days=params.published_within_days)
        must.append(
            (tantivy.Occur.Must, tantivy.Query.range_query(schema, "published_at", tantivy.FieldType.Date, since, None))
        )
    return tantivy.Query.boolean_query(must)


FACET_AGGREGATIONS = {
    name: {"terms": {"field": name, "size": 10}}
    for name in ("contract_type", "seniority", "domain", "rome_code", "source")
}


def run_tantivy(index: Any, checked: list[Any]) -> list[float]:
    searcher = index.searcher()
    queries = [(params, tantivy_query(index, params)) for params, _ in checked]
    for _, query in queries[:20]:
        searcher.search(query, limit=20, count=True)
    timings = []
    for params, query in queries:
        start = time.perf_counter()
        sort = params.effective_sort
        if sort == "date":
            result = searcher.search(query, limit=20, count=True, order_by_field="published_at")
        elif sort == "salaire":
            result = searcher.search(query, limit=20, count=True, order_by_field="salary_max")
        else:
            result = searcher.search(query, limit=20, count=True)
        [searcher.doc(address) for _, address in result.hits]
        if result.count:
            searcher.aggregate(query, FACET_AGGREGATIONS)
        timings.append(1000 * (time.perf_counter() - start))
    return timings


# --- The page under concurrent clients ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def zipf_draws(count: int, requests_total: int, *, exponent: float, seed: int) -> list[int]:
    """`requests_total` indexes into a mix of `count` queries, popularity ~ 1 / rank**exponent.

    Ranks are a seeded shuffle of the mix, so every family has popular and rare queries.
    """
    rng = random.Random(seed)
    ranked = list(range(count))
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) ** exponent for rank in range(count)]
    return [ranked[rank] for rank in rng.choices(range(count), weights=weights, k=requests_total)]


def start_redis() -> tuple[subprocess.Popen, int] | None:
    """A throw-away Redis for the cached run (what production caches in), or None without redis-server."""
    executable = shutil.which("redis-server")
    if executable is None:
        return None
    port = free_port()
    server = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return server, port
        except redis.ConnectionError:
            time.sleep(0.1)
    server.terminate()
    return None


def redis_stats(port: int) -> tuple[int, int]:
    import redis

    stats = redis.Redis(port=port).info("stats")
    return int(stats["keyspace_hits"]), int(stats["keyspace_misses"])


def run_page(
    urls: list[str], *, clients: int, workers: int, env_extra: dict[str, str], warm_urls: list[str]
) -> tuple[list[float], float]:
    """Every url once, by `clients` concurrent clients against gunicorn; latencies (ms) and pages/s."""
    import requests

    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "JOBMARKET_TESTING": "1",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **env_extra,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "jobmarket.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--preload",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code < 500:
                    break
            except requests.ConnectionError:
                time.sleep(0.3)
        # Warm every worker (each builds its search vocabulary once) before measuring,
        # with searches that are not in the measured mix (the cache starts cold).
        warm_threads = [
            threading.Thread(target=lambda: [requests.get(f"{base}{url}", timeout=120) for url in warm_urls])
            for _ in range(workers * 2)
        ]
        for thread in warm_threads:
            thread.start()
        for thread in warm_threads:
            thread.join()
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        counter = iter(range(len(urls)))

        def client() -> None:
            with requests.Session() as session:
                for number in counter:
                    url = f"{base}{urls[number]}"
                    start = time.perf_counter()
                    response = session.get(url, timeout=60)
                    elapsed = 1000 * (time.perf_counter() - start)
                    with lock:
                        latencies.append(elapsed)
                        if response.status_code != 200:
                            errors.append(f"{response.status_code} {url}")

        from django.db import connection

        processes = server_processes(server.pid, connection.settings_dict["NAME"])
        cpu_before = {pid: process_cpu_seconds(pid) for pid in processes}
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        spent = Counter()
        for pid, role in processes.items():
            spent[role] += process_cpu_seconds(pid) - cpu_before[pid]
        print(
            f"  CPU par requête : gunicorn {1000 * spent['gunicorn'] / len(urls):.1f} ms,"
            f" PostgreSQL {1000 * spent['postgres'] / len(urls):.1f} ms"
            f" ({sum(1 for role in processes.values() if role == 'postgres')} connexions)",
            flush=True,
        )
        if errors:
            print(f"  {len(errors)} réponses en erreur, ex. {errors[0]}", flush=True)
        return latencies, len(latencies) / wall
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def page_phases(queries: list[BenchQuery], args: argparse.Namespace) -> dict[str, tuple[float, float]]:
    """The page under `args.clients` clients: cache off, then on (cold), then on again (warm).

    The first two phases replay the same Zipf draws, so only the cache differs. The third
    draws again (another seed) over the cache the second one filled: a site's steady state,
    where yesterday's popular searches are already cached.
    """

    def draws_of(seed: int) -> tuple[list[str], Counter]:
        draws = zipf_draws(len(queries), args.page_requests, exponent=args.zipf, seed=seed)
        return [f"/offres/?{urlencode(queries[index].query)}" for index in draws], Counter(draws)

    urls, seen = draws_of(args.seed)
    top = seen.most_common(10)
    print(
        f"  mélange : {len(urls)} requêtes tirées (Zipf, exposant {args.zipf}) parmi {len(queries)} recherches,"
        f" {len(set(urls))} adresses distinctes ; les 10 plus demandées font {sum(n for _, n in top) / len(urls):.0%}"
        f" des requêtes ({', '.join(str(n) for _, n in top)} fois)",
        flush=True,
    )
    kinds = Counter(queries[index].kind for index in seen.elements())
    print("  par famille : " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()), flush=True)
    warm_urls = ["/offres/?q=boulangerie+artisanale", "/offres/?contrat=cdd&tri=salaire", "/offres/?lieu=75&rayon=10"]
    figures = {}
    redis = start_redis()
    try:
        cached_env = {"SEARCH_CACHE_SECONDS": "600"}
        phases = [("sans cache (chaque requête calculée)", {"SEARCH_CACHE_SECONDS": "0"}, urls)]
        if redis is not None:
            cached_env["REDIS_URL"] = f"redis://127.0.0.1:{redis[1]}/0"
            second_urls, _ = draws_of(args.seed + 1)
            phases += [
                ("avec cache, froid au départ", cached_env, urls),
                ("avec cache, déjà rempli (2e tirage)", cached_env, second_urls),
            ]
        else:
            phases.append(("avec cache en mémoire par worker (redis-server absent)", cached_env, urls))
        for label, env_extra, phase_urls in phases:
            print(f"\n  Page /offres/ {label}, {args.workers} workers gunicorn, {args.clients} clients :", flush=True)
            print(f"  charge au départ : {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)
            watch = Stopwatch()
            hits_before = redis_stats(redis[1]) if redis is not None and "REDIS_URL" in env_extra else None
            latencies, throughput = run_page(
                phase_urls, clients=args.clients, workers=args.workers, env_extra=env_extra, warm_urls=warm_urls
            )
            p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
            print(
                f"  {len(latencies)} requêtes, p50 {p50:.0f} ms, p95 {p95:.0f} ms,"
                f" p99 {percentile(latencies, 0.99):.0f} ms, {throughput:.1f} pages/s",
                flush=True,
            )
            if hits_before is not None:
                after = redis_stats(redis[1])
                hits, misses = after[0] - hits_before[0], after[1] - hits_before[1]
                print(
                    f"  cache : {hits} lectures trouvées, {misses} manquées (taux de succès"
                    f" {hits / max(hits + misses, 1):.0%}, lieux connus des seules offres compris ;"
                    f" {len(set(phase_urls))} adresses distinctes dans ce tirage)",
                    flush=True,
                )
            print(f"  {watch.report()}", flush=True)
            figures[label] = (p50, p95)
    finally:
        if redis is not None:
            os.killpg(redis[0].pid, signal.SIGTERM)
            redis[0].wait(timeout=30)
    return figures


# --- Main ----------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="number of offers")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--queries", type=int, default=260, help="size of the query mix (>= 200)")
    parser.add_argument("--reuse", action="store_true", help="keep the offers already in the bench database")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--page-requests", type=int, default=1000, help="page requests per phase")
    parser.add_argument("--zipf", type=float, default=1.0, help="exponent of the page requests' popularity")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn (sync) worker processes")
    parser.add_argument("--skip-tantivy", action="store_true")
    parser.add_argument("--skip-page", action="store_true")
    args = parser.parse_args()
    if args.queries < 200:
        parser.error("--queries doit valoir au moins 200")

    url = configure_database(args.n)
    from django.core.management import call_command
    from django.db import connection

    print(f"Base de bench : {url.rsplit('/', 1)[-1]} — {args.n:,} offres, graine {args.seed}", flush=True)
    load = os.getloadavg()
    print(
        f"Charge moyenne au départ (1, 5, 15 min) : {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cœurs"
    )
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM offers_offer")
        (existing,) = cursor.fetchone()
    if not args.reuse or existing < args.n * 0.95:
        print("Génération et chargement des offres…", flush=True)
        load_offers(args.n, args.seed)
    load_reference_data()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE offers_offer")  # statistics for indexes a new migration may have added

    queries = build_queries(args.queries, args.seed)
    print(f"\n{len(queries)} requêtes ({len({q.kind for q in queries})} familles)", flush=True)
    watch = Stopwatch()
    ours, by_kind, checked = run_ours(queries)
    print("\nPostgreSQL (offer_search + offer_facets, sans cache), ms :")
    print(f"  {'famille':<26} {'n':>4} {'p50':>8} {'p95':>8}")
    for kind, values in by_kind.items():
        print(f"  {kind:<26} {len(values):>4} {statistics.median(values):>8.1f} {percentile(values, 0.95):>8.1f}")
    ours_p50, ours_p95 = statistics.median(ours), percentile(ours, 0.95)
    print(f"  {'TOUT':<26} {len(ours):>4} {ours_p50:>8.1f} {ours_p95:>8.1f}")
    slowest = sorted(zip(ours, queries, strict=True), key=lambda item: -item[0])[:5]
    print("  les plus lentes : " + "; ".join(f"{ms:.0f} ms {urlencode(q.query)}" for ms, q in slowest))
    print(
        f"  résultats : médiane {statistics.median([t for _, t in checked]):.0f} offres par requête,"
        f" {sum(1 for _, t in checked if t == 0)} requêtes vides"
    )
    print(f"  {watch.report()}")

    if not args.skip_tantivy:
        print("\nTantivy (même données, mêmes requêtes et filtres, comptage + top 20 + agrégations) :", flush=True)
        folder = Path(tempfile.mkdtemp(prefix="bench-tantivy-"))
        try:
            index = build_tantivy(folder)
            watch = Stopwatch()
            peer = run_tantivy(index, checked)
            print(f"  requêtes tantivy : {watch.report()}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        peer_p50, peer_p95 = statistics.median(peer), percentile(peer, 0.95)
        print(f"  tantivy p50 {peer_p50:.1f} ms, p95 {peer_p95:.1f} ms")
        print(f"  PostgreSQL p95 / tantivy p95 = {ours_p95:.1f} / {peer_p95:.1f} = {ours_p95 / peer_p95:.2f}")

    page_figures: dict[str, tuple[float, float]] = {}
    if not args.skip_page:
        print(
            f"\nPage /offres/ sous gunicorn ({args.workers} workers), {args.clients} clients simultanés :", flush=True
        )
        connection.close()
        page_figures = page_phases(queries, args)

    target = 50 if args.n <= 100_000 else 150
    print(
        f"\nRésumé n={args.n:,} : recherche+facettes p50 {ours_p50:.1f} ms, p95 {ours_p95:.1f} ms"
        f" (objectif ≤ {target} ms)"
    )
    for label, (p50, p95) in page_figures.items():
        print(f"  page /offres/ {label} : p50 {p50:.0f} ms, p95 {p95:.0f} ms (objectif p95 ≤ 200 ms à 1 M)")


if __name__ == "__main__":
    main()
