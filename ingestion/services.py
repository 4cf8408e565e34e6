"""The collection pipeline: raw payloads (bronze) -> normalised postings (silver) -> offers (gold).

One run per source at a time (a PostgreSQL advisory lock, released by the server
even when the process is killed). Payloads go through in batches; each batch is
one transaction that stores the raw payloads, upserts the offers and moves the
run's counters, so a run killed at any point leaves the database as it was after
its last whole batch. The next run starts from the last successful run's start
(`default_since`), fetches again what the killed run lost, and finds the batches
it did commit unchanged: nothing lost, nothing twice.
"""

from __future__ import annotations

import logging
import zlib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from ingestion.models import CollectionSearch, IngestionRun, NormalisationStatus, RawPayload, RunKind, RunStatus
from ingestion.normalise import NormalisationError, normalise
from ingestion.preparing import PreparedPayload, payload_prepare, prepared_chunks
from ingestion.sources.base import (
    FATAL_ERRORS,
    DetailStatus,
    MissingCredentials,
    QuotaExhausted,
    SearchSpec,
    SourceClient,
    SourceError,
    SourceUnavailable,
    client_for,
)
from offers import services as offer_services
from offers.bulk import copy_rows, copy_time, next_ids, statistics_refresh
from offers.models import OfferSource, OfferStatus, Source
from offers.services import PostingRecord, posting_record

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# The next collection starts a little before the previous one did: offers published
# while it ran are fetched again rather than missed (a re-fetch costs nothing).
SINCE_MARGIN = timedelta(hours=1)
FIRST_RUN_WINDOW = timedelta(days=1)
# Sources with no detail endpoint (Adzuna) cannot confirm an offer is still live:
# a posting not seen for this long is taken as withdrawn.
STALE_AFTER = timedelta(days=30)
# Detail calls per source and day of the re-check (France Travail: 3 calls/s, so ~2 h).
RECHECK_DAILY_LIMIT = 20_000
# Per-offer errors kept on a run (the count is exact; the messages stop here).
MAX_RECORDED_ERRORS = 50
_LOCK_NAMESPACE = 0x4A4D  # "JM"
# The tables a batch looks its keys up in: their statistics steer those look-ups' plans.
LOOKUP_TABLES = ("ingestion_rawpayload", "offers_offersource")

Progress = Callable[[IngestionRun], None]


class RunAlreadyActive(Exception):
    """Another run of the same source holds the lock."""


@dataclass
class BatchCounts:
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    merged: int = 0
    closed: int = 0

    def add_to(self, run: IngestionRun) -> None:
        for item in fields(self):
            setattr(run, item.name, getattr(run, item.name) + getattr(self, item.name))


# --- locking and run bookkeeping -----------------------------------------------------------


def run_lock_key(source: str) -> tuple[int, int]:
    """The two keys of the PostgreSQL advisory lock a run of `source` holds."""
    return _LOCK_NAMESPACE, zlib.crc32(source.encode()) & 0x7FFFFFFF


