"""Targets of issue 16 over hostile payloads: every text field of both sources poisoned at once.

Each payload below has a hostile fragment (markup, entities, control, bidi, invisible and lone
surrogate characters) around every string it holds, nested ones included (employer, place,
skills, salary, contact, category). Whatever the fragment: the run does not crash, every
payload is stored, and no stored text column of an offer or posting, and no string anywhere in
the API's answers about those offers, holds markup or a control, bidi or invisible character.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models
from django.test import Client

from ingestion.models import NormalisationStatus, RawPayload
from ingestion.services import collection
from offers.models import Offer, OfferSource
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer
from tests.ingestion.test_hostile_payloads import HOSTILE_FRAGMENTS, assert_plain, strings_in

pytestmark = pytest.mark.django_db

# What must stay readable for the payload to be an offer at all: its identity and its dates.
KEPT = {"id", "dateCreation", "dateActualisation", "created", "__CLASS__"}
SWALLOWING = {"<svg onload=alert(1)>"}


def _poisoned(value: Any, fragment: str, key: str = "") -> Any:
    if key in KEPT:
        return value
    if isinstance(value, str):
        return f"{fragment}{value}{fragment}"
    if isinstance(value, dict):
        return {name: _poisoned(item, fragment, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_poisoned(item, fragment) for item in value]
    return value


def _france_travail(number: int, fragment: str) -> dict[str, Any]:
    payload = france_travail_offer(
        f"HF{number:03d}",
        intitule=f"Boulanger n°{number} (H/F)",
        contact={"nom": "Mme Martin", "coordonnees1": "https://exemple.fr/postuler", "courriel": "rh@exemple.fr"},
        formations=[{"domaineLibelle": "Boulangerie", "niveauLibelle": "CAP, BEP et équivalents"}],
        salaire={"libelle": "Mensuel de 2000.0 Euros", "commentaire": "Selon profil", "complement1": "Mutuelle"},
    )
    return _poisoned(payload, fragment)


def _adzuna(number: int, fragment: str) -> dict[str, Any]:
    payload = adzuna_job(
        f"49{number:08d}",
        title=f"Vendeur n°{number} H/F",
        category={"tag": "retail-jobs", "label": "Emplois Commerce de détail"},
        salary_min="1 900",
        salary_max=2100,
    )
    return _poisoned(payload, fragment)


def _stored_texts(model: type[models.Model]) -> list[str]:
    names = [field.name for field in model._meta.fields if isinstance(field, (models.CharField, models.TextField))]
    texts: list[str] = []
    for row in model.objects.values(*names, *([] if model is Offer else ["normalised"])):
        texts.extend(strings_in(row))
    return texts


def test_every_text_field_poisoned_leaves_no_markup_or_invisible_character_anywhere(client: Client) -> None:
    fragments = list(enumerate(HOSTILE_FRAGMENTS))
    ft = collection.ingestion_run(
        source="francetravail", client=FakeClient("francetravail", [_france_travail(n, f) for n, f in fragments])
    )
    az = collection.ingestion_run(source="adzuna", client=FakeClient("adzuna", [_adzuna(n, f) for n, f in fragments]))

    # Every payload kept raw; only an unclosed element whose content is never text (an <svg>
    # around the title) leaves no title: an error on the payload, not a crash.
    swallowed = [n for n, fragment in fragments if fragment in SWALLOWING]
    errors = RawPayload.objects.exclude(status=NormalisationStatus.OK)
    assert RawPayload.objects.count() == 2 * len(fragments)
    assert sorted(errors.values_list("external_id", "error_type")) == sorted(
        [(f"49{n:08d}", "missing_title") for n in swallowed] + [(f"HF{n:03d}", "missing_title") for n in swallowed]
    )
    assert (ft.failed, az.failed) == (len(swallowed), len(swallowed))
    assert OfferSource.objects.count() == 2 * (len(fragments) - len(swallowed))
    for text in [*_stored_texts(Offer), *_stored_texts(OfferSource)]:
        assert_plain(text, newlines=True)
    for offer in Offer.objects.all():
        assert offer.company and offer.title and offer.city, offer.pk  # poisoned, never lost
        skills = [*offer.skills, *offer.soft_skills]
        for text in skills:
            assert_plain(text)
        detail = client.get(f"/api/offers/{offer.pk}/")
        assert detail.status_code == 200
        for text in strings_in(detail.json()):
            assert_plain(text, newlines=True)
    for path in ("/api/offers/?page_size=100", "/api/offers/?q=boulanger", "/api/offers/facets/", "/api/offers/stats/"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        for text in strings_in(answer.json()):
            assert_plain(text, newlines=True)
