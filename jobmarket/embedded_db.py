"""The embedded default database: PostgreSQL 16 + pgvector run by `pgserver`.

Used when DATABASE_URL is not set, so that `make run` and `make test` need nothing
but Python. The server runs from a data folder inside the checkout and listens
only on a Unix socket in that folder; pgserver keeps a list of the processes using
it and stops it when the last one exits.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DATABASE_NAME = "jobmarket"


def embedded_database_settings(data_dir: Path) -> dict[str, Any]:
    # Imported here: production images (DATABASE_URL set) never load pgserver.
    # pgserver keeps its lock file in the runtime dir and warns when XDG_RUNTIME_DIR
    # is unset (containers, CI): the /tmp fallback it then uses is fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(server, DATABASE_NAME)
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
