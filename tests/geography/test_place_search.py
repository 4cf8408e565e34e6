"""Searching by place: whole cities, arrondissements, départements, régions, radius, distance order."""

from __future__ import annotations

import pytest

from offers.search.facets import offer_facets
from offers.search.params import OfferSearchParams, SortOrder
from offers.search.places import place_resolve
from offers.search.query import offer_search
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(load_communes):
    return load_communes("Paris", "75108", "75119", "Lyon", "69383", "Montpellier", "Lunel", "Sète", "Nîmes")


def offer(title: str, *, insee: str, departement: str, city: str, lat: float | None, lon: float | None, **extra):
    return OfferFactory(
        title=title, commune_insee=insee, departement=departement, city=city, latitude=lat, longitude=lon,
        postcode=extra.pop("postcode", ""), **extra,
    )  # fmt: skip


@pytest.fixture
def offers(communes):
    offer("Serveur Paris 8e", insee="75108", departement="75", city="Paris 8e Arrondissement", lat=48.8725, lon=2.3126)
    offer(
        "Serveur Paris 19e", insee="75119", departement="75", city="Paris 19e Arrondissement", lat=48.8869, lon=2.3847
    )
    offer("Serveur Paris sans arrondissement", insee="75056", departement="75", city="Paris", lat=48.8626, lon=2.3363)
    offer("Serveur Lyon 3e", insee="69383", departement="69", city="Lyon 3e Arrondissement", lat=45.7534, lon=4.8692)
    offer("Serveur Montpellier", insee="34172", departement="34", city="Montpellier", lat=43.6134, lon=3.8685)
    offer("Serveur Lunel", insee="34145", departement="34", city="Lunel", lat=43.6757, lon=4.1358)
    offer("Serveur Sète", insee="34301", departement="34", city="Sète", lat=43.3918, lon=3.6471)
    offer("Serveur Nîmes", insee="30189", departement="30", city="Nîmes", lat=43.8449, lon=4.3477)
    offer("Serveur Hérault sans commune", insee="", departement="34", city="", lat=None, lon=None)
    offer("Serveur Gard sans commune", insee="", departement="30", city="", lat=None, lon=None)
    offer("Serveur Aveyron sans commune", insee="", departement="12", city="", lat=None, lon=None)


def titles(lieu: str, **params) -> list[str]:
    found = offer_search(params=OfferSearchParams(place=place_resolve(lieu), **params))
    return [item.title for item in found.offers]


def test_paris_means_every_arrondissement(offers):
    assert sorted(titles("Paris")) == ["Serveur Paris 19e", "Serveur Paris 8e", "Serveur Paris sans arrondissement"]


@pytest.mark.parametrize("lieu", ["Paris 19e", "Paris 19", "75019", "PARIS 19"])
def test_an_arrondissement_only(offers, lieu):
    assert titles(lieu) == ["Serveur Paris 19e"]


def test_a_departement_or_a_region_holds_its_offers_placed_at_departement_level(offers):
    hérault = ["Serveur Hérault sans commune", "Serveur Lunel", "Serveur Montpellier", "Serveur Sète"]
    assert sorted(titles("Hérault")) == hérault
    assert sorted(titles("34")) == hérault
    assert sorted(titles("Occitanie")) == sorted(
        [*hérault, "Serveur Nîmes", "Serveur Gard sans commune", "Serveur Aveyron sans commune"]
    )


def test_france_entiere_is_no_filter(offers):
    assert len(titles("France entière")) == 11


def test_a_radius_adds_the_unlocated_offers_of_the_departements_it_reaches_after_the_located_ones(offers):
    found = titles("Montpellier", radius_km=40)
    assert found[:3] == ["Serveur Montpellier", "Serveur Lunel", "Serveur Sète"]  # nearest first
    assert sorted(found[3:]) == ["Serveur Hérault sans commune"]  # distance unknown, last
    wide = titles("Montpellier", radius_km=50)
    assert "Serveur Nîmes" in wide and "Serveur Gard sans commune" in wide
    assert "Serveur Aveyron sans commune" not in wide
    assert wide.index("Serveur Nîmes") < wide.index("Serveur Hérault sans commune")


def test_without_radius_a_commune_holds_only_its_own_offers(offers):
    assert titles("Montpellier") == ["Serveur Montpellier"]


def test_with_keywords_the_unlocated_offers_still_come_after_the_located_ones(offers):
    found = titles("Montpellier", radius_km=40, q="serveur")
    assert found[-1] == "Serveur Hérault sans commune"
    assert set(found[:-1]) == {"Serveur Montpellier", "Serveur Lunel", "Serveur Sète"}


def test_sort_by_distance_explicitly_and_by_default_without_keywords(offers):
    assert titles("Lunel", radius_km=50, sort=SortOrder.DISTANCE)[:3] == [
        "Serveur Lunel", "Serveur Montpellier", "Serveur Nîmes",  # 0, 23 and 25 km
    ]  # fmt: skip
    params = OfferSearchParams(place=place_resolve("Lunel"), radius_km=50)
    assert params.effective_sort == SortOrder.DISTANCE
    assert OfferSearchParams(place=place_resolve("Hérault")).effective_sort == SortOrder.NEWEST
    assert OfferSearchParams(place=place_resolve("Hérault"), sort=SortOrder.DISTANCE).effective_sort == SortOrder.NEWEST


def test_facets_count_the_unlocated_offers_too(offers):
    facets = offer_facets(params=OfferSearchParams(place=place_resolve("Montpellier"), radius_km=40))
    assert [(value.value, value.label, value.count) for value in facets.departements] == [("34", "Hérault (34)", 4)]


def test_distance_order_past_the_count_cap_comes_from_growing_circles(offers, monkeypatch):
    from offers.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 2)
    monkeypatch.setattr(query, "PAGE_SIZE", 2)
    found = offer_search(params=OfferSearchParams(place=place_resolve("Montpellier"), radius_km=50))
    assert found.total_capped
    assert [item.title for item in found.offers] == ["Serveur Montpellier", "Serveur Lunel"]


def test_nearest_first_counts_whole_kilometres_then_the_newest_past_the_count_cap(communes, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    from offers.search import query

    now = timezone.now()
    for days, title in ((3, "Ancienne"), (1, "Récente"), (2, "Moyenne")):
        offer("Serveur " + title, insee="34172", departement="34", city="Montpellier", lat=43.6134, lon=3.8685,
              published_at=now - dt.timedelta(days=days))  # fmt: skip
    offer("Serveur Lunel", insee="34145", departement="34", city="Lunel", lat=43.6757, lon=4.1358, published_at=now)
    monkeypatch.setattr(query, "COUNT_CAP", 2)
    monkeypatch.setattr(query, "PAGE_SIZE", 2)
    params = OfferSearchParams(place=place_resolve("Montpellier"), radius_km=30)
    first = offer_search(params=params)
    second = offer_search(params=OfferSearchParams(place=params.place, radius_km=30, page=2))
    assert first.total_capped
    assert [o.title for o in first.offers] == ["Serveur Récente", "Serveur Moyenne"]  # same place: newest first
    assert [o.title for o in second.offers] == ["Serveur Ancienne", "Serveur Lunel"]
