"""Another database session, standing for another process (a run of the same source elsewhere)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from django.db import connection

from ingestion.services.runs import run_lock_key


@contextmanager
def other_session() -> Iterator[psycopg.Connection]:
    """A second connection to the test database, in autocommit."""
    db = connection.settings_dict
    session = psycopg.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], autocommit=True)
    try:
        yield session
    finally:
        session.close()


@contextmanager
def run_lock_held_elsewhere(source: str) -> Iterator[psycopg.Connection]:
    """The run lock of `source` held by another session, as a run in another process holds it."""
    with other_session() as session:
        session.execute("SELECT pg_advisory_lock(%s, %s)", run_lock_key(source))
        yield session