@contextmanager
def source_lock(source: str) -> Iterator[None]:
    """Hold the run lock of `source` on this database session, or raise RunAlreadyActive at once."""
    key = run_lock_key(source)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        acquired = cursor.fetchone()[0]
    if not acquired:
        active = IngestionRun.objects.filter(source=source, status=RunStatus.RUNNING).first()
        since = f" depuis le {timezone.localtime(active.started_at):%d/%m/%Y %H:%M}" if active else ""
        raise RunAlreadyActive(
            f"Une collecte {Source(source).label} est déjà en cours{since} : cette exécution s'arrête sans rien faire."
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def _close_interrupted_runs(source: str, now: datetime) -> None:
    # We hold the lock: a run still marked running is one whose process died (kill -9, crash, reboot).
    for run in IngestionRun.objects.filter(source=source, status=RunStatus.RUNNING):
        run.status = RunStatus.FAILED
        run.finished_at = now
        run.errors = [*run.errors, _error("interrupted", "Collecte interrompue (processus arrêté) ; reprise ensuite.")]
        run.save(update_fields=["status", "finished_at", "errors"])


def _error(kind: str, message: str) -> dict[str, str]:
    return {"kind": kind, "message": message, "at": timezone.now().isoformat()}


def _finish(run: IngestionRun, client: SourceClient | None, fatal: bool) -> IngestionRun:
    if client is not None:
        run.api_calls = client.stats.api_calls
        run.errors = [
            *run.errors,
            *(_error("warning", message) for message in client.stats.warnings),
            *(_error("source", message) for message in client.stats.errors),
        ]
        incomplete = bool(client.stats.not_collected or client.stats.errors or client.stats.warnings)
    else:
        incomplete = False
    incomplete = incomplete or bool(run.errors)  # a spent quota, an unreadable file...
    if fatal:
        run.status = RunStatus.FAILED
    elif run.failed or incomplete:
        run.status = RunStatus.PARTIAL
    else:
        run.status = RunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save()
    return run


def default_since(source: str, now: datetime) -> datetime:
    """From the start of the last collection that went to its end (minus a margin): a missed day is caught up."""
    last = (
        IngestionRun.objects.filter(
            source=source, kind=RunKind.COLLECT, status__in=[RunStatus.SUCCEEDED, RunStatus.PARTIAL]
        )
        .order_by("-started_at")
        .first()
    )
    return last.started_at - SINCE_MARGIN if last else now - FIRST_RUN_WINDOW


def calls_used_today(source: str, now: datetime) -> int:
    """API calls every run of `source` spent since midnight UTC (Adzuna's daily quota)."""
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    used = IngestionRun.objects.filter(source=source, started_at__gte=midnight).aggregate(n=Sum("api_calls"))["n"]
    return used or 0


def searches_for(source: str) -> list[SearchSpec]:
    """The active daily searches of a source; none configured means one search on all of France."""
    rows = CollectionSearch.objects.filter(source=source, active=True)
    searches = [SearchSpec(keywords=r.keywords, rome_code=r.rome_code, departement=r.departement) for r in rows]
    return searches or [SearchSpec()]


# --- bronze: raw payloads --------------------------------------------------------------------


@dataclass(frozen=True)
class StoredPayload:
    raw_id: int
    external_id: str
    outcome: PostingRecord | NormalisationError
    needs_processing: bool
    outcome_recorded: bool = False  # written with the row: no second write of the status


def raw_payloads_store(
    *, source: str, payloads: Sequence[PreparedPayload], run: IngestionRun | None, seen_at: datetime
) -> list[StoredPayload]:
    """Store payloads as received: new offers get version 1, changed ones a new version, seen ones a date."""
    incoming: dict[str, tuple[str, str]] = {}
    outcomes = {}
    for item in payloads:
        incoming[item.external_id] = (item.text, item.digest)
        outcomes[item.external_id] = item.outcome
    current, highest = _current_versions(source, incoming)
    seen_ids, retired_ids, stored = [], [], []
    new_rows: list[tuple[str, str, str, int]] = []  # external id, JSON text, hash, version
    for external_id, (text, digest) in incoming.items():
        known = current.get(external_id)
        if known and known[1] == digest:
            seen_ids.append(known[0])
            stored.append(
                StoredPayload(known[0], external_id, outcomes[external_id], known[3] != NormalisationStatus.OK)
            )
            continue
        if known:
            retired_ids.append(known[0])
        new_rows.append((external_id, text, digest, highest.get(external_id, 0) + 1))
    if seen_ids or retired_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE ingestion_rawpayload SET last_seen_at = %s WHERE id = ANY(%s);"
                " UPDATE ingestion_rawpayload SET is_current = false WHERE id = ANY(%s)",
                [seen_at, seen_ids, retired_ids],
            )
    ids = next_ids(RawPayload._meta.db_table, len(new_rows))
    seen = copy_time(seen_at)
    copy_rows(
        RawPayload._meta.db_table,
        RAW_COLUMNS,
        (
            # The payload column takes the JSON text already made for the hash: no second serialisation.
            (raw_id, source, external_id, version, True, text, digest, run.pk if run else None, seen, seen,
             *_outcome_columns(outcomes[external_id], seen))
            for raw_id, (external_id, text, digest, version) in zip(ids, new_rows, strict=True)
        ),
    )  # fmt: skip
    for raw_id, (external_id, *_) in zip(ids, new_rows, strict=True):
        stored.append(StoredPayload(raw_id, external_id, outcomes[external_id], True, outcome_recorded=True))
    return stored


