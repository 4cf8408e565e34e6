"""Every offer stores the occupation the project reads, whatever its source says: the matching finds an
Adzuna offer of a candidate's trade by it, not only by how near its text is."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from ingestion.normalise import adzuna, francetravail
from offers.models import Occupation, OccupationTitle, Offer
from offers.services import postings_upsert
from tests.ingestion.payloads import adzuna_job, france_travail_offer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 4, 6, 0, tzinfo=UTC)


@pytest.fixture
def referential() -> None:
    for code, label in (
        ("D1102", "Boulanger / Boulangère"),
        ("F1606", "Peintre en bâtiment"),
        ("N4101", "Conducteur / Conductrice de poids lourd"),
        ("J1412", "Psychomotricien / Psychomotricienne"),
    ):
        occupation = Occupation.objects.create(code=code, label=label)
        OccupationTitle.objects.create(occupation=occupation, label=label)
    OccupationTitle.objects.create(occupation_id="N4101", label="Conducteur routier / Conductrice routière")


def test_each_offer_stores_the_occupation_its_code_or_its_title_says(referential) -> None:
    postings = [
        # Adzuna gives no code: the title says it, typo and all.
        adzuna.normalise(adzuna_job("4800000001", title="Peintre en batiman (H/F)")),
        # France Travail's code, when the title agrees or says little.
        francetravail.normalise(france_travail_offer("201A", intitule="Boulanger de nuit (H/F)", romeCode="D1102")),
        francetravail.normalise(france_travail_offer("201B", intitule="Équipier polyvalent", romeCode="D1102")),
        # A partner board's odd code, against a title that names another trade plainly.
        francetravail.normalise(
            france_travail_offer("201C", intitule="Conducteur routier national (H/F)", romeCode="J1412")
        ),
        # Nothing to go by.
        adzuna.normalise(adzuna_job("4800000002", title="Chargé de mission H/F")),
    ]
    postings_upsert(postings=postings, seen_at=NOW)

    stored = dict(Offer.objects.values_list("title", "occupation_code"))
    assert stored["Peintre en batiman (H/F)"] == "F1606"
    assert stored["Boulanger de nuit (H/F)"] == stored["Équipier polyvalent"] == "D1102"
    assert stored["Conducteur routier national (H/F)"] == "N4101"
    assert stored["Chargé de mission H/F"] == ""
    sure = dict(Offer.objects.values_list("title", "occupation_confidence"))
    assert sure["Équipier polyvalent"] == 1.0 and 0.4 <= sure["Peintre en batiman (H/F)"] < 1.0


def test_read_occupations_reads_the_offers_again_once_the_referential_knows_their_titles(referential) -> None:
    postings_upsert(postings=[adzuna.normalise(adzuna_job("4800000003", title="Plaquiste (H/F)"))], seen_at=NOW)
    assert Offer.objects.get().occupation_code == ""

    occupation = Occupation.objects.create(code="F1604", label="Plaquiste")
    OccupationTitle.objects.create(occupation=occupation, label="Plaquiste")
    out = io.StringIO()
    call_command("read_occupations", stdout=out)

    offer = Offer.objects.get()
    assert (offer.occupation_code, offer.occupation_confidence) == ("F1604", 1.0)
    assert "Offers with a new occupation: 1." in out.getvalue()
