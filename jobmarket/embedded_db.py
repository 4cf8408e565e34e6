"""The embedded default database: PostgreSQL 16 + pgvector run by `pgserver`.

Used when DATABASE_URL is not set, so that `make run` and `make test` need nothing
but Python. The server runs from a data folder inside the checkout and listens
only on a Unix socket in that folder; pgserver keeps a list of the processes using
it and stops it when the last one exits.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

DATABASE_NAME = "jobmarket"


def embedded_database_settings(
    data_dir: Path, *, shared_buffers: str | None = None, max_wal_size: str | None = None
) -> dict[str, Any]:
    # Imported here: production images (DATABASE_URL set) never load pgserver.
    # pgserver keeps its lock file in the runtime dir and warns when XDG_RUNTIME_DIR
    # is unset (containers, CI): the /tmp fallback it then uses is fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(server, DATABASE_NAME)
    if shared_buffers:
        _set_shared_buffers(server, shared_buffers)
    if max_wal_size:
        _set_max_wal_size(server, max_wal_size)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(socket_dir),
        "PORT": "",
        "CONN_MAX_AGE": 0,
        # A throwaway test database, one per TEST_DB_SUFFIX so that two suites run
        # side by side (two checkouts, two developers) never share one.
        "TEST": {"NAME": f"test_{DATABASE_NAME}_{os.environ.get('TEST_DB_SUFFIX', 'suite')}"},
    }


def _ensure_database(server: Any, name: str) -> None:
    # psql is cheap (a few ms) and avoids importing a driver before Django does.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        logger.info("creating embedded database %s", name)
        server.psql(f'CREATE DATABASE "{name}";')


def _set_shared_buffers(server: Any, value: str) -> None:
    """PostgreSQL's page cache size (default 128MB), kept in the data folder.

    At a million offers the HNSW index alone is about 2 GB: read through the operating
    system's cache page by page, one recommendation took 30 ms instead of a few
    (bench/recommend.py). The server reads it at start only, hence the warning.
    """
    _check_size("EMBEDDED_DATABASE_SHARED_BUFFERS", value)
    server.psql(f"ALTER SYSTEM SET shared_buffers = '{value}';")
    server.psql("SELECT pg_reload_conf();")
    if shared_buffers_pending(server):
        logger.warning(
            "embedded database: shared_buffers = %s takes effect when the server restarts "
            "(once every process using %s has stopped)",
            value,
            server.pgdata,
        )


def shared_buffers_pending(server: Any) -> bool:
    """Whether a shared_buffers written for the server waits for its restart (PostgreSQL reads it at start only)."""
    pending = server.psql("SELECT pending_restart FROM pg_settings WHERE name = 'shared_buffers';")
    return bool(re.search(r"^\s*t\s*$", pending, flags=re.MULTILINE))


def _set_max_wal_size(server: Any, value: str) -> None:
    """How much WAL the server writes before it forces a checkpoint (PostgreSQL's default: 1GB).

    A first ingestion writes ~13 kB of WAL a payload: at 1GB, 100,000 payloads forced two
    checkpoints, and each page an index then touched again went to the WAL whole. At 4GB
    none: 12 % less WAL, ~2 s less PostgreSQL CPU and ~8 % less time (bench/ingest.py).
    Applied on reload; written only when it changes (one psql call at each start otherwise).
    """
    _check_size("EMBEDDED_DATABASE_MAX_WAL_SIZE", value)
    same = server.psql(f"SELECT pg_size_bytes(current_setting('max_wal_size')) = pg_size_bytes('{value}') AS same;")
    if re.search(r"^\s*t\s*$", same, flags=re.MULTILINE):
        return
    server.psql(f"ALTER SYSTEM SET max_wal_size = '{value}';")
    server.psql("SELECT pg_reload_conf();")


def _check_size(variable: str, value: str) -> None:
    if not re.fullmatch(r"[1-9][0-9]*(kB|MB|GB)", value):
        raise ImproperlyConfigured(f"{variable}: {value!r} is not a size such as 512MB or 4GB")