def _current_versions(
    source: str, external_ids: Collection[str]
) -> tuple[dict[str, tuple[int, str, int, str]], dict[str, int]]:
    """(current version of each offer: id, hash, version, status; highest version of each), in one query.

    The ids go as one array parameter: the ORM's `__in` binds one placeholder per id, which
    cost more Python time than the query itself.
    """
    current: dict[str, tuple[int, str, int, str]] = {}
    highest: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT external_id, id, content_hash, version, status, is_current FROM ingestion_rawpayload"
            " WHERE source = %s AND external_id = ANY(%s)",
            [source, list(external_ids)],
        )
        for external_id, raw_id, digest, version, status, is_current in cursor.fetchall():
            if is_current:
                current[external_id] = (raw_id, digest, version, status)
            highest[external_id] = max(version, highest.get(external_id, 0))
    return current, highest


def _outcome_columns(outcome: PostingRecord | NormalisationError, at: str) -> tuple[str, str, str, str]:
    # The outcome is known before the row is written: it goes in with it (the offers are
    # upserted in the same transaction, so "ok" never outlives a failed upsert).
    if isinstance(outcome, NormalisationError):
        return NormalisationStatus.ERROR.value, outcome.code[:100], outcome.message, at
    return NormalisationStatus.OK.value, "", "", at


RAW_COLUMNS = [
    "id",
    "source",
    "external_id",
    "version",
    "is_current",
    "payload",
    "content_hash",
    "run_id",
    "first_seen_at",
    "last_seen_at",
    "status",
    "error_type",
    "error_message",
    "normalised_at",
]


# --- silver and gold ------------------------------------------------------------------------------


def normalise_and_upsert(
    *,
    source: str,
    raws: Sequence[tuple[int, Any]],
    seen_at: datetime,
    from_source: bool = True,
    recorded: Collection[int] = (),
) -> BatchCounts:
    """Normalise raw payloads, upsert the good ones into offers, record each payload's outcome.

    `raws` holds (raw id, payload), or (raw id, outcome) when the payload was prepared ahead;
    the outcome of the raw ids in `recorded` is already stored.
    """
    counts = BatchCounts()
    good: list[tuple[int, PostingRecord]] = []
    bad: dict[tuple[str, str], list[int]] = defaultdict(list)
    for raw_id, item in raws:
        if not isinstance(item, PostingRecord | NormalisationError):
            try:
                item = posting_record(normalise(source, item))
            except NormalisationError as error:
                item = error
        if isinstance(item, NormalisationError):
            bad[(item.code, item.message)].append(raw_id)
        else:
            good.append((raw_id, item))
    if good:
        result = offer_services.postings_upsert(
            postings=[record for _, record in good], seen_at=seen_at, from_source=from_source
        )
        counts.new, counts.merged = result.new, result.merged
        counts.updated, counts.unchanged = result.updated, result.unchanged
        offer_services.occupations_grow(
            entries=(
                (r.data["rome_code"], r.data["rome_label"], r.data["occupation_title"])
                for _, r in good
                if r.data["rome_code"]
            )
        )
    now = timezone.now()
    recorded = set(recorded)
    good_ids = [raw_id for raw_id, _ in good if raw_id not in recorded]
    if good_ids:
        RawPayload.objects.filter(id__in=good_ids).update(
            status=NormalisationStatus.OK, error_type="", error_message="", normalised_at=now
        )
    for (code, message), raw_ids in bad.items():
        counts.failed += len(raw_ids)
        raw_ids = [raw_id for raw_id in raw_ids if raw_id not in recorded]
        if raw_ids:
            RawPayload.objects.filter(id__in=raw_ids).update(
                status=NormalisationStatus.ERROR, error_type=code, error_message=message, normalised_at=now
            )
    return counts


def payload_batch_ingest(*, run: IngestionRun, payloads: Sequence[Any], seen_at: datetime) -> BatchCounts:
    """One batch from a source: raw store, then normalise and upsert what is new or changed.

    `payloads` are raw payloads or PreparedPayload (prepared ahead by `prepared_chunks`).
    The same offer may come more than once in a batch (a replayed folder holding two of
    its versions): the last one is its current state, the earlier different ones are kept
    as history, so that nothing received is lost and a replay run twice adds nothing.
    """
    prepared = [p if isinstance(p, PreparedPayload) else payload_prepare(run.source, p) for p in payloads]
    last = {item.external_id: index for index, item in enumerate(prepared)}
    latest = [item for index, item in enumerate(prepared) if last[item.external_id] == index]
    earlier = [item for index, item in enumerate(prepared) if last[item.external_id] != index]
    history = raw_history_store(source=run.source, payloads=earlier, latest=latest, run=run, seen_at=seen_at)

    stored = raw_payloads_store(source=run.source, payloads=latest, run=run, seen_at=seen_at)
    unchanged = [item.external_id for item in stored if not item.needs_processing]
    offer_services.postings_touch(source=run.source, external_ids=unchanged, seen_at=seen_at)
    counts = normalise_and_upsert(
        source=run.source,
        raws=[(item.raw_id, item.outcome) for item in stored if item.needs_processing],
        recorded={item.raw_id for item in stored if item.outcome_recorded},
        seen_at=seen_at,
    )
    counts.fetched = len(payloads)
    # An earlier version stored as history is an update that a later one superseded;
    # a repeat of something already stored changed nothing.
    counts.updated += history
    counts.unchanged += len(unchanged) + len(earlier) - history
    return counts


