"""The search columns of offers (search_head, search_vector) hold what search expects, whoever writes the offer.

A trigger (offers migration 0012) fills them for every write; the ingestion's bulk
upsert writes them itself from texts folded in Python. Both must give exactly the
vectors of the former generated columns (title A, skills and ROME label B, company and
description C).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.normalise import adzuna, francetravail
from ingestion.services import collection
from offers.models import Offer
from offers.services import postings_upsert, search_fold
from tests.factories import OfferFactory
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 4, 6, 0, tzinfo=UTC)

# The expressions of the former generated columns (offers migrations 0004 and 0005), the C part
# without its negations (0021).
HEAD = """
    setweight(to_tsvector('french'::regconfig, jm_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('french'::regconfig,
        jm_unaccent(jm_array_text(skills::text[]) || ' ' || coalesce(rome_label, ''))), 'B')
"""
VECTOR = (
    HEAD
    + """
    || setweight(to_tsvector('french'::regconfig, jm_without_negations(
        jm_unaccent(coalesce(company, '') || ' ' || left(coalesce(description, ''), 6000)))), 'C')
"""
)


def _columns_as_expected(offer_id: int) -> tuple[bool, bool]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_head = ({HEAD}), search_vector = ({VECTOR}) FROM offers_offer WHERE id = %s", [offer_id]
        )
        return cursor.fetchone()


def _search_vector(offer_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM offers_offer WHERE id = %s", [offer_id])
        return cursor.fetchone()[0]


def _jm_unaccent(texts: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT jm_unaccent(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n", [texts])
        return [row[0] for row in cursor.fetchall()]


def _upsert(*payloads, seen_at=NOW):
    postings = [(francetravail if "intitule" in payload else adzuna).normalise(payload) for payload in payloads]
    return postings_upsert(postings=postings, seen_at=seen_at)


def test_python_folding_matches_jm_unaccent_on_every_letter_it_maps() -> None:
    letters = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ’œŒæÆ"
    texts = [letters, "Boulanger·ère — pâtissier (H/F) ß ł Ÿ ŷ «Crème brûlée»", "ÉCOLE d’été cœur Ægir", ""]

    assert [search_fold(text) for text in texts] == _jm_unaccent(texts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")), max_size=8))
def test_python_folding_matches_jm_unaccent_on_any_text(texts: list[str]) -> None:
    assert [search_fold(text) for text in texts] == _jm_unaccent(texts)


def test_offers_written_by_the_ingestion_have_the_search_columns_search_expects() -> None:
    long_text = "Pâtisserie fine et boulangerie, équipe de cœur. " * 200  # past the 6,000 characters indexed
    _upsert(
        france_travail_offer("201A"),
        adzuna_job("4801"),
        france_travail_offer("202B", intitule="Pâtissier·ère — crème brûlée", description=long_text),
    )

    assert Offer.objects.count() == 2
    for offer_id in Offer.objects.values_list("id", flat=True):
        assert _columns_as_expected(offer_id) == (True, True)


def test_an_edited_posting_gets_the_search_columns_of_its_new_text() -> None:
    _upsert(france_travail_offer("201A"))
    offer = Offer.objects.get()
    before = _search_vector(offer.id)

    _upsert(france_travail_offer("201A", intitule="Chef pâtissier (H/F)"), seen_at=NOW + timedelta(days=1))

    assert _search_vector(offer.id) != before
    assert "'chef':1A" in _search_vector(offer.id)
    assert _columns_as_expected(offer.id) == (True, True)


def test_an_offer_created_through_the_orm_gets_its_search_columns() -> None:
    offer = OfferFactory(title="Pâtissière confirmée", skills=["Décorer des gâteaux"], company="Crème & Cie")

    assert _columns_as_expected(offer.id) == (True, True)
    assert "'patissier':1A" in _search_vector(offer.id)


def test_editing_a_text_through_the_orm_recomputes_the_search_columns() -> None:
    offer = OfferFactory(title="Boulanger")

    Offer.objects.filter(id=offer.id).update(description="Cuisson au feu de bois, pétrin à l'ancienne.")

    assert _columns_as_expected(offer.id) == (True, True)
    assert "'petrin'" in _search_vector(offer.id)


def test_writes_that_leave_the_texts_as_they_were_do_not_recompute_the_search_columns() -> None:
    offer = OfferFactory(title="Boulanger")
    with connection.cursor() as cursor:
        # A marker the trigger would overwrite if it recomputed the columns.
        cursor.execute("UPDATE offers_offer SET search_vector = 'marqueur' WHERE id = %s", [offer.id])

    Offer.objects.filter(id=offer.id).update(last_seen_at=NOW, status="closed")
    Offer.objects.filter(id=offer.id).update(title="Boulanger")

    assert _search_vector(offer.id) == "'marqueur'"


@pytest.mark.parametrize("in_child", [True, False], ids=["child process", "thread"])
def test_offers_written_by_a_run_have_the_search_columns_search_expects(in_child: bool, settings: Any) -> None:
    """Through a whole run, payloads prepared either way; a merged offer whose texts no
    single posting had alone (a company filled from the other source) included."""
    settings.INGESTION_PREPARE_PROCESS = in_child
    long_text = "Pâtisserie fine et boulangerie, équipe de cœur. " * 200
    _ingest(
        "francetravail",
        france_travail_offer("201A", entreprise={}),
        france_travail_offer("202B", intitule="Pâtissier·ère — crème brûlée", description=long_text),
        france_travail_offer("203C", intitule="Vendeur en boulangerie", competences=[]),
    )
    _ingest("adzuna", adzuna_job("4801"))

    merged = Offer.objects.get(postings__external_id="4801")
    assert sorted(merged.sources) == ["adzuna", "francetravail"]
    assert merged.company
    assert Offer.objects.count() == 3
    for offer_id in Offer.objects.values_list("id", flat=True):
        assert _columns_as_expected(offer_id) == (True, True)


def _ingest(source: str, *payloads: dict) -> None:
    collection.ingestion_run(source=source, client=FakeClient(source, payloads), batch_size=2)
