"""What would show a candidate more offers (matching/widenings.py), and what the page says when nothing would."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from candidates.selectors import profile_for_user
from candidates.services import profile_update
from matching.services import offer_embeddings_refresh
from matching.widenings import widenings_for_profile
from tests.factories import BAKER_PROFILE, CommuneFactory, OfferFactory

pytestmark = pytest.mark.django_db

LILLE = {"city": "Lille", "latitude": 50.63, "longitude": 3.06}


def _candidate(django_capture_on_commit_callbacks, **changes):
    user = get_user_model().objects.create_user(username="marie@example.fr", email="marie@example.fr", password="x")
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(user=user, data={**BAKER_PROFILE, **changes})
    return user


def _widenings(user):
    return [(item.label, item.more) for item in widenings_for_profile(profile=profile_for_user(user=user), shown=0)]


def test_a_candidate_who_wants_remote_work_learns_that_on_site_offers_would_show(
    active_model, django_capture_on_commit_callbacks
):
    CommuneFactory()  # Montpellier
    OfferFactory(title="Boulanger H/F", rome_code="D1102", contract_type="cdi", remote=False)
    offer_embeddings_refresh()
    remote = _candidate(django_capture_on_commit_callbacks, remote_preference="remote")

    assert _widenings(remote) == [("Acceptez aussi les offres sans télétravail", 1)]


def test_limits_that_only_together_hide_offers_are_named_together(
    active_model, django_capture_on_commit_callbacks, client
):
    CommuneFactory()  # Montpellier
    # In Lille and in interim: neither a wider radius alone (a CDI) nor any contract alone (near Montpellier) shows it.
    OfferFactory(title="Boulanger intérim H/F", rome_code="D1102", contract_type="interim", **LILLE)
    offer_embeddings_refresh()
    baker = _candidate(django_capture_on_commit_callbacks)

    assert _widenings(baker) == [("Levez vos limites de distance et de contrat", 1)]
    client.force_login(baker)
    html = client.get("/recommandations/").content.decode()
    assert "Levez vos limites de distance et de contrat : 1 offre de plus" in html
    assert 'data-testid="nothing-found"' not in html


def test_when_no_limit_hides_anything_the_page_says_so_and_what_else_would_help(
    active_model, django_capture_on_commit_callbacks, client
):
    CommuneFactory()  # Montpellier
    OfferFactory(title="Développeur Python", rome_code="M1805", description="Applications web en Django.", **LILLE)
    offer_embeddings_refresh()
    # The baker's trade chosen in the profile: a developer's offer is no baker's, anywhere, under any contract.
    baker = _candidate(django_capture_on_commit_callbacks, remote_preference="onsite", rome_code="D1102")

    assert _widenings(baker) == []
    client.force_login(baker)
    html = client.get("/recommandations/").content.decode()
    assert 'data-testid="nothing-found"' in html
    assert "même sans vos limites de distance, de contrat et de télétravail" in html
    assert "Précisez le poste recherché et vos compétences" in html
    assert "offre de plus" not in html
