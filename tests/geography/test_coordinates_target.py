"""Target of issue 16: no stored offer's coordinates more than 50 km from the commune it is placed in.

Hostile and broken coordinates from both sources (swapped, in the Indian Ocean, a town 80 km
away, 0/0, a sign lost, written as text with a comma, out of the world) around communes of
the real communes file: whatever arrives, an offer placed in a commune is within 50 km of it.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingestion.services import collection
from offers.geography.gazetteer import distance_km
from offers.geography.locate import MAX_GAP_KM
from offers.models import Commune, Offer
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer

pytestmark = pytest.mark.django_db

SETE, BREST, AJACCIO = ("34301", 43.3917, 3.6471), ("29019", 48.4004, -4.5027), ("2A004", 41.9347, 8.7013)
BROKEN: list[tuple[Any, Any]] = [
    (3.6471, 43.3917),  # latitude and longitude swapped
    (-20.88, 55.45),  # the Indian Ocean
    (43.8449, 4.3481),  # Nîmes, 80 km from Sète
    (0, 0),
    (43.3917, -3.6471),  # the sign of the longitude lost
    ("43,3917", "3,6471"),  # text with a decimal comma
    (143.39, 3.64),  # out of the world
    ("nan", "inf"),
    (48.5712, 7.7675),  # Strasbourg
]


def _france_travail(number: int, insee: str, latitude: Any, longitude: Any) -> dict[str, Any]:
    place = {"libelle": "lieu", "commune": insee, "latitude": latitude, "longitude": longitude}
    return france_travail_offer(
        f"GEO{number:03d}", intitule="Boulanger", description="Four.", entreprise={"nom": f"Fournil {number}"},
        lieuTravail=place,
    )  # fmt: skip


def _adzuna(number: int, area: list[str], latitude: Any, longitude: Any) -> dict[str, Any]:
    location = {"area": area, "display_name": area[-1]}
    return adzuna_job(
        f"47{number:08d}", title="Vendeur", description="Vente.", company={"display_name": f"Boutique {number}"},
        location=location, latitude=latitude, longitude=longitude,
    )  # fmt: skip


def test_no_offer_is_stored_more_than_50_km_from_its_commune(load_communes) -> None:
    load_communes("Sète", "Brest", "Ajaccio", "Nîmes", "Strasbourg", "Montpellier")
    ft, az = [], []
    for place_number, (insee, name, departement, region) in enumerate(
        [
            (SETE[0], "Sète", "Hérault", "Occitanie"),
            (BREST[0], "Brest", "Finistère", "Bretagne"),
            (AJACCIO[0], "Ajaccio", "Corse-du-Sud", "Corse"),
        ]  # fmt: skip
    ):
        for number, (latitude, longitude) in enumerate(BROKEN):
            ft.append(_france_travail(100 * place_number + number, insee, latitude, longitude))
            area = ["France", region, departement, name]
            az.append(_adzuna(100 * place_number + number, area, latitude, longitude))
    collection.ingestion_run(source="francetravail", client=FakeClient("francetravail", ft))
    collection.ingestion_run(source="adzuna", client=FakeClient("adzuna", az))

    communes = {c.insee_code: c for c in Commune.objects.all()}
    offers = list(Offer.objects.exclude(latitude=None))
    placed = [offer for offer in offers if offer.commune_insee]
    assert len(placed) == len(offers) == len(ft) + len(az)  # every offer with coordinates is placed in a commune
    for offer in placed:
        commune = communes[offer.commune_insee]
        gap = distance_km(offer.latitude, offer.longitude, commune.latitude, commune.longitude)
        assert gap <= MAX_GAP_KM, (offer.title, offer.city, offer.latitude, offer.longitude, gap)
    assert {offer.commune_insee for offer in placed} <= {SETE[0], BREST[0], AJACCIO[0]}
