"""Bulk writes through COPY, for the ingestion's hot path.

`bulk_create(update_conflicts=...)` does the same upsert, but at 500 rows x 30
columns Django's SQL compiler and psycopg's client-side parameter binding cost more
CPU than the database itself (measured in bench/ingest.py). COPY sends the rows in
one stream escaped in C; the upsert is then one INSERT ... SELECT ... ON CONFLICT
from a temporary table.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from django.db import connection


def next_ids(table: str, count: int) -> list[int]:
    """Reserve `count` ids of `table`'s serial primary key (rows are then written with them)."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return [row[0] for row in cursor.fetchall()]


def _plain(value: Any) -> Any:
    # TextChoices members are str subclasses: COPY wants the plain value.
    return value.value if isinstance(value, Enum) else value


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows into `table` (JSON columns take their JSON text)."""
    names = ", ".join(f'"{name}"' for name in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_plain(value) for value in row])


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
    names = ", ".join(f'"{name}"' for name in columns)
    # One staging table per session and column list, emptied at each commit.
    staging = f"staging_{table}_{zlib.crc32(names.encode()):08x}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DELETE ROWS AS "
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {staging}")
    copy_rows(staging, columns, rows)
    assignments = ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in update)
    keys = ", ".join(f'"{name}"' for name in conflict)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} "
            f"ON CONFLICT ({keys}) DO UPDATE SET {assignments}"
        )
