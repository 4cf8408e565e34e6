"""Scores the recommendations a candidate gets, against the whole demo set, beside plain filtered cosine.

The corpus is every open offer of the demo set (`ingestion/demo/`, loaded through the real
pipeline by `make run` or by the tests); `demo_truth.json` gives the true ROME occupation of each
of them from their source payload's id, so Adzuna offers (no ROME code) and partner offers filed
under an odd code are graded by what they are. `demo_profiles.json` holds profiles written the
way people write (kinds: direct, informal, typos, career_change, english, no_title, cv_only),
each with its place, radius and contracts, and the occupations whose offers it wants
(`relevant`, gain 2) or would accept (`related`, gain 1); any other occupation is unrelated.

Both methods run the production code inside one transaction that is rolled back:
- `ranking`: a candidate account and profile are created the way the site does it
  (`candidates.services.profile_update`, the CV text as an upload leaves it) and
  `recommendations_for_profile` returns what the recommendations page would show;
- `cosine`: the same profile vector, `nearest_offers` with only the radius and contract
  filters and no similarity floor (the plain filtered kNN).

What is reachable: an offer passes the profile's contract and radius; an offer placed only by
its département is reachable when it is the profile's own département. Recall@10 and MRR count
relevant offers; nDCG@10 uses the graded gains; "unrelated" is the share of the offers shown
(at most 10) whose occupation is neither relevant nor related.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
from django.contrib.auth.models import User
from django.db import transaction

from matching.encoder import Encoder
from matching.evaluation.metrics import diversity, mean_similarity
from matching.models import EmbeddingModel, OfferEmbedding
from matching.offer_text import OFFER_TEXT_MAX_TOKENS, offer_text, text_hash
from offers.models import Offer, OfferSource, OfferStatus
from offers.understanding.offer_skill_reading import offer_skill_readings_refresh

DATA_DIR = Path(__file__).resolve().parent
K = 10
GAIN_RELEVANT = 2
GAIN_RELATED = 1
# The profile sets: `demo` (the weights were tuned on half of it), `heldout` (other occupations,
# nothing tuned on it), `heldout2` to `heldout9` (each written apart and committed before any run, never
# tuned on), `heldout10`, `heldout11`, `heldout14` and `heldout15` (title-less profiles, career changers above
# all, written apart: `heldout10` and `heldout14` read for errors, `heldout11` and `heldout15` measured only),
# `heldout12` and `heldout13` (terse profiles as typed on a phone: `heldout12` read, `heldout13` measured only),
# `heldout16` and `heldout17` (English speakers in France: English texts, English CVs, broken French mixed with
# English; `heldout16` read, `heldout17` measured only), `heldout18` and `heldout19` (CVs as a PDF's text gives them,
# titles typed badly on a phone: `heldout18` read, `heldout19` measured only), `heldout20` and `heldout21` (career
# changers and returners again, most without a title, some titled with the new job, each wanting an occupation that
# was a primary wish once before: `heldout20` read, `heldout21` measured only).
PROFILE_SETS = {
    name: f"{name}_profiles.json"
    for name in (
        "demo",
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
        "heldout10",
        "heldout11",
        "heldout12",
        "heldout13",
        "heldout14",
        "heldout15",
        "heldout16",
        "heldout17",
        "heldout18",
        "heldout19",
        "heldout20",
        "heldout21",
    )
}


class DemoNotLoaded(Exception):
    """The database holds none of the demo offers the evaluation grades."""


@dataclass(frozen=True)
class DemoDataset:
    profiles: list[dict[str, Any]]
    truth: dict[str, dict[str, str]]  # source -> external id -> true ROME code
    version: str


def load_demo_dataset(directory: Path = DATA_DIR, *, profiles: str = "demo_profiles.json") -> DemoDataset:
    """The profiles of one set (`PROFILE_SETS`) and the demo set's truth."""
    raw_profiles = (directory / profiles).read_bytes()
    raw_truth = (directory / "demo_truth.json").read_bytes()
    prefix = profiles.removesuffix("_profiles.json") + "-"
    version = prefix + hashlib.sha256(raw_profiles + raw_truth).hexdigest()[:12]
    return DemoDataset(profiles=json.loads(raw_profiles), truth=json.loads(raw_truth), version=version)


@dataclass(frozen=True)
class CorpusOffer:
    offer_id: int
    occupation: str  # the true ROME code
    latitude: float | None
    longitude: float | None
    departement: str
    contract_type: str
    remote: bool


@dataclass(frozen=True)
class RankingScores:
    recall_at_5: float
    recall_at_10: float
    mrr: float
    ndcg_at_10: float
    unrelated_share: float
    shown: float  # offers shown (at most 10), mean over profiles
    mean_similarity: float
    diversity: float
    # Whether a profile with a job title (a clear occupation) was shown at least one unrelated offer;
    # NaN for a profile without title, left out of the means (the share is over titled profiles).
    clear_with_unrelated: float


