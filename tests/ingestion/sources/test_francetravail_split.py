"""France Travail searches past the range cap: split by département, then by creation-date windows."""

from __future__ import annotations

from datetime import timedelta

from ingestion.sources import SearchSpec
from ingestion.sources.departements import DEPARTEMENTS
from tests.ingestion.sources.conftest import make_ft_client
from tests.ingestion.sources.fakes import NOW, ft_offer, json_reply

SINCE = NOW - timedelta(days=1)


def spread(prefix: str, count: int, departement: str, *, every_seconds: int = 20) -> list[dict]:
    """`count` offers of one département created every `every_seconds` over the last hours."""
    return [
        ft_offer(f"{prefix}{i:05d}", departement=departement, created=NOW - timedelta(seconds=every_seconds * (i + 1)))
        for i in range(count)
    ]


def last_index(range_param: str) -> int:
    return int(range_param.split("-")[1])


def test_the_101_departements_include_corsica_and_overseas():
    assert len(DEPARTEMENTS) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(DEPARTEMENTS)
    assert "20" not in DEPARTEMENTS


def test_a_search_past_the_cap_is_split_by_departement_then_by_date_windows_and_nothing_is_lost(
    ft_client, france_travail
):
    paris = spread("P", 3400, "75")  # still past the cap within its département
    marseille = spread("M", 120, "13")
    france_travail.offers = paris + marseille

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    ids = [offer["id"] for offer in collected]
    assert len(ids) == len(set(ids)), "each offer is yielded once"
    assert set(ids) == {offer["id"] for offer in paris + marseille}
    assert all(last_index(seen.query["range"]) <= 3149 for seen in france_travail.searches())
    departements_asked = {seen.query.get("departement") for seen in france_travail.searches()}
    assert departements_asked == {None, *DEPARTEMENTS}
    windows_75 = {
        (seen.query["minCreationDate"], seen.query["maxCreationDate"])
        for seen in france_travail.searches()
        if seen.query.get("departement") == "75"
    }
    assert len(windows_75) == 3  # the whole day, then its two halves
    assert ft_client.stats.splits == 2  # one by département, one by date window
    assert ft_client.stats.not_collected == 0
    assert ft_client.stats.warnings == []


def test_a_departement_search_past_the_cap_bisects_its_window_until_each_part_fits(ft_client, france_travail):
    france_travail.offers = spread("L", 6500, "69", every_seconds=6)  # 6,500 offers over 11 hours

    collected = list(ft_client.collect(searches=[SearchSpec(departement="69")], since=SINCE))

    assert len({offer["id"] for offer in collected}) == 6500
    assert len(collected) == 6500
    assert ft_client.stats.splits >= 3
    assert all(last_index(seen.query["range"]) <= 3149 for seen in france_travail.searches())


def test_offers_in_no_departement_are_counted_as_not_collected_when_a_split_cannot_reach_them(
    ft_client, france_travail
):
    france_travail.offers = spread("P", 3200, "75") + spread("F", 20, "")  # 20 offers placed in "France" only

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert len(collected) >= 3200
    assert ft_client.stats.not_collected == 20
    assert "20 offres" in ft_client.stats.warnings[0]


def test_a_range_rejected_below_the_documented_cap_triggers_a_split_instead_of_a_loss(clock, france_travail):
    # The API's cap was once 1,000: if it shrinks again, the 400 on a deep range must not lose offers.
    france_travail.max_first_index = 1000
    france_travail.offers = spread("N", 1500, "44")
    client = make_ft_client(clock)

    collected = list(client.collect(searches=[SearchSpec(departement="44")], since=SINCE))

    assert {offer["id"] for offer in collected} == {offer["id"] for offer in france_travail.offers}
    assert client.stats.splits >= 1
    assert client.stats.errors == []


def test_a_query_that_cannot_be_split_further_reports_what_it_could_not_reach(ft_client, france_travail):
    same_second = NOW - timedelta(hours=2)
    france_travail.offers = [ft_offer(f"S{i:05d}", departement="33", created=same_second) for i in range(3200)]

    collected = list(ft_client.collect(searches=[SearchSpec(departement="33")], since=same_second))

    assert len(collected) == 3150
    assert ft_client.stats.not_collected == 50
    assert "cannot be split further" in ft_client.stats.warnings[-1]


def test_creation_date_windows_share_their_edge_and_the_repeat_is_dropped(ft_client, france_travail):
    # Offers on the middle second of a bisected window belong to both halves.
    france_travail.offers = spread("B", 3200, "31", every_seconds=1)

    collected = list(ft_client.collect(searches=[SearchSpec(departement="31")], since=SINCE))

    assert len(collected) == 3200
    assert len({offer["id"] for offer in collected}) == 3200


def test_a_departement_that_fails_during_a_split_is_recorded_and_the_others_still_come(ft_client, france_travail):
    france_travail.offers = spread("P", 3200, "75")
    france_travail.script(
        "search",
        json_reply(206, {"resultats": []}, {"Content-Range": "offres 0-149/3200"}),  # the whole of France
        json_reply(400, {"codeHttp": 400, "message": "Paramètre departement invalide"}),  # département 01
    )

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert len(collected) == 3200
    assert "Paramètre departement invalide" in ft_client.stats.errors[0]
    assert ft_client.stats.warnings == []  # the failure is not mistaken for offers without a département
