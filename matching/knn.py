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

Either way, k results come back whenever k offers pass the constraints and the floor. A ranking's
pool asks for k offers but is content with `k_min` (the offers it shows): its scan is bounded by
POOL_EF_SEARCH once k_min matches are likely among the candidates. The same statement may return
the offers' columns the caller scores with, and a second list (`also`: the nearest offers of an
occupation family) taken from the same candidates.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection

from matching.models import EmbeddingModel, padded
from matching.weights import ranking_weights
from offers.models import Seniority

# An extra SQL condition on offers aliased `o`, with its parameters.
SqlScope = tuple[str, Sequence[Any]]
HNSW_MAX_EF_SEARCH = 1000  # pgvector's upper bound for hnsw.ef_search
# A pool (k wanted, fewer enough) scans at most this many candidates once k_min are likely among them:
# at 100k offers an ef_search of 1000 costs 4-5x one of 300 (bench/recommend.py).
POOL_EF_SEARCH = 300
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


def similarity_floor(model: EmbeddingModel) -> float:
    """The similarity under which no offer comes out: MATCHING_MIN_SIMILARITY_PERCENT, else the model's own."""
    if settings.MATCHING_MIN_SIMILARITY is not None:
        return float(settings.MATCHING_MIN_SIMILARITY)
    return ranking_weights(model.name)["min_similarity"]


def vector_literal(vector: Sequence[float] | np.ndarray) -> str:
    """The query vector as pgvector text, at the column's width (a narrower model's is zero-padded)."""
    return "[" + ",".join(f"{float(x):.7g}" for x in padded(vector)) + "]"