def _highest_versions(source: str, external_ids: Iterable[str]) -> dict[str, int]:
    return dict(
        RawPayload.objects.filter(source=source, external_id__in=list(external_ids))
        .values("external_id")
        .annotate(highest=Max("version"))
        .values_list("external_id", "highest")
    )


def raw_history_store(
    *,
    source: str,
    payloads: Sequence[PreparedPayload],
    latest: Sequence[PreparedPayload],
    run: IngestionRun | None,
    seen_at: datetime,
) -> int:
    """Store, as non-current versions, the payloads a batch superseded, unless that exact
    content is already stored for the offer or is its latest state. Returns how many."""
    if not payloads:
        return 0
    latest_digest = {item.external_id: item.digest for item in latest}
    ids = {item.external_id for item in payloads}
    known = set(
        RawPayload.objects.filter(source=source, external_id__in=list(ids)).values_list("external_id", "content_hash")
    )
    highest = _highest_versions(source, ids)
    rows = []
    for item in payloads:
        key = (item.external_id, item.digest)
        if key in known or item.digest == latest_digest.get(item.external_id):
            continue
        known.add(key)
        highest[item.external_id] = highest.get(item.external_id, 0) + 1
        rows.append((item, highest[item.external_id]))
    seen = copy_time(seen_at)
    copy_rows(
        RawPayload._meta.db_table,
        RAW_COLUMNS,
        (
            (raw_id, source, item.external_id, version, False, item.text, item.digest, run.pk if run else None,
             seen, seen, *_outcome_columns(item.outcome, seen))
            for raw_id, (item, version) in zip(next_ids(RawPayload._meta.db_table, len(rows)), rows, strict=True)
        ),
    )  # fmt: skip
    return len(rows)


def _commit_batch(run: IngestionRun, client: SourceClient | None, payloads: Sequence[Any]) -> None:
    with transaction.atomic():
        # The commit does not wait for its WAL to reach the disk (~5 ms a batch). A server
        # crash can then lose the batches of its last second: their run is left "running",
        # closed as interrupted by the next one, which fetches them again. A killed client
        # loses nothing (the server had the commit).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
        counts = payload_batch_ingest(run=run, payloads=payloads, seen_at=timezone.now())
        counts.add_to(run)
        if client is not None:
            run.api_calls = client.stats.api_calls  # saved as the run goes: a killed run's calls still count
        run.save()


def _process_pending(run: IngestionRun, progress: Progress | None) -> None:
    """Payloads stored but never normalised (left by an older version or a crash): process them first."""
    pending = RawPayload.objects.filter(source=run.source, is_current=True, status=NormalisationStatus.PENDING)
    for chunk in _chunks(pending.values_list("id", "payload", "last_seen_at").iterator(), BATCH_SIZE):
        with transaction.atomic():
            seen_at = max(row[2] for row in chunk)
            counts = normalise_and_upsert(source=run.source, raws=[(r[0], r[1]) for r in chunk], seen_at=seen_at)
            counts.add_to(run)
            run.save()
        if progress:
            progress(run)


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    try:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except Exception:
        # The source failed (a spent quota, an outage): what it already sent was paid for in
        # API calls and is stored before the error goes on.
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


# --- runs -------------------------------------------------------------------------------------------


