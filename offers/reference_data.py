"""Loaders for the official reference data: ROME occupations and French communes.

Both are idempotent (upserts keyed on the official codes) and read the files as an
operator downloads them. Without them the referential grows from ingested offers.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from offers.geography.names import place_key
from offers.models import Commune, Occupation, OccupationTitle

Progress = Callable[[str], None]

ROME_FILES = {
    "occupations": "*referentiel_code_rome*.csv",
    "titles": "*referentiel_appellation*.csv",
    "texts": "*texte*.csv",
    "mobility": "*rubrique_mobilite*.csv",
}
BATCH_SIZE = 2000


class ReferenceDataError(Exception):
    """A reference file is missing or not in the expected format."""


@dataclass(frozen=True)
class RomeLoadReport:
    occupations: int
    titles: int
    definitions: int
    close_links: int


@dataclass(frozen=True)
class CommuneLoadReport:
    communes: int
    skipped: int


def normalize_place_name(name: str) -> str:
    """'L'Abergement-Clémenciat' -> 'l abergement clemenciat', 'ST JEAN' -> 'saint jean' (see place_key)."""
    return place_key(name)


def _read_csv(path: Path, required: set[str]) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        yield from reader


def _find(folder: Path, pattern: str, *, required: bool) -> Path | None:
    matches = sorted(folder.glob(pattern))
    if not matches and required:
        raise ReferenceDataError(f"no file matching {pattern} in {folder}")
    return matches[-1] if matches else None


def _batches(items: list, size: int = BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def rome_load(*, folder: Path, progress: Progress = lambda _: None) -> RomeLoadReport:
    if not folder.is_dir():
        raise ReferenceDataError(f"{folder} is not a folder holding the ROME CSV files")
    occupations_file = _find(folder, ROME_FILES["occupations"], required=True)
    assert occupations_file is not None

    texts: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    texts_file = _find(folder, ROME_FILES["texts"], required=False)
    if texts_file:
        for row in _read_csv(texts_file, {"code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"}):
            position = int(row["position_phrase"] or 0)
            # The texts file keeps the SQL escaping of its export: every apostrophe is doubled ("d''un").
            sentence = row["libelle_texte"].strip().replace("''", "'")
            texts[row["code_rome"]][row["libelle_type_texte"]].append((position, sentence))

    def text_of(code: str, kind: str) -> str:
        return " ".join(sentence for _, sentence in sorted(texts[code][kind]))

    occupations = [
        Occupation(
            code=row["code_rome"],
            label=row["libelle_rome"].strip(),
            definition=text_of(row["code_rome"], "definition"),
            access=text_of(row["code_rome"], "acces_metier"),
            parent_code=parent if (parent := (row.get("code_rome_parent") or "").strip()) != row["code_rome"] else "",
            from_referential=True,
        )
        for row in _read_csv(occupations_file, {"code_rome", "libelle_rome"})
    ]
    Occupation.objects.bulk_create(
        occupations,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["label", "definition", "access", "parent_code", "from_referential"],
    )
    progress(f"Métiers ROME : {len(occupations)}")
    known_codes = {occupation.code for occupation in occupations} | set(
        Occupation.objects.values_list("code", flat=True)
    )

    titles_count = 0
    titles_file = _find(folder, ROME_FILES["titles"], required=False)
    if titles_file:
        titles_count = _load_titles(titles_file, known_codes, progress)

    links = 0
    mobility_file = _find(folder, ROME_FILES["mobility"], required=False)
    if mobility_file:
        links = _load_close_occupations(mobility_file, known_codes)
        progress(f"Liens vers des métiers proches : {links}")

    return RomeLoadReport(
        occupations=len(occupations),
        titles=titles_count,
        definitions=sum(1 for occupation in occupations if occupation.definition),
        close_links=links,
    )


def _load_titles(path: Path, known_codes: set[str], progress: Progress) -> int:
    titles: dict[tuple[str, str], OccupationTitle] = {}
    for row in _read_csv(path, {"code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome"}):
        code, label = row["code_rome"], row["libelle_appellation_long"].strip()
        if code not in known_codes or (code, label) in titles:
            continue  # the official file repeats a few (code, label) pairs under two OGR codes
        titles[(code, label)] = OccupationTitle(
            occupation_id=code,
            label=label,
            short_label=row["libelle_appellation_court"].strip(),
            ogr_code=row["code_ogr"],
        )
    # Titles grown from offers (no OGR code) that the referential now names: adopt them
    # so the upsert below updates them instead of hitting the (occupation, label) constraint.
    grown = OccupationTitle.objects.filter(ogr_code__isnull=True, occupation_id__in={c for c, _ in titles})
    adopted = []
    for title in grown:
        official = titles.get((title.occupation_id, title.label))
        if official is not None:
            title.ogr_code = official.ogr_code
            adopted.append(title)
    OccupationTitle.objects.bulk_update(adopted, ["ogr_code"], batch_size=BATCH_SIZE)

    rows = list(titles.values())
    for done, batch in enumerate(_batches(rows), start=1):
        OccupationTitle.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["ogr_code"],
            update_fields=["label", "short_label", "occupation"],
        )
        progress(f"Appellations : {min(done * BATCH_SIZE, len(rows))}/{len(rows)}")
    return len(rows)


