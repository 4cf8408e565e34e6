"""Every posting gets its commune, département and région whatever its source, coordinates checked."""

from __future__ import annotations

import pytest

from ingestion.models import IngestionRun
from ingestion.normalise import adzuna, francetravail, normalise
from ingestion.services import collection
from offers.models import Offer, OfferSource
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer

pytestmark = pytest.mark.django_db

LIEU_PARIS_19 = {"libelle": "75 - PARIS 19", "codePostal": "75019", "commune": "75119",
                 "latitude": 48.887, "longitude": 2.385}  # fmt: skip


def test_france_travail_arrondissement_departement_and_region(france):
    posting = francetravail.normalise(france_travail_offer(lieuTravail=LIEU_PARIS_19), france)
    assert (posting.commune_insee, posting.city, posting.departement, posting.region) == (
        "75119", "Paris 19e Arrondissement", "75", "11",
    )  # fmt: skip
    assert posting.warnings == ()


def test_france_travail_departement_only(france):
    posting = francetravail.normalise(france_travail_offer(lieuTravail={"libelle": "34 - Hérault"}), france)
    assert (posting.commune_insee, posting.city, posting.departement, posting.region, posting.latitude) == (
        "", "", "34", "76", None,
    )  # fmt: skip


def test_france_travail_swapped_coordinates_are_corrected_and_the_warning_kept_with_the_posting(france):
    lieu = {"libelle": "34 - MONTPELLIER", "codePostal": "34000", "commune": "34172",
            "latitude": 3.8767, "longitude": 43.6108}  # fmt: skip
    posting = francetravail.normalise(france_travail_offer(lieuTravail=lieu), france)
    assert abs(posting.latitude - 43.61) < 0.05 and abs(posting.longitude - 3.87) < 0.05
    assert posting.to_json()["warnings"][0].startswith("coordinates_swapped")


def test_adzuna_commune_from_the_area_and_region(france):
    posting = adzuna.normalise(
        adzuna_job(location={"area": ["France", "Occitanie", "Hérault", "Montpellier", "Lunel"]},
                   latitude=43.6757, longitude=4.1358),
        france,
    )  # fmt: skip
    assert (posting.commune_insee, posting.city, posting.postcode, posting.region) == ("34145", "Lunel", "34400", "76")


def test_adzuna_without_names_is_placed_at_the_nearest_commune(france):
    # "Boulanger tourier": coordinates in Sète, a location with no area.
    posting = adzuna.normalise(adzuna_job(location={}, latitude=43.4028, longitude=3.6928), france)
    assert (posting.commune_insee, posting.city, posting.departement, posting.region) == ("34301", "Sète", "34", "76")


def test_adzuna_paris_with_coordinates_goes_to_its_arrondissement(france):
    posting = adzuna.normalise(
        adzuna_job(location={"area": ["France", "Ile-de-France", "Paris"]}, latitude=48.8725, longitude=2.3126),
        france,
    )
    assert posting.commune_insee == "75108" and posting.city == "Paris 8e Arrondissement"


def test_without_communes_loaded_the_departement_and_region_are_still_set():
    posting = normalise("adzuna", adzuna_job(location={"area": ["France", "Occitanie", "Hérault"]}))
    assert (posting.departement, posting.region, posting.commune_insee) == ("34", "76", "")


def _run(client: FakeClient) -> IngestionRun:
    return collection.ingestion_run(source=client.name, client=client, batch_size=4)


@pytest.mark.parametrize("in_child_process", [True, False])
def test_a_run_places_postings_with_the_communes_of_the_database(load_communes, settings, in_child_process):
    settings.INGESTION_PREPARE_PROCESS = in_child_process
    load_communes("Sète", "Lunel", "Montpellier")
    _run(FakeClient("adzuna", [adzuna_job("4800000009", location={}, latitude=43.4028, longitude=3.6928)]))
    offer = Offer.objects.get()
    assert (offer.commune_insee, offer.city, offer.departement, offer.region) == ("34301", "Sète", "34", "76")


def test_reprocess_places_the_offers_stored_before_the_communes_were_loaded(load_communes):
    _run(FakeClient("adzuna", [adzuna_job("4800000010", location={}, latitude=43.4028, longitude=3.6928)]))
    assert Offer.objects.get().commune_insee == ""
    load_communes("Sète")

    collection.payloads_reprocess(source="adzuna")

    offer = Offer.objects.get()
    assert (offer.commune_insee, offer.city) == ("34301", "Sète")
    assert OfferSource.objects.get().normalised["commune_insee"] == "34301"


def test_staff_find_the_postings_whose_coordinates_were_corrected(load_communes, admin_client):
    load_communes("Montpellier", "Lunel")
    lieu = {"libelle": "34 - MONTPELLIER", "codePostal": "34000", "commune": "34172",
            "latitude": 3.8767, "longitude": 43.6108}  # fmt: skip
    _run(
        FakeClient(
            "francetravail", [france_travail_offer("201SWAP", lieuTravail=lieu), france_travail_offer("201GOOD")]
        )
    )

    flagged = admin_client.get("/admin/offers/offersource/", {"avertissements": "oui"}).content.decode()
    clean = admin_client.get("/admin/offers/offersource/", {"avertissements": "non"}).content.decode()
    assert "201SWAP" in flagged and "latitude et longitude inversées" in flagged and "201GOOD" not in flagged
    assert "201GOOD" in clean and "201SWAP" not in clean


def test_every_run_holding_a_source_lock_places_with_the_communes_of_the_database(load_communes):
    from ingestion.services import runs
    from offers.geography.loading import gazetteer_loaded

    load_communes("Sète")
    assert not gazetteer_loaded().complete  # nothing loaded yet in this process
    with runs.source_lock("francetravail"):  # collect, recheck, reprocess, the admin's re-normalisation
        assert gazetteer_loaded().commune("34301").name == "Sète"
