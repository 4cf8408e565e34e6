"""Adzuna's predicted salaries: kept as estimates, labelled "estimation" on the site and in the
API, and left out of the salary filter unless asked."""

from __future__ import annotations

import pytest
from django.test import Client

from ingestion.services import collection
from offers.models import Offer
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers() -> dict[str, Offer]:
    jobs = [
        adzuna_job("E1", title="Comptable H/F", company={"display_name": "A"}, salary_min=35000, salary_max=40000,
                   salary_is_predicted="1"),
        adzuna_job("S1", title="Juriste H/F", company={"display_name": "B"}, salary_min=45000, salary_max=50000,
                   salary_is_predicted="0"),
        adzuna_job("L1", title="Vendeur H/F", company={"display_name": "C"}, salary_min=22000, salary_max=24000,
                   salary_is_predicted="0"),
    ]  # fmt: skip
    collection.ingestion_run(source="adzuna", client=FakeClient("adzuna", jobs))
    return {posting: Offer.objects.get(postings__external_id=posting) for posting in ("E1", "S1", "L1")}


def test_a_predicted_salary_is_an_estimate_never_a_salary(offers: dict[str, Offer]) -> None:
    estimated = offers["E1"]
    assert (estimated.salary_min, estimated.salary_max) == (None, None)
    assert (estimated.salary_estimate_min, estimated.salary_estimate_max) == (35000, 40000)
    assert estimated.salary_text.startswith("Estimation Adzuna")


def test_the_offer_page_and_the_api_label_it_estimation(client: Client, offers: dict[str, Offer]) -> None:
    page = client.get(f"/offres/{offers['E1'].pk}/").content.decode()
    assert "Estimation :" in page and "35 000" in page.replace("\u202f", " ").replace("\xa0", " ")
    assert "estimation de la source" in page

    detail = client.get(f"/api/offers/{offers['E1'].pk}/").json()
    assert (detail["salary_min"], detail["salary_max"]) == (None, None)
    assert (detail["salary_estimate_min"], detail["salary_estimate_max"], detail["salary_estimate_label"]) == (
        35000,
        40000,
        "estimation",
    )
    assert client.get(f"/api/offers/{offers['S1'].pk}/").json()["salary_estimate_label"] is None


def test_the_salary_filter_leaves_estimates_out_unless_asked(client: Client, offers: dict[str, Offer]) -> None:
    def found(query: str) -> set[int]:
        return {row["id"] for row in client.get(f"/api/offers/?{query}").json()["results"]}

    assert found("salaire_min=30000") == {offers["S1"].pk}
    assert found("salaire_min=30000&salaire_estime=true") == {offers["S1"].pk, offers["E1"].pk}
    # An offer that states its salary is judged on it, never on an estimate.
    assert offers["L1"].pk not in found("salaire_min=30000&salaire_estime=true")
    page = client.get("/offres/?salaire_min=30000&salaire_estime=on").content.decode()
    assert "Comptable" in page and "Juriste" in page and "Vendeur" not in page