def _load_close_occupations(path: Path, known_codes: set[str]) -> int:
    pairs = {
        (row["code_rome"], row["code_rome_cible"])
        for row in _read_csv(path, {"code_rome", "code_rome_cible"})
        if row["code_rome"] in known_codes
        and row["code_rome_cible"] in known_codes
        and row["code_rome"] != row["code_rome_cible"]
    }
    through = Occupation.close_occupations.through
    through.objects.filter(from_occupation_id__in={source for source, _ in pairs}).delete()
    through.objects.bulk_create(
        [through(from_occupation_id=source, to_occupation_id=target) for source, target in sorted(pairs)],
        batch_size=BATCH_SIZE,
    )
    return len(pairs)


COMMUNE_COLUMNS = {"REF_INSEE", "NAME", "DEPARTMENT", "ZIP_CODES", "LATITUDE", "LONGITUDE"}


def _float_or_none(value: str) -> float | None:
    try:
        return float(value.replace(",", "."))
    except (ValueError, AttributeError):
        return None


def commune_load(*, path: Path, progress: Progress = lambda _: None) -> CommuneLoadReport:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    if not files or not all(file.is_file() for file in files):
        raise ReferenceDataError(f"{path}: no communes CSV file found")
    loaded = skipped = 0
    for file in files:
        communes: dict[str, Commune] = {}
        for row in _read_csv(file, COMMUNE_COLUMNS):
            insee = row["REF_INSEE"].strip()
            if not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", insee):
                skipped += 1
                continue
            communes[insee] = Commune(
                insee_code=insee,
                name=row["NAME"].strip(),
                normalized_name=row.get("NORMALIZED", "").strip() or normalize_place_name(row["NAME"]),
                departement=row["DEPARTMENT"].strip(),
                region=(row.get("REGION") or "").strip(),
                postcodes=re.findall(r"\d{5}", row["ZIP_CODES"] or ""),
                latitude=_float_or_none(row["LATITUDE"]),
                longitude=_float_or_none(row["LONGITUDE"]),
                is_district=(row.get("IS_DISTRICT") or "0").strip() == "1",
                district_of=(row.get("DISTRICT_OF") or "").strip(),
            )
        rows = list(communes.values())
        for batch in _batches(rows):
            with transaction.atomic():
                Commune.objects.bulk_create(
                    batch,
                    update_conflicts=True,
                    unique_fields=["insee_code"],
                    update_fields=[
                        "name",
                        "normalized_name",
                        "departement",
                        "region",
                        "postcodes",
                        "latitude",
                        "longitude",
                        "is_district",
                        "district_of",
                    ],
                )
            loaded += len(batch)
            progress(f"{file.name} : {loaded} communes")
    return CommuneLoadReport(communes=loaded, skipped=skipped)
