"""Score the search page on the graded French queries of this folder (see README.md).

Every query goes through what the page does: the search form validates the query
string (an unknown place is dropped, as the page does), then `offer_search` returns the
first page. The plain search and the "recherche intelligente" are scored side by side.
"""

from __future__ import annotations

import hashlib
import json
import math
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.http import QueryDict

from offers.forms import OfferSearchForm
from offers.models import OfferSource
from offers.search.evaluation.payloads import payloads_write
from offers.search.query import OfferSearchResult, offer_search
from offers.search.synonyms import search_synonyms_load
from offers.search.vocabulary import vocabulary_reset

DATA_DIR = Path(__file__).resolve().parent
FLOORS_PATH = DATA_DIR / "floors.json"
# The sets: "tuned" is the one the search was tuned on; "heldout" was written apart (other
# offers, towns and occupations) to show how the search does on what it was not tuned on, then
# its failures were fixed; "heldout2" was written after those fixes and never tuned against.
SETS = {"tuned": DATA_DIR, "heldout": DATA_DIR / "heldout", "heldout2": DATA_DIR / "heldout2"}
K = 10
MODES = ("plain", "smart")
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class GradedQuery:
    id: str
    kind: str
    q: str
    lieu: str
    rayon: int | None
    grades: dict[str, int]  # offer key -> grade (1 related, 2 useful, 3 exactly what was asked)

    @property
    def has_answer(self) -> bool:
        return bool(self.grades)

    def label(self) -> str:
        place = f" @ {self.lieu}" + (f" +{self.rayon} km" if self.rayon else "") if self.lieu else ""
        return f"{self.q!r}{place}"


@dataclass(frozen=True)
class EvaluationSet:
    version: str  # a digest of the three files: figures are comparable only on the same version
    collected_at: Any
    offers: list[dict[str, Any]]
    places: dict[str, dict[str, Any]]
    rome_labels: dict[str, str]
    queries: list[GradedQuery]

    def as_payload_source(self) -> dict[str, Any]:
        return {"collected_at": self.collected_at, "offers": self.offers, "places": self.places,
                "rome_labels": self.rome_labels}  # fmt: skip


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _is_within(place: dict[str, Any], within: dict[str, Any]) -> bool:
    if "insee" in within:
        return place.get("insee") in within["insee"]
    if "dep" in within:
        return place["dep"] in within["dep"]
    if "region" in within:
        return place["region"] in within["region"]
    if "radius" in within:
        lat, lon, km = within["radius"]
        return "lat" in place and _distance_km(lat, lon, place["lat"], place["lon"]) <= km
    raise ValueError(f"unknown place filter: {within}")


def _grades(spec: dict[str, Any], offers: list[dict], places: dict[str, dict]) -> dict[str, int]:
    """Expand '@tag', '*' and keys into offer key -> grade (the highest given), kept to `within`."""
    grades: dict[str, int] = {}
    keys = {offer["key"] for offer in offers}
    for selector, grade in spec.get("relevant", {}).items():
        if selector == "*":
            chosen = [offer["key"] for offer in offers]
        elif selector.startswith("@"):
            chosen = [offer["key"] for offer in offers if selector[1:] in offer["tags"]]
            if not chosen:
                raise ValueError(f"{spec['id']}: no offer is tagged {selector[1:]!r}")
        elif selector in keys:
            chosen = [selector]
        else:
            raise ValueError(f"{spec['id']}: unknown offer {selector!r}")
        for key in chosen:
            grades[key] = max(grades.get(key, 0), int(grade))
    if within := spec.get("within"):
        place_of = {offer["key"]: places[offer["place"]] for offer in offers}
        grades = {key: grade for key, grade in grades.items() if _is_within(place_of[key], within)}
    return grades


