from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from matching import services
from matching.models import EmbeddingRun, OfferEmbedding, RunStatus
from matching.offer_text import offer_text, text_hash
from matching.services import offer_embeddings_refresh
from matching.tasks import refresh_offer_embeddings
from offers.models import Offer, OfferStatus
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _vector_of(offer: Offer, model) -> list[float]:
    return list(OfferEmbedding.objects.get(offer=offer, model=model).vector)


def test_every_open_offer_gets_a_vector_tagged_with_the_model(active_model):
    open_offers = OfferFactory.create_batch(3)
    closed = OfferFactory(status=OfferStatus.CLOSED)
    run = offer_embeddings_refresh(batch_size=2)
    assert run.status == RunStatus.SUCCEEDED
    assert run.embedded_count == 3
    assert set(OfferEmbedding.objects.values_list("offer_id", "model_id")) == {
        (offer.pk, active_model.pk) for offer in open_offers
    }
    assert not OfferEmbedding.objects.filter(offer=closed).exists()
    stored = OfferEmbedding.objects.get(offer=open_offers[0])
    assert stored.content_hash == text_hash(offer_text(open_offers[0]))


def test_a_second_refresh_embeds_only_new_or_changed_offers(active_model, real_encoder, monkeypatch):
    kept, changed, touched = OfferFactory.create_batch(3)
    offer_embeddings_refresh()
    before = _vector_of(kept, active_model)

    changed.title = "Développeur Python Django H/F"
    changed.save()
    touched.save()  # ingestion saw it again: updated_at moves, the text does not
    new = OfferFactory(title="Infirmier de bloc opératoire")
    encoded: list[str] = []
    original = real_encoder.encode

    def spy(texts, **kwargs):
        encoded.extend(texts)
        return original(texts, **kwargs)

    monkeypatch.setattr(real_encoder, "encode", spy)
    run = offer_embeddings_refresh()

    assert run.candidates_count == 3  # changed, touched, new: `kept` is not even examined
    assert run.embedded_count == 2
    assert run.unchanged_count == 1
    assert sorted(encoded) == sorted([offer_text(changed), offer_text(new)])
    assert _vector_of(kept, active_model) == before


def test_vectors_of_offers_that_closed_are_pruned(active_model):
    offer = OfferFactory()
    offer_embeddings_refresh()
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.CLOSED)
    run = offer_embeddings_refresh()
    assert run.pruned_count == 1
    assert not OfferEmbedding.objects.exists()


def test_a_refresh_that_crashes_is_resumed_where_it_stopped(active_model, real_encoder, monkeypatch):
    offers = OfferFactory.create_batch(5)
    original = real_encoder.encode
    calls = {"n": 0}

    def crash_on_second_batch(texts, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return original(texts, **kwargs)

    monkeypatch.setattr(real_encoder, "encode", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        offer_embeddings_refresh(batch_size=2)
    failed = EmbeddingRun.objects.get()
    assert failed.status == RunStatus.FAILED
    assert "worker killed" in failed.error
    assert failed.processed_count == 2
    assert OfferEmbedding.objects.count() == 2

    monkeypatch.setattr(real_encoder, "encode", original)
    resumed = offer_embeddings_refresh(batch_size=2)
    assert resumed.candidates_count == 3
    assert resumed.embedded_count == 3
    assert set(OfferEmbedding.objects.values_list("offer_id", flat=True)) == {offer.pk for offer in offers}


def test_a_full_refresh_that_crashes_resumes_instead_of_starting_over(active_model, real_encoder, monkeypatch):
    OfferFactory.create_batch(4)
    offer_embeddings_refresh()
    original = real_encoder.encode
    calls = {"n": 0}

    def crash_on_second_batch(texts, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return original(texts, **kwargs)

    monkeypatch.setattr(real_encoder, "encode", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        offer_embeddings_refresh(full=True, batch_size=2)
    monkeypatch.setattr(real_encoder, "encode", original)
    resumed = offer_embeddings_refresh(full=True, batch_size=2)
    assert resumed.candidates_count == 2
    assert resumed.embedded_count == 2


def test_progress_is_recorded_on_the_run_for_the_admin(active_model, admin_client):
    OfferFactory.create_batch(3)
    run = offer_embeddings_refresh(batch_size=2)
    run.refresh_from_db()
    assert (run.candidates_count, run.processed_count, run.progress_percent) == (3, 3, 100)
    assert run.finished_at is not None
    page = admin_client.get("/admin/matching/embeddingrun/")
    assert page.status_code == 200
    assert "3/3 (100 %)" in page.content.decode()


def test_a_refresh_is_skipped_while_another_one_holds_the_lock(active_model):
    from django.db import connections

    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [services._REFRESH_LOCK_KEY])
        run = offer_embeddings_refresh()
        assert run.status == RunStatus.SKIPPED
    finally:
        other.close()
    assert connection.is_usable()


def test_the_daily_pipeline_task_and_the_command_run_the_refresh(active_model, capsys):
    OfferFactory.create_batch(2)
    result = refresh_offer_embeddings.delay().get()
    assert result["embedded"] == 2
    assert refresh_offer_embeddings.name == "matching.tasks.refresh_offer_embeddings"
    call_command("embed", "--all")
    assert "2 embedded" in capsys.readouterr().out
