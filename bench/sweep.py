"""Complete daily sweeps at national scale, simulated on a local replay server (never the real APIs).

    python bench/sweep.py [--live 900000] [--scale 10] [--days 3] [--seed 7] [--latency 0.25] [--sweeps 2]

A local HTTP server replays the France Travail API (token, search with range paging and
Content-Range, detail) over a catalogue that changes with simulated time: `--live` live
offers at the start (their ages spread like a 50-day life), then every day 2 % of the live
offers withdrawn, 3 % created and 1 % edited, each at a random moment of the day. At 05:00
and 17:00 (simulated; as the beat schedule does; `--sweeps 1`: 05:00 only) the real France
Travail client and the real sweep (`ingestion.services.collection.ingestion_sweep`, then the
re-check of what it could not settle) run against it at the API's 3 requests/s, into a throwaway database. The clock is
simulated: the client's rate limiter and the server's latency move it, nobody waits.

Scaled run (`--scale k`): the catalogue holds live/k offers and the server pages by 150/k
with a first index of at most 3000/k, the client likewise: the sweep splits the same
creation-date windows and sends about the same number of requests as at full scale (requests
are what the daily budget is about), while storing a k-th of the payloads. Wall time and
database growth are measured on the scaled catalogue and multiplied by k (stated as such).

Prints per simulated day: requests (and the share of the day's 3/s budget), the sweep's
simulated duration, parts read again or incomplete, offers closed, wall time, database
growth; then over the days: the share of withdrawn offers closed within 24 h, the offers
wrongly closed (live at the source when closed), and new and edited offers seen within 24 h.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
os.environ.setdefault("JOBMARKET_TESTING", "1")
os.environ["TEST_DB_SUFFIX"] = "sweep"

DAY = 86400.0
START = datetime(2026, 11, 2, 5, 0, tzinfo=UTC)  # the first sweep (day 0, the first load)
MEAN_LIFE_DAYS = 50  # 2 % withdrawn a day
RATE_PER_SECOND = 3
DETAIL_DAILY_LIMIT = 20_000
TABLES = ["ingestion_rawpayload", "offers_offersource", "offers_offer", "offers_offerchange"]


class SimClock:
    """Simulated time shared by the client (its rate limiter sleeps here) and the server."""

    def __init__(self, start: datetime) -> None:
        self._start = start.timestamp()
        self._elapsed = 0.0
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        return self._elapsed

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._elapsed += max(0.0, seconds)

    def timestamp(self) -> float:
        return self._start + self._elapsed

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp(), UTC)

    def set(self, moment: float) -> None:
        with self._lock:
            self._elapsed = max(self._elapsed, moment - self._start)


@dataclass
class Catalogue:
    """Every offer the simulation will ever hold, with its life: created, withdrawn, edited (epoch seconds)."""

    ids: list[str] = field(default_factory=list)
    created: list[float] = field(default_factory=list)
    withdrawn: list[float] = field(default_factory=list)
    edited: list[float] = field(default_factory=list)
    departement: list[str] = field(default_factory=list)
    payloads: list[bytes] = field(default_factory=list)  # version 0, as JSON
    order: list[int] = field(default_factory=list)  # indexes by creation time
    created_sorted: list[float] = field(default_factory=list)
    index_of: dict[str, int] = field(default_factory=dict)

    def finish(self) -> None:
        self.order = sorted(range(len(self.ids)), key=self.created.__getitem__)
        self.created_sorted = [self.created[i] for i in self.order]
        self.index_of = {offer_id: i for i, offer_id in enumerate(self.ids)}

    def live(self, i: int, moment: float) -> bool:
        return self.created[i] <= moment < self.withdrawn[i]


def _stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass(frozen=True)
class Churn:
    """Shares of the live offers withdrawn, created and edited each day."""

    withdrawn: float = 0.02
    new: float = 0.03
    edited: float = 0.01


def build_catalogue(live: int, days: int, seed: int, churn: Churn) -> Catalogue:
    """The offers live at the start and every change of the days to come, decided up front."""
    from bench.gen_offers import iter_offers

    rng = random.Random(seed)
    start = START.timestamp()
    catalogue = Catalogue()
    # Live at the start: ages of a 50-day mean life, at most two years.
    catalogue.created = [start - min(rng.expovariate(1 / (MEAN_LIFE_DAYS * DAY)), 730 * DAY) for _ in range(live)]
    catalogue.withdrawn = [float("inf")] * live
    catalogue.edited = [float("inf")] * live
    alive = list(range(live))
    for day in range(days + 1):
        begin = start + day * DAY
        for i in rng.sample(alive, int(len(alive) * churn.withdrawn)):
            catalogue.withdrawn[i] = begin + rng.random() * DAY
        for i in rng.sample(alive, int(len(alive) * churn.edited)):
            catalogue.edited[i] = begin + rng.random() * DAY
        for _ in range(int(len(alive) * churn.new)):
            catalogue.created.append(begin + rng.random() * DAY)
            catalogue.withdrawn.append(float("inf"))
            catalogue.edited.append(float("inf"))
        alive = [i for i in range(len(catalogue.created)) if catalogue.withdrawn[i] > begin + DAY]
    # Payloads of the generator's France Travail shape (texts, places, salaries, partner offers
    # and their reposts, which the deduplication merges), each with its own id and dates.
    templates = (
        payload for source, payload in iter_offers(len(catalogue.created) * 2, seed) if source == "francetravail"
    )
    for i, created in enumerate(catalogue.created):
        template = next(templates)
        catalogue.ids.append(f"S{i:07d}")
        catalogue.departement.append(str((template.get("lieuTravail") or {}).get("libelle", "")).split(" - ")[0])
        stamp = _stamp(created)
        payload = {**template, "id": catalogue.ids[i], "dateCreation": stamp, "dateActualisation": stamp}
        catalogue.payloads.append(json.dumps(payload, ensure_ascii=False).encode())
    catalogue.finish()
    return catalogue


def edited_payload(catalogue: Catalogue, i: int) -> bytes:
    payload = json.loads(catalogue.payloads[i])
    payload["dateActualisation"] = _stamp(catalogue.edited[i])
    payload["description"] = f"{payload.get('description', '')}\nMise à jour : horaires modifiés."
    return json.dumps(payload, ensure_ascii=False).encode()


class ReplayedFranceTravail:
    """France Travail's token, search and detail answers over the catalogue at the clock's time."""

    def __init__(self, catalogue: Catalogue, clock: SimClock, *, page_size: int, max_first: int, latency: float):
        self.catalogue = catalogue
        self.clock = clock
        self.page_size = page_size
        self.max_first = max_first
        self.latency = latency
        self.requests = 0
        self._edited: dict[int, bytes] = {}

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.requests += 1
        self.clock.advance(self.latency)
        if path.endswith("/access_token"):
            body = {"access_token": "t", "token_type": "Bearer", "expires_in": 1499, "scope": "api_offresdemploiv2"}
            return 200, {}, json.dumps(body).encode()
        if path.endswith("/offres/search"):
            return self._search(query)
        index = self.catalogue.index_of.get(path.rsplit("/", 1)[1])
        if index is None or not self.catalogue.live(index, self.clock.timestamp()):
            return 404, {}, b'{"codeHttp": 404, "message": "Aucune offre"}'
        return 200, {}, self._payload(index, self.clock.timestamp())

    def _payload(self, i: int, moment: float) -> bytes:
        if self.catalogue.edited[i] <= moment:
            if i not in self._edited:
                self._edited[i] = edited_payload(self.catalogue, i)
            return self._edited[i]
        return self.catalogue.payloads[i]

    def _search(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        first, _, last = query.get("range", "0-0").partition("-")
        first_index, last_index = int(first), int(last)
        if first_index > self.max_first or last_index - first_index >= self.page_size:
            return 400, {}, b'{"codeHttp": 400, "message": "Plage invalide"}'
        low = datetime.strptime(query["minCreationDate"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
        high = datetime.strptime(query["maxCreationDate"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
        moment = self.clock.timestamp()
        catalogue = self.catalogue
        begin = bisect.bisect_left(catalogue.created_sorted, low)
        end = bisect.bisect_right(catalogue.created_sorted, high)  # exact times: a boundary second is shared
        departement = query.get("departement")
        matches = [
            i
            for i in catalogue.order[begin:end]
            if catalogue.created[i] <= moment < catalogue.withdrawn[i]
            and (departement is None or catalogue.departement[i] == departement)
        ]
        total = len(matches)
        if total == 0:
            return 204, {}, b""
        matches.reverse()  # sort=1: newest first
        window = matches[first_index : last_index + 1]
        body = b'{"resultats":[' + b",".join(self._payload(i, moment) for i in window) + b'],"filtresPossibles":[]}'
        if first_index == 0 and total <= last_index + 1:
            return 200, {}, body
        return 206, {"Content-Range": f"offres {first_index}-{first_index + len(window) - 1}/{total}"}, body


class ReplayServer:
    def __init__(self, api: ReplayedFranceTravail) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self._serve()

            def _serve(self) -> None:
                parts = urlsplit(self.path)
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                status, headers, body = api.answer(parts.path, query)
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _sizes() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname = ANY(%s)", [TABLES])
        return dict(cursor.fetchall())


def _mb(value: float) -> str:
    return f"{value / 1e6:,.1f} MB"


@dataclass
class Day:
    number: int
    requests: int = 0
    detail_requests: int = 0
    sweep_seconds: float = 0.0  # simulated: what the API's rate and latency take
    recheck_seconds: float = 0.0
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process, its preparing children and its PostgreSQL backend
    rereads: int = 0
    closed_by_sweep: int = 0
    closed_by_recheck: int = 0
    parts: int = 0
    incomplete_parts: int = 0
    complete: bool = False
    sweeps: int = 0
    first_sweep_end: float = 0.0  # simulated timestamp
    growth: dict[str, int] = field(default_factory=dict)


def _client(server_url: str, clock: SimClock, *, page_size: int = 150, max_first: int = 3000) -> Any:
    from ingestion.sources.francetravail import FranceTravailClient
    from ingestion.sources.transport import HttpPolicy

    return FranceTravailClient(
        client_id="id",
        client_secret="secret",
        token_url=f"{server_url}/connexion/oauth2/access_token",
        api_url=f"{server_url}/partenaire/offresdemploi/v2",
        requests_per_second=RATE_PER_SECOND,
        page_size=page_size,
        max_first_index=max_first,
        policy=HttpPolicy(timeout=30, max_attempts=3),
        clock=clock,
    )


def _cpu_seconds() -> float:
    from django.db import connection

    from bench.cpu import backend_cpu_seconds, children_cpu_seconds

    return time.process_time() + children_cpu_seconds() + (backend_cpu_seconds(connection) or 0.0)


def run_day(
    number: int, api: ReplayedFranceTravail, server_url: str, scale: int, closed_at: dict[str, float], sweeps: int = 1
) -> Day:
    """The day's sweeps (05:00, then every 24/sweeps h), each followed by the re-check; closings timed."""
    day = Day(number)
    begin_wall, begin_cpu, sizes = time.perf_counter(), _cpu_seconds(), _sizes()
    for index in range(sweeps):
        api.clock.set(START.timestamp() + number * DAY + index * DAY / sweeps)
        _sweep(day, api, server_url, scale, closed_at)
        if index == 0:
            day.first_sweep_end = api.clock.timestamp()
    day.wall_seconds, day.cpu_seconds = time.perf_counter() - begin_wall, _cpu_seconds() - begin_cpu
    day.growth = {table: size - sizes.get(table, 0) for table, size in _sizes().items()}
    return day


