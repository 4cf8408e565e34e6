"""The bulk upsert of offers (COPY through a staging table) stores every value as given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection

from ingestion.normalise import francetravail
from ingestion.normalise.base import NormalisedOffer
from offers.bulk import statistics_refresh
from offers.models import Offer, OfferSource
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


def test_dates_go_through_copy_to_the_microsecond_whatever_their_offset() -> None:
    """Dates are sent as ISO 8601 text (offers.bulk.copy_time), not through psycopg's dumper."""
    payload = france_travail_offer(
        "202A", dateCreation="2026-10-02T10:15:00.123456+02:00", dateActualisation="2026-10-03T09:00:00.5Z"
    )
    seen_at = datetime(2026, 10, 4, 8, 0, 0, 654321, tzinfo=timezone(timedelta(hours=2)))

    postings_upsert(postings=[francetravail.normalise(payload)], seen_at=seen_at)

    offer, posting = Offer.objects.get(), OfferSource.objects.get()
    published = datetime(2026, 10, 2, 8, 15, 0, 123456, tzinfo=UTC)
    updated = datetime(2026, 10, 3, 9, 0, 0, 500000, tzinfo=UTC)
    assert (offer.published_at, offer.source_updated_at) == (published, updated)
    assert (posting.published_at, posting.source_updated_at) == (published, updated)
    assert offer.first_seen_at == offer.last_seen_at == posting.first_seen_at == posting.last_seen_at == seen_at
    assert posting.withdrawn_at is None and offer.closed_at is None


@pytest.mark.django_db(transaction=True)
def test_a_table_that_doubled_since_its_last_analysis_is_analysed_again() -> None:
    """A first load grows the posting table faster than autovacuum analyses it; the run
    refreshes the statistics its look-ups are planned with (offers.bulk.statistics_refresh)."""

    def analysed(table: str) -> tuple[int, int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_force_next_flush()")
            cursor.execute(
                "SELECT analyze_count + autoanalyze_count, n_mod_since_analyze FROM pg_stat_user_tables"
                " WHERE relname = %s",
                [table],
            )
            return cursor.fetchone()

    postings_upsert(postings=[_posting(n) for n in range(30)], seen_at=NOW)
    analysed("offers_offersource")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE offers_offersource")
    analyses, _ = analysed("offers_offersource")
    postings_upsert(postings=[_posting(n) for n in range(30, 50)], seen_at=NOW)
    analysed("offers_offersource")  # flushes this session's counters

    assert statistics_refresh(["offers_offersource"], min_changes=10) == []  # 20 new rows on 30: not doubled

    postings_upsert(postings=[_posting(n) for n in range(50, 100)], seen_at=NOW)
    analysed("offers_offersource")

    assert statistics_refresh(["offers_offersource"], min_changes=10) == ["offers_offersource"]
    now_analysed, changes = analysed("offers_offersource")
    assert now_analysed > analyses
    assert changes == 0
    assert statistics_refresh(["offers_offersource"], min_changes=10) == []


def _posting(n: int) -> NormalisedOffer:
    return francetravail.normalise(france_travail_offer(f"3{n:03d}A", intitule=f"Métier numéro {n}"))
