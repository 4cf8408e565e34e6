"""A saved offer whose source stops publishing it: shown as closed in the candidate's list and
in the API, and the next digest says so, once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from candidates import services as candidate_services
from ingestion.services import collection
from matching.tasks import send_alert_digests
from offers.models import Offer, OfferStatus
from tests.alerts.feed import feed_settle
from tests.factories import UserFactory
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import france_travail_offer

pytestmark = pytest.mark.django_db(transaction=True)


def _offers(*ids: str) -> list[dict]:
    return [france_travail_offer(i, intitule=f"Pâtissier {i} (H/F)", description=f"Offre {i}.") for i in ids]


def _sweep(*ids: str) -> None:
    collection.ingestion_sweep(source="francetravail", client=FakeClient("francetravail", _offers(*ids)))


def test_a_saved_offer_that_closes_is_shown_closed_and_the_next_digest_says_so_once() -> None:
    _sweep("P1", "P2")
    candidate, other = UserFactory(), UserFactory()
    closing = Offer.objects.get(postings__external_id="P1")
    candidate_services.saved_offer_add(user=candidate, offer_id=closing.pk)
    candidate_services.saved_offer_add(user=candidate, offer_id=Offer.objects.get(postings__external_id="P2").pk)
    candidate_services.saved_offer_add(user=other, offer_id=Offer.objects.get(postings__external_id="P2").pk)
    feed_settle()
    send_alert_digests.delay()
    assert mail.outbox == []  # nothing closed yet, nothing new for them: no mail

    _sweep("P2")  # P1 withdrawn at its source
    closing.refresh_from_db()
    assert closing.status == OfferStatus.CLOSED
    feed_settle()
    send_alert_digests.delay()

    (message,) = mail.outbox  # the other candidate's saved offer is still open: no mail for them
    assert message.to == [candidate.email]
    assert message.subject == "Une offre que vous avez sauvegardée n'est plus publiée"
    assert "== Offres sauvegardées qui ne sont plus publiées ==" in message.body
    assert "Pâtissier P1 (H/F)" in message.body and "sa source ne la publie plus" in message.body
    assert "Pâtissier P2" not in message.body
    html = message.alternatives[0][0]
    assert "Offres sauvegardées qui ne sont plus publiées" in html and "Pâtissier P1 (H/F)" in html

    feed_settle()
    send_alert_digests.delay()
    assert len(mail.outbox) == 1  # said once

    client = Client()
    client.force_login(candidate)
    page = client.get("/profil/").content.decode()
    assert "offre fermée le" in page and "sa source ne la publie plus" in page
    saved = {row["offer_id"]: row["offer"] for row in client.get("/api/me/saved/").json()}
    assert saved[closing.pk]["status"] == "closed" and saved[closing.pk]["closed_at"]