def _sweep(day: Day, api: ReplayedFranceTravail, server_url: str, scale: int, closed_at: dict[str, float]) -> None:
    """One sweep then the re-check of what it could not settle, added to the day's figures."""
    from ingestion.services import closing, collection
    from ingestion.sources import SweepCell
    from offers.models import OfferSource

    clock = api.clock
    begin_sim = clock.timestamp()

    def closed(ids: list[str]) -> None:
        for external_id in ids:
            closed_at.setdefault(external_id, clock.timestamp())

    client = _client(server_url, clock, page_size=api.page_size, max_first=api.max_first)
    sweep = client.sweep
    parts: list[bool] = []

    def counted_sweep(**kwargs: Any) -> Any:
        for item in sweep(**kwargs):
            if isinstance(item, SweepCell):
                parts.append(item.complete)
            yield item

    client.sweep = counted_sweep  # type: ignore[method-assign]
    run = collection.ingestion_sweep(source="francetravail", client=client, on_closed=closed)
    day.requests += client.stats.api_calls
    day.complete = bool(run.complete) and (day.complete or day.sweeps == 0)
    day.closed_by_sweep += run.closed
    day.parts += len(parts)
    day.incomplete_parts += parts.count(False)
    day.rereads += client.stats.rereads
    swept = clock.timestamp()
    day.sweep_seconds += swept - begin_sim

    # Detail calls are per offer: a scaled catalogue has a k-th of the ambiguous ones, and a k-th of the budget.
    withdrawn = OfferSource.objects.filter(withdrawn_at__isnull=False)
    before = set(withdrawn.values_list("external_id", flat=True))
    detail = _client(server_url, clock)
    limit = DETAIL_DAILY_LIMIT // scale - day.detail_requests
    recheck = closing.open_offers_recheck(source="francetravail", client=detail, limit=max(limit, 0))
    closed(sorted(set(withdrawn.values_list("external_id", flat=True)) - before))
    day.detail_requests += detail.stats.api_calls
    day.closed_by_recheck += recheck.closed
    day.recheck_seconds += clock.timestamp() - swept
    day.sweeps += 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--live", type=int, default=900_000, help="live offers at national scale")
    parser.add_argument("--scale", type=int, default=10, help="simulate live/scale offers, pages scaled alike")
    parser.add_argument("--days", type=int, default=3, help="simulated days after the first load")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--latency", type=float, default=0.25, help="seconds the API takes to answer")
    parser.add_argument("--sweeps", type=int, default=2, choices=(1, 2), help="France Travail sweeps a day")
    parser.add_argument("--withdrawn", type=float, default=0.02, help="share of live offers withdrawn a day")
    parser.add_argument("--new", type=float, default=0.03, help="share of live offers created a day")
    parser.add_argument("--edited", type=float, default=0.01, help="share of live offers edited a day")
    args = parser.parse_args(argv)
    if not 1 <= args.scale <= 150 or 150 % args.scale or 3000 % args.scale:
        parser.error("--scale must divide 150 (pages of 150/scale offers)")

    import logging

    import django

    django.setup()
    logging.getLogger("ingestion").setLevel(logging.WARNING)  # a line a page otherwise
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from ingestion.models import RawPayload
    from offers.models import OfferSource

    started = time.perf_counter()
    live = args.live // args.scale
    churn = Churn(withdrawn=args.withdrawn, new=args.new, edited=args.edited)
    catalogue = build_catalogue(live, args.days, args.seed, churn)
    print(
        f"catalogue: {live:,} live offers at the start (national {args.live:,} / {args.scale}),"
        f" {len(catalogue.ids):,} over {args.days} days ({churn.withdrawn:.0%} withdrawn, {churn.new:.0%} new,"
        f" {churn.edited:.0%} edited a day); built in {time.perf_counter() - started:.0f} s"
    )
    api = ReplayedFranceTravail(
        catalogue, SimClock(START), page_size=150 // args.scale, max_first=3000 // args.scale, latency=args.latency
    )
    server = ReplayServer(api)
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    closed_at: dict[str, float] = {}
    days: list[Day] = []
    try:
        load = os.getloadavg()[0]
        print(f"database: {connection.settings_dict['NAME']}; load average {load:.1f} on {os.cpu_count()} cores")
        for number in range(args.days + 1):
            day = run_day(number, api, server.url, args.scale, closed_at, sweeps=args.sweeps)
            days.append(day)
            _print_day(day, args.scale)
        end = api.clock.timestamp()
        # Payloads the normalisers refuse (the generator's broken ones) become no offer: nothing to close.
        stored = set(OfferSource.objects.values_list("external_id", flat=True))
        received = set(RawPayload.objects.values_list("external_id", flat=True))
        sizes = _sizes()
    finally:
        teardown_databases(old_config, verbosity=0)
        server.close()
    _report(catalogue, days, closed_at, stored, received, end, sizes, args)
    return 0


