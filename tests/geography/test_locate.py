"""Where a posting is: commune, département and région from what the source says, coordinates checked."""

from __future__ import annotations

from offers.geography.gazetteer import Gazetteer, distance_km
from offers.geography.locate import MAX_GAP_KM, locate

MONTPELLIER = (43.6134, 3.8685)


def test_an_insee_code_gives_commune_departement_region_and_keeps_good_coordinates(france):
    where = locate(france, insee="34172", postcode="34000", latitude=43.61, longitude=3.87)
    assert (where.commune_insee, where.city, where.departement, where.region) == ("34172", "Montpellier", "34", "76")
    assert (where.latitude, where.longitude) == (43.61, 3.87)
    assert where.warnings == ()


def test_swapped_coordinates_are_replaced_by_the_commune_centre_with_a_warning(france):
    where = locate(france, insee="34172", latitude=3.87, longitude=43.61)
    montpellier = france.commune("34172")
    assert (where.latitude, where.longitude) == (montpellier.latitude, montpellier.longitude)
    assert where.warnings[0].startswith("coordinates_swapped")


def test_coordinates_far_from_the_commune_they_claim_are_replaced(france):
    where = locate(france, insee="34172", latitude=48.85, longitude=2.35)  # Paris
    assert distance_km(where.latitude, where.longitude, *MONTPELLIER) < 1
    assert where.warnings[0].startswith("coordinates_far")
    close = locate(france, insee="34172", latitude=43.9, longitude=3.87)  # 32 km away: within the limit
    assert close.warnings == () and close.latitude == 43.9
    assert MAX_GAP_KM == 50


def test_a_postcode_alone_is_checked_too(france):
    where = locate(france, postcode="34400", latitude=48.85, longitude=2.35)
    assert where.city == "Lunel" and where.warnings and where.warnings[0].startswith("coordinates_far")


def test_no_coordinates_means_the_commune_centre(france):
    where = locate(france, insee="34145")
    assert where.city == "Lunel" and where.latitude is not None and where.warnings == ()


def test_coordinates_alone_give_the_nearest_commune(france):
    # Adzuna's "Boulanger tourier" in Sète: coordinates, no usable name.
    where = locate(france, names=(), departement="34", latitude=43.4028, longitude=3.6928)
    assert (where.city, where.commune_insee, where.region) == ("Sète", "34301", "76")
    assert (where.latitude, where.longitude) == (43.4028, 3.6928)


def test_coordinates_that_fit_no_french_commune_are_dropped_with_a_warning(france):
    where = locate(france, departement="34", latitude=0.5, longitude=-30.0)
    assert where.latitude is None and where.departement == "34" and where.region == "76"
    assert where.warnings[0].startswith("coordinates_far")


def test_swapped_coordinates_without_a_commune_name(france):
    where = locate(france, latitude=3.6928, longitude=43.4028)
    assert where.city == "Sète" and where.warnings[0].startswith("coordinates_swapped")


def test_names_are_matched_in_the_departement_and_homonyms_by_coordinates(france):
    assert locate(france, names=("Saint-Denis",), departement="93").commune_insee == "93066"
    near_reunion = locate(france, names=("Saint-Denis",), latitude=-20.9, longitude=55.45)
    assert near_reunion.commune_insee == "97411" and near_reunion.region == "04"
    assert locate(france, names=("ST BAUZILE",), departement="48").commune_insee == "48137"


def test_the_city_with_coordinates_is_placed_in_its_arrondissement(france):
    where = locate(france, names=("Paris",), departement="75", latitude=48.8869, longitude=2.3847)
    assert where.commune_insee == "75119" and where.city == "Paris 19e Arrondissement"


def test_a_departement_only_place_keeps_its_departement_and_region(france):
    where = locate(france, departement="34")
    assert (where.commune_insee, where.city, where.departement, where.region, where.latitude) == (
        "", "", "34", "76", None,
    )  # fmt: skip


def test_without_communes_the_source_codes_are_kept_and_the_region_still_found():
    where = locate(Gazetteer(), insee="34172", postcode="34000", latitude=43.61, longitude=3.87, city="Montpellier")
    assert (where.commune_insee, where.departement, where.region, where.city) == ("34172", "34", "76", "Montpellier")
    paris = locate(Gazetteer(), names=("PARIS 08",), departement="75")
    assert paris.commune_insee == "75108" and paris.latitude is not None
