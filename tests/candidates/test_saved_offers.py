from __future__ import annotations

import pytest

from candidates.models import SavedOffer
from candidates.selectors import saved_offer_ids
from tests.factories import OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_an_htmx_bookmark_saves_the_offer_and_swaps_in_a_pressed_button(client, candidate):
    offer = OfferFactory(title="Boulanger de nuit")
    response = client.post(f"/profil/offres-sauvegardees/{offer.pk}/", {"action": "add"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    assert saved_offer_ids(user=candidate) == {offer.pk}
    assert "Boulanger de nuit" in client.get("/profil/").content.decode()


def test_saving_twice_keeps_one_bookmark_and_remove_takes_it_away(client, candidate):
    offer = OfferFactory()
    for _ in range(2):
        client.post(f"/profil/offres-sauvegardees/{offer.pk}/", {"action": "add"}, HTTP_HX_REQUEST="true")
    assert SavedOffer.objects.filter(user=candidate).count() == 1
    response = client.post(f"/profil/offres-sauvegardees/{offer.pk}/", {"action": "remove"}, HTTP_HX_REQUEST="true")
    assert 'aria-pressed="false"' in response.content.decode()
    assert not SavedOffer.objects.exists()


def test_a_plain_form_post_goes_back_to_the_page_it_came_from(client, candidate):
    offer = OfferFactory()
    response = client.post(f"/profil/offres-sauvegardees/{offer.pk}/", {"action": "add", "next": "/offres/?q=pain"})
    assert response["Location"] == "/offres/?q=pain"


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    offer = OfferFactory()
    response = client.post(f"/profil/offres-sauvegardees/{offer.pk}/", {"next": "/offres/"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/connexion/?next=%2Foffres%2F"
    assert not SavedOffer.objects.exists()


def test_bookmarking_an_unknown_offer_is_a_404(client, candidate):
    assert client.post("/profil/offres-sauvegardees/999999/", HTTP_HX_REQUEST="true").status_code == 404


def test_a_candidate_sees_only_their_own_saved_offers(client, candidate):
    other = UserFactory()
    SavedOffer.objects.create(user=other, offer=OfferFactory(title="Offre de quelqu'un d'autre"))
    assert "Offre de quelqu&#x27;un d&#x27;autre" not in client.get("/profil/").content.decode()
    assert saved_offer_ids(user=candidate) == set()


def test_the_save_button_tag_shows_each_offer_state_with_one_query(client, candidate, django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    saved, other = OfferFactory(), OfferFactory()
    SavedOffer.objects.create(user=candidate, offer=saved)
    request = RequestFactory().get("/offres/")
    request.user = candidate
    page = Template("{% load candidate_tags %}{% for o in offers %}{% save_offer_button o %}{% endfor %}")
    with django_assert_num_queries(1):
        html = page.render(Context({"request": request, "offers": [saved, other]}))
    assert html.count('aria-pressed="true"') == 1
    assert html.count('aria-pressed="false"') == 1
    assert f'hx-post="/profil/offres-sauvegardees/{other.pk}/"' in html
