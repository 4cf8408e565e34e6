"""Storage of a batch: raw payloads (bronze) -> normalised postings (silver) -> offers (gold).

Each batch is one transaction that stores the raw payloads, upserts the offers and
moves the run's counters, so a run killed at any point leaves the database as it was
after its last whole batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from ingestion.models import IngestionRun, NormalisationStatus, RawPayload
from ingestion.normalise import NormalisationError, normalise
from ingestion.preparing import PreparedPayload, payload_prepare
from ingestion.services.runs import Progress
from ingestion.sources.base import SourceClient, SweepCell
from offers import services as offer_services
from offers.bulk import copy_rows, copy_time, next_ids
from offers.services import PostingRecord, posting_record

BATCH_SIZE = 500
# The tables a batch looks its keys up in: their statistics steer those look-ups' plans.
LOOKUP_TABLES = ("ingestion_rawpayload", "offers_offersource")


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
    the outcome of the raw ids in `recorded` is already stored. In a rebuild from stored
    payloads (`from_source=False`), the postings of payloads that no longer normalise are
    withdrawn: they were made by an older normaliser and nothing can rebuild them.
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
    if bad and not from_source:
        failed = RawPayload.objects.filter(id__in=[raw_id for ids in bad.values() for raw_id in ids])
        counts.closed += offer_services.postings_withdraw(
            source=source, external_ids=list(failed.values_list("external_id", flat=True)), at=now
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


def batch_commit(run: IngestionRun, client: SourceClient | None, payloads: Sequence[Any]) -> None:
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


def pending_process(run: IngestionRun, progress: Progress | None) -> None:
    """Payloads waiting for normalisation, processed first: left by a crash, or marked again by a
    migration when the normalisers changed what they make (ingestion migration 0006). A rebuild
    from stored payloads: known postings keep their dates and withdrawals."""
    pending = RawPayload.objects.filter(source=run.source, is_current=True, status=NormalisationStatus.PENDING)
    for chunk in chunks(pending.values_list("id", "payload", "last_seen_at").iterator(), BATCH_SIZE):
        with transaction.atomic():
            seen_at = max(row[2] for row in chunk)
            counts = normalise_and_upsert(
                source=run.source, raws=[(r[0], r[1]) for r in chunk], seen_at=seen_at, from_source=False
            )
            counts.add_to(run)
            run.save()
        if progress:
            progress(run)


def chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
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


class SweepChunks:
    """A sweep's stream cut into payload chunks, each cell ending its chunk (even an empty one).

    The chunks go through the preparing step one ahead of the writing; the writer asks for the
    cells that ended with chunk `index` once that chunk is committed (`cells_after`), so that
    every offer of a cell is stored before the cell's absentees are looked for.
    """

    def __init__(self, stream: Iterable[Any], size: int) -> None:
        self._stream = stream
        self._size = size
        self._cells: dict[int, list[SweepCell]] = {}

    def __iter__(self) -> Iterator[list[Any]]:
        index, chunk = 0, []
        try:
            for item in self._stream:
                if isinstance(item, SweepCell):
                    self._cells.setdefault(index, []).append(item)
                else:
                    chunk.append(item)
                    if len(chunk) < self._size:
                        continue
                yield chunk
                index, chunk = index + 1, []
        except Exception:
            if chunk:  # what the source already sent was paid for: stored before the error goes on
                yield chunk
            raise
        if chunk:
            yield chunk

    def cells_after(self, index: int) -> list[SweepCell]:
        return self._cells.pop(index, [])
