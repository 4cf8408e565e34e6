"""Helpers for tests that start real processes (gunicorn, Celery workers) against the test database."""

from __future__ import annotations

from urllib.parse import quote

from django.db import connection


def database_url_of_the_test_database() -> str:
    """DATABASE_URL of the test database, for a child process (a transactional test commits its rows)."""
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@{host}{port}/{db['NAME']}"