def evaluation_set_load(directory: Path = DATA_DIR) -> EvaluationSet:
    import datetime as dt

    texts = {name: (directory / name).read_text(encoding="utf-8") for name in ("offers.json", "places.json",
                                                                            "queries.json")}  # fmt: skip
    offers_doc, places_doc, queries_doc = (json.loads(texts[name]) for name in sorted(texts))
    offers, places = offers_doc["offers"], places_doc["places"]
    queries = [
        GradedQuery(
            id=spec["id"],
            kind=spec["kind"],
            q=spec.get("q", ""),
            lieu=spec.get("lieu", ""),
            rayon=spec.get("rayon"),
            grades=_grades(spec, offers, places),
        )
        for spec in queries_doc["queries"]
    ]
    digest = hashlib.sha256("".join(texts[name] for name in sorted(texts)).encode()).hexdigest()[:12]
    return EvaluationSet(
        version=digest,
        collected_at=dt.datetime.fromisoformat(offers_doc["collected_at"]),
        offers=offers,
        places=places,
        rome_labels=offers_doc["rome_labels"],
        queries=queries,
    )


# --- Metrics (graded) -----------------------------------------------------------------------


def ndcg_at_k(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    """Graded nDCG: gain 2^grade - 1 at rank r counts 1/log2(r + 1); over the ideal order's DCG."""

    def dcg(gains: Iterable[int]) -> float:
        return sum((2**gain - 1) / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))

    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg(grades.get(key, 0) for key in ranked[:k]) / ideal if ideal else 0.0