@dataclass(frozen=True)
class RankingResult:
    method: str  # "ranking" | "cosine"
    scores: RankingScores
    per_kind: dict[str, RankingScores]


def demo_corpus(dataset: DemoDataset) -> dict[int, CorpusOffer]:
    """The open offers of the demo set in the database, with their true occupation."""
    occupations: dict[int, str] = {}
    for source, external_id, offer_id in OfferSource.objects.filter(offer__status=OfferStatus.OPEN).values_list(
        "source", "external_id", "offer_id"
    ):
        code = dataset.truth.get(source, {}).get(external_id)
        if code:
            occupations.setdefault(offer_id, code)
    if not occupations:
        raise DemoNotLoaded(
            "none of the demo offers is in the database: load them with "
            "`python manage.py ingest --from-files ingestion/demo` (make run does)"
        )
    rows = Offer.objects.filter(pk__in=occupations).values_list(
        "pk", "latitude", "longitude", "departement", "contract_type", "remote"
    )
    return {
        pk: CorpusOffer(pk, occupations[pk], lat, lon, departement or "", contract or "", bool(remote))
        for pk, lat, lon, departement, contract, remote in rows
    }


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def reachable(profile: dict[str, Any], offer: CorpusOffer) -> bool:
    """Whether the offer meets the profile's own constraints (contract, remote, radius)."""
    if profile.get("contract_types") and offer.contract_type not in profile["contract_types"]:
        return False
    if profile.get("remote") == "remote" and not offer.remote:
        return False
    if profile.get("remote") == "onsite" and offer.remote:
        return False
    radius = profile.get("radius_km")
    if radius and profile.get("latitude") is not None:
        if offer.latitude is None or offer.longitude is None:
            return bool(offer.departement) and offer.departement == profile.get("departement")
        return _distance_km(profile["latitude"], profile["longitude"], offer.latitude, offer.longitude) <= radius
    return True


def gain(profile: dict[str, Any], occupation: str) -> int:
    if occupation in profile["relevant"]:
        return GAIN_RELEVANT
    if occupation in profile.get("related", ()):
        return GAIN_RELATED
    return 0


def profile_scores(
    profile: dict[str, Any], shown: list[int], corpus: dict[int, CorpusOffer]
) -> tuple[float, float, float, float, float]:
    """recall@5, recall@10, reciprocal rank, nDCG@10 and the unrelated share of one profile's list."""
    gains = {pk: gain(profile, offer.occupation) for pk, offer in corpus.items()}
    reach = [pk for pk, offer in corpus.items() if reachable(profile, offer)]
    relevant = {pk for pk in reach if gains[pk] == GAIN_RELEVANT}
    top = shown[:K]
    shown_gains = [gains.get(pk, 0) for pk in top]

    def recall(k: int) -> float:
        return len(relevant & set(top[:k])) / min(k, len(relevant)) if relevant else 0.0

    rank = next((i for i, pk in enumerate(top, start=1) if pk in relevant), None)
    dcg = sum(g / math.log2(i + 1) for i, g in enumerate(shown_gains, start=1))
    ideal_gains = sorted((gains[pk] for pk in reach if gains[pk]), reverse=True)[:K]
    ideal = sum(g / math.log2(i + 1) for i, g in enumerate(ideal_gains, start=1))
    unrelated = sum(1 for g in shown_gains if g == 0) / len(top) if top else 0.0
    return recall(5), recall(K), (1.0 / rank if rank else 0.0), (min(1.0, dcg / ideal) if ideal else 0.0), unrelated


def _mean(rows: list[RankingScores]) -> RankingScores:
    def mean(name: str) -> float:
        values = [value for row in rows if not math.isnan(value := getattr(row, name))]
        return sum(values) / len(values) if values else math.nan

    return RankingScores(*(mean(f.name) for f in fields(RankingScores)))


class _Rollback(Exception):
    pass


@contextmanager
def _rolled_back() -> Iterator[None]:
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


def _activate_with_vectors(encoder: Encoder, corpus: dict[int, CorpusOffer]) -> EmbeddingModel:
    """The encoder's model, active, with a vector for every corpus offer (inside the caller's transaction)."""
    from matching.services import embedding_model_register

    model = embedding_model_register(encoder=encoder)
    EmbeddingModel.objects.exclude(pk=model.pk).update(is_active=False)
    EmbeddingModel.objects.filter(pk=model.pk).update(is_active=True)
    model.refresh_from_db()
    done = set(OfferEmbedding.objects.filter(model=model, offer_id__in=corpus).values_list("offer_id", flat=True))
    missing = list(Offer.objects.filter(pk__in=set(corpus) - done))
    if missing:
        texts = [offer_text(offer) for offer in missing]
        vectors = encoder.encode(texts, max_tokens=OFFER_TEXT_MAX_TOKENS)
        OfferEmbedding.objects.bulk_create(
            [
                OfferEmbedding(offer=offer, model=model, vector=vector, content_hash=text_hash(text))
                for offer, text, vector in zip(missing, texts, vectors, strict=True)
            ]
        )
    # What the texts of offers listing no skill say, kept as the embedding refresh keeps it: the explanations
    # compare with the kept readings, as on the site.
    offer_skill_readings_refresh()
    return model


