"""The in-memory gazetteer on the real communes file, and without it (the project's lists only)."""

from __future__ import annotations

import pytest

from offers.geography.gazetteer import (
    Gazetteer,
    departement_code,
    departement_named,
    departement_of_postcode,
    distance_km,
    region_named,
    region_of,
)

PARIS_19 = "75119"


@pytest.mark.parametrize(
    "typed",
    ["Paris 19e", "Paris 19", "PARIS 19", "paris 19ème arrondissement", "Paris XIXe", "Paris 19e Arrondissement"],
)
def test_arrondissements_are_found_however_written(france, typed):
    assert france.arrondissement(typed).insee == PARIS_19


def test_every_arrondissement_of_the_three_cities_is_known(france):
    for city, count in (("Paris", 20), ("Lyon", 9), ("Marseille", 16)):
        (commune,) = france.named(city, departement={"Paris": "75", "Lyon": "69", "Marseille": "13"}[city])
        parts = france.arrondissements_of(commune.insee)
        assert len(parts) == count
        for number in range(1, count + 1):
            found = france.arrondissement(f"{city} {number}e")
            assert found in parts and france.city_of(found) == commune


def test_the_postcodes_people_type_reach_the_arrondissement(france):
    # The communes file lists only 75116 for the 16e; people write 75016 too.
    assert [c.insee for c in france.with_postcode("75016")] == ["75116"]
    assert [c.insee for c in france.with_postcode("75116")] == ["75116"]
    assert [c.insee for c in france.with_postcode("69003")] == ["69383"]


def test_nearest_commune_of_coordinates(france):
    commune, km = france.nearest(43.4028, 3.6928, max_km=30)  # the port of Sète
    assert commune.name == "Sète" and km < 5
    assert france.nearest(43.4028, 3.6928, max_km=60, departement="30")[0].departement == "30"
    assert france.nearest(0.0, -30.0, max_km=30) is None  # the middle of the Atlantic


def test_nearest_prefers_the_arrondissement_to_its_city(france):
    commune, _ = france.nearest(48.8869, 2.3847, max_km=10)
    assert commune.insee == PARIS_19


def test_the_departements_a_circle_reaches(france):
    montpellier = france.named("Montpellier")[0]
    near = france.departements_reached(montpellier.latitude, montpellier.longitude, 10)
    wide = france.departements_reached(montpellier.latitude, montpellier.longitude, 50)
    assert near == {"34"}
    assert {"34", "30"} <= wide and "75" not in wide and "12" not in wide


def test_without_communes_the_lists_still_know_departements_regions_and_the_three_cities():
    lists = Gazetteer()
    assert not lists.complete
    assert lists.arrondissement("Lyon 3e").insee == "69383"
    assert lists.named("Paris")[0].insee == "75056"
    assert len(lists.arrondissements_of("75056")) == 20
    assert lists.named("Montpellier") == []
    # Département extents answer the radius question: Montpellier and 50 km.
    reached = lists.departements_reached(43.61, 3.877, 50)
    assert {"34", "30"} <= reached and "75" not in reached


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Hérault", "34"), ("HERAULT", "34"), ("loire atlantique", "44"), ("Loire-Atlantique", "44"),
     ("Corse du Sud", "2A"), ("Côtes d'Armor", "22"), ("Réunion", "974"), ("Val d'Oise", "95")],
)  # fmt: skip
def test_departement_names(typed, code):
    assert departement_named(typed) == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Occitanie", "76"), ("ile de france", "11"), ("Île-de-France", "11"), ("PACA", "93"),
     ("Provence-Alpes-Côte d'Azur", "93"), ("auvergne rhone alpes", "84"), ("La Réunion", "04")],
)  # fmt: skip
def test_region_names_and_usual_short_names(typed, code):
    assert region_named(typed) == code


def test_codes():
    assert departement_code("1") == "01" and departement_code("2a") == "2A" and departement_code("974") == "974"
    assert departement_code("96") == "" and departement_code("20") == ""
    assert departement_of_postcode("20167") == "2A" and departement_of_postcode("20600") == "2B"
    assert region_of("34") == "76" and region_of("2B") == "94" and region_of("972") == "02" and region_of("") == ""


def test_distance_is_the_great_circle():
    assert distance_km(48.8566, 2.3522, 43.6108, 3.8767) == pytest.approx(595, abs=5)  # Paris - Montpellier
