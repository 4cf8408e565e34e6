"""Reads of the matching: filtered kNN over offer vectors, explanations, keyword and hybrid rankings.

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
import logging
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from matching.models import EmbeddingModel, EmbeddingModelStatus, OfferEmbedding
from offers.models import Occupation, Offer, OfferStatus, Seniority

logger = logging.getLogger(__name__)

T = TypeVar("T", int, str)
# An extra SQL condition on offers aliased `o`, with its parameters.
SqlScope = tuple[str, Sequence[Any]]
EARTH_RADIUS_KM = 6371.0
HNSW_MAX_EF_SEARCH = 1000  # pgvector's upper bound for hnsw.ef_search
_SENIORITY_RANK: dict[str, int] = {Seniority.DEBUTANT: 0, Seniority.JUNIOR: 1, Seniority.CONFIRME: 2}


class NoActiveEmbeddingModel(Exception):
    """No model has vectors yet: run `python manage.py embed` once."""


# --- Status (/healthz) -------------------------------------------------------------------


def active_embedding_model() -> EmbeddingModel | None:
    return EmbeddingModel.objects.filter(is_active=True).first()


def embedding_model_status() -> dict[str, object]:
    """What /healthz reports about the embedding model: configured, active, coverage of open offers."""
    status: dict[str, object] = {"configured": settings.MATCHING_MODEL, "backend": settings.MATCHING_BACKEND}
    active = active_embedding_model()
    open_offers = Offer.objects.filter(status=OfferStatus.OPEN).count()
    status["open_offers"] = open_offers
    if active is None:
        status.update({"status": "no vectors yet", "active": None, "vectors": 0, "coverage": 0.0})
    else:
        vectors = OfferEmbedding.objects.filter(model=active, offer__status=OfferStatus.OPEN).count()
        status.update(
            {
                "status": "ok",
                "active": {"name": active.name, "version": active.version, "activated_at": active.activated_at},
                "vectors": vectors,
                "coverage": round(vectors / open_offers, 4) if open_offers else 1.0,
            }
        )
    building = EmbeddingModel.objects.filter(status=EmbeddingModelStatus.BUILDING).first()
    if building is not None:
        done = OfferEmbedding.objects.filter(model=building, offer__status=OfferStatus.OPEN).count()
        status["building"] = {
            "version": building.version,
            "vectors": done,
            "coverage": round(done / open_offers, 4) if open_offers else 1.0,
        }
    return status


# --- Hard constraints and the filtered kNN ------------------------------------------------


@dataclass(frozen=True)
class HardConstraints:
    """What an offer must satisfy to be recommended at all (the candidate's non-negotiables).

    - contract_types: any of them (empty: any contract);
    - latitude/longitude/radius_km: great-circle distance <= radius; offers without coordinates
      are then left out (nobody can tell whether they are within reach);
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

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None and self.radius_km is not None


def _filters_sql(
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
        clauses.append(
            "o.latitude BETWEEN %s AND %s AND o.longitude BETWEEN %s AND %s AND "
            "2 * 6371.0 * asin(sqrt(power(sin(radians(o.latitude - %s) / 2), 2) + cos(radians(%s)) "
            "* cos(radians(o.latitude)) * power(sin(radians(o.longitude - %s) / 2), 2))) <= %s"
        )
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lat, lon, radius]
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
    where, params = _filters_sql(constraints, user_id=user_id, exclude_offer_ids=exclude_offer_ids)
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


# --- Explanations --------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces: how skills are compared with a candidate's words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join("".join(char if char.isalnum() else " " for char in stripped).split())


_STOP_WORDS = frozenset(
    [
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "un",
        "une",
        "et",
        "en",
        "a",
        "au",
        "aux",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "son",
        "sa",
        "ses",
        "d",
        "l",
        "leur",
        "leurs",
        "ou",
        "qui",
        "que",
        "the",
        "of",
        "and",
        "to",
    ]
)


def _words(text: str) -> set[str]:
    return {word for word in normalise(text).split() if word not in _STOP_WORDS and len(word) > 2}


def skill_is_covered(skill: str, *, candidate_skills: Iterable[str], candidate_words: set[str]) -> bool:
    """A skill of the offer counts as the candidate's when they list it, or their text has most of its words."""
    wanted = normalise(skill)
    if any(wanted == normalise(own) or (wanted and wanted in normalise(own)) for own in candidate_skills):
        return True
    words = _words(skill)
    if not words:
        return False
    # Prefix match absorbs plurals and French inflections ("vente"/"vendre" do not, on purpose).
    covered = sum(1 for word in words if any(own.startswith(word[:5]) for own in candidate_words))
    return covered / len(words) >= 0.6


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class CandidateContext:
    """What the explanations compare an offer with."""

    text: str = ""
    skills: tuple[str, ...] = ()
    rome_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    salary_floor: int | None = None


@dataclass(frozen=True)
class Explanation:
    similarity: float
    matched_skills: list[str]
    missing_skills: list[str]
    distance_km: float | None
    salary_fit: str  # above_floor | below_floor | not_stated | no_floor
    salary_fit_label: str
    occupation_fit: str  # same | close | other | unknown
    occupation_fit_label: str
    summary: str = field(default="")

    def as_dict(self) -> dict[str, object]:
        return {
            "similarity": round(self.similarity, 4),
            "matched_skills": self.matched_skills,
            "missing_skills": self.missing_skills,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "salary_fit": self.salary_fit,
            "salary_fit_label": self.salary_fit_label,
            "occupation_fit": self.occupation_fit,
            "occupation_fit_label": self.occupation_fit_label,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Recommendation:
    offer: Offer
    similarity: float
    explanation: Explanation


def close_occupation_codes(rome_code: str) -> set[str]:
    """ROME close occupations, both ways (the referential lists them from one side only)."""
    if not rome_code:
        return set()
    forward = Occupation.objects.filter(code=rome_code).values_list("close_occupations__code", flat=True)
    backward = Occupation.objects.filter(close_occupations__code=rome_code).values_list("code", flat=True)
    return {code for code in [*forward, *backward] if code and code != rome_code}


def explain(offer: Offer, *, similarity: float, context: CandidateContext, close_codes: set[str]) -> Explanation:
    candidate_words = _words(" ".join([context.text, *context.skills]))
    matched: list[str] = []
    missing: list[str] = []
    for skill in offer.skills:
        covered = skill_is_covered(skill, candidate_skills=context.skills, candidate_words=candidate_words)
        (matched if covered else missing).append(skill)
    distance = None
    if (
        context.latitude is not None
        and context.longitude is not None
        and offer.latitude is not None
        and offer.longitude is not None
    ):
        distance = haversine_km(context.latitude, context.longitude, offer.latitude, offer.longitude)
    top = offer.salary_max or offer.salary_min
    if not context.salary_floor:
        salary_fit, salary_label = "no_floor", _("Pas de salaire minimum indiqué dans votre profil")
    elif top is None:
        salary_fit, salary_label = "not_stated", _("Salaire non précisé par l'employeur")
    elif top >= context.salary_floor:
        salary_fit, salary_label = "above_floor", _("Salaire au niveau de votre minimum ou au-dessus")
    else:
        salary_fit, salary_label = "below_floor", _("Salaire sous votre minimum")
    if not context.rome_code or not offer.rome_code:
        occupation_fit, occupation_label = "unknown", _("Métier non comparé")
    elif offer.rome_code == context.rome_code:
        occupation_fit, occupation_label = "same", _("Votre métier")
    elif offer.rome_code in close_codes:
        occupation_fit, occupation_label = "close", _("Un métier proche du vôtre")
    else:
        occupation_fit, occupation_label = "other", _("Un autre métier")
    parts = [_("Similarité %(percent)d %%") % {"percent": round(similarity * 100)}]
    if offer.skills:
        parts.append(
            _("%(matched)d compétence(s) sur %(total)d") % {"matched": len(matched), "total": len(offer.skills)}
        )
    if distance is not None:
        parts.append(_("à %(km)d km") % {"km": round(distance)})
    return Explanation(
        similarity=similarity,
        matched_skills=matched,
        missing_skills=missing,
        distance_km=distance,
        salary_fit=salary_fit,
        salary_fit_label=salary_label,
        occupation_fit=occupation_fit,
        occupation_fit_label=occupation_label,
        summary=" · ".join(parts),
    )


def recommendations_for(
    *,
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    constraints: HardConstraints = HardConstraints(),  # noqa: B008
    context: CandidateContext = CandidateContext(),  # noqa: B008
    k: int = 10,
    min_similarity: float | None = None,
    user_id: int | None = None,
    exclude_offer_ids: Sequence[int] = (),
) -> list[Recommendation]:
    """The best open offers for a candidate vector, each with why it was picked."""
    result = nearest_offers(
        vector=vector,
        model=model,
        constraints=constraints,
        k=k,
        min_similarity=min_similarity,
        user_id=user_id,
        exclude_offer_ids=exclude_offer_ids,
    )
    offers = Offer.objects.in_bulk([offer_id for offer_id, _ in result.hits])
    close_codes = close_occupation_codes(context.rome_code)
    return [
        Recommendation(
            offer=offers[offer_id],
            similarity=similarity,
            explanation=explain(offers[offer_id], similarity=similarity, context=context, close_codes=close_codes),
        )
        for offer_id, similarity in result.hits
        if offer_id in offers
    ]


def recommendations_for_text(
    *,
    text: str,
    constraints: HardConstraints = HardConstraints(),  # noqa: B008
    context: CandidateContext | None = None,
    k: int = 10,
    min_similarity: float | None = None,
) -> list[Recommendation]:
    """Free text (a CV, a few lines) against the active model's offer vectors."""
    from matching.offer_text import OFFER_TEXT_MAX_TOKENS
    from matching.services import encoder_for

    model = active_embedding_model()
    if model is None:
        raise NoActiveEmbeddingModel("no offer has been embedded yet: run `python manage.py embed`")
    vector = encoder_for(model).encode([text], max_tokens=OFFER_TEXT_MAX_TOKENS)[0]
    return recommendations_for(
        vector=vector,
        model=model,
        constraints=constraints,
        context=context or CandidateContext(text=text),
        k=k,
        min_similarity=min_similarity,
    )


# --- Keyword and hybrid rankings -------------------------------------------------------------


def keyword_ranking(
    *, text: str, limit: int = 10, offer_ids: Sequence[int] | None = None, scope: SqlScope | None = None
) -> list[int]:
    """Offer ids by full-text rank (French, accents folded), any word of `text` counting.

    Words are OR-ed: a CV never contains every word of an offer, an AND query would match nothing.
    """
    where, params = "o.status = 'open'", []
    if offer_ids is not None:
        where, params = "o.id = ANY(%s)", [list(offer_ids)]
    if scope is not None:
        where, params = f"{where} AND ({scope[0]})", [*params, *scope[1]]
    sql = (
        "WITH q AS (SELECT NULLIF(replace(plainto_tsquery('french', jm_unaccent(%s))::text, ' & ', ' | '), '')"
        "::tsquery AS query) "
        "SELECT o.id FROM offers_offer o, q "
        f"WHERE {where} AND q.query IS NOT NULL AND o.search_vector @@ q.query "
        "ORDER BY ts_rank_cd(o.search_vector, q.query, 1) DESC, o.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [text, *params, limit])
        return [row[0] for row in cursor.fetchall()]


def reciprocal_rank_fusion(rankings: Sequence[Sequence[T]], *, k: int = 60, limit: int = 10) -> list[T]:
    """Cormack et al. (2009): score = sum of 1 / (k + rank); robust to the scales of the fused scores.

    Ties keep the order in which items were first seen (the first ranking wins): sort is stable.
    """
    scores: dict[T, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return [item for item, _ in sorted(scores.items(), key=lambda pair: -pair[1])[:limit]]


# --- A candidate's recommendations -------------------------------------------------------------


def profile_constraints(profile: Any) -> HardConstraints:
    """The hard constraints a `candidates.CandidateProfile` states."""
    has_point = profile.latitude is not None and profile.longitude is not None and bool(profile.radius_km)
    return HardConstraints(
        contract_types=tuple(profile.contract_types or ()),
        latitude=profile.latitude if has_point else None,
        longitude=profile.longitude if has_point else None,
        radius_km=float(profile.radius_km) if has_point else None,
        remote_only=profile.remote_preference == "remote",
        onsite_only=profile.remote_preference == "onsite",
        seniority=profile.seniority or "",
        salary_floor=profile.salary_min,
    )


def recommendations_for_profile(*, profile: Any, k: int = 10) -> list[Recommendation]:
    """The best open offers for a candidate profile, hidden offers excluded.

    The profile's vector is normally computed by the task queued after each change; when it is
    missing or stale (the task has not run yet, or the model just switched) it is computed here.
    """
    from matching.services import candidate_embedding_upsert

    if not profile.profile_text.strip():
        return []
    model = active_embedding_model()
    if model is None:
        raise NoActiveEmbeddingModel("no offer has been embedded yet: run `python manage.py embed`")
    embedding = candidate_embedding_upsert(profile_id=profile.pk, text=profile.profile_text, model=model)
    return recommendations_for(
        vector=embedding.vector,
        model=model,
        constraints=profile_constraints(profile),
        context=CandidateContext(
            text=profile.profile_text,
            skills=tuple(profile.skills or ()),
            rome_code=profile.rome_code,
            latitude=profile.latitude,
            longitude=profile.longitude,
            salary_floor=profile.salary_min,
        ),
        k=k,
        user_id=profile.user_id,
    )


def similar_offers(*, offer_id: int, k: int = 5, min_similarity: float = 0.5) -> list[tuple[Offer, float]]:
    """Open offers closest to one offer (its own vector for the active model), itself excluded."""
    model = active_embedding_model()
    if model is None:
        return []
    embedding = OfferEmbedding.objects.filter(offer_id=offer_id, model=model).only("vector").first()
    if embedding is None:
        return []
    result = nearest_offers(
        vector=embedding.vector, model=model, k=k, min_similarity=min_similarity, exclude_offer_ids=[offer_id]
    )
    offers = Offer.objects.in_bulk([hit for hit, _ in result.hits])
    return [(offers[hit], similarity) for hit, similarity in result.hits if hit in offers]


def hybrid_search(*, text: str, limit: int = 20, depth: int = 100) -> list[int]:
    """Open offer ids for a search box: full-text rank and vector similarity fused by RRF.

    The evaluation (matching/evaluation/README.md) has the fusion beat both of its inputs.
    Without vectors yet, the full-text ranking alone.
    """
    return smart_search(text=text, limit=limit, depth=depth, min_similarity=0.0)


def smart_search(
    *,
    text: str,
    candidates: QuerySet[Offer] | None = None,
    limit: int = 20,
    depth: int = 100,
    min_similarity: float | None = None,
) -> list[int]:
    """The search page's "recherche intelligente": RRF of full-text rank and vector similarity,
    both restricted to `candidates` (the offers passing the page's filters; all open offers when None).

    The vector half finds offers that share no word with the query ("dev back-end" → a
    "Développeur PHP/Symfony"); the full-text half keeps exact matches on top.
    """
    from matching.encoder import EmbeddingModelUnavailable
    from matching.offer_text import OFFER_TEXT_MAX_TOKENS
    from matching.services import EmbeddingModelMismatch, encoder_for

    scope: SqlScope | None = None
    if candidates is not None:
        sql, params = candidates.order_by().values("id").query.sql_with_params()
        scope = (f"o.id IN ({sql})", list(params))
    keyword = keyword_ranking(text=text, limit=depth, scope=scope)
    model = active_embedding_model()
    if model is None:
        return keyword[:limit]
    try:
        vector = encoder_for(model).encode([text], max_tokens=OFFER_TEXT_MAX_TOKENS)[0]
    except (EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
        # The search box must keep working while the weights are missing or being switched.
        logger.warning("smart search without vectors: %s", error)
        return keyword[:limit]
    nearest = nearest_offers(vector=vector, model=model, k=depth, min_similarity=min_similarity, scope=scope)
    return reciprocal_rank_fusion([[offer_id for offer_id, _ in nearest.hits], keyword], limit=limit)
