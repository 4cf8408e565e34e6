"""The offer change feed and snapshot: a client that follows them holds exactly the open offers."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from rest_framework.test import APIClient

from ingestion.normalise import francetravail
from offers.feed import FEED_START, FeedPosition, cursor_encode, offer_changes_since
from offers.models import Offer, OfferChange, OfferStatus
from offers.services import postings_upsert, postings_withdraw
from tests.alerts.feed import feed_settle
from tests.factories import OfferFactory, UserFactory
from tests.ingestion.payloads import france_travail_offer

# Feed positions are transaction ids: the writes must really commit (no test-wide transaction).
pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2026, 10, 4, 6, 0, tzinfo=UTC)


def _open_offer_ids() -> set[int]:
    return set(Offer.objects.filter(status=OfferStatus.OPEN).values_list("id", flat=True))


def _follow(client: APIClient, state: dict[int, dict], since: str | None, *, limit: int = 3) -> str:
    """Page through the feed like a client, applying each entry to `state`; returns the cursor to keep."""
    feed_settle()
    while True:
        params = {"limit": limit} | ({"since": since} if since else {})
        response = client.get("/api/offers/changes/", params)
        assert response.status_code == 200, response.content
        body = response.json()
        for entry in body["results"]:
            offer = entry["offer"]
            if offer is not None and offer["status"] == "open":
                state[entry["offer_id"]] = offer
            else:
                state.pop(entry["offer_id"], None)
        assert body["next_cursor"]
        since = body["next_cursor"]
        if not body["has_more"]:
            return since


def _ingest(*ids: str, seen_at: datetime = NOW, **overrides) -> None:
    postings = [francetravail.normalise(france_travail_offer(offer_id, **overrides)) for offer_id in ids]
    postings_upsert(postings=postings, seen_at=seen_at)


def test_a_client_paging_the_feed_from_the_start_rebuilds_exactly_the_open_offers():
    client = APIClient()
    state: dict[int, dict] = {}
    OfferFactory.create_batch(4)
    _ingest("301A", intitule="Boulanger de nuit")
    _ingest("302A", intitule="Serveur en brasserie", description="Service en salle d'une brasserie du centre.")
    cursor = _follow(client, state, None)
    assert set(state) == _open_offer_ids()
    assert len(state) == 6

    # Edits, a closing by staff, closings and a new offer through the ingestion's bulk services.
    first, second, *_ = Offer.objects.filter(postings__isnull=True).order_by("id")
    Offer.objects.filter(pk=first.pk).update(title="Boulanger confirmé H/F")
    Offer.objects.filter(pk=second.pk).update(status=OfferStatus.CLOSED, closed_at=timezone.now())
    postings_withdraw(source="francetravail", external_ids=["301A"], at=NOW + timedelta(days=1))
    _ingest("303A", intitule="Pâtissier", description="Pâtisserie fine, entremets et viennoiseries maison.")
    Offer.objects.filter(postings__isnull=True).order_by("-id").first().delete()
    cursor = _follow(client, state, cursor)

    assert set(state) == _open_offer_ids()
    assert state[first.pk]["title"] == "Boulanger confirmé H/F"
    assert second.pk not in state
    # Nothing new: the same cursor comes back and nothing changes.
    again = client.get("/api/offers/changes/", {"since": cursor}).json()
    assert again["results"] == [] and again["next_cursor"] == cursor


def test_the_feed_lists_creations_updates_and_closings_in_order():
    offer = OfferFactory()
    Offer.objects.filter(pk=offer.pk).update(salary_min=30000, salary_max=36000)
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.CLOSED, closed_at=timezone.now())
    feed_settle()

    body = APIClient().get("/api/offers/changes/").json()

    assert [(entry["kind"], entry["offer_id"]) for entry in body["results"]] == [
        ("created", offer.pk),
        ("updated", offer.pk),
        ("closed", offer.pk),
    ]
    assert body["results"][0]["offer"]["status"] == "closed"  # the offer as it is now


def test_an_offer_only_seen_again_is_not_news():
    _ingest("301A")
    feed_settle()
    before = OfferChange.objects.count()

    _ingest("301A", seen_at=NOW + timedelta(days=1))  # same payload: only last_seen_at moves

    assert Offer.objects.get().last_seen_at == NOW + timedelta(days=1)
    assert OfferChange.objects.count() == before


def test_a_change_committed_late_by_an_older_transaction_is_not_skipped():
    """The race a plain `id > cursor` loses: an older transaction commits after a newer one was read."""
    client = APIClient()
    state: dict[int, dict] = {}
    written, release, done = threading.Event(), threading.Event(), threading.Event()
    slow_ids: list[int] = []

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                slow_ids.append(OfferFactory(title="Offre de la transaction lente").pk)
                written.set()
                release.wait(timeout=60)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert written.wait(timeout=60)
    quick = OfferFactory(title="Offre de la transaction rapide")  # a later xid, committed first

    page = offer_changes_since(position=FEED_START, limit=100)
    # The quick transaction committed, but an older one is still open: nothing past it is served yet.
    assert quick.pk not in {entry.offer_id for entry in page.entries}
    cursor = cursor_encode(page.next_position)

    release.set()
    assert done.wait(timeout=60)
    thread.join()
    _follow(client, state, cursor)
    assert {slow_ids[0], quick.pk} <= set(state)


def test_a_snapshot_then_the_feed_from_its_cursor_gives_the_open_offers():
    client = APIClient()
    OfferFactory.create_batch(3)
    closed = OfferFactory(status=OfferStatus.CLOSED)

    response = client.get("/api/offers/snapshot/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(b"".join(response.streaming_content))
    state = {offer["id"]: offer for offer in body["offers"]}
    assert set(state) == _open_offer_ids()
    assert closed.pk not in state

    # Changes after the snapshot come through the feed from its cursor.
    new = OfferFactory(title="Arrivée après l'instantané")
    Offer.objects.filter(pk=next(iter(state))).update(status=OfferStatus.CLOSED)
    _follow(client, state, body["cursor"])
    assert set(state) == _open_offer_ids()
    assert new.pk in state


@pytest.mark.parametrize(
    "since",
    ["nope", "MTIz", cursor_encode(FeedPosition(2**63, 1)), "%%%", "LTEuMg"],
)
def test_a_bad_cursor_is_a_400_in_the_error_shape(since):
    response = APIClient().get("/api/offers/changes/", {"since": since})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert body["errors"][0]["field"] == "since"
    assert "Curseur invalide" in body["errors"][0]["message"]


@pytest.mark.parametrize("limit", ["0", "1001", "dix"])
def test_a_limit_out_of_range_is_a_400(limit):
    response = APIClient().get("/api/offers/changes/", {"limit": limit})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "limit"


def test_both_endpoints_are_public_and_in_the_schema():
    UserFactory()
    client = APIClient()
    assert client.get("/api/offers/changes/").status_code == 200
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/offers/changes/" in schema["paths"]
    assert "/api/offers/snapshot/" in schema["paths"]
    assert schema["paths"]["/api/offers/changes/"]["get"]["responses"]["400"]


def test_the_update_trigger_watches_every_column_of_the_offer():
    """A new Offer column must be listed as visible (a change clients see) or ignored, in the trigger."""
    import importlib

    # The migration that last listed the columns (0023 adds ignored ones, the trigger unchanged).
    trigger = importlib.import_module("offers.migrations.0023_offer_occupation_read")
    columns = {field.column for field in Offer._meta.concrete_fields}
    assert columns == set(trigger.VISIBLE_COLUMNS) | set(trigger.IGNORED_COLUMNS)
