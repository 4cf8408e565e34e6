"""Adzuna payload -> NormalisedOffer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingestion.normalise import NormalisationError, adzuna
from ingestion.normalise.salary import HOURS_PER_YEAR
from tests.ingestion.payloads import adzuna_job


def test_a_job_is_normalised_field_by_field() -> None:
    offer = adzuna.normalise(adzuna_job("4800000001"))
    assert offer.external_id == "4800000001"
    assert offer.title == "Boulanger H/F"
    assert offer.company == "Boulangerie du Vieux Moulin"
    assert (offer.city, offer.departement, offer.postcode) == ("Montpellier", "34", "")
    assert (offer.latitude, offer.longitude) == (43.61, 3.87)
    assert offer.contract_type == "cdi"
    assert offer.domain == ""  # category "unknown"
    assert offer.rome_code == ""
    assert offer.published_at == offer.source_updated_at == datetime(2026, 10, 2, 10, 0, tzinfo=UTC)
    assert offer.url == "https://www.adzuna.fr/details/4800000001?utm_medium=api"


def test_the_500_character_cut_is_flagged() -> None:
    assert adzuna.normalise(adzuna_job()).description_truncated is True
    assert adzuna.normalise(adzuna_job(description="Court texte complet.")).description_truncated is False


@pytest.mark.parametrize(
    ("title", "contract_type", "expected"),
    [
        ("Boulanger en alternance H/F", "permanent", "apprentissage"),
        ("Apprenti boulanger", None, "apprentissage"),
        ("Stage assistant marketing", "contract", "stage"),
        ("Vendeur saisonnier H/F", None, "saisonnier"),
        ("Préparateur de commandes intérim", "permanent", "interim"),
        ("Développeur freelance", None, "independant"),
        ("Vendeur CDD 6 mois", None, "cdd"),
        ("Vendeur", "contract", "cdd"),
        ("Vendeur", None, "autre"),
    ],
)
def test_the_contract_comes_from_contract_type_and_title_words(
    title: str, contract_type: str | None, expected: str
) -> None:
    payload = adzuna_job(title=title)
    if contract_type is None:
        del payload["contract_type"]
    else:
        payload["contract_type"] = contract_type
    assert adzuna.normalise(payload).contract_type == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Vendeur expérimenté H/F", "confirme"), ("Développeur junior", "junior"), ("Serveur débutant", "debutant")],
)
def test_seniority_comes_from_title_words(title: str, expected: str) -> None:
    assert adzuna.normalise(adzuna_job(title=title)).seniority == expected


def test_hourly_figures_are_annualised_and_the_original_kept_as_text() -> None:
    offer = adzuna.normalise(adzuna_job(salary_min=12, salary_max=12))
    assert (offer.salary_min, offer.salary_max) == (12 * HOURS_PER_YEAR, 12 * HOURS_PER_YEAR)
    assert "12" in offer.salary_text


def test_a_predicted_salary_is_never_taken_for_the_employers() -> None:
    offer = adzuna.normalise(adzuna_job(salary_min=30000, salary_max=35000, salary_is_predicted="1"))
    assert (offer.salary_min, offer.salary_max) == (None, None)
    assert offer.salary_text.startswith("Estimation Adzuna")


def test_no_coordinates_and_no_company_are_empty_fields() -> None:
    payload = adzuna_job(company={})
    del payload["latitude"], payload["longitude"]
    offer = adzuna.normalise(payload)
    assert (offer.company, offer.latitude, offer.longitude) == ("", None, None)


def test_paris_is_a_city_even_without_a_commune_level() -> None:
    offer = adzuna.normalise(adzuna_job(location={"area": ["France", "Ile-de-France", "Paris"]}))
    assert (offer.city, offer.departement) == ("Paris", "75")


def test_a_known_category_is_mapped_onto_its_rome_domain() -> None:
    offer = adzuna.normalise(adzuna_job(category={"tag": "it-jobs", "label": "Emplois Informatique"}))
    assert offer.domain == "Support à l'entreprise"


def test_full_and_part_time_come_from_contract_time() -> None:
    assert adzuna.normalise(adzuna_job(contract_time="part_time")).working_time == "part_time"
    assert adzuna.normalise(adzuna_job(contract_time="full_time")).working_time == "full_time"


@pytest.mark.parametrize(
    ("payload", "code"),
    [("texte", "not_an_object"), ({"title": "Boulanger"}, "missing_id"), ({"id": 5, "title": None}, "missing_title")],
)
def test_a_payload_that_is_not_a_job_raises_the_typed_error(payload: object, code: str) -> None:
    with pytest.raises(NormalisationError) as caught:
        adzuna.normalise(payload)
    assert caught.value.code == code


def test_an_integer_id_is_accepted_as_text() -> None:
    assert adzuna.normalise(adzuna_job(id=4800000002)).external_id == "4800000002"
