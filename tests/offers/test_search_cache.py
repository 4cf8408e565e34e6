"""The search cache: a repeated search is served from it, and any offer change shows on the very next request.

Transactional tests: the cache stores nothing while a transaction that wrote offers is
open (the usual test transaction would be one), so each write here commits, as in production.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from offers.forms import search_params_from_query
from offers.models import Offer, OfferStatus
from offers.search.cache import offer_search_cached
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _search_statements(run) -> int:
    """How many search statements (the page + facets pass) `run()` sent to PostgreSQL."""
    with CaptureQueriesContext(connection) as captured:
        run()
    return sum("WITH m AS MATERIALIZED" in query["sql"] for query in captured.captured_queries)


def _titles(client, **query) -> list[str]:
    html = client.get("/offres/", query).content.decode()
    return [offer.title for offer in Offer.objects.all() if offer.title in html]


def test_a_repeated_search_is_served_from_the_cache(client):
    OfferFactory(title="Boulanger H/F")

    first = _search_statements(lambda: client.get("/offres/", {"q": "boulanger"}))
    second = _search_statements(lambda: client.get("/offres/", {"q": "boulanger"}))

    assert first == 1
    assert second == 0


def test_a_new_offer_shows_on_the_very_next_request(client):
    OfferFactory(title="Boulanger de nuit")
    assert _titles(client, q="boulanger") == ["Boulanger de nuit"]

    OfferFactory(title="Boulanger tourier")

    assert sorted(_titles(client, q="boulanger")) == ["Boulanger de nuit", "Boulanger tourier"]


def test_a_changed_offer_shows_changed_on_the_very_next_request(client):
    offer = OfferFactory(title="Boulanger de nuit", salary_min=24000, salary_max=24000)
    assert "24\xa0000 €/an" in client.get("/offres/", {"q": "boulanger"}).content.decode()

    offer.salary_min = offer.salary_max = 31000
    offer.save()

    html = client.get("/offres/", {"q": "boulanger"}).content.decode()
    assert "31\xa0000 €/an" in html and "24\xa0000 €/an" not in html


def test_a_closed_or_deleted_offer_leaves_the_results_on_the_very_next_request(client):
    closed, deleted, kept = OfferFactory.create_batch(3)
    assert len(_titles(client, q="boulanger")) == 3

    Offer.objects.filter(pk=closed.pk).update(status=OfferStatus.CLOSED)
    assert sorted(_titles(client, q="boulanger")) == sorted([deleted.title, kept.title])

    Offer.objects.filter(pk=deleted.pk).delete()
    assert _titles(client, q="boulanger") == [kept.title]


def test_a_visit_that_changes_nothing_visible_keeps_the_entry(client):
    offer = OfferFactory(title="Boulanger H/F")
    client.get("/offres/", {"q": "boulanger"})

    # The daily "seen again" touch is not news: the change log (and the cache) ignore it.
    Offer.objects.filter(pk=offer.pk).update(last_seen_at=offer.last_seen_at)

    assert _search_statements(lambda: client.get("/offres/", {"q": "boulanger"})) == 0


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"q": "boulanger"}, {"q": "boulangerie"}),
        ({"q": "boulanger"}, {"q": "boulanger", "contrat": "cdd"}),
        ({"contrat": "cdi"}, {"contrat": "cdd"}),
        ({"q": "boulanger"}, {"q": "boulanger", "tri": "date"}),
        ({"q": "boulanger"}, {"q": "boulanger", "fermees": "on"}),
        ({"lieu": "34"}, {"lieu": "30"}),
        ({"salaire_min": "20000"}, {"salaire_min": "30000"}),
        ({"depuis": "7"}, {"depuis": "30"}),
    ],
)
def test_two_different_searches_never_share_an_entry(first, second):
    OfferFactory.create_batch(2, departement="34", contract_type="cdi", salary_min=25000, salary_max=25000)
    OfferFactory(departement="30", contract_type="cdd", status=OfferStatus.CLOSED)
    OfferFactory(departement="30", contract_type="cdd", title="Boulangerie : vendeur", salary_max=35000)
    first_params = search_params_from_query(QueryDict(urlencode(first)))
    second_params = search_params_from_query(QueryDict(urlencode(second)))
    offer_search_cached(params=first_params)

    assert _search_statements(lambda: offer_search_cached(params=second_params)) == 1
    assert offer_search_cached(params=second_params) == offer_search_cached(params=second_params)


def test_the_same_search_written_in_another_order_shares_its_entry(client):
    OfferFactory(contract_type="cdi")
    client.get("/offres/?contrat=cdi&contrat=cdd")

    assert _search_statements(lambda: client.get("/offres/?contrat=cdd&contrat=cdi")) == 0


def test_pages_of_one_search_are_separate_entries():
    OfferFactory.create_batch(25)
    first = offer_search_cached(params=search_params_from_query({"q": "boulanger"}))
    second = offer_search_cached(params=search_params_from_query({"q": "boulanger", "page": "2"}))

    assert len(first.result.offers) == 20 and len(second.result.offers) == 5
    assert not {offer.pk for offer in first.result.offers} & {offer.pk for offer in second.result.offers}


def test_the_api_facets_and_the_page_agree(client):
    OfferFactory.create_batch(2, contract_type="cdd", remote=True)
    OfferFactory(contract_type="cdi")
    page = offer_search_cached(params=search_params_from_query({"q": "boulanger"}))

    api = APIClient().get("/api/offers/facets/", {"q": "boulanger", "page": "3"}).json()

    assert {row["value"]: row["count"] for row in api["contract_types"]} == {"cdi": 1, "cdd": 2}
    assert api["contract_types"] == [
        {"value": value.value, "label": value.label, "count": value.count} for value in page.facets.contract_types
    ]
    assert api["remote"] == page.facets.remote == 2
    html = client.get("/offres/", {"q": "boulanger"}).content.decode()
    text = re.sub(r"<[^>]+>", "", html).replace("&nbsp;", " ")
    assert "CDD (2)" in text and "CDI (1)" in text


def test_a_slow_batch_committing_below_the_log_head_still_shows_on_the_next_request():
    # Change ids are taken when written, not when committed: a batch that wrote first and
    # commits last leaves the head of the change log where a quicker writer put it.
    params = search_params_from_query({"q": "boulanger"})
    written, release = threading.Event(), threading.Event()

    def slow_batch() -> None:
        try:
            with transaction.atomic():
                OfferFactory(title="Boulanger de nuit")
                written.set()
                release.wait(timeout=30)
        finally:
            connection.close()  # this thread's own connection

    writer = threading.Thread(target=slow_batch)
    writer.start()
    try:
        assert written.wait(timeout=30)
        OfferFactory(title="Boulanger de jour")  # committed at once, above the slow batch's change
        during = offer_search_cached(params=params)
    finally:
        release.set()
        writer.join()

    assert [offer.title for offer in during.result.offers] == ["Boulanger de jour"]
    after = offer_search_cached(params=params)
    assert sorted(offer.title for offer in after.result.offers) == ["Boulanger de jour", "Boulanger de nuit"]


def test_a_lifetime_of_zero_computes_every_search(client, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    OfferFactory(title="Boulanger H/F")
    client.get("/offres/", {"q": "boulanger"})

    assert _search_statements(lambda: client.get("/offres/", {"q": "boulanger"})) == 1


def test_a_search_made_inside_a_transaction_that_wrote_offers_is_not_stored():
    OfferFactory(title="Boulanger de jour")
    params = search_params_from_query({"q": "boulanger"})

    def other_session_commits() -> None:
        try:
            # Moves the head of the change log above this transaction's change.
            OfferFactory(title="Pâtissier", rome_code="D1104", rome_label="", skills=[], description="Entremets.")
        finally:
            connection.close()

    with transaction.atomic():
        OfferFactory(title="Boulanger de nuit")
        writer = threading.Thread(target=other_session_commits)
        writer.start()
        writer.join()
        inside = offer_search_cached(params=params)
        transaction.set_rollback(True)

    assert len(inside.result.offers) == 2
    assert [offer.title for offer in offer_search_cached(params=params).result.offers] == ["Boulanger de jour"]
