"""The offer page (/offres/<id>/): how to apply, where, how much and how recent, in words."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from offers.models import OfferStatus, Source
from tests.factories import CommuneFactory, OfferFactory, OfferSourceFactory

pytestmark = pytest.mark.django_db

APPLY_LINK = re.compile(r'<a [^>]*data-testid="apply"[^>]*>')


def _apply_link(html: str) -> str:
    found = APPLY_LINK.search(html)
    assert found, "no Postuler link on the page"
    return found.group(0)


def test_postuler_opens_the_application_link_the_source_gives_in_a_new_tab(client):
    posting = OfferSourceFactory(normalised={"apply_url": "https://recrutement.example.fr/postuler/42"})
    html = client.get(f"/offres/{posting.offer_id}/").content.decode()
    link = _apply_link(html)
    assert 'href="https://recrutement.example.fr/postuler/42"' in link
    assert 'target="_blank"' in link
    assert "noopener" in re.search(r'rel="([^"]*)"', link).group(1).split()
    assert ">Postuler<" in html
    assert "recrutement.example.fr" in html  # the visitor is told where the link leads


def test_without_an_application_link_postuler_leads_to_the_source_page_named_as_people_know_it(client):
    posting = OfferSourceFactory()
    html = client.get(f"/offres/{posting.offer_id}/").content.decode()
    assert f'href="{posting.url}"' in _apply_link(html)
    assert "Vous postulez sur France Travail" in html


def test_an_adzuna_offer_is_applied_for_through_its_redirect_link(client):
    posting = OfferSourceFactory(source=Source.ADZUNA, url="https://www.adzuna.fr/land/ad/4455?se=x")
    html = client.get(f"/offres/{posting.offer_id}/").content.decode()
    assert 'href="https://www.adzuna.fr/land/ad/4455?se=x"' in _apply_link(html)


def test_an_application_address_adds_a_mail_link(client):
    posting = OfferSourceFactory(normalised={"apply_email": "rh@boulangerie.example.fr"})
    html = client.get(f"/offres/{posting.offer_id}/").content.decode()
    assert 'href="mailto:rh@boulangerie.example.fr"' in html
    assert "Postuler par e-mail" in html


def test_a_closed_offer_is_marked_and_offers_no_way_to_apply(client):
    offer = OfferFactory(status=OfferStatus.CLOSED, closed_at=timezone.now())
    OfferSourceFactory(offer=offer, withdrawn_at=timezone.now())
    html = client.get(f"/offres/{offer.pk}/").content.decode()
    assert 'data-testid="closed-banner"' in html
    assert "Cette offre est fermée" in html
    assert 'data-testid="apply"' not in html
    assert "Voir les offres ouvertes du même métier" in html
    assert "Nouveau" not in html


def test_the_page_shows_no_coordinates_insee_codes_or_scores(client):
    offer = OfferFactory(latitude=49.1064, longitude=6.1893, commune_insee="57463", city="Metz", postcode="57000",
                         departement="57")  # fmt: skip
    OfferSourceFactory(offer=offer)
    html = client.get(f"/offres/{offer.pk}/").content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    assert "57463" not in text
    assert "INSEE" not in text
    assert not re.search(r"49[,.]1064|6[,.]1893", text)
    assert "Metz (57000)" in text
    assert "Moselle (57), Grand Est" in text


def test_place_name_and_distance_from_the_place_searched(client):
    montpellier = CommuneFactory()
    offer = OfferFactory(city="Sète", postcode="34200", commune_insee="34301", latitude=43.4028, longitude=3.6928)
    OfferSourceFactory(offer=offer)
    # The card links carry the search they were shown for (`retour`): its place gives the distance.
    html = client.get(f"/offres/{offer.pk}/", {"retour": f"q=boulanger&lieu={montpellier.name}"}).content.decode()
    assert re.search(r"à 2\d km de Montpellier", html)
    # Without a place searched, no distance; an unknown place is ignored, not an error.
    assert "km de" not in client.get(f"/offres/{offer.pk}/").content.decode()
    assert client.get(f"/offres/{offer.pk}/", {"retour": "lieu=Nulle-Part-Sur-Mer"}).status_code == 200


def test_salary_in_words_with_its_monthly_equivalent(client):
    offer = OfferFactory(salary_min=24000, salary_max=30000, salary_text="Mensuel de 2000.0 Euros à 2500.0 Euros")
    OfferSourceFactory(offer=offer)
    html = client.get(f"/offres/{offer.pk}/").content.decode().replace("\xa0", " ")
    assert "Entre 24 000 € et 30 000 € brut par an" in html
    assert "soit environ 2 000 à 2 500 € brut par mois" in html


def test_publication_age_in_words_and_nouveau_for_recent_offers(client):
    recent = OfferFactory(published_at=timezone.now() - timedelta(days=1))
    older = OfferFactory(published_at=timezone.now() - timedelta(days=3, hours=1))
    for offer in (recent, older):
        OfferSourceFactory(offer=offer)
    recent_html = client.get(f"/offres/{recent.pk}/").content.decode()
    older_html = client.get(f"/offres/{older.pk}/").content.decode()
    assert "Publiée hier" in recent_html
    assert "Nouveau" in recent_html
    assert re.search(r"Publiée il y a [34] jours", older_html)
    assert "Nouveau" not in older_html


def test_similar_offers_show_no_similarity_score(client, monkeypatch):
    import matching.views

    near = OfferFactory(city="", postcode="", departement="34")
    monkeypatch.setattr(matching.views, "similar_offers", lambda offer_id: [(near, 0.9123)])
    html = client.get(f"/offres/{near.pk}/similaires/").content.decode()
    assert "0,91" not in html and "0.91" not in html and "similarit" not in html
    assert "Hérault (34)" in html
