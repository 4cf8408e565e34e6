from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from offers.models import Offer, OfferStatus
from tests.factories import OfferFactory, OfferSourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _walk(client: APIClient, url: str, params: dict | None = None) -> list[int]:
    ids: list[int] = []
    response = client.get(url, params or {})
    while True:
        assert response.status_code == 200, response.json()
        ids += [offer["id"] for offer in response.json()["results"]]
        if response.json()["next"] is None:
            return ids
        response = client.get(response.json()["next"])


def test_the_cursor_walks_every_offer_once_newest_first_even_with_equal_dates():
    now = timezone.now()
    offers = [OfferFactory(published_at=now - dt.timedelta(hours=index // 3)) for index in range(23)]
    ids = _walk(APIClient(), "/api/offers/", {"page_size": 4})
    expected = sorted(offers, key=lambda offer: (offer.published_at, offer.pk), reverse=True)
    assert ids == [offer.pk for offer in expected]


def test_the_cursor_goes_past_the_match_cap_of_the_search_page():
    from offers.search.query import COUNT_CAP

    now = timezone.now()
    template = OfferFactory.build()
    Offer.objects.bulk_create(
        Offer(
            title=f"Boulanger H/F {index}",
            description=template.description,
            contract_type=template.contract_type,
            sources=template.sources,
            published_at=now - dt.timedelta(minutes=index),
        )
        for index in range(COUNT_CAP + 50)
    )
    ids = _walk(APIClient(), "/api/offers/", {"page_size": 100})
    assert len(ids) == len(set(ids)) == COUNT_CAP + 50


def test_sorting_by_salary_pages_through_offers_without_salary_last():
    paid = [OfferFactory(salary_min=amount, salary_max=amount + 1000) for amount in (20000, 35000, 28000)]
    unpaid = OfferFactory()
    ids = _walk(APIClient(), "/api/offers/", {"tri": "salaire", "page_size": 2})
    assert ids == [paid[1].pk, paid[2].pk, paid[0].pk, unpaid.pk]


def test_keyword_search_ranks_and_pages_like_the_search_page():
    OfferFactory(
        title="Comptable",
        description="Tenue de la comptabilité.",
        company="Cabinet Durand",
        rome_code="M1203",
        rome_label="Comptabilité",
        skills=[],
    )
    bakers = OfferFactory.create_batch(3)
    ids = _walk(APIClient(), "/api/offers/", {"q": "boulanger", "page_size": 2})
    assert sorted(ids) == sorted(offer.pk for offer in bakers)


def test_the_list_takes_the_search_page_filters():
    cdd = OfferFactory(contract_type="cdd", remote=True)
    OfferFactory(contract_type="cdi")
    OfferFactory(contract_type="cdd", status=OfferStatus.CLOSED)
    response = APIClient().get("/api/offers/", {"contrat": "cdd", "teletravail": "true"})
    assert [offer["id"] for offer in response.json()["results"]] == [cdd.pk]


def test_the_advanced_search_takes_the_filters_as_a_json_body_and_pages_by_cursor():
    wanted = [OfferFactory(contract_type="cdd", salary_min=30000, salary_max=32000) for _ in range(3)]
    OfferFactory(contract_type="cdd", salary_min=15000, salary_max=16000)
    OfferFactory(contract_type="cdi", salary_min=40000, salary_max=42000)
    client = APIClient()
    body = {"contrat": ["cdd", "interim"], "salaire_min": 25000, "tri": "date"}
    first = client.post("/api/offers/search/?page_size=2", body, format="json").json()
    second = client.post(first["next"], body, format="json").json()
    assert [o["id"] for o in first["results"] + second["results"]] == [o.pk for o in reversed(wanted)]
    assert second["next"] is None


def test_the_advanced_search_reports_wrong_values_by_field():
    response = APIClient().post("/api/offers/search/", {"contrat": ["cdi", "bénévolat"], "rayon": 7}, format="json")
    assert response.status_code == 400
    assert {error["field"] for error in response.json()["errors"]} == {"contrat.1", "rayon"}


def test_the_detail_shows_the_sources_with_links_to_the_originals():
    offer = OfferFactory()
    OfferSourceFactory(offer=offer, external_id="123ABC")
    body = APIClient().get(f"/api/offers/{offer.pk}/").json()
    assert body["description"] == offer.description
    assert body["postings"][0]["url"].endswith("/123ABC")


def test_facets_and_market_statistics_follow_the_filters():
    OfferFactory.create_batch(2, contract_type="cdd", salary_min=25000, salary_max=27000)
    OfferFactory(contract_type="cdi", salary_min=30000, salary_max=34000)
    client = APIClient()
    facets = client.get("/api/offers/facets/", {"contrat": "cdd"}).json()
    assert facets["counted"] == 2
    stats = client.get("/api/offers/stats/").json()
    assert stats["total"] == 3
    assert {row["label"]: row["count"] for row in stats["contract_types"]} == {"CDD": 2, "CDI": 1}
    assert stats["salaries"][0]["median"] == 26000


def test_staff_create_correct_and_delete_offers_with_the_same_validation_as_everywhere():
    client = APIClient()
    client.force_authenticate(UserFactory(is_staff=True))
    refused = client.post(
        "/api/offers/", {"title": "Pâtissier", "salary_min": 40000, "salary_max": 30000}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "salary_max"
    created = client.post(
        "/api/offers/", {"title": "Pâtissier", "contract_type": "cdd", "rome_code": "d1104"}, format="json"
    ).json()
    assert created["rome_code"] == "D1104"
    offer_id = created["id"]
    closed = client.patch(f"/api/offers/{offer_id}/", {"status": "closed"}, format="json").json()
    assert closed["status"] == "closed"
    assert closed["closed_at"] is not None
    assert client.delete(f"/api/offers/{offer_id}/").status_code == 204
    assert not Offer.objects.filter(pk=offer_id).exists()
