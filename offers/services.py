"""Write services on offers: the gold layer the ingestion feeds.

Postings (one per source and external id) are upserted in bulk; new postings are
grouped with the open offer of the same job (offers.dedup) or start a new offer;
each offer's fields are rebuilt from its best posting. Every step works on a whole
batch with a fixed number of queries, whatever the batch size.

`offers` knows nothing of ingestion: a posting is anything that has the attributes
of `PostingData` and a `to_json()`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.db import connection, transaction
from django.utils import timezone

from offers import dedup
from offers.bulk import copy_rows, copy_time, copy_to_staging, copy_upsert, next_ids
from offers.models import ContractType, Occupation, OccupationTitle, Offer, OfferSource, OfferStatus, Source
from offers.understanding.occupations import OccupationReader, occupation_reader
from offers.understanding.offer_occupation import offer_occupation_read

# France Travail gives the full text and the ROME code: its posting is preferred.
SOURCE_PREFERENCE = {Source.FRANCE_TRAVAIL.value: 0, Source.ADZUNA.value: 1}

OFFER_CONTENT_FIELDS = [
    "title",
    "description",
    "description_truncated",
    "company",
    "city",
    "postcode",
    "departement",
    "commune_insee",
    "latitude",
    "longitude",
    "contract_type",
    "working_time",
    "seniority",
    "experience_required",
    "domain",
    "rome_code",
    "rome_label",
    "occupation_code",
    "occupation_confidence",
    "skills",
    "soft_skills",
    "salary_min",
    "salary_max",
    "salary_text",
    "salary_estimate_min",
    "salary_estimate_max",
    "remote",
]
OFFER_UPDATE_FIELDS = [
    *OFFER_CONTENT_FIELDS,
    "sources",
    "status",
    "closed_at",
    "published_at",
    "source_updated_at",
    "last_seen_at",
    "dedup_key",
    "updated_at",
]
POSTING_UPDATE_FIELDS = [
    "offer_id",
    "url",
    "source_updated_at",
    "published_at",
    "last_seen_at",
    "withdrawn_at",
    "normalised",
    "content_hash",
    "dedup_key",
    "text_key",
]


class PostingData(Protocol):
    """What the gold layer needs from a normalised posting (read-only: postings are frozen)."""

    @property
    def source(self) -> str: ...

    @property
    def external_id(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...


@dataclass
class UpsertCounts:
    new: int = 0  # postings that started a new offer
    merged: int = 0  # new postings joined to an offer of the same job
    updated: int = 0  # known postings whose content changed
    unchanged: int = 0
    offer_ids: set[int] = field(default_factory=set)


def _json_and_hash(data: Mapping[str, Any]) -> tuple[str, str]:
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return text, hashlib.sha256(text.encode()).hexdigest()


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _keys_of(data: Mapping[str, Any]) -> dict[str, str]:
    return {
        "dedup_key": dedup.dedup_key(data),
        "text_key": dedup.text_key(data),
        "title_key": dedup.title_key(data["title"]),
        "contract_type": data["contract_type"],
        "working_time": data.get("working_time") or "",
        "departement": data["departement"],
        "source": data["source"],
    }


def _rows(sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of a query as dicts. The hot path sends its id lists as one array parameter
    (`= ANY(%s)`): the ORM's `__in` binds one placeholder per value, and building and
    binding 500 of them cost more Python time than the query took in PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _known_postings(keys: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    sources, external_ids = zip(*keys, strict=True)
    return _rows(
        "SELECT p.id, p.source, p.external_id, p.offer_id, p.content_hash, p.withdrawn_at, p.first_seen_at,"
        " p.last_seen_at FROM offers_offersource p"
        " JOIN unnest(%s::text[], %s::text[]) AS k(source, external_id)"
        " ON p.source = k.source AND p.external_id = k.external_id",
        [list(sources), list(external_ids)],
    )


def _offer_members(offer_ids: Collection[int]) -> list[dict[str, Any]]:
    """Every posting of the offers, with its normalised posting decoded."""
    if not offer_ids:
        return []
    rows = _rows(
        "SELECT offer_id, source, external_id, normalised, dedup_key, first_seen_at, last_seen_at, withdrawn_at"
        " FROM offers_offersource WHERE offer_id = ANY(%s)",
        [list(offer_ids)],
    )
    for row in rows:
        if isinstance(row["normalised"], str):  # Django's connection hands jsonb over as text
            row["normalised"] = json.loads(row["normalised"])
    return rows


@dataclass(frozen=True)
class PostingRecord:
    """A posting as the upsert writes it, computed from the posting alone.

    Pure work: the ingestion makes these in its preparing thread, off the writing one.
    """

    key: tuple[str, str]
    data: dict[str, Any]
    text: str
    digest: str
    keys: dict[str, str]


def posting_record(posting: PostingData) -> PostingRecord:
    data = posting.to_json()
    text, digest = _json_and_hash(data)
    return PostingRecord((posting.source, posting.external_id), data, text, digest, _keys_of(data))


@transaction.atomic
def postings_upsert(
    *, postings: Sequence[PostingData | PostingRecord], seen_at: datetime, from_source: bool = True
) -> UpsertCounts:
    """Insert or update postings seen at `seen_at`, grouping the same job into one offer.

    `from_source=False` (a rebuild from stored payloads): known postings keep their
    last-seen date and their withdrawal, and unchanged ones are left alone.
    """
    counts = UpsertCounts()
    records: dict[tuple[str, str], PostingRecord] = {}
    for posting in postings:
        record = posting if isinstance(posting, PostingRecord) else posting_record(posting)
        records[record.key] = record
    if not records:
        return counts
    batch = {key: record.data for key, record in records.items()}
    serialised = {key: (record.text, record.digest) for key, record in records.items()}
    hashes = {key: record.digest for key, record in records.items()}

    known = {(row["source"], row["external_id"]): row for row in _known_postings(batch)}
    touched_ids, touched_offers = [], set()
    offer_of: dict[tuple[str, str], int | str] = {}  # an offer id, or "new:<n>" for an offer not created yet
    new_keys = []
    for key in batch:
        row = known.get(key)
        if row is None:
            new_keys.append(key)
        elif row["content_hash"] == hashes[key] and (row["withdrawn_at"] is None or not from_source):
            counts.unchanged += 1
            if from_source:
                touched_ids.append(row["id"])
                touched_offers.add(row["offer_id"])
            else:
                offer_of[key] = row["offer_id"]  # a rebuild rewrites the offer even if the posting is the same
        else:
            counts.updated += 1
            offer_of[key] = row["offer_id"]

    if touched_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE offers_offersource SET last_seen_at = %s WHERE id = ANY(%s);"
                " UPDATE offers_offer SET last_seen_at = %s WHERE id = ANY(%s)",
                [seen_at, touched_ids, seen_at, list(touched_offers)],
            )

    # Computed once per posting: the grouping, the posting rows and the offers all use them.
    batch_keys = {key: record.keys for key, record in records.items()}
    new_offer_count = _group_new_postings(new_keys, batch_keys, batch, offer_of, counts, seen_at)
    ids = iter(next_ids(Offer._meta.db_table, new_offer_count))
    new_ids = {f"new:{n}": next(ids) for n in range(new_offer_count)}
    resolved: dict[tuple[str, str], int] = {
        key: new_ids[ref] if isinstance(ref, str) else ref for key, ref in offer_of.items()
    }

    # Postings of the affected offers that are not in this batch (the other source of a merged offer).
    created = set(new_ids.values())
    existing_offers = {offer_id for offer_id in resolved.values() if offer_id not in created}
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for other in _offer_members(existing_offers):
        if (other["source"], other["external_id"]) not in batch:
            members[other["offer_id"]].append(other)
    dates: dict[tuple[str, str], dict[str, Any]] = {}
    for key in resolved:
        mine = known.get(key)
        dates[key] = {
            "first_seen_at": mine["first_seen_at"] if mine else seen_at,
            "last_seen_at": mine["last_seen_at"] if mine and not from_source else seen_at,
            "withdrawn_at": mine["withdrawn_at"] if mine and not from_source else None,
        }
    for key, offer_id in resolved.items():
        members[offer_id].append(
            {
                "source": key[0],
                "external_id": key[1],
                "normalised": batch[key],
                "dedup_key": batch_keys[key]["dedup_key"],
                **dates[key],
            }
        )

    reader = occupation_reader()
    _offers_write(
        [_offer_from_postings(offer_id, rows, seen_at, reader) for offer_id, rows in members.items()],
        update=OFFER_UPDATE_FIELDS,
    )
    rows = {
        key: _posting_row(key, batch[key], serialised[key], batch_keys[key], offer_id, dates[key])
        for key, offer_id in resolved.items()
    }
    # New postings go straight in: their keys were just looked up, and the run's lock keeps
    # any other writer of this source out. Only known ones need the staging table's upsert.
    new_rows = [row for key, row in rows.items() if key not in known]
    if new_rows:
        copy_rows(OfferSource._meta.db_table, POSTING_COLUMNS, new_rows)
    copy_upsert(
        OfferSource._meta.db_table,
        POSTING_COLUMNS,
        [row for key, row in rows.items() if key in known],
        conflict=["source", "external_id"],
        update=POSTING_UPDATE_FIELDS,
    )
    counts.offer_ids = set(members) | touched_offers
    return counts


def _group_new_postings(
    new_keys: list[tuple[str, str]],
    batch_keys: Mapping[tuple[str, str], dict[str, str]],
    batch: Mapping[tuple[str, str], dict[str, Any]],
    offer_of: dict[tuple[str, str], int | str],
    counts: UpsertCounts,
    seen_at: datetime,
) -> int:
    """Assign each new posting to a known open offer, to another new posting's offer, or to a new one."""
    if not new_keys:
        return 0
    keys = {key: batch_keys[key] for key in new_keys}
    dedup_keys = {k["dedup_key"] for k in keys.values() if k["dedup_key"]}
    text_keys = {k["text_key"] for k in keys.values() if k["text_key"]}
    published = {key: _when(batch[key]["published_at"]) or seen_at for key in new_keys}
    earliest, latest = min(published.values()), max(published.values())
    candidates: dict[str, list[tuple[dict[str, Any], int | str]]] = defaultdict(list)
    if dedup_keys or text_keys:
        rows = _rows(
            "SELECT p.offer_id, p.source, p.dedup_key, p.text_key, p.normalised->>'title' AS title,"
            " p.normalised->>'contract_type' AS contract_type, p.normalised->>'working_time' AS working_time,"
            " p.normalised->>'departement' AS departement, p.published_at, p.first_seen_at"
            " FROM offers_offersource p"
            " WHERE (p.dedup_key = ANY(%s) OR p.text_key = ANY(%s))"
            " AND (p.published_at IS NULL OR p.published_at BETWEEN %s AND %s)"
            # A scalar subquery, not a join: PostgreSQL cannot turn it around. Joined, the
            # plan depended on the offer table's statistics, and in a first load (the table
            # grown twenty-fold before autovacuum's next analysis) it went through every
            # open offer on each batch: 90 ms instead of 8 at 50,000 offers (bench/ingest.py).
            " AND (SELECT o.status FROM offers_offer o WHERE o.id = p.offer_id) = %s",
            [list(dedup_keys), list(text_keys), earliest - dedup.DEDUP_WINDOW, latest + dedup.DEDUP_WINDOW,
             OfferStatus.OPEN.value],
        )  # fmt: skip
        for row in rows:
            known_keys: dict[str, Any] = {
                "dedup_key": row["dedup_key"],
                "text_key": row["text_key"],
                "title_key": dedup.title_key(row["title"] or ""),
                "contract_type": row["contract_type"] or ContractType.AUTRE.value,
                "working_time": row["working_time"] or "",
                "departement": row["departement"] or "",
                "source": row["source"],
                "published_at": row["published_at"] or row["first_seen_at"],
            }
            for index_key in (row["dedup_key"], row["text_key"]):
                if index_key:
                    candidates[index_key].append((known_keys, row["offer_id"]))

    created = 0
    for key in new_keys:
        mine: dict[str, Any] = {**keys[key], "published_at": published[key]}
        match: int | str | None = None
        for index_key in (mine["dedup_key"], mine["text_key"]):
            # Several postings may qualify (an employer reposting a job every few days): the one
            # published closest to this one wins, whatever order the database returned them in.
            closest = None
            for known_keys, ref in candidates.get(index_key, []) if index_key else []:
                gap = abs(known_keys["published_at"] - mine["published_at"])
                if gap > dedup.DEDUP_WINDOW:
                    continue  # the same employer, title and town weeks apart: another hiring
                if (closest is None or gap < closest[0]) and dedup.same_job(mine, known_keys):
                    closest = (gap, ref)
            if closest is not None:
                match = closest[1]
                break
        if match is None:
            match = f"new:{created}"
            created += 1
            counts.new += 1
        else:
            counts.merged += 1
        offer_of[key] = match
        for index_key in (mine["dedup_key"], mine["text_key"]):
            if index_key:
                candidates[index_key].append((mine, match))
    return created


