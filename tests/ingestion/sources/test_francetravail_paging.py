"""France Travail search: range paging (206 + Content-Range, 200, 204), parameters and payloads as received."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingestion.sources import SearchSpec
from ingestion.sources.francetravail import parse_content_range
from tests.ingestion.sources.fakes import NOW, Reply, ft_offer, json_reply

SINCE = NOW - timedelta(days=1)


def offers_in_34(count: int) -> list[dict]:
    return [ft_offer(f"{i:06d}A", created=NOW - timedelta(minutes=i + 1)) for i in range(count)]


def test_a_search_of_400_offers_is_read_over_three_206_pages(ft_client, france_travail):
    france_travail.offers = offers_in_34(400)

    collected = list(ft_client.collect(searches=[SearchSpec(departement="34")], since=SINCE))

    assert [offer["id"] for offer in collected] == [offer["id"] for offer in france_travail.offers]
    assert [seen.query["range"] for seen in france_travail.searches()] == ["0-149", "150-299", "300-449"]
    assert ft_client.stats.api_calls == 4  # one token + three pages
    assert ft_client.stats.not_collected == 0
    assert ft_client.stats.errors == []


def test_a_search_that_fits_in_one_range_is_one_200_call(ft_client, france_travail):
    france_travail.offers = offers_in_34(150)

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert len(collected) == 150
    assert [seen.query["range"] for seen in france_travail.searches()] == ["0-149"]


def test_a_search_with_no_result_answers_204_with_an_empty_body(ft_client, france_travail):
    collected = list(ft_client.collect(searches=[SearchSpec(keywords="astronaute")], since=SINCE))

    assert collected == []
    assert len(france_travail.searches()) == 1
    assert ft_client.stats.errors == []


def test_the_search_sends_the_spec_and_an_exact_creation_date_window(ft_client, france_travail):
    list(
        ft_client.collect(searches=[SearchSpec(keywords="boulanger", rome_code="D1102", departement="48")], since=SINCE)
    )

    query = france_travail.searches()[0].query
    assert query == {
        "motsCles": "boulanger",
        "codeROME": "D1102",
        "departement": "48",
        "minCreationDate": "2026-11-22T06:00:00Z",
        "maxCreationDate": "2026-11-23T06:00:00Z",
        "sort": "1",
        "range": "0-149",
    }


def test_since_in_another_timezone_is_sent_in_utc(ft_client, france_travail):
    from zoneinfo import ZoneInfo

    since = (NOW - timedelta(hours=3)).astimezone(ZoneInfo("Europe/Paris"))

    list(ft_client.collect(searches=[SearchSpec()], since=since))

    assert france_travail.searches()[0].query["minCreationDate"] == "2026-11-23T03:00:00Z"


def test_a_naive_since_is_refused_rather_than_guessed(ft_client):
    with pytest.raises(ValueError, match="timezone-aware"):
        list(ft_client.collect(searches=[SearchSpec()], since=SINCE.replace(tzinfo=None)))


def test_every_call_carries_a_timeout(ft_client, france_travail, mocked_http):
    france_travail.offers = offers_in_34(200)

    list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert mocked_http.calls
    assert all(call.request.req_kwargs["timeout"] == 7.0 for call in mocked_http.calls)


def test_offers_are_passed_through_exactly_as_received(ft_client, france_travail):
    odd_offers = [
        ft_offer("100001A", nouveauChampInconnu={"valeur": 42}, employeurHandiEngage=True),
        ft_offer("100002A", entreprise={}, salaire={}, contact={}),
        ft_offer("100003A", lieuTravail={"libelle": "34 - Hérault"}),  # département only: no coordinates
        ft_offer(
            "100004A",
            romeCode="G1211",
            origineOffre={
                "origine": "2",
                "urlOrigine": "https://www.partenaire.example/offre/123",
                "partenaires": [{"nom": "PARTENAIRE", "url": "https://www.partenaire.example/offre/123"}],
            },
        ),
    ]
    france_travail.offers = odd_offers

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert collected == odd_offers


def test_items_that_are_not_offers_are_passed_through_for_the_normaliser_to_judge(ft_client, france_travail):
    france_travail.script("search", json_reply(200, {"resultats": [ft_offer("1A"), "texte", None, {"sansId": 1}]}))

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert collected == [ft_offer("1A"), "texte", None, {"sansId": 1}]


def test_an_offer_found_by_two_searches_is_yielded_once(ft_client, france_travail):
    france_travail.offers = offers_in_34(10)

    collected = list(
        ft_client.collect(searches=[SearchSpec(keywords="boulanger"), SearchSpec(departement="34")], since=SINCE)
    )

    assert len(collected) == 10
    assert len(france_travail.searches()) == 2


def test_a_truncated_body_abandons_that_search_only_and_names_the_url(ft_client, france_travail):
    france_travail.offers = offers_in_34(3)
    france_travail.script(
        "search", Reply(200, {"Content-Type": "application/json"}, b'{"resultats": [{"id": "1A", "int')
    )

    collected = list(ft_client.collect(searches=[SearchSpec(keywords="x"), SearchSpec()], since=SINCE))

    assert len(collected) == 3  # the second search went on
    [error] = ft_client.stats.errors
    assert "unreadable JSON" in error
    assert "https://ft.example/partenaire/offresdemploi/v2/offres/search" in error


def test_a_rejected_parameter_is_recorded_with_the_api_message(ft_client, france_travail):
    france_travail.script(
        "search", json_reply(400, {"codeHttp": 400, "message": "Le mot-clé doit contenir au moins 2 caractères."})
    )

    collected = list(ft_client.collect(searches=[SearchSpec(keywords="x")], since=SINCE))

    assert collected == []
    assert "Le mot-clé doit contenir au moins 2 caractères." in ft_client.stats.errors[0]


def test_a_206_without_a_readable_content_range_is_an_error_of_that_search(ft_client, france_travail):
    france_travail.script("search", json_reply(206, {"resultats": [ft_offer("1A")]}, {"Content-Range": "offres */*"}))

    list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert "unreadable Content-Range" in ft_client.stats.errors[0]


def test_a_since_in_the_future_collects_nothing_without_a_call(ft_client, france_travail):
    assert list(ft_client.collect(searches=[SearchSpec()], since=NOW + timedelta(hours=1))) == []
    assert france_travail.seen == []


@pytest.mark.parametrize(
    ("header", "total"),
    [("offres 0-149/172", 172), ("offres 3000-3149/9812", 9812), ("offres 0-0/1", 1), (None, None), ("", None)],
)
def test_content_range_gives_the_total_after_the_slash(header, total):
    assert parse_content_range(header) == total


@given(st.text())
def test_content_range_parsing_never_fails_on_arbitrary_text(header):
    total = parse_content_range(header)
    assert total is None or total >= 0


def test_each_page_logs_one_info_line_with_its_counts(ft_client, france_travail, caplog):
    france_travail.offers = offers_in_34(200)

    with caplog.at_level("INFO", logger="ingestion.sources"):
        list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    page_lines = [record.getMessage() for record in caplog.records if "range" in record.getMessage()]
    assert len(page_lines) == 2
    assert "range 0-149: 150 offres (total 200)" in page_lines[0]
    assert "range 150-299: 50 offres (total 200)" in page_lines[1]
