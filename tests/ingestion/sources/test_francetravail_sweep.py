"""France Travail's complete sweep: every live offer, part by part of a fixed creation-date grid."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ingestion.sources import SearchSpec, SweepCell
from ingestion.sources.base import SWEEP_EPOCH
from tests.ingestion.sources.conftest import make_ft_client
from tests.ingestion.sources.fakes import NOW, ft_offer, json_reply

DATE = "%Y-%m-%dT%H:%M:%SZ"


def spread(prefix: str, count: int, *, every: timedelta, departement: str = "34", newest: datetime = NOW) -> list:
    return [
        ft_offer(f"{prefix}{i:05d}", departement=departement, created=newest - every * (i + 1)) for i in range(count)
    ]


def sweep(client: Any, searches: list[SearchSpec] | None = None) -> tuple[list[dict], list[SweepCell]]:
    offers, cells = [], []
    for item in client.sweep(searches=searches or [SearchSpec()]):
        (cells if isinstance(item, SweepCell) else offers).append(item)
    return offers, cells


def windows(france_travail: Any) -> list[tuple[datetime, datetime]]:
    return [
        (
            datetime.strptime(seen.query["minCreationDate"], DATE).replace(tzinfo=UTC),
            datetime.strptime(seen.query["maxCreationDate"], DATE).replace(tzinfo=UTC),
        )
        for seen in france_travail.searches()
    ]


def test_a_sweep_yields_every_offer_whatever_its_age_then_complete_cells_covering_all_time(ft_client, france_travail):
    # 3,400 offers created over two years: past the range cap, and far older than a day.
    france_travail.offers = spread("V", 3400, every=timedelta(hours=5))

    offers, cells = sweep(ft_client)

    ids = [offer["id"] for offer in offers]
    assert len(ids) == len(set(ids)) == 3400
    assert all(cell.complete for cell in cells)
    # The cells follow each other without a gap, from the grid's origin to the sweep's end, oldest first.
    assert cells[0].start == SWEEP_EPOCH and cells[-1].end == NOW
    assert all(before.end == after.start for before, after in zip(cells, cells[1:], strict=False))
    assert ft_client.stats.splits >= 2


def test_the_windows_asked_belong_to_a_fixed_grid(ft_client, france_travail):
    france_travail.offers = spread("G", 3400, every=timedelta(hours=5))

    sweep(ft_client)

    for low, high in windows(france_travail):
        span = high - low
        if high == NOW:
            continue  # the newest window ends at the sweep's start
        # A window is a power-of-two number of seconds, starting at a multiple of itself from the origin.
        seconds = int(span.total_seconds())
        assert seconds & (seconds - 1) == 0
        assert int((low - SWEEP_EPOCH).total_seconds()) % seconds == 0


def test_the_grid_does_not_move_from_one_day_to_the_next(clock, france_travail):
    france_travail.offers = spread("D", 3400, every=timedelta(hours=5))
    sweep(make_ft_client(clock))
    first_day = {window for window in windows(france_travail) if window[1] < NOW - timedelta(days=30)}
    france_travail.seen.clear()
    clock.advance(86400)

    sweep(make_ft_client(clock))

    second_day = {window for window in windows(france_travail) if window[1] < NOW - timedelta(days=30)}
    assert first_day and first_day == second_day


def _page(offers: list, first: int, total: int) -> Any:
    body = {"resultats": offers, "filtresPossibles": []}
    return json_reply(206, body, {"Content-Range": f"offres {first}-{first + len(offers) - 1}/{total}"})


def test_a_listing_that_moves_while_it_is_read_is_read_again(ft_client, france_travail):
    offers = spread("M", 200, every=timedelta(minutes=1))
    # An offer of the first page is withdrawn while the second one is read: the second page
    # starts one further, so one offer would be skipped. The total tells.
    france_travail.script(
        "search",
        _page(offers[:150], 0, 200),
        _page(offers[151:200], 150, 199),
        _page(offers[:150], 0, 199),
        _page(offers[150:199], 150, 199),
    )

    collected, cells = sweep(ft_client)

    assert {offer["id"] for offer in collected} == {offer["id"] for offer in offers}
    assert [cell.complete for cell in cells] == [True]
    assert ft_client.stats.rereads == 1


def test_a_listing_that_keeps_moving_leaves_its_cell_incomplete(ft_client, france_travail):
    offers = spread("K", 200, every=timedelta(minutes=1))
    france_travail.script(
        "search",
        _page(offers[:150], 0, 200),
        _page(offers[151:200], 150, 199),
        _page(offers[:150], 0, 199),
        _page(offers[152:200], 150, 198),
    )

    _, cells = sweep(ft_client)

    assert [cell.complete for cell in cells] == [False]
    assert "moved" in cells[0].reason


def test_a_failing_window_is_an_incomplete_cell_and_the_sweep_goes_on(ft_client, france_travail):
    france_travail.offers = spread("F", 3400, every=timedelta(hours=5))
    france_travail.script("search", json_reply(206, {"resultats": []}, {"Content-Range": "offres 0-149/3400"}))
    france_travail.script("search", json_reply(400, {"codeHttp": 400, "message": "Paramètre invalide"}))

    offers, cells = sweep(ft_client)

    assert [cell.complete for cell in cells].count(False) == 1
    assert "Paramètre invalide" in next(cell.reason for cell in cells if not cell.complete)
    assert any(cell.complete for cell in cells) and offers


def test_one_second_past_the_cap_is_read_by_departement(ft_client, france_travail):
    second = NOW - timedelta(days=3)
    france_travail.offers = [ft_offer(f"S{i:05d}", departement="75", created=second) for i in range(3100)] + [
        ft_offer(f"L{i:05d}", departement="69", created=second) for i in range(100)
    ]

    offers, cells = sweep(ft_client)

    assert len({offer["id"] for offer in offers}) == 3200
    assert all(cell.complete for cell in cells)
    assert {seen.query.get("departement") for seen in france_travail.searches()} >= {"75", "69"}


def test_offers_in_no_departement_past_the_cap_in_one_second_leave_that_cell_incomplete(ft_client, france_travail):
    second = NOW - timedelta(days=3)
    france_travail.offers = [ft_offer(f"S{i:05d}", departement="75", created=second) for i in range(3140)] + [
        ft_offer(f"N{i:05d}", departement="", created=second) for i in range(20)
    ]

    _, cells = sweep(ft_client)

    incomplete = [cell for cell in cells if not cell.complete]
    # The cell whose offers they are says so (its neighbour shares that second in its query, and says so too).
    assert any(cell.start <= second < cell.end for cell in incomplete)
    assert all("20 offres in no département" in cell.reason for cell in incomplete)
    assert all(abs(cell.end - second) <= timedelta(seconds=1) for cell in incomplete)
    assert sum(cell.complete for cell in cells) >= 20
