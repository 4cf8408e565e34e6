"""Filtered kNN over offer vectors: the open offers nearest to a vector that pass hard constraints.

Filtered kNN with pgvector 0.6.2 (no iterative index scan): an HNSW scan returns at most
`hnsw.ef_search` rows and filters apply afterwards, so a selective filter would leave fewer
than k results. `nearest_offers` therefore estimates how many offers pass the filters
(the planner's row estimate, ~0.3 ms) and picks:

- an exact scan over the filtered set when it is small (<= MATCHING_EXACT_SCAN_MAX_ROWS):
  the filters use the offer indexes, then the distance is computed for those rows only;
- otherwise HNSW with over-fetch: ef_search = 2 x k / selectivity, never below
  MATCHING_HNSW_MIN_EF_SEARCH (recall: 40, pgvector's default, kept 0.985 of the true top 10 at
  100k offers but only 0.936 at 1M) and capped at 1000 (pgvector's maximum), then the filters;
  when that yields fewer than k offers above the similarity floor although closer candidates
  may exist, one wider scan (4 x ef_search) is tried, then the exact scan.

Either way, k results come back whenever k offers pass the constraints and the floor.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from matching.models import EmbeddingModel
from offers.models import Seniority

# An extra SQL condition on offers aliased `o`, with its parameters.
SqlScope = tuple[str, Sequence[Any]]
HNSW_MAX_EF_SEARCH = 1000  # pgvector's upper bound for hnsw.ef_search
_SENIORITY_RANK: dict[str, int] = {Seniority.DEBUTANT: 0, Seniority.JUNIOR: 1, Seniority.CONFIRME: 2}


@dataclass(frozen=True)
class HardConstraints:
    """What an offer must satisfy to be recommended at all (the candidate's non-negotiables).

    - contract_types: any of them (empty: any contract);
    - latitude/longitude/radius_km: great-circle distance <= radius; offers without coordinates
      are then left out, except those placed by a département listed in `departements` (the
      départements the circle reaches);
    - remote_only / onsite_only: the offer's télétravail flag;
    - seniority: the candidate's level; offers asking for more experience are left out, offers
      that state none are kept;
    - salary_floor: offers whose stated annual salary (upper bound) is below it are left out;
      offers that state no salary are kept, and the explanation says so.
    """

    contract_types: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    remote_only: bool = False
    onsite_only: bool = False
    seniority: str = ""
    salary_floor: int | None = None
    # Départements whose offers placed only by their département (no coordinates) count as in reach.
    departements: tuple[str, ...] = ()

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None and self.radius_km is not None


def filters_sql(
    constraints: HardConstraints, *, user_id: int | None, exclude_offer_ids: Sequence[int]
) -> tuple[str, list[Any]]:
    clauses = ["o.status = 'open'"]
    params: list[Any] = []
    if constraints.contract_types:
        clauses.append("o.contract_type = ANY(%s)")
        params.append(list(constraints.contract_types))
    if constraints.remote_only:
        clauses.append("o.remote")
    if constraints.onsite_only:
        clauses.append("NOT o.remote")
    if constraints.seniority in _SENIORITY_RANK:
        allowed = [level for level, rank in _SENIORITY_RANK.items() if rank <= _SENIORITY_RANK[constraints.seniority]]
        clauses.append("(o.seniority = '' OR o.seniority = ANY(%s))")
        params.append([str(level) for level in allowed])
    if constraints.salary_floor:
        clauses.append("(COALESCE(o.salary_max, o.salary_min) IS NULL OR COALESCE(o.salary_max, o.salary_min) >= %s)")
        params.append(constraints.salary_floor)
    if constraints.latitude is not None and constraints.longitude is not None and constraints.radius_km is not None:
        lat, lon, radius = float(constraints.latitude), float(constraints.longitude), float(constraints.radius_km)
        dlat = radius / 111.19
        dlon = radius / max(111.19 * math.cos(math.radians(lat)), 1e-6)
        # The bounding box uses the (status, latitude) index; the haversine keeps the exact disc.
        disc = (
            "o.latitude BETWEEN %s AND %s AND o.longitude BETWEEN %s AND %s AND "
            "2 * 6371.0 * asin(sqrt(power(sin(radians(o.latitude - %s) / 2), 2) + cos(radians(%s)) "
            "* cos(radians(o.latitude)) * power(sin(radians(o.longitude - %s) / 2), 2))) <= %s"
        )
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lat, lon, radius]
        if constraints.departements:
            disc = f"(({disc}) OR (o.latitude IS NULL AND o.departement = ANY(%s)))"
            params.append(list(constraints.departements))
        clauses.append(disc)
    if user_id is not None:
        clauses.append("NOT EXISTS (SELECT 1 FROM matching_hiddenoffer h WHERE h.offer_id = o.id AND h.user_id = %s)")
        params.append(user_id)
    if exclude_offer_ids:
        clauses.append("NOT (o.id = ANY(%s))")
        params.append(list(exclude_offer_ids))
    return " AND ".join(clauses), params


def vector_literal(vector: Sequence[float] | np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


@dataclass(frozen=True)
class KnnResult:
    hits: list[tuple[int, float]]  # (offer id, cosine similarity), best first
    strategy: str  # "exact" or "hnsw" or "hnsw+exact"
    estimated_rows: int
    ef_search: int | None = None


def _estimate_rows(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _table_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'matching_offerembedding'")
        row = cursor.fetchone()
    return max(int(row[0]) if row else 0, 0)


def _exact(query: str, model_id: int, where: str, params: list[Any], *, max_distance: float, k: int):
    # The subquery fences (OFFSET 0) compute each distance once, and keep the planner off the
    # HNSW index: ordering must be over the filtered set only.
    sql = (
        "SELECT s.id, s.distance FROM ("
        "  SELECT o.id, e.vector <=> %s::vector AS distance FROM offers_offer o"
        "  JOIN matching_offerembedding e ON e.offer_id = o.id AND e.model_id = %s"
        f"  WHERE {where} OFFSET 0) s "
        "WHERE s.distance <= %s ORDER BY s.distance, s.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, model_id, *params, max_distance, k])
        return [(row[0], 1.0 - float(row[1])) for row in cursor.fetchall()]


def _hnsw(query: str, model_id: int, where: str, params: list[Any], *, max_distance: float, k: int, ef: int):
    sql = (
        "WITH c AS MATERIALIZED ("
        "  SELECT e.offer_id, e.vector <=> %s::vector AS distance FROM matching_offerembedding e"
        "  WHERE e.model_id = %s ORDER BY e.vector <=> %s::vector LIMIT %s) "
        "(SELECT c.offer_id, c.distance FROM c JOIN offers_offer o ON o.id = c.offer_id "
        f" WHERE {where} AND c.distance <= %s ORDER BY c.distance, c.offer_id LIMIT %s) "
        "UNION ALL (SELECT NULL, max(c.distance) FROM c)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # SET LOCAL: the wider search only lasts for this transaction.
        cursor.execute(f"SET LOCAL hnsw.ef_search = {int(ef)}")
        cursor.execute(sql, [query, model_id, query, ef, *params, max_distance, k])
        rows = cursor.fetchall()
    hits = [(row[0], 1.0 - float(row[1])) for row in rows if row[0] is not None]
    farthest = next((row[1] for row in rows if row[0] is None), None)
    return hits, (float(farthest) if farthest is not None else None)


def nearest_offers(
    *,
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    constraints: HardConstraints = HardConstraints(),  # noqa: B008 (frozen, immutable)
    k: int = 10,
    min_similarity: float | None = None,
    user_id: int | None = None,
    exclude_offer_ids: Sequence[int] = (),
    scope: SqlScope | None = None,
) -> KnnResult:
    """The k open offers nearest to `vector` among those `model` embedded and that pass the constraints
    (and the `scope` condition on offers `o`, e.g. the search page's filtered set)."""
    floor = settings.MATCHING_MIN_SIMILARITY if min_similarity is None else min_similarity
    max_distance = 1.0 - floor
    query = vector_literal(vector)
    where, params = filters_sql(constraints, user_id=user_id, exclude_offer_ids=exclude_offer_ids)
    if scope is not None:
        where, params = f"{where} AND ({scope[0]})", [*params, *scope[1]]
    estimated = _estimate_rows(
        "SELECT 1 FROM offers_offer o JOIN matching_offerembedding e ON e.offer_id = o.id AND e.model_id = %s "
        f"WHERE {where}",
        [model.pk, *params],
    )
    total = _table_rows()
    if estimated <= settings.MATCHING_EXACT_SCAN_MAX_ROWS or total <= 0:
        return KnnResult(_exact(query, model.pk, where, params, max_distance=max_distance, k=k), "exact", estimated)
    selectivity = min(1.0, estimated / total)
    wanted = math.ceil(2 * k / selectivity)
    if wanted > HNSW_MAX_EF_SEARCH:
        # Too selective for one bounded index scan to be likely to hold k matches.
        return KnnResult(_exact(query, model.pk, where, params, max_distance=max_distance, k=k), "exact", estimated)
    ef = min(HNSW_MAX_EF_SEARCH, max(settings.MATCHING_HNSW_MIN_EF_SEARCH, wanted))
    # When the filter kept fewer offers near this vector than its average share, a wider scan
    # is still far cheaper than an exact one over a large filtered set.
    for attempt in dict.fromkeys((ef, min(HNSW_MAX_EF_SEARCH, 4 * ef))):
        hits, farthest = _hnsw(query, model.pk, where, params, max_distance=max_distance, k=k, ef=attempt)
        if len(hits) >= k or (farthest is not None and farthest > max_distance):
            # k found, or the scan went past the similarity floor: nothing closer was left out.
            return KnnResult(hits, "hnsw", estimated, attempt)
    hits = _exact(query, model.pk, where, params, max_distance=max_distance, k=k)
    return KnnResult(hits, "hnsw+exact", estimated, attempt)
