"""The process's gazetteer, built from the `Commune` table and kept in memory.

`gazetteer()` returns it, reading the table again when its content changed (checked at
most every MAX_AGE_SECONDS); pages and the API call it. An ingestion run calls it once
before it starts, so that the normalisers (pure: no database) find a fresh one with
`gazetteer_loaded()`, in the run's process and in the child that prepares payloads
(forked after it was loaded). With no commune loaded it holds the project's lists only.
"""

from __future__ import annotations

import threading
import time

from django.db import connection

from offers.geography.gazetteer import CommunePlace, Gazetteer

MAX_AGE_SECONDS = 600.0

_lock = threading.Lock()
_state: dict[str, object] = {}


def _signature() -> tuple[int, int]:
    """Changes whenever a commune is added, removed or changed (one read of a ~35,000-row table)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), coalesce(sum(hashtext(insee_code || name || departement || region"
            " || coalesce(latitude::text, '') || coalesce(longitude::text, '') || array_to_string(postcodes, ',')"
            " || district_of)), 0) FROM offers_commune"
        )
        count, digest = cursor.fetchone()
    return int(count), int(digest)


def _read() -> Gazetteer:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT insee_code, name, departement, region, latitude, longitude, postcodes, district_of"
            " FROM offers_commune"
        )
        rows = cursor.fetchall()
    return Gazetteer(
        CommunePlace(insee, name, departement, region, latitude, longitude, tuple(postcodes or ()), district_of)
        for insee, name, departement, region, latitude, longitude, postcodes, district_of in rows
    )


def gazetteer() -> Gazetteer:
    """The gazetteer of the communes in the database (reloaded when they changed)."""
    now = time.monotonic()
    current = _state.get("gazetteer")
    if current is not None and now - float(_state["checked"]) < MAX_AGE_SECONDS:  # type: ignore[arg-type]
        return current  # type: ignore[return-value]
    with _lock:
        signature = _signature()
        if current is None or signature != _state.get("signature"):
            _state["gazetteer"] = current = _read()
            _state["signature"] = signature
        _state["checked"] = time.monotonic()
    return current  # type: ignore[return-value]


_EMPTY: list[Gazetteer] = []


def gazetteer_loaded() -> Gazetteer:
    """The last gazetteer this process loaded, without touching the database (the lists only if none)."""
    current = _state.get("gazetteer")
    if current is not None:
        return current  # type: ignore[return-value]
    if not _EMPTY:
        _EMPTY.append(Gazetteer())
    return _EMPTY[0]


def gazetteer_reset() -> None:
    """Forget the loaded gazetteer (tests; after loading communes in this process)."""
    with _lock:
        _state.clear()
