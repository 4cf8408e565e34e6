"""Places on the real communes file (`../shared/data/communes`, read, never copied)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from offers.geography.gazetteer import CommunePlace, Gazetteer
from offers.models import Commune

COMMUNES_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "communes" / "france_cities_2022.csv"


def _rows() -> list[dict[str, str]]:
    with COMMUNES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def commune_rows() -> list[dict[str, str]]:
    return _rows()


@pytest.fixture(scope="session")
def france(commune_rows: list[dict[str, str]]) -> Gazetteer:
    """The gazetteer of every commune of the file (pure: no database)."""
    return Gazetteer(
        CommunePlace(
            row["REF_INSEE"],
            row["NAME"],
            row["DEPARTMENT"],
            row["REGION"],
            float(row["LATITUDE"]),
            float(row["LONGITUDE"]),
            tuple(row["ZIP_CODES"].split()),
            row["DISTRICT_OF"] or "",
        )  # fmt: skip
        for row in commune_rows
    )


@pytest.fixture
def load_communes(commune_rows: list[dict[str, str]]):
    """Store the communes of the file whose INSEE code or name is given (a real, small referential)."""

    def load(*wanted: str) -> list[Commune]:
        rows = [row for row in commune_rows if row["REF_INSEE"] in wanted or row["NAME"] in wanted]
        return Commune.objects.bulk_create(
            Commune(
                insee_code=row["REF_INSEE"],
                name=row["NAME"],
                normalized_name=row["NORMALIZED"],
                departement=row["DEPARTMENT"],
                region=row["REGION"],
                postcodes=row["ZIP_CODES"].split(),
                latitude=float(row["LATITUDE"]),
                longitude=float(row["LONGITUDE"]),
                is_district=row["IS_DISTRICT"] == "1",
                district_of=row["DISTRICT_OF"] or "",
            )  # fmt: skip
            for row in rows
        )

    return load