def ingestion_run(
    *,
    source: str,
    client: SourceClient,
    searches: Sequence[SearchSpec] = (),
    since: datetime | None = None,
    kind: str = RunKind.COLLECT,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestionRun:
    """Collect from `client` into the three layers, recording the run. Raises RunAlreadyActive."""
    with source_lock(source):
        now = timezone.now()
        _close_interrupted_runs(source, now)
        run = IngestionRun.objects.create(source=source, kind=kind, since=since, started_at=now)
        fatal = False
        try:
            _process_pending(run, progress)
            # A replay ignores the window; an API client always gets one (run.since keeps what was asked).
            window = since if since is not None else now - FIRST_RUN_WINDOW
            payloads = client.collect(searches=searches or [SearchSpec()], since=window)
            for chunk in prepared_chunks(source, _chunks(payloads, batch_size)):
                _commit_batch(run, client, chunk)
                statistics_refresh(LOOKUP_TABLES)
                if progress:
                    progress(run)
        except QuotaExhausted as error:
            run.errors = [*run.errors, _error("quota", str(error))]  # what was fetched is kept; not a failure
        except SourceError as error:
            logger.error("ingestion %s: %s", source, error)
            run.errors = [*run.errors, _error("source", str(error))]
            fatal = True
        except Exception as error:
            # Not a source error (a bug, the database gone): the run is recorded as failed, then it propagates.
            run.errors = [*run.errors, _error("crash", f"{type(error).__name__}: {error}")]
            _finish(run, client, fatal=True)
            raise
        return _finish(run, client, fatal)


def source_collect(*, source: str, since: datetime | None = None, progress: Progress | None = None) -> IngestionRun:
    """The daily collection of one source with its configured searches. Raises MissingCredentials."""
    now = timezone.now()
    client = client_for(source, calls_already_used_today=calls_used_today(source, now))
    return ingestion_run(
        source=source,
        client=client,
        searches=searches_for(source),
        since=since or default_since(source, now),
        progress=progress,
    )


def sources_collect_all() -> dict[str, str]:
    """Every source in turn; one source's missing credentials or active run never stops the others."""
    outcome = {}
    for source in Source.values:
        try:
            run = source_collect(source=source)
        except (SourceError, RunAlreadyActive) as error:
            logger.warning("ingestion %s skipped: %s", source, error)
            outcome[source] = f"skipped: {error}"
            continue
        outcome[source] = f"run {run.pk}: {run.status}"
    return outcome


@dataclass
class DryRunCounts:
    fetched: int = 0
    valid: int = 0
    failed: int = 0
    known: int = 0
    api_calls: int = 0


def ingestion_dry_run(
    *,
    source: str,
    client: SourceClient,
    searches: Sequence[SearchSpec] = (),
    since: datetime | None = None,
    progress: Callable[[DryRunCounts], None] | None = None,
) -> DryRunCounts:
    """Fetch and normalise without writing anything: what a run would bring."""
    counts = DryRunCounts()
    window = since if since is not None else timezone.now() - FIRST_RUN_WINDOW
    for chunk in _chunks(client.collect(searches=searches or [SearchSpec()], since=window), BATCH_SIZE):
        ids = []
        for payload in chunk:
            counts.fetched += 1
            try:
                ids.append(normalise(source, payload).external_id)
                counts.valid += 1
            except NormalisationError:
                counts.failed += 1
        counts.known += OfferSource.objects.filter(source=source, external_id__in=ids).count()
        counts.api_calls = client.stats.api_calls
        if progress:
            progress(counts)
    counts.api_calls = client.stats.api_calls
    return counts


def payloads_reprocess(
    *, source: str, errors_only: bool = False, progress: Progress | None = None, batch_size: int = BATCH_SIZE
) -> IngestionRun:
    """Rebuild postings and offers from the stored raw payloads, without any API call.

    Payloads in error are retried; known postings keep their dates and withdrawals.
    """
    with source_lock(source):
        run = IngestionRun.objects.create(source=source, kind=RunKind.REPROCESS)
        raws = RawPayload.objects.filter(source=source, is_current=True).order_by("id")
        if errors_only:
            raws = raws.filter(status=NormalisationStatus.ERROR)
        for chunk in _chunks(raws.values_list("id", "payload", "last_seen_at").iterator(), batch_size):
            with transaction.atomic():
                counts = normalise_and_upsert(
                    source=source,
                    raws=[(row[0], row[1]) for row in chunk],
                    seen_at=max(row[2] for row in chunk),
                    from_source=False,
                )
                counts.fetched = len(chunk)
                counts.add_to(run)
                run.save()
            statistics_refresh(LOOKUP_TABLES)
            if progress:
                progress(run)
        return _finish(run, None, fatal=False)


# --- closing withdrawn offers ---------------------------------------------------------------------


def _vanished_postings(source: str) -> list[str]:
    """Live postings the last complete collection should have returned and did not."""
    last = (
        IngestionRun.objects.filter(source=source, kind=RunKind.COLLECT, status=RunStatus.SUCCEEDED)
        .order_by("-started_at")
        .first()
    )
    if last is None or last.since is None:
        return []
    return list(
        OfferSource.objects.filter(
            source=source,
            withdrawn_at__isnull=True,
            offer__status=OfferStatus.OPEN,
            published_at__gte=last.since,
            last_seen_at__lt=last.started_at,
        ).values_list("external_id", flat=True)
    )


def open_offers_recheck(
    *, source: str, client: SourceClient | None, limit: int = RECHECK_DAILY_LIMIT, progress: Progress | None = None
) -> IngestionRun:
    """Close the offers their source withdrew (same day), and follow edits of the others.

    With a client that reads details (France Travail), the postings the last collection
    missed are checked first, then the least recently checked ones up to `limit`; a
    "withdrawn" answer closes them. Without one (Adzuna, or no credentials), postings
    are closed on absence: missed by the last complete collection, or unseen for STALE_AFTER.
    """
    with source_lock(source):
        now = timezone.now()
        run = IngestionRun.objects.create(source=source, kind=RunKind.RECHECK, started_at=now)
        vanished = _vanished_postings(source)
        fatal = False
        if client is None or not client.supports_detail:
            stale = OfferSource.objects.filter(
                source=source,
                withdrawn_at__isnull=True,
                offer__status=OfferStatus.OPEN,
                last_seen_at__lt=now - STALE_AFTER,
            ).values_list("external_id", flat=True)
            with transaction.atomic():
                run.closed = offer_services.postings_withdraw(
                    source=source, external_ids=sorted({*vanished, *stale}), at=now
                )
                run.save()
            return _finish(run, client, fatal)

        live = OfferSource.objects.filter(source=source, withdrawn_at__isnull=True, offer__status=OfferStatus.OPEN)
        rolling = (
            live.exclude(external_id__in=vanished)
            .order_by(F("checked_at").asc(nulls_first=True), "id")
            .values_list("external_id", flat=True)[: max(limit - len(vanished), 0)]
        )
        to_check = [*vanished[:limit], *rolling]
        rejected = 0
        try:
            for chunk in _chunks(to_check, BATCH_SIZE):
                found, withdrawn, checked = [], [], []
                try:
                    for external_id in chunk:
                        try:
                            result = client.fetch_detail(external_id)
                        except FATAL_ERRORS:
                            raise
                        except SourceError as error:
                            # One offer the source refuses to describe (a 400 on an odd id)
                            # must not stop the re-check of all the others.
                            rejected += 1
                            if rejected <= MAX_RECORDED_ERRORS:
                                run.errors = [*run.errors, _error("detail", f"{external_id}: {error}")]
                            checked.append(external_id)
                            continue
                        checked.append(external_id)
                        if result.status is DetailStatus.FOUND and result.payload is not None:
                            found.append(result.payload)
                        elif result.status is DetailStatus.WITHDRAWN:
                            withdrawn.append(external_id)
                finally:
                    # What was checked before an error is saved, so that the next re-check moves on.
                    with transaction.atomic():
                        at = timezone.now()
                        if found:
                            payload_batch_ingest(run=run, payloads=found, seen_at=at).add_to(run)
                        run.closed += offer_services.postings_withdraw(source=source, external_ids=withdrawn, at=at)
                        offer_services.postings_mark_checked(source=source, external_ids=checked, at=at)
                        run.api_calls = client.stats.api_calls
                        run.save()
                if progress:
                    progress(run)
        except QuotaExhausted as error:
            run.errors = [*run.errors, _error("quota", str(error))]
        except SourceUnavailable as error:
            run.errors = [*run.errors, _error("source", str(error))]
            fatal = True
        except SourceError as error:
            run.errors = [*run.errors, _error("source", str(error))]
            fatal = True
        return _finish(run, client, fatal)


def sources_recheck_all() -> dict[str, str]:
    outcome = {}
    now = timezone.now()
    for source in Source.values:
        try:
            try:
                client: SourceClient | None = client_for(source, calls_already_used_today=calls_used_today(source, now))
            except MissingCredentials:
                client = None  # closing on absence needs no API
            run = open_offers_recheck(source=source, client=client)
        except (SourceError, RunAlreadyActive) as error:
            logger.warning("re-check %s skipped: %s", source, error)
            outcome[source] = f"skipped: {error}"
            continue
        outcome[source] = f"run {run.pk}: {run.closed} closed"
    return outcome
