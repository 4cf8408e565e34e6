"""One taxonomy: both sources' offers fall into the 14 ROME domains, the data file holds the mapping."""

from __future__ import annotations

import csv
import importlib
import json
from pathlib import Path

import pytest
from django.db import connection

from ingestion.normalise import adzuna, francetravail
from ingestion.normalise.taxonomy import DATA, domain_of_adzuna_category, domain_of_rome_code
from ingestion.services import collection
from offers.models import Offer
from offers.search.facets import offer_facets
from offers.search.params import OfferSearchParams
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer

ROME_CODES = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "rome" / "unix_referentiel_code_rome_v460_utf8.csv"
)
TAXONOMY = json.loads(DATA.read_text(encoding="utf-8"))
LABELS = TAXONOMY["rome_domains"]["labels"]

# Adzuna's categories (GET /v1/api/jobs/fr/categories): those that name a kind of job, those that do not.
ADZUNA_JOB_CATEGORIES = [
    "accounting-finance-jobs", "admin-jobs", "consultancy-jobs", "creative-design-jobs", "customer-services-jobs",
    "domestic-help-cleaning-jobs", "energy-oil-gas-jobs", "engineering-jobs", "healthcare-nursing-jobs",
    "hospitality-catering-jobs", "hr-jobs", "it-jobs", "legal-jobs", "logistics-warehouse-jobs",
    "maintenance-jobs", "manufacturing-jobs", "pr-advertising-marketing-jobs", "property-jobs", "retail-jobs",
    "sales-jobs", "scientific-qa-jobs", "social-work-jobs", "teaching-jobs", "trade-construction-jobs", "travel-jobs",
]  # fmt: skip
ADZUNA_VAGUE_CATEGORIES = ["unknown", "graduate-jobs", "part-time-jobs", "other-general-jobs", "charity-voluntary-jobs"]


def test_the_data_file_says_where_it_comes_from_and_maps_onto_known_domains() -> None:
    assert TAXONOMY["rome_domains"]["source"] and TAXONOMY["adzuna_categories"]["source"]
    assert sorted(LABELS) == list("ABCDEFGHIJKLMN")
    assert set(TAXONOMY["adzuna_categories"]["domains"].values()) <= set(LABELS)


def test_every_rome_code_of_the_referential_has_a_domain() -> None:
    with ROME_CODES.open(encoding="utf-8") as handle:
        codes = [row["code_rome"] for row in csv.DictReader(handle)]
    assert len(codes) > 1000
    assert all(domain_of_rome_code(code) in LABELS.values() for code in codes)


@pytest.mark.parametrize("tag", ADZUNA_JOB_CATEGORIES)
def test_every_adzuna_job_category_falls_into_a_rome_domain(tag: str) -> None:
    assert domain_of_adzuna_category(tag) in LABELS.values()


@pytest.mark.parametrize("tag", [*ADZUNA_VAGUE_CATEGORIES, "", "a-new-category"])
def test_a_category_that_names_no_kind_of_job_gives_no_sector(tag: str) -> None:
    assert domain_of_adzuna_category(tag) == ""


@pytest.mark.parametrize(
    ("rome_code", "tag", "domain"),
    [
        ("D1102", "retail-jobs", "Commerce, Vente et Grande distribution"),
        ("G1602", "hospitality-catering-jobs", "Hôtellerie-Restauration, Tourisme, Loisirs et Animation"),
        ("M1805", "it-jobs", "Support à l'entreprise"),
        ("J1506", "healthcare-nursing-jobs", "Santé"),
        ("N1103", "logistics-warehouse-jobs", "Transport et Logistique"),
        ("F1703", "trade-construction-jobs", "Construction, Bâtiment et Travaux publics"),
    ],
)
def test_the_same_job_on_both_sources_has_one_sector(rome_code: str, tag: str, domain: str) -> None:
    ft = francetravail.normalise(
        france_travail_offer("201ABCD", romeCode=rome_code, secteurActiviteLibelle="Activités des agences de travail")
    )
    az = adzuna.normalise(adzuna_job(category={"tag": tag, "label": "Emplois ..."}))
    assert ft.domain == az.domain == domain


def test_an_offer_without_a_rome_code_has_no_sector_rather_than_its_employers_activity() -> None:
    ft = francetravail.normalise(france_travail_offer("201ABCD", romeCode=None))
    assert (ft.rome_code, ft.domain) == ("", "")


@pytest.mark.django_db
def test_offers_stored_with_the_old_sectors_are_remapped_by_the_next_run() -> None:
    ft = [france_travail_offer("FT1", romeCode="M1805", intitule="Développeur (H/F)")]
    az = [adzuna_job("4800000009", title="Comptable H/F", category={"tag": "accounting-finance-jobs", "label": "x"})]
    collection.ingestion_run(source="francetravail", client=FakeClient("francetravail", ft))
    collection.ingestion_run(source="adzuna", client=FakeClient("adzuna", az))
    # What the older normalisers stored: the employer's activity and Adzuna's own label.
    Offer.objects.filter(postings__external_id="FT1").update(domain="Programmation informatique")
    Offer.objects.filter(postings__external_id="4800000009").update(domain="Emplois Comptabilité et Finance")
    migration = importlib.import_module("ingestion.migrations.0008_payloads_renormalised_for_rome_domains")
    with connection.cursor() as cursor:
        cursor.execute(migration.Migration.operations[0].sql)

    for source in ("francetravail", "adzuna"):
        collection.ingestion_run(source=source, client=FakeClient(source, []))

    facets = offer_facets(params=OfferSearchParams())
    assert {value.value: value.count for value in facets.domains} == {"Support à l'entreprise": 2}