def _print_day(day: Day, scale: int) -> None:
    label = "first load" if day.number == 0 else f"day {day.number}"
    growth = sum(day.growth.values())
    print(
        f"{label}: {day.requests:,} sweep requests + {day.detail_requests:,} detail"
        f" ({(day.requests + day.detail_requests) / (RATE_PER_SECOND * DAY):.1%} of the 3/s day);"
        f" sweep {day.sweep_seconds / 60:.1f} min + re-check {day.recheck_seconds / 60:.1f} min simulated,"
        f" {'complete' if day.complete else 'INCOMPLETE'} ({day.parts} parts, {day.rereads} read again,"
        f" {day.incomplete_parts} incomplete);"
        f" closed {day.closed_by_sweep} offers by the sweep, {day.closed_by_recheck} by detail calls;"
        f" wall {day.wall_seconds:.0f} s, CPU {day.cpu_seconds:.0f} s (x{scale}: {day.wall_seconds * scale / 60:.0f}"
        f" and {day.cpu_seconds * scale / 60:.0f} min); database +{_mb(growth)} (x{scale}: {_mb(growth * scale)})"
    )


def _mean(values: Sequence[float]) -> float:
    return sum(values) / max(len(values), 1)


def _report(
    catalogue: Catalogue,
    days: list[Day],
    closed_at: dict[str, float],
    stored: set[str],
    received: set[str],
    end: float,
    sizes: dict[str, int],
    args: argparse.Namespace,
) -> None:
    first_load_end = days[0].first_sweep_end
    # Withdrawn after the first load and a day or more before the end: each had a whole day to be closed.
    withdrawn = [
        i
        for i, moment in enumerate(catalogue.withdrawn)
        if first_load_end <= moment <= end - DAY and catalogue.ids[i] in stored
    ]
    delays = sorted(
        closed_at[catalogue.ids[i]] - catalogue.withdrawn[i] for i in withdrawn if catalogue.ids[i] in closed_at
    )
    within = sum(delay <= DAY for delay in delays)
    wrong = [i for i, moment in closed_at.items() if catalogue.live(catalogue.index_of[i], moment)]
    created = [i for i, moment in enumerate(catalogue.created) if first_load_end <= moment <= end - DAY]
    seen_new = sum(catalogue.ids[i] in received for i in created)
    refused = len(received - stored)
    later, k = days[1:], args.scale
    requests = _mean([d.requests + d.detail_requests for d in later])
    detail = _mean([d.detail_requests for d in later])
    simulated = _mean([d.sweep_seconds + d.recheck_seconds for d in later])
    wall, cpu = _mean([d.wall_seconds for d in later]), _mean([d.cpu_seconds for d in later])
    growth = _mean([sum(d.growth.values()) for d in later])
    median = delays[len(delays) // 2] / 3600 if delays else 0.0
    share = within / max(len(withdrawn), 1)
    print(
        f"\nover {len(later)} simulated days ({args.live:,} live offers at national scale, simulated at 1/{k}):\n"
        f"  withdrawn offers closed within 24 h: {within:,} of {len(withdrawn):,} = {share:.2%}"
        f" (closed at all: {len(delays):,}; delay median {median:.1f} h, longest {(delays or [0])[-1] / 3600:.2f} h)\n"
        f"  wrongly closed (live at the source when closed): {len(wrong)}\n"
        f"  new offers collected within a day of their publication: {seen_new:,} of {len(created):,}"
        f" ({refused} payloads of the whole run refused by the normalisers, kept in error: no offer, nothing"
        " to close)\n"
        f"  requests a day: {requests:,.0f} of the {RATE_PER_SECOND * DAY:,.0f} that 3/s allows"
        f" ({requests / (RATE_PER_SECOND * DAY):.1%}), detail calls {detail:,.0f} (x{k}: {detail * k:,.0f}"
        f" of {DETAIL_DAILY_LIMIT:,})\n"
        f"  duration, API-bound (simulated at 3/s, {args.latency:.2f} s latency): {simulated / 60:.1f} min a day\n"
        f"  processing on this machine: wall {wall:.0f} s, CPU {cpu:.0f} s a day"
        f" (x{k}: {wall * k / 60:.0f} and {cpu * k / 60:.0f} min)\n"
        f"  database growth a day: {_mb(growth)} (x{k}: {_mb(growth * k)});"
        f" at the end {', '.join(f'{table} {_mb(size)}' for table, size in sorted(sizes.items()))}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