def recall_at_k(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    """Share of the relevant offers found in the top k, over min(k, relevant): 1.0 when the top k is all relevant."""
    if not grades:
        return 0.0
    return len(set(ranked[:k]) & set(grades)) / min(k, len(grades))


def reciprocal_rank(ranked: Sequence[str], grades: dict[str, int]) -> float:
    return next((1.0 / rank for rank, key in enumerate(ranked, start=1) if key in grades), 0.0)


# --- Running ---------------------------------------------------------------------------------


def evaluation_offers_load(dataset: EvaluationSet, *, stdout: Any = None) -> dict[int, str]:
    """Push the offers through the real ingestion (`ingest --from-files`); returns offer id -> key."""
    # The curated synonyms (a migration loads them; a test database flushed by a transactional
    # test has lost them): the evaluation always runs with the list of the repository.
    search_synonyms_load()
    with tempfile.TemporaryDirectory(prefix="search-evaluation-") as folder:
        keys = payloads_write(dataset.as_payload_source(), Path(folder))
        # Called by name: offers does not import ingestion (the dependency points the other way).
        call_command("ingest", from_files=folder, stdout=stdout)
    by_id: dict[int, str] = {}
    for source, external, offer_id in OfferSource.objects.values_list("source", "external_id", "offer_id"):
        if (source, external) in keys:
            by_id[offer_id] = keys[(source, external)]
    missing = set(keys.values()) - set(by_id.values())
    if missing:
        raise RuntimeError(f"offers of the evaluation not ingested: {sorted(missing)}")
    vocabulary_reset()
    return by_id


@dataclass(frozen=True)
class QueryOutcome:
    query: GradedQuery
    mode: str
    ranked: tuple[str, ...]  # offer keys of the first page, in order
    total: int
    approximate: bool  # the page says that what it shows is not an exact answer
    ndcg: float
    recall: float
    rr: float

    @property
    def empty_answer_ok(self) -> bool:
        """For a query whose right answer is empty: nothing shown, or shown as approximate."""
        return self.total == 0 or self.approximate


def _says_approximate(result: OfferSearchResult) -> bool:
    return result.approximate


def search_as_page(query: GradedQuery, *, smart: bool) -> OfferSearchResult:
    data = QueryDict(mutable=True)
    data["q"] = query.q
    if query.lieu:
        data["lieu"] = query.lieu
    if query.rayon:
        data["rayon"] = str(query.rayon)
    if smart:
        data["intelligente"] = "on"
    form = OfferSearchForm(data)
    form.is_valid()  # like the page: an invalid field is dropped, the rest applies
    return offer_search(params=form.to_params())


def query_evaluate(query: GradedQuery, *, mode: str, keys_by_id: dict[int, str]) -> QueryOutcome:
    result = search_as_page(query, smart=mode == "smart")
    ranked = tuple(keys_by_id.get(offer.id, f"?{offer.id}") for offer in result.offers)
    return QueryOutcome(
        query=query,
        mode=mode,
        ranked=ranked,
        total=result.total,
        approximate=_says_approximate(result),
        ndcg=ndcg_at_k(ranked, query.grades),
        recall=recall_at_k(ranked, query.grades),
        rr=reciprocal_rank(ranked, query.grades),
    )


def evaluation_run(
    dataset: EvaluationSet,
    *,
    keys_by_id: dict[int, str],
    modes: Sequence[str] = MODES,
    progress: Callable[[str], None] | None = None,
) -> dict[str, list[QueryOutcome]]:
    outcomes: dict[str, list[QueryOutcome]] = {}
    for mode in modes:
        outcomes[mode] = []
        for number, query in enumerate(dataset.queries, start=1):
            outcomes[mode].append(query_evaluate(query, mode=mode, keys_by_id=keys_by_id))
            if progress and (number % 25 == 0 or number == len(dataset.queries)):
                progress(f"[{mode}] {number}/{len(dataset.queries)} queries")
    return outcomes


# --- Scores per kind and floors --------------------------------------------------------------

ALL_KINDS = "ensemble"


@dataclass(frozen=True)
class KindScores:
    kind: str
    queries: int
    answered: int  # queries that have a right answer
    ndcg: float = 0.0
    recall: float = 0.0
    mrr: float = 0.0
    zero_rate: float = 0.0  # share of the answered queries that came back empty
    empty_ok: float | None = None  # share of the queries without answer left empty or flagged approximate
    failures: list[str] = field(default_factory=list, compare=False)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def kind_scores(outcomes: Sequence[QueryOutcome]) -> list[KindScores]:
    """Scores per kind (in the order kinds first appear), then all kinds together."""
    by_kind: dict[str, list[QueryOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.query.kind].append(outcome)
    by_kind[ALL_KINDS] = list(outcomes)
    rows = []
    for kind, group in by_kind.items():
        answered = [outcome for outcome in group if outcome.query.has_answer]
        unanswered = [outcome for outcome in group if not outcome.query.has_answer]
        rows.append(
            KindScores(
                kind=kind,
                queries=len(group),
                answered=len(answered),
                ndcg=_mean([outcome.ndcg for outcome in answered]),
                recall=_mean([outcome.recall for outcome in answered]),
                mrr=_mean([outcome.rr for outcome in answered]),
                zero_rate=_mean([float(outcome.total == 0) for outcome in answered]),
                empty_ok=_mean([float(outcome.empty_answer_ok) for outcome in unanswered]) if unanswered else None,
            )
        )
    return rows


def floors_load(path: Path = FLOORS_PATH) -> dict[str, Any]:
    """The floors of a set: `path` is its floors.json or its folder."""
    if path.is_dir():
        path = path / "floors.json"
    return json.loads(path.read_text(encoding="utf-8"))


def floors_check(scores: dict[str, list[KindScores]], floors: dict[str, Any]) -> list[str]:
    """What falls below the recorded floors (an empty list when everything holds)."""
    problems = []
    for mode, rows in scores.items():
        recorded = floors.get(mode, {})
        for row in rows:
            floor = recorded.get(row.kind)
            if floor is None:
                continue
            for metric in ("ndcg", "recall", "mrr"):
                if metric in floor and row.answered and getattr(row, metric) < floor[metric]:
                    problems.append(f"{mode} / {row.kind}: {metric} {getattr(row, metric):.3f} < {floor[metric]}")
            if "zero_rate_max" in floor and row.answered and row.zero_rate > floor["zero_rate_max"]:
                problems.append(f"{mode} / {row.kind}: zero-result rate {row.zero_rate:.3f} > {floor['zero_rate_max']}")
            if "empty_ok" in floor and row.empty_ok is not None and row.empty_ok < floor["empty_ok"]:
                problems.append(f"{mode} / {row.kind}: empty answers kept {row.empty_ok:.3f} < {floor['empty_ok']}")
    if floors.get("smart_not_worse") and "smart" in scores and "plain" in scores:
        smart = next(row for row in scores["smart"] if row.kind == ALL_KINDS)
        plain = next(row for row in scores["plain"] if row.kind == ALL_KINDS)
        if smart.ndcg < plain.ndcg:
            problems.append(f"smart nDCG@10 {smart.ndcg:.3f} < plain {plain.ndcg:.3f}")
    return problems
