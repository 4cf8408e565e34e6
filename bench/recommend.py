"""Filtered recommendations (k nearest open offers under hard constraints): latency and recall.

    python -m bench.recommend --n 100000 [--queries 200] [--k 10] [--build-only]

Builds (once; kept between runs) a throwaway database `test_<db>_bench_matching` holding N
offers and N random unit vectors of 512 dimensions (the vector column's width) with the clustered, low intrinsic
dimension geometry of text embeddings (see `clustered_unit_vectors`). The offers' titles,
descriptions, ROME codes, skills and experience are those of 5,000 generated offers
(`bench.gen_offers` through the real normalisers) taken in turn, and the ROME referential of
`../shared/data/rome` is loaded when present, so the recommendation reads occupations and
skills as in production. Then, for filters that keep 100 %, 10 % and 1 % of
the offers (contract type CDD: 10 %; within 25 km of Lyon: 1 %, served by the latitude
index; contract type "stage": 1 %, no index), it prints p50/p95 latency of
`matching.knn.nearest_offers` (the production path: planner estimate, HNSW with
over-fetch or exact scan) and recall@10 against exact search under the same filter, and
the same figures for two peers on the same vectors and filters: FAISS HNSW (over-fetching,
then filtering) and brute-force cosine kNN in NumPy (the first prototype's method).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# One BLAS thread: the client side of a web request, and no thread fight on a shared CPU.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402

DIM = 512  # matching.models.VECTOR_DIMENSIONS: the column's width, whatever model fills it (narrower ones padded)
LYON = (45.764, 4.8357)


# PostgreSQL's page cache for the bench's server, by corpus size: a server holds its HNSW index and its vectors in
# memory (ARCHITECTURE.md: the database's shared_buffers must hold the index). At 100,000 offers the index is 260 MB
# and the vectors' table 532 MB; at PostgreSQL's default 128MB each scan read its pages through the operating
# system (the pool's kNN statement 8.5 ms at 100 %, 14 ms at CDD on average; 6.5 and 9.4 ms at 1GB).
SHARED_BUFFERS_1GB_UP_TO = 200_000  # offers; 4GB above (the 1M run's size)


def shared_buffers_for(n: int) -> str:
    """The bench server's shared_buffers for `n` offers: enough for the HNSW index and the vectors' table."""
    return "1GB" if n <= SHARED_BUFFERS_1GB_UP_TO else "4GB"


def _setup_django(n: int = 100_000) -> None:
    # The embedded server applies it at its next start (`_restart_for_shared_buffers`).
    os.environ.setdefault("EMBEDDED_DATABASE_SHARED_BUFFERS", shared_buffers_for(n))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    os.environ["TEST_DB_SUFFIX"] = "bench_matching"
    os.environ.setdefault("JOBMARKET_TESTING", "1")  # a bench run is not a deployment: no SECRET_KEY needed
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # A server keeps the candidates' readings in Redis. Without it a process's memory cache holds Django's default of
    # 300 entries, fewer than the readings of the bench's warm-up and timed queries (300 + 200 by default): evicted,
    # the timed ones would be read again on the request (p95 741 ms at the 100 % filter). Hold them all, as Redis does.
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("LocMemCache"):
        cache.setdefault("OPTIONS", {})["MAX_ENTRIES"] = 100_000

    _restart_for_shared_buffers(settings.EMBEDDED_DATABASE_DIR)
    # The test-database machinery gives a throwaway, fully migrated database; keepdb reuses it.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def _restart_for_shared_buffers(data_dir: Path | None) -> None:
    """Restart the embedded server when its shared_buffers waits for a restart (PostgreSQL reads it at start only),
    unless another process uses it (a `make run` on the same folder): then say so, and time as it is."""
    if data_dir is None:
        return  # DATABASE_URL: the server is configured where it runs
    import pgserver

    from jobmarket.embedded_db import shared_buffers_pending

    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    if not shared_buffers_pending(server):
        return
    import psutil  # pgserver's own dependency

    handles = server.global_process_id_list
    if any(pid != os.getpid() and psutil.pid_exists(pid) for pid in handles.get()):
        print(
            f"shared_buffers = {os.environ['EMBEDDED_DATABASE_SHARED_BUFFERS']} waits for a restart of the server of "
            f"{data_dir}, which another process uses: stop it and run again to time at that size",
            flush=True,
        )
        return
    handles.put([os.getpid()])  # the handles of processes gone (killed before they let go) hold nothing
    server.cleanup()  # this process's only handle: the server stops
    pgserver.get_server(data_dir, cleanup_mode="stop")  # and starts again, with its new shared_buffers


def clustered_unit_vectors(n: int, rng: np.random.Generator, *, latent: int = 32) -> np.ndarray:
    """Unit vectors with the geometry of sentence embeddings rather than of a uniform cloud.

    Text embeddings occupy a low-dimensional, clustered part of their dimensions; uniform
    random unit vectors in 512-d are all nearly equidistant, which no real query looks like
    and where "nearest" means nothing. So: clusters in a 32-d latent space, mapped to 512-d by
    a fixed random projection, plus isotropic noise, then normalised.
    """
    basis_rng = np.random.default_rng(12345)  # the same projection and centres for corpus and queries
    projection = basis_rng.standard_normal((latent, DIM)).astype(np.float32) / np.sqrt(latent)
    centres = basis_rng.standard_normal((300, latent)).astype(np.float32)
    points = centres[rng.integers(0, len(centres), size=n)] + 0.6 * rng.standard_normal((n, latent)).astype(np.float32)
    vectors = points @ projection + 0.05 * rng.standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


@dataclass
class Corpus:
    ids: np.ndarray
    vectors: np.ndarray
    contract: np.ndarray
    near_lyon: np.ndarray


def _attributes(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    contract = np.full(n, "cdi", dtype=object)
    draw = rng.random(n)
    contract[draw < 0.10] = "cdd"
    contract[(draw >= 0.10) & (draw < 0.11)] = "stage"
    near = rng.random(n) < 0.01
    lat = np.where(near, LYON[0] + rng.uniform(-0.1, 0.1, n), rng.uniform(43.0, 44.5, n))  # the rest: the south
    lon = np.where(near, LYON[1] + rng.uniform(-0.1, 0.1, n), rng.uniform(-1.0, 6.0, n))
    return contract, lat, lon, near


TEXT_OFFERS = 5_000
ROME = Path(__file__).resolve().parents[2] / "shared" / "data" / "rome"


def _offer_texts(seed: int) -> list[dict[str, object]]:
    """What generated offers say (title, description, ROME code, skills, experience), normalised as ingested."""
    from bench.gen_offers import iter_labelled_offers
    from ingestion.normalise import normalise

    texts = []
    for labelled in iter_labelled_offers(TEXT_OFFERS, seed=seed):
        offer = normalise(labelled.source, labelled.payload)
        texts.append(
            {
                "title": offer.title,
                "description": offer.description,
                "rome_code": offer.rome_code,
                "rome_label": offer.rome_label,
                "skills": list(offer.skills),
                "seniority": offer.seniority,
                "salary_min": offer.salary_min,
                "salary_max": offer.salary_max,
                "departement": offer.departement,
            }
        )
    return texts


def _read_occupations(texts: list[dict[str, object]]) -> None:
    """Each offer's stored occupation, as the upsert writes it (offers.understanding.offer_occupation)."""
    from offers.understanding.occupations import occupation_reader
    from offers.understanding.offer_occupation import offer_occupation_read

    reader = occupation_reader()
    for text in texts:
        text["occupation_code"], text["occupation_confidence"] = offer_occupation_read(
            reader, str(text["title"]), str(text["rome_code"])
        )


