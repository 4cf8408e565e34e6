"""The bulk upsert of offers (COPY through a staging table) stores every value as given."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingestion.normalise import francetravail
from offers.models import Offer
from offers.services import postings_upsert
from tests.ingestion.payloads import france_travail_offer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 4, 6, 0, tzinfo=UTC)


def test_skills_with_quotes_commas_braces_and_backslashes_are_stored_as_written() -> None:
    skills = ['Pétrir la pâte "à l\'ancienne"', "Cuire, dorer", "{Four} à bois", "C:\\recettes", "NULL", ""]
    payload = france_travail_offer("201A", competences=[{"libelle": skill} for skill in skills])
    posting = francetravail.normalise(payload)

    postings_upsert(postings=[posting], seen_at=NOW)

    offer = Offer.objects.get()
    assert offer.skills == list(posting.skills)
    assert len(offer.skills) == 5  # the empty label is dropped by the normaliser, "NULL" is a word
    assert offer.sources == ["francetravail"]