def _candidate_profile(profile: dict[str, Any], index: int):
    """A candidate account and profile saved the way the site saves them."""
    from candidates.models import CandidateProfile
    from candidates.services import profile_text_compose, profile_update

    user = User.objects.create_user(username=f"evaluation-{index}", email=f"evaluation-{index}@example.invalid")
    data: dict[str, Any] = {
        "wanted_title": profile.get("wanted_title", ""),
        "skills": profile.get("skills", []),
        "presentation": profile.get("presentation", ""),
        "contract_types": profile.get("contract_types", []),
        "seniority": profile.get("seniority", ""),
        "remote_preference": profile.get("remote", "any"),
        "salary_min": profile.get("salary_min"),
    }
    # No radius (null) is "anywhere", as `reachable` reads it: 0 km on the site, not the form's 30.
    data["radius_km"] = profile.get("radius_km") or 0
    profile_update(user=user, data=data)
    saved = CandidateProfile.objects.get(user=user)
    # A place as the commune picker leaves it (the communes table may not be loaded here), and the
    # CV text as an upload leaves it.
    saved.latitude, saved.longitude = profile.get("latitude"), profile.get("longitude")
    saved.place_name = profile.get("place", "")
    saved.commune_insee = profile.get("commune_insee", "")
    saved.cv_text = profile.get("cv_text", "")
    saved.profile_text = profile_text_compose(saved)
    saved.save()
    return saved


def recommendations_of_profiles(dataset: DemoDataset, encoder: Encoder) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """Each profile of the set with the recommendations the site shows it (saved as the site saves a profile, inside
    a transaction rolled back at the end)."""
    from matching.ranking import recommendations_for_profile

    with _rolled_back():
        _activate_with_vectors(encoder, demo_corpus(dataset))
        for index, profile in enumerate(dataset.profiles):
            yield profile, recommendations_for_profile(profile=_candidate_profile(profile, index), k=K)


def evaluate_recommendations(dataset: DemoDataset, encoder: Encoder) -> list[RankingResult]:
    """The project's recommendations and plain filtered cosine, scored on every demo profile."""
    from matching.knn import HardConstraints, nearest_offers
    from matching.ranking import recommendations_for_profile
    from matching.services import candidate_embedding_upsert

    per_method: dict[str, list[tuple[str, RankingScores]]] = {"ranking": [], "cosine": []}
    with _rolled_back():
        corpus = demo_corpus(dataset)
        model = _activate_with_vectors(encoder, corpus)
        vectors = dict(
            OfferEmbedding.objects.filter(model=model, offer_id__in=corpus).values_list("offer_id", "vector")
        )
        for index, profile in enumerate(dataset.profiles):
            saved = _candidate_profile(profile, index)
            ranked = [item.offer.pk for item in recommendations_for_profile(profile=saved, k=K)]
            query = np.asarray(
                candidate_embedding_upsert(profile_id=saved.pk, text=saved.profile_text, model=model).vector
            )
            has_point = saved.latitude is not None and profile.get("radius_km")
            baseline = nearest_offers(
                vector=query,
                model=model,
                constraints=HardConstraints(
                    contract_types=tuple(profile.get("contract_types") or ()),
                    latitude=saved.latitude if has_point else None,
                    longitude=saved.longitude if has_point else None,
                    radius_km=float(profile["radius_km"]) if has_point else None,
                ),
                k=K,
                min_similarity=0.0,
            )
            cosine = [offer_id for offer_id, _ in baseline.hits]
            for method, shown in (("ranking", ranked), ("cosine", cosine)):
                r5, r10, rr, ndcg, unrelated = profile_scores(profile, shown, corpus)
                top = np.array([np.asarray(vectors[pk]) for pk in shown[:K] if pk in vectors])
                scores = RankingScores(
                    recall_at_5=r5,
                    recall_at_10=r10,
                    mrr=rr,
                    ndcg_at_10=ndcg,
                    unrelated_share=unrelated,
                    shown=float(len(shown[:K])),
                    mean_similarity=mean_similarity(query, top) if len(top) else 0.0,
                    diversity=diversity(top) if len(top) else 0.0,
                    clear_with_unrelated=float(unrelated > 0) if profile.get("wanted_title", "").strip() else math.nan,
                )
                per_method[method].append((profile.get("kind", ""), scores))
    results = []
    for method, rows in per_method.items():
        kinds = sorted({kind for kind, _ in rows})
        results.append(
            RankingResult(
                method=method,
                scores=_mean([row for _, row in rows]),
                per_kind={kind: _mean([row for k, row in rows if k == kind]) for kind in kinds},
            )
        )
    return results