def _read_offer_skills() -> None:
    """What the texts of the offers listing no skill say, kept as the daily refresh keeps it (offers.understanding.
    offer_skill_reading): read again only where the reader's rules changed since."""
    from offers.understanding.offer_skill_reading import offer_skill_readings_refresh

    started = time.perf_counter()
    read = offer_skill_readings_refresh()
    if read:
        print(f"  {read} offers' texts read for their skills in {time.perf_counter() - started:.0f} s", flush=True)


def _load_rome() -> None:
    from offers.models import Occupation

    if ROME.is_dir() and not Occupation.objects.exists():
        from django.core.management import call_command

        call_command("load_rome", str(ROME))


def build_or_load(n: int, seed: int) -> tuple[Corpus, object]:
    from django.db import connection
    from pgvector.psycopg import register_vector

    from matching.models import EmbeddingModel, OfferEmbedding
    from offers.models import Offer

    rng = np.random.default_rng(seed)
    vectors = clustered_unit_vectors(n, rng)
    contract, lat, lon, near = _attributes(n, rng)
    model, _ = EmbeddingModel.objects.get_or_create(
        name=f"bench-random-{seed}-latent32-texts-{DIM}d",
        weights_checksum=f"{seed:064d}",
        defaults={"dimension": DIM, "is_active": False},
    )
    if OfferEmbedding.objects.filter(model=model).count() == n and Offer.objects.count() == n:
        if Offer.objects.exclude(rome_code="").filter(occupation_code="").exists():
            # A database built before offers stored their occupation: read them, as an upsert would have.
            from offers.understanding.offer_occupation import offers_occupations_refresh

            print("reading the offers' occupations (once)...", flush=True)
            offers_occupations_refresh()
        _read_offer_skills()
        ids = np.array(Offer.objects.order_by("id").values_list("id", flat=True))
        return Corpus(ids, vectors, contract, near), model
    print(f"building the bench database: {n} offers and vectors (once)...", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE offers_offer CASCADE")
        cursor.execute("DROP INDEX IF EXISTS offer_embedding_hnsw_cosine")
    _load_rome()
    now = datetime.now(UTC)
    texts = _offer_texts(seed)
    _read_occupations(texts)
    batch = 10_000
    for start in range(0, n, batch):
        Offer.objects.bulk_create(
            [
                Offer(
                    **texts[i % len(texts)],
                    contract_type=contract[i],
                    latitude=float(lat[i]),
                    longitude=float(lon[i]),
                    published_at=now,
                )
                for i in range(start, min(n, start + batch))
            ]
        )
    _read_offer_skills()
    ids = np.array(Offer.objects.order_by("id").values_list("id", flat=True))
    connection.ensure_connection()
    raw = connection.connection
    register_vector(raw)
    with (
        raw.cursor() as cursor,
        cursor.copy(
            "COPY matching_offerembedding (offer_id, model_id, vector, content_hash, embedded_at) FROM STDIN "
            "WITH (FORMAT BINARY)"
        ) as copy,
    ):
        copy.set_types(["int8", "int8", "vector", "varchar", "timestamptz"])
        for offer_id, vector in zip(ids, vectors, strict=True):
            copy.write_row([int(offer_id), model.pk, vector, "bench", now])
    print(f"  rows loaded in {time.perf_counter() - started:.0f} s; building the HNSW index...", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # The whole graph must fit in memory, or pgvector falls back to a much slower build
        # (about 2.5 KB per 512-d vector with m = 16); one parallel worker beside the leader on 2 cores.
        cursor.execute(f"SET maintenance_work_mem = '{max(1, int(np.ceil(n * 2.5 / 1e6)))}GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 1")
        cursor.execute(
            "CREATE INDEX offer_embedding_hnsw_cosine ON matching_offerembedding "
            "USING hnsw (vector vector_cosine_ops) WITH (m = 16, ef_construction = 64)"
        )
        cursor.execute("ANALYZE offers_offer; ANALYZE matching_offerembedding;")
    print(f"  HNSW index built in {time.perf_counter() - started:.0f} s", flush=True)
    return Corpus(ids, vectors, contract, near), model


def faiss_index(corpus: Corpus, seed: int) -> object:
    """FAISS HNSW over the same vectors, built with every core once and kept in bench/out/."""
    import faiss

    path = Path(__file__).resolve().parent / "out" / f"faiss-hnsw-{len(corpus.ids)}-{seed}-{DIM}d.index"
    if path.exists():
        return faiss.read_index(str(path))
    print(f"FAISS HNSW index (M=16, efConstruction=64) over {len(corpus.ids)} vectors...", flush=True)
    started = time.perf_counter()
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    index = faiss.IndexHNSWFlat(DIM, 16, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 64
    index.add(corpus.vectors)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    path.parent.mkdir(exist_ok=True)
    faiss.write_index(index, str(path))
    return index


def exact_top(query: np.ndarray, corpus: Corpus, mask: np.ndarray, k: int) -> np.ndarray:
    candidates = np.flatnonzero(mask)
    scores = corpus.vectors[candidates] @ query
    top = candidates[np.argsort(-scores)[:k]]
    return corpus.ids[top]


def _profiles() -> list[object]:
    """Candidates as people describe themselves: a title or none, skills, a few words."""
    from matching.explanations import CandidateContext

    return [
        CandidateContext(
            title="Boulanger",
            text="Boulanger, pétrissage et façonnage, travail de nuit",
            skills=("Pétrir la pâte", "Façonner les pâtons"),
            seniority="confirme",
        ),
        CandidateContext(
            title="Développeur web",
            text="Développeur Python/Django, JavaScript, Git, Docker. 3 ans d'expérience.",
            skills=("Python", "Django", "Git", "Docker"),
            seniority="junior",
        ),
        CandidateContext(
            text="Je cherche un poste d'aide-soignante en EHPAD, diplômée depuis juin, toilettes et repas.",
            skills=("Aider à la toilette",),
            seniority="debutant",
        ),
        CandidateContext(
            title="Cariste",
            text="CACES 1, 3 et 5, préparation de commandes, gestion de stock.",
            skills=("CACES R489", "Préparer les commandes"),
            salary_floor=24_000,
        ),
    ]


def _occupation_encoder(model: object) -> None:
    """The bench's vectors are random, its model has no weights; the ranking still encodes occupations' texts
    (`matching.occupation_affinity`, for a clear occupation's close and linked offers). The default model's
    weights serve under the bench model's name, so that their cost is measured as a server pays it."""
    import dataclasses

    from matching import encoder as encoder_module
    from matching.encoder import USE_BACKEND, USE_MODEL, load_encoder
    from matching.occupation_affinity import occupation_embeddings_refresh

    real = load_encoder(USE_MODEL, backend=USE_BACKEND)
    encoder_module._encoders[(model.name, model.backend)] = dataclasses.replace(
        real, name=model.name, weights_checksum=model.weights_checksum
    )
    # As the offers' refresh does on a server: no request encodes an occupation (once, then stored).
    encoded = occupation_embeddings_refresh(model)
    if encoded:
        print(f"encoded {encoded} occupations' texts (once)", flush=True)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--warmup",
        type=int,
        default=300,
        help="untimed queries per filter first, drawn apart from the timed ones (a server in steady state)",
    )
    parser.add_argument(
        "--build-only", action="store_true", help="build the database and both indexes, then stop (no timing)"
    )
    args = parser.parse_args(argv)

    _setup_django(args.n)
    import faiss
    from django.core.cache import cache

    from matching.knn import HardConstraints, nearest_offers
    from matching.ranking import recommendations_for
    from matching.reading import candidate_reading

    corpus, model = build_or_load(args.n, args.seed)
    _occupation_encoder(model)
    # As each gunicorn worker does before its first request (gunicorn.conf.py): the readers, word lists and weights
    # a recommendation would otherwise build on a job seeker's first page.
    from matching.warmup import warm_process

    warmed = warm_process()
    print(f"worker warm-up: {sum(warmed.values()):.1f} s ({', '.join(warmed) or 'nothing loaded'})", flush=True)
    profiles = _profiles()
    rng = np.random.default_rng(args.seed + 1)
    queries = clustered_unit_vectors(args.queries, rng)
    warmup = clustered_unit_vectors(args.warmup, np.random.default_rng(args.seed + 2)) if args.warmup else queries[:1]
    k = args.k

    filters = {
        "100% (open offers)": (HardConstraints(), np.ones(len(corpus.ids), dtype=bool)),
        "10% (contract CDD)": (HardConstraints(contract_types=("cdd",)), corpus.contract == "cdd"),
        "1% (25 km of Lyon)": (
            HardConstraints(latitude=LYON[0], longitude=LYON[1], radius_km=25),
            corpus.near_lyon,
        ),
        "1% (contract stage)": (HardConstraints(contract_types=("stage",)), corpus.contract == "stage"),
    }

    index = faiss_index(corpus, args.seed)
    if args.build_only:
        return 0
    faiss.omp_set_num_threads(1)  # one query at a time, like a web request

    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('shared_buffers'), "
            "pg_size_pretty(pg_relation_size('offer_embedding_hnsw_cosine')), "
            "pg_size_pretty(pg_total_relation_size('matching_offerembedding'))"
        )
        buffers, index_size, table_size = cursor.fetchone()
    print(
        f"\nN = {len(corpus.ids)} offers, {DIM} dimensions, k = {k}, {len(queries)} queries per filter "
        f"(single-threaded client; {os.cpu_count()} cores; load {os.getloadavg()[0]:.2f}; "
        f"{len(warmup)} warm-up queries per filter)\n"
        f"PostgreSQL shared_buffers {buffers}; HNSW index {index_size}, vectors table {table_size}; "
        f"hnsw.ef_search floor {settings.MATCHING_HNSW_MIN_EF_SEARCH}, exact scan up to "
        f"{settings.MATCHING_EXACT_SCAN_MAX_ROWS} rows"
    )
    header = f"{'filter':<22} {'engine':<26} {'p50 ms':>8} {'p95 ms':>8} {'recall@10':>10} {'p95 ratio':>10}"
    print(header)
    print("-" * len(header))
    first_requests: list[float] = []  # each profile's first recommendation in this process, after the warm-up
    for filter_number, (label, (constraints, mask)) in enumerate(filters.items()):
        truth = [exact_top(q, corpus, mask, k) for q in queries]
        rows = []

        # 1. pgvector, the production path, once its pages are in memory as on a running server:
        # warm-up queries of their own, so the timed ones do not find their exact paths cached.
        for query in warmup:
            nearest_offers(vector=query, model=model, constraints=constraints, k=k, min_similarity=-1)
        latencies, recalls, strategies = [], [], set()
        for query, expected in zip(queries, truth, strict=True):
            started = time.perf_counter()
            result = nearest_offers(vector=query, model=model, constraints=constraints, k=k, min_similarity=-1)
            latencies.append((time.perf_counter() - started) * 1000)
            strategies.add(result.strategy)
            got = {offer_id for offer_id, _ in result.hits}
            recalls.append(len(got & set(expected.tolist())) / len(expected))
        rows.append((f"pgvector ({'/'.join(sorted(strategies))})", latencies, recalls))

        # 1b. The whole recommendation (matching.ranking.recommendations_for): the constrained pool, the
        # offers of the candidate's occupation family, scores, and the explanations of the k shown.
        # "profile page": the candidate's reading (occupations) was made by the task after their last
        # profile change, as on the recommendations page; "first read": the same request when it was not
        # (the vote: nearest offers by vector and by full text). Recall is of its list against the exact
        # top 10 (it re-ranks and shows fewer offers on purpose: a latency figure, not a quality one).
        for vectors in (warmup, queries):
            for query, context in zip(vectors, profiles * len(vectors), strict=False):
                candidate_reading(
                    title=context.title, text=context.text, rome_code=context.rome_code, vector=query, model=model
                )
        # Untimed first, as for pgvector: the offers' and skill labels' readings a running server has kept
        # (the first request of a worker after its warm-up is printed apart, below the table).
        for number, (query, context) in enumerate(zip(warmup, profiles * len(warmup), strict=False)):
            started = time.perf_counter()
            recommendations_for(vector=query, model=model, constraints=constraints, context=context, k=k)
            if filter_number == 0 and number < len(profiles):
                first_requests.append((time.perf_counter() - started) * 1000)
        for engine, cold in (("recommendations_for", False), ("  first read of a profile", True)):
            latencies = []
            for query, context in zip(queries, profiles * len(queries), strict=False):
                if cold:
                    cache.clear()
                started = time.perf_counter()
                recommendations_for(vector=query, model=model, constraints=constraints, context=context, k=k)
                latencies.append((time.perf_counter() - started) * 1000)
            rows.append((engine, latencies, [float("nan")] * len(latencies)))

        # 2. FAISS HNSW with over-fetch, filter afterwards.
        selectivity = max(mask.mean(), 1e-6)
        fetch = min(len(corpus.ids), max(k, int(np.ceil(2 * k / selectivity))))
        index.hnsw.efSearch = max(40, fetch)
        latencies, recalls = [], []
        for query, expected in zip(queries, truth, strict=True):
            started = time.perf_counter()
            _, found = index.search(query[None, :], fetch)
            found = found[0][found[0] >= 0]
            kept = found[mask[found]][:k]
            latencies.append((time.perf_counter() - started) * 1000)
            recalls.append(len(set(corpus.ids[kept].tolist()) & set(expected.tolist())) / len(expected))
        rows.append((f"FAISS HNSW (fetch {fetch})", latencies, recalls))

        # 3. Brute force: every vector scored, then filtered (the first prototype's method).
        latencies, recalls = [], []
        for query, expected in zip(queries, truth, strict=True):
            started = time.perf_counter()
            scores = corpus.vectors @ query
            scores[~mask] = -np.inf
            top = np.argpartition(-scores, k)[:k]
            top = top[np.argsort(-scores[top])]
            latencies.append((time.perf_counter() - started) * 1000)
            recalls.append(len(set(corpus.ids[top].tolist()) & set(expected.tolist())) / len(expected))
        rows.append(("brute-force NumPy", latencies, recalls))

        reference = percentile(rows[0][1], 95)
        for engine, latencies, recalls in rows:
            p95 = percentile(latencies, 95)
            print(
                f"{label:<22} {engine:<26} {statistics.median(latencies):>8.2f} {p95:>8.2f} "
                f"{statistics.mean(recalls):>10.3f} {p95 / reference:>9.2f}x"
            )
    print("\nratio: p95 of the engine / p95 of pgvector under the same filter")
    print(
        "first recommendation of each profile in this process, after the worker's warm-up and the profile's reading "
        f"(its skills read once, then kept): {' / '.join(f'{ms:.0f}' for ms in first_requests)} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
