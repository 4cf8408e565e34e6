"""The filtered kNN: constraints are hard filters, and k results come back even when few offers pass."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection

from matching import explanations, knn
from matching.knn import HardConstraints, nearest_offers
from matching.models import OfferEmbedding, padded
from offers.models import ContractType, Offer, OfferStatus, Seniority

pytestmark = pytest.mark.django_db

MONTPELLIER = (43.6119, 3.8772)
PARIS = (48.8566, 2.3522)


def _unit(rng: np.random.Generator) -> np.ndarray:
    vector = rng.standard_normal(384).astype(np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture
def corpus(active_model):
    """400 open offers with random unit vectors; 8 of them (2 %) are internships in Paris."""
    rng = np.random.default_rng(7)
    offers = []
    for index in range(400):
        rare = index % 50 == 0
        lat, lon = PARIS if rare else MONTPELLIER
        offers.append(
            Offer(
                title=f"Offre {index}",
                contract_type=ContractType.STAGE if rare else ContractType.CDI,
                latitude=lat + rng.uniform(-0.05, 0.05),
                longitude=lon + rng.uniform(-0.05, 0.05),
                remote=index % 3 == 0,
                seniority=[Seniority.DEBUTANT, Seniority.JUNIOR, Seniority.CONFIRME, ""][index % 4],
                salary_min=None if index % 5 == 0 else 20_000 + 100 * index,
                salary_max=None if index % 5 == 0 else 25_000 + 100 * index,
            )
        )
    offers = Offer.objects.bulk_create(offers)
    OfferEmbedding.objects.bulk_create(
        [OfferEmbedding(offer=offer, model=active_model, vector=_unit(rng), content_hash="x") for offer in offers]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE offers_offer; ANALYZE matching_offerembedding;")
    return offers


def _exact_top(query: np.ndarray, model, offers: list[Offer], k: int) -> list[int]:
    vectors = {e.offer_id: np.array(e.vector) for e in OfferEmbedding.objects.filter(model=model)}
    ranked = sorted(offers, key=lambda offer: (-float(vectors[offer.pk] @ padded(query)), offer.pk))
    return [offer.pk for offer in ranked[:k]]


def test_without_constraints_the_result_is_the_exact_top_k(corpus, active_model):
    query = _unit(np.random.default_rng(1))
    result = nearest_offers(vector=query, model=active_model, k=10, min_similarity=-1)
    assert result.strategy == "exact"  # 400 rows: under the exact-scan threshold
    assert [offer_id for offer_id, _ in result.hits] == _exact_top(query, active_model, corpus, 10)


def test_k_results_come_back_at_2_percent_selectivity_through_the_index(corpus, active_model, settings):
    settings.MATCHING_EXACT_SCAN_MAX_ROWS = 0  # force the HNSW path with over-fetch
    query = _unit(np.random.default_rng(2))
    result = nearest_offers(
        vector=query, model=active_model, constraints=HardConstraints(contract_types=("stage",)), k=8, min_similarity=-1
    )
    assert result.strategy.startswith("hnsw")
    assert result.ef_search >= 400  # 2 x k / selectivity
    interns = [offer for offer in corpus if offer.contract_type == ContractType.STAGE]
    assert {offer_id for offer_id, _ in result.hits} == {offer.pk for offer in interns}


def test_a_short_index_scan_is_retried_four_times_wider(corpus, active_model, settings, monkeypatch):
    settings.MATCHING_EXACT_SCAN_MAX_ROWS = 0
    settings.MATCHING_HNSW_MIN_EF_SEARCH = 100
    monkeypatch.setattr(knn, "_estimate_rows", lambda sql, params: 400)  # claims: everything passes
    query = _unit(np.random.default_rng(3))
    constraints = HardConstraints(contract_types=("stage",))
    # All 8 internships among the 100 nearest of 400 random vectors: practically never.
    result = nearest_offers(vector=query, model=active_model, constraints=constraints, k=8, min_similarity=-1)
    assert (result.strategy, result.ef_search) == ("hnsw", 400)
    interns = [offer for offer in corpus if offer.contract_type == ContractType.STAGE]
    assert [offer_id for offer_id, _ in result.hits] == _exact_top(query, active_model, interns, 8)


def test_a_wrong_selectivity_estimate_falls_back_to_the_exact_scan(corpus, active_model, settings, monkeypatch):
    settings.MATCHING_EXACT_SCAN_MAX_ROWS = 0
    settings.MATCHING_HNSW_MIN_EF_SEARCH = 10  # scans of 10 then 40 of 400 offers: about one internship in sight
    monkeypatch.setattr(knn, "_estimate_rows", lambda sql, params: 400)  # claims: everything passes
    query = _unit(np.random.default_rng(3))
    constraints = HardConstraints(contract_types=("stage",))
    result = nearest_offers(vector=query, model=active_model, constraints=constraints, k=5, min_similarity=-1)
    assert (result.strategy, result.ef_search) == ("hnsw+exact", 40)
    interns = [offer for offer in corpus if offer.contract_type == ContractType.STAGE]
    assert [offer_id for offer_id, _ in result.hits] == _exact_top(query, active_model, interns, 5)


def test_every_hard_constraint_is_honoured(corpus, active_model):
    constraints = HardConstraints(
        contract_types=("cdi",),
        latitude=MONTPELLIER[0],
        longitude=MONTPELLIER[1],
        radius_km=30,
        remote_only=True,
        seniority=Seniority.JUNIOR,
        salary_floor=40_000,
    )
    result = nearest_offers(
        vector=_unit(np.random.default_rng(4)), model=active_model, constraints=constraints, k=50, min_similarity=-1
    )
    offers = Offer.objects.in_bulk([offer_id for offer_id, _ in result.hits])
    passing = [
        offer
        for offer in corpus
        if offer.contract_type == "cdi"
        and offer.remote
        and offer.seniority in ("", Seniority.DEBUTANT, Seniority.JUNIOR)
        and (offer.salary_max is None or offer.salary_max >= 40_000)
        and explanations.haversine_km(*MONTPELLIER, offer.latitude, offer.longitude) <= 30
    ]
    assert len(result.hits) == min(50, len(passing)) > 0
    for offer in offers.values():
        assert offer.pk in {p.pk for p in passing}


def test_no_offer_below_the_minimum_similarity_is_returned(corpus, active_model):
    query = np.array(OfferEmbedding.objects.get(offer=corpus[5]).vector, dtype=np.float32)
    result = nearest_offers(vector=query, model=active_model, k=10, min_similarity=0.5)
    assert [offer_id for offer_id, _ in result.hits] == [corpus[5].pk]  # random vectors are near-orthogonal
    assert result.hits[0][1] == pytest.approx(1.0, abs=1e-5)


def test_closed_offers_and_vectors_of_another_model_never_come_back(corpus, active_model):
    from matching.models import EmbeddingModel

    other = EmbeddingModel.objects.create(name="other", dimension=384, weights_checksum="0" * 64)
    query = np.array(OfferEmbedding.objects.get(offer=corpus[0]).vector, dtype=np.float32)
    stranger = Offer.objects.create(title="Venue d'un autre modèle")
    OfferEmbedding.objects.create(offer=stranger, model=other, vector=query, content_hash="x")
    Offer.objects.filter(pk=corpus[0].pk).update(status=OfferStatus.CLOSED)
    ids = [offer_id for offer_id, _ in nearest_offers(vector=query, model=active_model, k=400, min_similarity=-1).hits]
    assert corpus[0].pk not in ids
    assert stranger.pk not in ids
    assert len(ids) == 399


def test_the_exact_and_the_index_scans_return_the_same_hits_family_and_columns(corpus, active_model, settings):
    """The exact scan reads the columns of the offers it returns only, the index scan keeps those of its
    candidates: the same offers, the same `also` list, the same values either way."""
    query = _unit(np.random.default_rng(11))
    wanted = {
        "vector": query,
        "model": active_model,
        "constraints": HardConstraints(latitude=MONTPELLIER[0], longitude=MONTPELLIER[1], radius_km=30),
        "k": 12,
        "min_similarity": -1,
        "columns": ("title", "contract_type", "salary_max", "latitude"),
        "also": knn.AlsoNearest(("o.remote AND o.salary_min IS NULL", []), 4, -1.0),
    }
    exact = nearest_offers(**wanted)
    settings.MATCHING_EXACT_SCAN_MAX_ROWS = 0
    settings.MATCHING_HNSW_MIN_EF_SEARCH = 1000  # every offer among the index scan's candidates
    indexed = nearest_offers(**wanted)
    assert (exact.strategy, indexed.strategy) == ("exact", "hnsw")
    by_id = {offer.pk: offer for offer in corpus}
    assert [offer_id for offer_id, _ in exact.hits] == [offer_id for offer_id, _ in indexed.hits]
    assert len(exact.hits) == 12 and len(exact.also) == 4
    assert all(by_id[offer_id].remote and by_id[offer_id].salary_min is None for offer_id, _ in exact.also)
    assert [offer_id for offer_id, _ in exact.also] == [offer_id for offer_id, _ in indexed.also]
    assert exact.values == indexed.values
    assert set(exact.values) == {offer_id for offer_id, _ in exact.hits + exact.also}
    for offer_id, (title, contract, salary_max, latitude) in exact.values.items():
        offer = by_id[offer_id]
        assert (title, contract, salary_max, latitude) == (
            offer.title,
            offer.contract_type,
            offer.salary_max,
            offer.latitude,
        )
