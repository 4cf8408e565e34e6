"""Bulk writes through COPY, for the ingestion's hot path.

`bulk_create(update_conflicts=...)` does the same upsert, but at 500 rows x 30
columns Django's SQL compiler and psycopg's client-side parameter binding cost more
CPU than the database itself (measured in bench/ingest.py). COPY sends the rows in
one stream escaped in C; the upsert is then one INSERT ... SELECT ... ON CONFLICT
from a temporary table.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection


def next_ids(table: str, count: int) -> list[int]:
    """Reserve `count` ids of `table`'s serial primary key (rows are then written with them)."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return [row[0] for row in cursor.fetchall()]


def statistics_refresh(tables: Sequence[str], *, min_changes: int = 1000) -> list[str]:
    """ANALYZE those of `tables` that changed more rows since their last analysis than they
    then had (a table that doubled; at least `min_changes` rows); returns them. Call it
    outside a transaction: ANALYZE would otherwise hold its lock until the caller commits.

    Autovacuum analyses a table at most once a minute. A bulk load that grows a table
    twenty-fold in that minute leaves the planner with the statistics of a near-empty
    table, in which a few hundred keys seem to match every row: the ingestion's dedup
    look-up then read the whole posting table on each batch instead of its two key
    indexes (70 ms instead of 8 at 50,000 postings, bench/ingest.py). Doubling keeps the
    analyses to a handful per load (each reads a sample of at most 30,000 rows).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(%s)"
            # Rows at the last analysis: n_live_tup - n_mod_since_analyze (for a table that only grew).
            " AND n_mod_since_analyze >= %s AND 2 * n_mod_since_analyze > n_live_tup ORDER BY relname",
            [list(tables), min_changes],
        )
        stale = [row[0] for row in cursor.fetchall()]
        for table in stale:
            cursor.execute(f'ANALYZE "{table}"')
    return stale


@functools.lru_cache(maxsize=1024)
def copy_time(value: datetime) -> str:
    """A timestamp as COPY reads it (ISO 8601 with its offset, to the microsecond).

    psycopg formats a datetime in ~1.2 µs, twenty times a string: the dates were half of
    the formatting of a batch's rows. The rows of a batch share most of their dates (the
    time it was seen, written), which are formatted once here.
    """
    return value.isoformat()


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows into `table`. Values are plain: JSON columns take their JSON text, choice
    columns their value (`OfferStatus.OPEN.value`, not the enum member), dates may be
    given as `copy_time` text."""
    names = ", ".join(f'"{name}"' for name in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def copy_to_staging(
    table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, extra: Sequence[tuple[str, str]] = ()
) -> str:
    """COPY rows into a temporary table shaped like `table`'s `columns`, plus `extra` (name, SQL type)
    columns that only the staging table has; returns its name. Inside a transaction."""
    names = ", ".join(f'"{name}"' for name in columns)
    extra_names = ", ".join(f'NULL::{kind} AS "{name}"' for name, kind in extra)
    # One staging table per session and column list, emptied at each commit.
    staging = f"staging_{table}_{zlib.crc32((names + extra_names).encode()):08x}"
    with connection.cursor() as cursor:
        # One round trip for both (no parameters: the two statements go as one query).
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DELETE ROWS AS "
            f"SELECT {', '.join(filter(None, [names, extra_names]))} FROM {table} WITH NO DATA; TRUNCATE {staging}"
        )
    copy_rows(staging, [*columns, *(name for name, _ in extra)], rows)
    return staging


def copy_upsert(
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    conflict: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT rows, or UPDATE the `update` columns of the rows that hit the `conflict` key. Inside a transaction."""
    if not rows:
        return
    staging = copy_to_staging(table, columns, rows)
    names = ", ".join(f'"{name}"' for name in columns)
    assignments = ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in update)
    keys = ", ".join(f'"{name}"' for name in conflict)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} "
            f"ON CONFLICT ({keys}) DO UPDATE SET {assignments}"
        )
