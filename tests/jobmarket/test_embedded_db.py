"""The embedded database's page-cache and WAL sizes: validated, written with ALTER SYSTEM (a restart
announced for the page cache, a reload for the WAL), left alone when already in effect."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from jobmarket.embedded_db import _set_max_wal_size, _set_shared_buffers


class RecordingServer:
    """Stands for pgserver's server: records the SQL sent through psql, answers pending_restart."""

    pgdata = "/srv/pgdata"

    def __init__(self, *, pending: bool = False, same: bool = False) -> None:
        self.statements: list[str] = []
        self.pending = pending
        self.same = same

    def psql(self, sql: str) -> str:
        self.statements.append(sql)
        if "pending_restart" in sql:
            return f" pending_restart \n-----------------\n {'t' if self.pending else 'f'}\n(1 row)\n"
        if "AS same" in sql:
            return f" same \n------\n {'t' if self.same else 'f'}\n(1 row)\n"
        return ""


@pytest.mark.parametrize("value", ["4G", "0GB", "1 GB", "4GB'; DROP TABLE x; --", "-1MB", "512"])
def test_a_malformed_size_stops_start_up_naming_the_variable(value):
    server = RecordingServer(pending=False)
    with pytest.raises(ImproperlyConfigured, match="EMBEDDED_DATABASE_SHARED_BUFFERS"):
        _set_shared_buffers(server, value)
    assert server.statements == []


def test_a_new_size_is_written_and_its_restart_announced(caplog):
    server = RecordingServer(pending=True)
    with caplog.at_level(logging.WARNING, logger="jobmarket.embedded_db"):
        _set_shared_buffers(server, "4GB")
    assert server.statements[0] == "ALTER SYSTEM SET shared_buffers = '4GB';"
    assert "takes effect when the server restarts" in caplog.text


def test_a_size_already_in_effect_says_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="jobmarket.embedded_db"):
        _set_shared_buffers(RecordingServer(pending=False), "512MB")
    assert caplog.text == ""


@pytest.mark.parametrize("value", ["4G", "0GB", "4GB'; DROP TABLE x; --"])
def test_a_malformed_wal_size_stops_start_up_naming_the_variable(value):
    server = RecordingServer()
    with pytest.raises(ImproperlyConfigured, match="EMBEDDED_DATABASE_MAX_WAL_SIZE"):
        _set_max_wal_size(server, value)
    assert server.statements == []


def test_a_new_wal_size_is_written_and_reloaded():
    server = RecordingServer(same=False)
    _set_max_wal_size(server, "4GB")
    assert server.statements[1:] == ["ALTER SYSTEM SET max_wal_size = '4GB';", "SELECT pg_reload_conf();"]


def test_a_wal_size_already_in_effect_costs_one_query():
    server = RecordingServer(same=True)
    _set_max_wal_size(server, "4096MB")
    assert len(server.statements) == 1 and "pg_size_bytes('4096MB')" in server.statements[0]
