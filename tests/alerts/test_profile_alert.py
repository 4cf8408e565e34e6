"""The optional part of the digest: new offers recommended for the candidate's profile."""

from __future__ import annotations

import pytest
from django.core import mail

from candidates import alerts
from candidates.services import profile_update
from matching import alerts as digests
from matching.services import offer_embeddings_refresh
from tests.alerts.feed import feed_settle
from tests.factories import BAKER_PROFILE, CommuneFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def candidate(active_model):
    CommuneFactory()  # Montpellier
    user = UserFactory()
    profile_update(user=user, data=BAKER_PROFILE)
    return user


def test_a_candidate_who_opted_in_gets_the_new_offers_for_their_profile(candidate):
    alerts.alert_recommendations_set(user=candidate, enabled=True)
    baker = OfferFactory(title="Boulanger H/F", contract_type="cdi")
    interim = OfferFactory(title="Boulanger tourier intérim", contract_type="interim")  # outside the constraints
    developer = OfferFactory(
        title="Développeur Python", rome_code="M1805", description="Applications web en Django.", skills=["Python"]
    )
    offer_embeddings_refresh()
    feed_settle()

    digests.alert_digests_send()

    (message,) = mail.outbox
    assert "== Nouvelles offres pour mon profil ==" in message.body
    assert f"/offres/{baker.pk}/" in message.body
    assert f"/offres/{interim.pk}/" not in message.body  # an interim contract: outside the profile's constraints
    # Best first: the baker's offer before anything else the similarity floor lets through.
    assert message.body.index(f"/offres/{baker.pk}/") < message.body.find(f"/offres/{developer.pk}/") or (
        f"/offres/{developer.pk}/" not in message.body
    )
    assert "Voir toutes mes recommandations : https://jobmarket.example/recommandations/" in message.body


def test_without_the_opt_in_the_profile_brings_no_mail(candidate):
    OfferFactory(title="Boulanger H/F", contract_type="cdi")
    offer_embeddings_refresh()
    feed_settle()

    result = digests.alert_digests_send()

    assert result.candidates == 0
    assert mail.outbox == []
