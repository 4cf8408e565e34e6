"""Adzuna's sweep: every offer of each search, whatever its age, and whether each was read to its end."""

from __future__ import annotations

from ingestion.sources import SearchSpec, SweepCell
from tests.ingestion.sources.conftest import make_adzuna_client
from tests.ingestion.sources.fakes import adzuna_job, json_reply


def jobs(prefix: str, count: int, title: str = "Boulanger H/F") -> list[dict]:
    return [adzuna_job(f"{prefix}{i}", title=title) for i in range(count)]


def _sweep(client, searches):
    items = list(client.sweep(searches=searches))
    return [i for i in items if not isinstance(i, SweepCell)], [i for i in items if isinstance(i, SweepCell)]


def test_a_sweep_reads_every_age_and_says_each_search_was_complete(clock, adzuna):
    adzuna.jobs = jobs("B", 70) + jobs("V", 30, title="Vendeur H/F")
    searches = [SearchSpec(keywords="boulanger"), SearchSpec(keywords="vendeur")]

    offers, cells = _sweep(make_adzuna_client(clock), searches)

    assert len(offers) == 100
    assert [(cell.spec, cell.complete) for cell in cells] == [(searches[0], True), (searches[1], True)]
    assert all("max_days_old" not in seen.query for seen in adzuna.seen)


def test_a_search_the_daily_budget_cuts_short_is_incomplete(clock, adzuna):
    adzuna.jobs = jobs("B", 500)

    offers, cells = _sweep(make_adzuna_client(clock, calls_per_day=3), [SearchSpec()])

    assert len(offers) == 150
    assert [cell.complete for cell in cells] == [False]
    assert "budget" in cells[0].reason


def test_a_count_that_moves_while_the_pages_are_read_leaves_the_search_incomplete(clock, adzuna):
    page = jobs("B", 50)
    adzuna.script(
        json_reply(200, {"count": 120, "results": page}),
        json_reply(200, {"count": 119, "results": jobs("C", 50)}),
        json_reply(200, {"count": 119, "results": jobs("D", 19)}),
    )

    _, cells = _sweep(make_adzuna_client(clock), [SearchSpec()])

    assert [cell.complete for cell in cells] == [False]
    assert "moved" in cells[0].reason


def test_a_search_that_fails_is_incomplete_and_a_search_adzuna_cannot_run_too(clock, adzuna):
    adzuna.script(json_reply(400, {"exception": "BAD_REQUEST", "display": "what: invalide"}))

    _, cells = _sweep(make_adzuna_client(clock), [SearchSpec(keywords="x"), SearchSpec(rome_code="D1102")])

    assert [cell.complete for cell in cells] == [False, False]
    assert "BAD_REQUEST" in cells[0].reason and cells[1].reason == "search not run"
