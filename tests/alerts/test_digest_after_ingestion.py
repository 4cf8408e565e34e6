"""End to end: a candidate saves a search on /offres/, an ingestion brings offers, the digest goes out."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from candidates.models import SavedSearch
from matching.tasks import send_alert_digests
from offers.models import Offer
from tests.alerts.feed import feed_settle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_saved_search_brings_a_digest_after_an_ingestion_and_none_after_a_replay():
    candidate = UserFactory()
    client = Client()
    client.force_login(candidate)
    response = client.post("/profil/recherches/?contrat=cdi", {"name": "Tous les CDI", "frequency": "daily"})
    assert response.status_code == 302
    assert SavedSearch.objects.get(owner=candidate).query == {"contrat": ["cdi"]}

    call_command("ingest", from_files="ingestion/demo")
    new_cdi = Offer.objects.filter(contract_type="cdi", status="open").count()
    assert new_cdi > 10
    feed_settle()
    send_alert_digests.delay()

    (message,) = mail.outbox
    assert message.to == [candidate.email]
    assert "== Tous les CDI ==" in message.body
    assert f"Et {new_cdi - 10} autres offres : https://jobmarket.example/offres/?contrat=cdi" in message.body

    call_command("ingest", from_files="ingestion/demo")  # the same offers again: nothing new
    feed_settle()
    send_alert_digests.delay()
    assert len(mail.outbox) == 1