def _posting_rank(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Live first, France Travail first, full text first, longest text, latest update."""
    data = row["normalised"]
    updated = _when(data.get("source_updated_at"))
    return (
        row["withdrawn_at"] is not None,
        SOURCE_PREFERENCE.get(row["source"], 9),
        bool(data.get("description_truncated")),
        -len(data.get("description") or ""),
        -updated.timestamp() if updated else 0,
        row["external_id"],
    )


def _offer_from_postings(
    offer_id: int, rows: list[dict[str, Any]], now: datetime, reader: OccupationReader
) -> dict[str, Any]:
    """The offer's columns as its best posting describes them, with blanks filled from the others.

    A dict rather than an Offer: the upsert only copies values out, and building 500 model
    instances per batch was a tenth of the ingestion's Python time.
    """
    ranked = sorted(rows, key=_posting_rank)
    best = ranked[0]["normalised"]
    values: dict[str, Any] = {name: best.get(name) for name in OFFER_CONTENT_FIELDS}
    others = [row["normalised"] for row in ranked[1:]]
    for name in ("company", "city", "postcode", "departement", "commune_insee", "working_time", "domain"):
        if not values[name]:
            values[name] = next((o[name] for o in others if o.get(name)), "")
    # Pairs travel together so that a coordinate, a ROME label or a salary bound never mixes two postings.
    salary = ("salary_min", "salary_max", "salary_text", "salary_estimate_min", "salary_estimate_max")
    experience = ("seniority", "experience_required")
    for group in (("latitude", "longitude"), ("rome_code", "rome_label"), salary, experience):
        if not any(values[name] for name in group):
            donor = next((o for o in others if any(o.get(name) for name in group)), None)
            if donor:
                values.update({name: donor.get(name) for name in group})
    values["seniority"] = values["seniority"] or ""
    values["experience_required"] = bool(values["experience_required"])  # absent from postings read before it
    for name in ("skills", "soft_skills"):
        if not values[name]:
            values[name] = next((o[name] for o in others if o.get(name)), [])
    if values["contract_type"] == ContractType.AUTRE:
        values["contract_type"] = next(
            (o["contract_type"] for o in others if o.get("contract_type") != ContractType.AUTRE), ContractType.AUTRE
        )
    values["occupation_code"], values["occupation_confidence"] = offer_occupation_read(
        reader, values["title"] or "", values["rome_code"] or "", values["description"] or ""
    )
    values["remote"] = any(row["normalised"].get("remote") for row in rows)
    values["salary_text"] = (values["salary_text"] or "")[:500]
    for name, field_ in (("title", 500), ("company", 255), ("city", 255), ("domain", 255), ("rome_label", 255)):
        values[name] = (values[name] or "")[:field_]

    live = [row for row in rows if row["withdrawn_at"] is None]
    published = [d for row in rows if (d := _when(row["normalised"].get("published_at")))]
    updated = [d for row in rows if (d := _when(row["normalised"].get("source_updated_at")))]
    return {
        "id": offer_id,
        **values,
        "sources": sorted({row["source"] for row in (live or rows)}, key=lambda s: SOURCE_PREFERENCE.get(s, 9)),
        "status": (OfferStatus.OPEN if live else OfferStatus.CLOSED).value,
        "closed_at": None if live else max(row["withdrawn_at"] for row in rows),
        "published_at": min(published) if published else now,
        "source_updated_at": max(updated) if updated else None,
        "first_seen_at": min(row["first_seen_at"] for row in rows),
        "last_seen_at": max(row["last_seen_at"] for row in rows),
        "dedup_key": ranked[0]["dedup_key"],
    }


POSTING_COLUMNS = ["source", "external_id", "first_seen_at", *POSTING_UPDATE_FIELDS]


def _posting_row(
    key: tuple[str, str],
    data: dict[str, Any],
    serialised: tuple[str, str],
    keys: Mapping[str, str],
    offer_id: int,
    dates: Mapping[str, Any],
) -> list[Any]:
    """A row of POSTING_COLUMNS. first_seen_at is not updated on conflict: a known posting keeps it.

    Dates go as text (bulk.copy_time); the posting's own are already ISO 8601 in its JSON.
    """
    values = {
        "offer_id": offer_id,
        "url": data.get("url") or "",
        "source_updated_at": data.get("source_updated_at") or None,
        "published_at": data.get("published_at") or None,
        "last_seen_at": _copy_time(dates["last_seen_at"]),
        "withdrawn_at": _copy_time(dates["withdrawn_at"]),
        "normalised": serialised[0],  # the JSON text made for the hash, not serialised twice
        "content_hash": serialised[1],
        "dedup_key": keys["dedup_key"],
        "text_key": keys["text_key"],
    }
    return [key[0], key[1], _copy_time(dates["first_seen_at"]), *(values[name] for name in POSTING_UPDATE_FIELDS)]


def _copy_time(value: datetime | None) -> str | None:
    return copy_time(value) if value else None


OFFER_COLUMNS = [field.attname for field in Offer._meta.concrete_fields]

# jm_unaccent (offers migration 0001), in Python. In PostgreSQL it is a translate() whose
# cost grows with the text times the 57 characters it maps: folding an offer's text took
# half of the time its search columns cost. tests/offers/test_search_columns.py checks
# that both fold every character alike.
_UNACCENTED = {
    **dict(zip("ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ’",
               "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy'", strict=True)),
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE",
}  # fmt: skip
_ACCENTED_RE = re.compile(f"[{''.join(_UNACCENTED)}]")


def search_fold(text: str) -> str:
    """`text` with its accents folded exactly as the SQL function jm_unaccent folds them."""
    return _ACCENTED_RE.sub(lambda match: _UNACCENTED[match.group()], text)


def _search_texts(offer: Mapping[str, Any]) -> tuple[str, str, str]:
    """The three weighted texts of the search columns (title A; skills and ROME label B; company
    and description C), folded, as the trigger of offers migration 0012 builds them (the C part
    loses its negations in SQL, offers migration 0021)."""
    return (
        search_fold(offer["title"] or ""),
        search_fold(" ".join(offer["skills"] or []) + " " + (offer["rome_label"] or "")),
        search_fold((offer["company"] or "") + " " + (offer["description"] or "")[:6000]),
    )


_SEARCH_TEXTS = [("search_text_a", "text"), ("search_text_b", "text"), ("search_text_c", "text")]
_ARRAY_INDEXES = [index for index, name in enumerate(OFFER_COLUMNS) if name in ("skills", "soft_skills", "sources")]
_TIME_INDEXES = [
    index for index, field_ in enumerate(Offer._meta.concrete_fields) if field_.get_internal_type() == "DateTimeField"
]


def _array_literal(items: Sequence[str]) -> str:
    """A PostgreSQL array literal, which COPY reads into the array column: psycopg's list
    dumper is pure Python and cost more than anything else in the offer rows."""
    return "{" + ",".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items) + "}"


def _offer_row(offer: Mapping[str, Any], stamps: Mapping[str, Any]) -> list[Any]:
    row = [offer[name] if name in offer else stamps[name] for name in OFFER_COLUMNS]
    for index in _ARRAY_INDEXES:
        row[index] = _array_literal(row[index] or [])
    for index in _TIME_INDEXES:
        row[index] = _copy_time(row[index])
    return [*row, *_search_texts(offer)]


def _offers_write(offers: Sequence[dict[str, Any]], *, update: Sequence[str]) -> None:
    """Insert new offers, update the `update` columns of known ones (created_at and first_seen_at stay).

    The statement writes the search columns itself, from texts folded here (the trigger
    keeps what a statement writes); the head is computed once (OFFSET 0 stops PostgreSQL
    from inlining it into both columns) and the full vector appends the C part to it.
    """
    if not offers:
        return
    now = timezone.now()
    stamps = {"created_at": now, "updated_at": now}
    staging = copy_to_staging(
        Offer._meta.db_table,
        OFFER_COLUMNS,
        (_offer_row(offer, stamps) for offer in offers),
        extra=_SEARCH_TEXTS,
    )
    names = ", ".join(f'"{name}"' for name in OFFER_COLUMNS)
    staged = ", ".join(f's."{name}"' for name in OFFER_COLUMNS)
    assignments = ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in [*update, "search_head", "search_vector"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO offers_offer ({names}, search_head, search_vector)"
            f" SELECT {staged}, h.head, h.head"
            " || setweight(to_tsvector('french'::regconfig, jm_without_negations(s.search_text_c)), 'C')"
            f" FROM {staging} s CROSS JOIN LATERAL ("
            "  SELECT setweight(to_tsvector('french'::regconfig, s.search_text_a), 'A')"
            "  || setweight(to_tsvector('french'::regconfig, s.search_text_b), 'B') AS head OFFSET 0"
            f") h ON CONFLICT (id) DO UPDATE SET {assignments}"
        )


@transaction.atomic
def postings_touch(*, source: str, external_ids: Sequence[str], seen_at: datetime) -> int:
    """Postings seen again with an unchanged payload: their dates move; withdrawn ones come back."""
    if not external_ids:
        return 0
    # One statement (this is the daily path: most postings come back unchanged).
    touched = _rows(
        "WITH old AS ("
        "  SELECT id, offer_id, withdrawn_at FROM offers_offersource"
        "  WHERE source = %s AND external_id = ANY(%s) FOR UPDATE"
        "), postings AS ("
        "  UPDATE offers_offersource p SET last_seen_at = %s, withdrawn_at = NULL FROM old WHERE p.id = old.id"
        "  RETURNING old.offer_id, old.withdrawn_at IS NOT NULL AS reopened"
        "), offers AS ("
        "  UPDATE offers_offer SET last_seen_at = %s WHERE id IN (SELECT offer_id FROM postings)"
        ") SELECT offer_id, reopened FROM postings",
        [source, list(external_ids), seen_at, seen_at],
    )
    reopened = {row["offer_id"] for row in touched if row["reopened"]}
    if reopened:
        offers_rebuild(offer_ids=reopened, now=seen_at)
    return len(touched)


def offers_rebuild(*, offer_ids: Iterable[int], now: datetime) -> int:
    """Recompute the fields, sources and status of offers from all their postings."""
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in _offer_members(set(offer_ids)):
        members[row["offer_id"]].append(row)
    reader = occupation_reader()
    offers = [_offer_from_postings(offer_id, rows, now, reader) for offer_id, rows in members.items() if rows]
    with transaction.atomic():
        _offers_write(offers, update=[name for name in OFFER_UPDATE_FIELDS if name != "last_seen_at"])
    return len(offers)


@transaction.atomic
def postings_withdraw(*, source: str, external_ids: Sequence[str], at: datetime) -> int:
    """Postings the source no longer publishes. Returns the number of offers closed by it.

    An offer closes when its last live posting goes; it stays in the database (closed
    offers leave search and recommendations, not the history).
    """
    if not external_ids:
        return 0
    postings = OfferSource.objects.filter(source=source, external_id__in=external_ids, withdrawn_at__isnull=True)
    offer_ids = set(postings.values_list("offer_id", flat=True))
    postings.update(withdrawn_at=at, checked_at=at)
    was_open = set(Offer.objects.filter(id__in=offer_ids, status=OfferStatus.OPEN).values_list("id", flat=True))
    offers_rebuild(offer_ids=offer_ids, now=at)
    return Offer.objects.filter(id__in=was_open, status=OfferStatus.CLOSED).count()


@transaction.atomic
def postings_withdraw_unseen(
    *, source: str, published_from: datetime | None, published_before: datetime, unseen_since: datetime, at: datetime
) -> tuple[list[str], int]:
    """Live postings of `source` published in [published_from, published_before) and not seen
    since `unseen_since`: withdrawn (a complete sweep of that window did not return them).
    Returns their external ids and the number of offers closed by it."""
    postings = OfferSource.objects.filter(
        source=source, withdrawn_at__isnull=True, published_at__lt=published_before, last_seen_at__lt=unseen_since
    )
    if published_from is not None:
        postings = postings.filter(published_at__gte=published_from)
    external_ids = list(postings.values_list("external_id", flat=True))
    return external_ids, postings_withdraw(source=source, external_ids=external_ids, at=at)


def postings_mark_checked(*, source: str, external_ids: Sequence[str], at: datetime) -> int:
    return OfferSource.objects.filter(source=source, external_id__in=external_ids).update(checked_at=at)


def occupations_grow(*, entries: Iterable[tuple[str, str, str]]) -> None:
    """(ROME code, ROME label, appellation) from offers -> Occupation and OccupationTitle rows.

    Codes already known keep their label (the referential's, or the first offer's):
    `ignore_conflicts` never overwrites, so `load_rome` stays the authority.
    """
    labels: dict[str, str] = {}
    titles: set[tuple[str, str]] = set()
    for code, label, title in entries:
        if not code or not label:
            continue
        labels.setdefault(code, label[:255])
        if title:
            titles.add((code, title[:255]))
    if not labels:
        return
    # Plain SQL with array parameters: bulk_create built a model instance per row and per batch
    # (~180 of them for 500 offers), a tenth of the ingestion's writing time.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Occupation._meta.db_table} (code, label, definition, access, parent_code, from_referential)"
            " SELECT code, label, '', '', '', false FROM unnest(%s::text[], %s::text[]) AS t(code, label)"
            " ON CONFLICT DO NOTHING",
            [list(labels), list(labels.values())],
        )
        if titles:
            codes, names = zip(*sorted(titles), strict=True)
            cursor.execute(
                f"INSERT INTO {OccupationTitle._meta.db_table} (occupation_id, label, short_label)"
                " SELECT code, label, '' FROM unnest(%s::text[], %s::text[]) AS t(code, label) ON CONFLICT DO NOTHING",
                [list(codes), list(names)],
            )