@dataclass(frozen=True)
class KnnResult:
    hits: list[tuple[int, float]]  # (offer id, cosine similarity), best first
    strategy: str  # "exact" or "hnsw" or "hnsw+exact"
    estimated_rows: int
    ef_search: int | None = None
    # The nearest offers that also pass the `also` condition (same scan), best first.
    also: list[tuple[int, float]] = field(default_factory=list)
    # Offer id -> the values of the requested `columns` of offers `o`, for every offer returned.
    values: dict[int, tuple[Any, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class AlsoNearest:
    """A second list from the same scan: the k nearest offers that pass the constraints and `scope`."""

    scope: SqlScope
    k: int
    min_similarity: float


# Seconds a planner estimate is reused: estimates move slowly (statistics), a candidate's page asks
# the same filters several times (the page, then "what would show more").
ESTIMATE_MAX_AGE = 60.0
_ESTIMATES_KEPT = 4096
_estimates: dict[tuple[str, str], tuple[float, int]] = {}


def _estimate_rows(sql: str, params: list[Any]) -> int:
    key = (sql, repr(params))
    now = time.monotonic()
    known = _estimates.get(key)
    if known is not None and now - known[0] <= ESTIMATE_MAX_AGE:
        return known[1]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    if len(_estimates) >= _ESTIMATES_KEPT:
        _estimates.clear()
    _estimates[key] = (now, int(plan[0]["Plan"]["Plan Rows"]))
    return _estimates[key][1]


_table_rows_read: dict[str, float] = {}
TABLE_ROWS_MAX_AGE = ESTIMATE_MAX_AGE


def planner_statistics_forget() -> None:
    """Forget the estimates kept for ESTIMATE_MAX_AGE (tests that build tables of another size)."""
    _estimates.clear()
    _table_rows_read.clear()


def _table_rows() -> int:
    now = time.monotonic()
    if now - _table_rows_read.get("at", -math.inf) > TABLE_ROWS_MAX_AGE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'matching_offerembedding'")
            row = cursor.fetchone()
        _table_rows_read.update(at=now, rows=max(int(row[0]) if row else 0, 0))
    return int(_table_rows_read["rows"])


@dataclass(frozen=True)
class _Scan:
    """The parts of one kNN statement: the filtered offers `s` (id, distance, `also` flag, and the requested
    columns when `s` is small), then the best of them."""

    query: str
    model_id: int
    where: str
    params: list[Any]
    columns: Sequence[str]
    also: AlsoNearest | None

    def selected(self, *, columns: bool) -> tuple[str, list[Any]]:
        """The extra select list of `s` (the `also` flag, then the columns when `columns`) and its parameters."""
        flag = f", ({self.also.scope[0]}) AS is_also" if self.also else ", false AS is_also"
        extra = "".join(f", o.{name}" for name in self.columns) if columns else ""
        return flag + extra, list(self.also.scope[1]) if self.also else []

    def parts(
        self, *, max_distance: float, k: int, columns_in_s: bool, farthest: bool = False
    ) -> tuple[str, list[Any]]:
        """The best k of `s`, then (part 1) the best of `s` that pass `also`, then (part 2, `farthest`) the farthest
        candidate of `c`. The columns come from `s` when it holds them, else from the offers returned only."""
        names = "".join(f", {name}" for name in self.columns) if columns_in_s else ""
        chosen = f"(SELECT 0 AS part, id, distance{names} FROM s WHERE distance <= %s ORDER BY distance, id LIMIT %s)"
        params: list[Any] = [max_distance, k]
        if self.also:
            chosen += (
                f" UNION ALL (SELECT 1, id, distance{names} FROM s WHERE is_also AND distance <= %s "
                "ORDER BY distance, id LIMIT %s)"
            )
            params += [1.0 - self.also.min_similarity, self.also.k]
        if farthest:
            nulls = ", NULL" * len(self.columns) if columns_in_s else ""
            chosen += f" UNION ALL (SELECT 2, NULL, max(c.distance){nulls} FROM c)"
        if columns_in_s or not self.columns:
            return chosen, params
        joined = "".join(f", o.{name}" for name in self.columns)
        return (
            f"SELECT p.part, p.id, p.distance{joined} FROM ({chosen}) p LEFT JOIN offers_offer o ON o.id = p.id "
            "ORDER BY p.part, p.distance, p.id",
            params,
        )


def _rows(cursor: Any, columns: Sequence[str]) -> tuple[list[tuple[int, float]], list[tuple[int, float]], dict]:
    hits, also, values, farthest = [], [], {}, None
    for part, offer_id, distance, *rest in cursor.fetchall():
        if part == 2:
            farthest = distance
            continue
        (hits if part == 0 else also).append((offer_id, 1.0 - float(distance)))
        if columns:
            values[offer_id] = tuple(rest)
    return hits, also, {"values": values, "farthest": None if farthest is None else float(farthest)}


def _exact(scan: _Scan, *, max_distance: float, k: int):
    # The materialised `s` computes each distance once and keeps the planner off the HNSW index:
    # ordering must be over the filtered set only. It holds ids and distances only: reading the columns of
    # every filtered offer (1,000 at a 1 % filter of 100k) cost more than reading them for the returned ones.
    selected, selected_params = scan.selected(columns=False)
    parts, part_params = scan.parts(max_distance=max_distance, k=k, columns_in_s=False)
    sql = (
        f"WITH s AS MATERIALIZED (SELECT o.id, e.vector <=> %s::vector AS distance{selected} FROM offers_offer o "
        f"JOIN matching_offerembedding e ON e.offer_id = o.id AND e.model_id = %s WHERE {scan.where}) {parts}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scan.query, *selected_params, scan.model_id, *scan.params, *part_params])
        return _rows(cursor, scan.columns)


def _hnsw(scan: _Scan, *, max_distance: float, k: int, ef: int):
    # `s` holds at most ef_search offers, already read for the filters: their columns are kept with them (reading
    # them again for the returned ones cost more, bench/README.md).
    selected, selected_params = scan.selected(columns=True)
    parts, part_params = scan.parts(max_distance=max_distance, k=k, columns_in_s=True, farthest=True)
    # One round trip: SET LOCAL lasts for the implicit transaction of this multi-statement query only
    # (or for the caller's transaction, when there is one).
    sql = (
        f"SET LOCAL hnsw.ef_search = {int(ef)}; "
        "WITH c AS MATERIALIZED ("
        "  SELECT e.offer_id, e.vector <=> %s::vector AS distance FROM matching_offerembedding e"
        "  WHERE e.model_id = %s ORDER BY e.vector <=> %s::vector LIMIT %s), "
        f"s AS MATERIALIZED (SELECT o.id, c.distance{selected} FROM c JOIN offers_offer o ON o.id = c.offer_id "
        f"WHERE {scan.where}) {parts}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scan.query, scan.model_id, scan.query, ef, *selected_params, *scan.params, *part_params])
        cursor.cursor.nextset()  # past the SET
        return _rows(cursor, scan.columns)


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
    k_min: int | None = None,
    columns: Sequence[str] = (),
    also: AlsoNearest | None = None,
) -> KnnResult:
    """The k open offers nearest to `vector` among those `model` embedded and that pass the constraints
    (and the `scope` condition on offers `o`, e.g. the search page's filtered set).

    `k_min` (a ranking's pool): k are wanted, but k_min are enough when the filters are selective, so
    that one bounded index scan serves. `columns` of the offers come back with them (`values`), and
    `also` adds a second list from the same scan (the nearest offers of an occupation family).
    """
    floor = similarity_floor(model) if min_similarity is None else min_similarity
    max_distance = 1.0 - floor
    k_min = k if k_min is None else min(k_min, k)
    where, params = filters_sql(constraints, user_id=user_id, exclude_offer_ids=exclude_offer_ids)
    if scope is not None:
        where, params = f"{where} AND ({scope[0]})", [*params, *scope[1]]
    scan = _Scan(vector_literal(vector), model.pk, where, params, tuple(columns), also)
    estimated = _estimate_rows(
        "SELECT 1 FROM offers_offer o JOIN matching_offerembedding e ON e.offer_id = o.id AND e.model_id = %s "
        f"WHERE {where}",
        [model.pk, *params],
    )
    total = _table_rows()

    def result(found: tuple, strategy: str, ef: int | None = None) -> KnnResult:
        hits, also_hits, more = found
        return KnnResult(hits, strategy, estimated, ef, also_hits, more["values"])

    if estimated <= settings.MATCHING_EXACT_SCAN_MAX_ROWS or total <= 0:
        return result(_exact(scan, max_distance=max_distance, k=k), "exact")
    selectivity = min(1.0, estimated / total)
    needed = math.ceil(2 * k_min / selectivity)
    if needed > HNSW_MAX_EF_SEARCH:
        # Too selective for one bounded index scan to be likely to hold k matches.
        return result(_exact(scan, max_distance=max_distance, k=k), "exact")
    wanted = math.ceil(2 * k / selectivity)
    # Enough candidates for k_min, and for k unless that means a long scan (past POOL_EF_SEARCH).
    ef = max(settings.MATCHING_HNSW_MIN_EF_SEARCH, needed, min(wanted, POOL_EF_SEARCH if k_min < k else wanted))
    ef = min(HNSW_MAX_EF_SEARCH, ef)
    # When the filter kept fewer offers near this vector than its average share, a wider scan
    # is still far cheaper than an exact one over a large filtered set.
    for attempt in dict.fromkeys((ef, min(HNSW_MAX_EF_SEARCH, 4 * ef))):
        found = _hnsw(scan, max_distance=max_distance, k=k, ef=attempt)
        farthest = found[2]["farthest"]
        if len(found[0]) >= k_min or (farthest is not None and farthest > max_distance):
            # Enough found, or the scan went past the similarity floor: nothing closer was left out.
            return result(found, "hnsw", attempt)
    return result(_exact(scan, max_distance=max_distance, k=k), "hnsw+exact", attempt)
