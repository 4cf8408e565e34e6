"""What the offer pages borrow from other apps: bookmarks (candidates) and similar offers (matching)."""

from __future__ import annotations

import pytest

from candidates.models import SavedOffer
from tests.factories import OfferSourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_offer_page_loads_its_similar_offers_after_the_page(client):
    offer = OfferSourceFactory().offer
    html = client.get(f"/offres/{offer.pk}/").content.decode()
    assert f'hx-get="/offres/{offer.pk}/similaires/"' in html
    assert 'hx-trigger="load"' in html


def test_every_result_and_the_offer_page_have_a_bookmark_button_showing_what_is_saved(client):
    saved, other = OfferSourceFactory().offer, OfferSourceFactory().offer
    user = UserFactory()
    SavedOffer.objects.create(user=user, offer=saved)
    client.force_login(user)

    results = client.get("/offres/").content.decode()
    assert results.count('class="save-offer"') == 2
    assert f'action="/profil/offres-sauvegardees/{saved.pk}/"' in results
    assert results.count('aria-pressed="true"') == 1

    page = client.get(f"/offres/{other.pk}/").content.decode()
    assert f'action="/profil/offres-sauvegardees/{other.pk}/"' in page
    assert 'aria-pressed="false"' in page
