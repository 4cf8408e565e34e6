"""Hostile payloads through a whole run: nothing crashes, nothing is lost, and what the API
serves is plain text, while the raw store keeps every payload as received."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from ingestion.models import NormalisationStatus, RawPayload, RunStatus
from ingestion.services import collection
from offers.models import Offer, OfferStatus
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer
from tests.ingestion.test_hostile_payloads import assert_plain, strings_in

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _france_travail() -> list[dict[str, Any]]:
    return [
        france_travail_offer(
            "H1",
            intitule=f"<b>Boulanger</b> {SCRIPT}\u202e(H/F)",
            description=f"<p>Pétrir{IMG}</p><p>Cuire\x07 &amp; vendre</p>",
            entreprise={"nom": "Fournil\u200b <i>du Port</i>"},
            competences=[{"libelle": f"Pétrir {SCRIPT}"}],
            salaire={"libelle": "Mensuel de 2000 Euros", "commentaire": f"{IMG}prime"},
        ),
        france_travail_offer("H2", description="Pâte " * 40_000, extra={"texte": "\ud800 seul"}),
        france_travail_offer("H3", dateCreation="hier"),
        france_travail_offer("H4", intitule="\x00\u202e<b></b>"),
    ]


def _adzuna() -> list[dict[str, Any]]:
    return [
        adzuna_job(
            "A1",
            title=f"Vendeur {IMG}",
            description="&lt;script&gt;alert(1)&lt;/script&gt;Vente\u2066 en boutique",
            company="BOULANGERIE DU PORT",
            salary_min="1 900",
            salary_max=2100,
        ),
    ]


def test_hostile_payloads_are_kept_raw_and_served_as_plain_text(client: Client) -> None:
    ft = collection.ingestion_run(source="francetravail", client=FakeClient("francetravail", _france_travail()))
    az = collection.ingestion_run(source="adzuna", client=FakeClient("adzuna", _adzuna()))

    assert (ft.status, az.status) == (RunStatus.PARTIAL, RunStatus.SUCCEEDED)  # PARTIAL: two payloads in error
    assert RawPayload.objects.count() == 5  # every payload kept, readable or not
    errors = dict(RawPayload.objects.filter(status=NormalisationStatus.ERROR).values_list("external_id", "error_type"))
    assert errors == {"H3": "bad_date", "H4": "missing_title"}
    raw = RawPayload.objects.get(external_id="H1").payload
    assert SCRIPT in raw["intitule"]  # the raw store keeps what was received

    offers = {offer.company: offer for offer in Offer.objects.all()}
    assert set(offers) == {"Fournil du Port", "BOULANGERIE DU VIEUX MOULIN", "BOULANGERIE DU PORT"}
    assert offers["Fournil du Port"].title == "Boulanger (H/F)"
    assert offers["Fournil du Port"].description == "Pétrir\n\nCuire & vendre"
    assert (offers["BOULANGERIE DU PORT"].salary_min, offers["BOULANGERIE DU PORT"].salary_max) == (22800, 25200)

    listing = client.get("/api/offers/").json()
    assert len(listing["results"]) == 3
    for offer in Offer.objects.all():
        detail = client.get(f"/api/offers/{offer.pk}/")
        assert detail.status_code == 200
        for text in strings_in(detail.json()):
            assert_plain(text, newlines=True)
    for text in strings_in(listing):
        assert_plain(text, newlines=True)


def test_offers_stored_by_older_normalisers_are_rebuilt_clean_by_the_next_run() -> None:
    payloads = [
        france_travail_offer("OLD1", intitule=f"<b>Boulanger</b>{SCRIPT}"),
        france_travail_offer("OLD2", intitule="Vendeur (H/F)", description="Vente."),
    ]
    collection.ingestion_run(source="francetravail", client=FakeClient("francetravail", payloads))
    # What an older normaliser stored: the markup as received, and a payload it accepted
    # that the convention now refuses (an unreadable date taken as "now").
    Offer.objects.filter(postings__external_id="OLD1").update(title=payloads[0]["intitule"])
    old2 = RawPayload.objects.get(external_id="OLD2")
    RawPayload.objects.filter(pk=old2.pk).update(payload={**old2.payload, "dateCreation": "hier"})
    migration = importlib.import_module("ingestion.migrations.0006_payloads_renormalised_as_plain_text")
    with connection.cursor() as cursor:
        cursor.execute(migration.Migration.operations[0].sql)

    run = collection.ingestion_run(source="francetravail", client=FakeClient("francetravail", []))

    assert Offer.objects.get(postings__external_id="OLD1").title == "Boulanger"
    assert Offer.objects.get(postings__external_id="OLD2").status == OfferStatus.CLOSED
    assert RawPayload.objects.get(external_id="OLD2").error_type == "bad_date"
    assert run.closed == 1 and not RawPayload.objects.filter(status=NormalisationStatus.PENDING).exists()
