"""France's régions, départements, communes and arrondissements, in memory.

Pure: a `Gazetteer` is built from commune rows (the `Commune` table, read by
`offers.geography.loading`) and the project's own small lists (`offers/geography/data/`:
régions, départements, the arrondissements of Paris, Lyon and Marseille). It answers
every place look-up without a database, so the normalisers use it in the preparing
child process and the search resolves the place field with it. Without the communes
(the demo without `../shared/data`) it still knows every région and département, and
the three cities with their arrondissements.
"""

from __future__ import annotations

import csv
import functools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from offers.geography.names import arrondissement_parts, place_key

DATA = Path(__file__).resolve().parent / "data"
EARTH_RADIUS_KM = 6371.0
CELL_DEGREES = 0.1  # grid of communes for the nearest-commune and radius look-ups (~11 x 7 km)
REACH_MARGIN_KM = 2.0  # a commune whose centre is this close outside a circle still touches it
ARTICLES = frozenset({"le", "la", "les", "l"})  # a commune's name is often typed without its article


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), the same formula as the search's SQL."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half = math.sin(math.radians(lat2 - lat1) / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * (
        math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(half)))


@dataclass(frozen=True, slots=True)
class CommunePlace:
    insee: str
    name: str
    departement: str
    region: str
    latitude: float | None
    longitude: float | None
    postcodes: tuple[str, ...] = ()
    city_insee: str = ""  # an arrondissement: the INSEE code of its city (Paris 19e -> 75056)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.departement})"

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    region: str
    # Extent of its communes' centres: enough to tell which départements a circle reaches.
    latitude_min: float
    latitude_max: float
    longitude_min: float
    longitude_max: float

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"

    def distance_km(self, latitude: float, longitude: float) -> float:
        """Distance from a point to the extent of the département (0 inside it)."""
        lat = min(max(latitude, self.latitude_min), self.latitude_max)
        lon = min(max(longitude, self.longitude_min), self.longitude_max)
        return distance_km(latitude, longitude, lat, lon)


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


# --- The project's lists --------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def regions() -> dict[str, Region]:
    return {
        row["code"]: Region(row["code"], row["name"], tuple(alias for alias in row["aliases"].split("|") if alias))
        for row in _rows("regions.csv")
    }


@dataclass(frozen=True, slots=True)
class Area:
    """A name people type for a group of départements that is no région of today (former_regions.csv)."""

    name: str
    departements: tuple[str, ...]

    @property
    def region(self) -> str:
        """The région of today holding all of it; '' when it spans several ("Outre-mer")."""
        found = {region_of(code) for code in self.departements}
        return found.pop() if len(found) == 1 else ""


@functools.cache
def _area_keys() -> dict[str, Area]:
    keys: dict[str, Area] = {}
    for row in _rows("former_regions.csv"):
        area = Area(row["name"], tuple(row["departements"].split()))
        for name in (row["name"], *row["aliases"].split("|")):
            if name:
                keys[place_key(name)] = area
    return keys


def area_named(text: str) -> Area | None:
    """'Rhône-Alpes' -> its 8 départements, 'DOM' -> the 5 overseas ones; None for any other name."""
    return _area_keys().get(place_key(text))


@functools.cache
def departements() -> dict[str, Departement]:
    return {
        row["code"]: Departement(
            row["code"],
            row["name"],
            row["region"],
            float(row["latitude_min"]),
            float(row["latitude_max"]),
            float(row["longitude_min"]),
            float(row["longitude_max"]),
        )  # fmt: skip
        for row in _rows("departements.csv")
    }


@functools.cache
def arrondissements() -> dict[str, tuple[CommunePlace, int, str]]:
    """INSEE code -> (the arrondissement, its number, its city's name)."""
    found = {}
    for row in _rows("arrondissements.csv"):
        departement = departements()[row["insee_code"][:2]]
        place = CommunePlace(
            insee=row["insee_code"], name=row["name"], departement=departement.code, region=departement.region,
            latitude=float(row["latitude"]), longitude=float(row["longitude"]),
            postcodes=tuple(row["postcodes"].split()), city_insee=row["city_insee_code"],
        )  # fmt: skip
        found[place.insee] = (place, int(row["number"]), row["city_name"])
    return found


def departement_code(text: str) -> str:
    """'34' -> '34', '1' -> '01', '2a' -> '2A', '974' -> '974'; '' when it is no département."""
    code = text.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = f"0{code}"
    return code if code in departements() else ""


def departement_of_insee(code: str) -> str:
    code = code.strip().upper()
    if len(code) != 5:
        return ""
    return departement_code(code[:3] if code.startswith("97") else code[:2])


def departement_of_postcode(postcode: str) -> str:
    if len(postcode) != 5 or not postcode.isdigit():
        return ""
    if postcode.startswith("20"):
        # Corsica shares the 20 prefix: 200xx-201xx is Corse-du-Sud, 202xx-206xx Haute-Corse.
        return "2A" if postcode < "20200" else "2B"
    return departement_code(postcode[:3] if postcode.startswith("97") else postcode[:2])


def region_of(departement: str) -> str:
    found = departements().get(departement)
    return found.region if found else ""


@functools.cache
def _departement_keys() -> dict[str, str]:
    keys = {place_key(item.name): code for code, item in departements().items()}
    keys.update({"reunion": "974", "corse sud": "2A", "territoire belfort": "90"})
    return keys


@functools.cache
def _region_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for code, item in regions().items():
        for name in (item.name, *item.aliases):
            keys[place_key(name)] = code
    return keys


def departement_named(text: str) -> str:
    """'Hérault' -> '34', 'loire atlantique' -> '44'; '' when the name is no département."""
    return _departement_keys().get(place_key(text), "")


def region_named(text: str) -> str:
    """'Île-de-France' -> '11', 'PACA' -> '93'; '' when the name is no région."""
    return _region_keys().get(place_key(text), "")


# --- The communes ---------------------------------------------------------------------------------


class Gazetteer:
    """Communes by INSEE code, name key and postcode, on a grid for distance look-ups."""

    def __init__(self, communes: Iterable[CommunePlace] = ()) -> None:
        known = arrondissements()
        by_insee: dict[str, CommunePlace] = {}
        for commune in communes:
            if commune.insee in known:
                # An arrondissement: its city, and the postcodes people type ("75016" as well as "75116").
                listed = known[commune.insee][0]
                postcodes = tuple(sorted({*commune.postcodes, *listed.postcodes}))
                commune = replace(commune, city_insee=listed.city_insee, postcodes=postcodes)
            by_insee[commune.insee] = commune
        self.complete = bool(by_insee)  # False: only the project's lists (no communes loaded)
        for insee, (place, _, _) in known.items():
            by_insee.setdefault(insee, place)
        self._numbers: dict[tuple[str, int], str] = {}
        members: dict[str, list[CommunePlace]] = defaultdict(list)
        for insee, (_, number, city_name) in known.items():
            commune = by_insee[insee]
            members[commune.city_insee].append(commune)
            self._numbers[(commune.city_insee, number)] = insee
            if commune.city_insee not in by_insee:
                by_insee[commune.city_insee] = self._city(commune.city_insee, city_name, known)
        self._by_insee = by_insee
        self._arrondissements = {city: tuple(sorted(parts, key=lambda c: c.insee)) for city, parts in members.items()}
        self._by_key: dict[str, list[CommunePlace]] = defaultdict(list)
        self._by_bare_key: dict[str, list[CommunePlace]] = defaultdict(list)  # without their article
        self._by_postcode: dict[str, list[CommunePlace]] = defaultdict(list)
        self._cells: dict[tuple[int, int], list[CommunePlace]] = defaultdict(list)
        for commune in by_insee.values():
            key = place_key(commune.name)
            self._by_key[key].append(commune)
            article, _, bare = key.partition(" ")
            if article in ARTICLES and bare:
                self._by_bare_key[bare].append(commune)  # "Isle-sur-la-Sorgue" for "L'Isle-sur-la-Sorgue"
            for postcode in commune.postcodes:
                self._by_postcode[postcode].append(commune)
            # A city with arrondissements is found through them (they are the finer places).
            if commune.located and commune.insee not in self._arrondissements:
                self._cells[_cell(commune.latitude, commune.longitude)].append(commune)  # type: ignore[arg-type]
        self._reach_cache: dict[tuple[float, float, float], frozenset[str]] = {}

    @staticmethod
    def _city(insee: str, name: str, known: dict[str, tuple[CommunePlace, int, str]]) -> CommunePlace:
        parts = [place for place, _, _ in known.values() if place.city_insee == insee]
        return CommunePlace(
            insee=insee, name=name, departement=parts[0].departement, region=parts[0].region,
            latitude=sum(p.latitude or 0 for p in parts) / len(parts),
            longitude=sum(p.longitude or 0 for p in parts) / len(parts),
            postcodes=tuple(sorted({code for part in parts for code in part.postcodes})),
        )  # fmt: skip

    def __len__(self) -> int:
        return len(self._by_insee)

    def commune(self, insee: str) -> CommunePlace | None:
        return self._by_insee.get(insee.strip().upper())

    def named(self, text: str, *, departement: str = "") -> list[CommunePlace]:
        """The communes of that name (any spelling, its article left out), in one département when given."""
        key = place_key(text)
        found = self._by_key.get(key) or self._by_bare_key.get(key, [])
        if departement:
            found = [commune for commune in found if commune.departement == departement]
        return sorted(found, key=lambda commune: commune.insee)

    def names(self) -> Iterable[tuple[str, list[CommunePlace]]]:
        """Every name key with its communes."""
        return self._by_key.items()

    def with_postcode(self, postcode: str) -> list[CommunePlace]:
        return sorted(self._by_postcode.get(postcode.strip(), []), key=lambda commune: commune.insee)

    def arrondissements_of(self, city_insee: str) -> tuple[CommunePlace, ...]:
        return self._arrondissements.get(city_insee, ())

    def arrondissement(self, text: str) -> CommunePlace | None:
        """'Paris 19e', 'PARIS 19', 'Lyon 3ème arrondissement', 'Paris XIXe' -> that arrondissement."""
        parts = arrondissement_parts(place_key(text))
        if parts is None:
            return None
        city_key, number = parts
        for city in self._by_key.get(city_key, []):
            insee = self._numbers.get((city.insee, number))
            if insee:
                return self._by_insee[insee]
        return None

    def city_of(self, commune: CommunePlace) -> CommunePlace:
        """The city an arrondissement belongs to; any other commune is its own city."""
        return self._by_insee.get(commune.city_insee, commune) if commune.city_insee else commune

    def nearest(
        self, latitude: float, longitude: float, *, max_km: float, departement: str = ""
    ) -> tuple[CommunePlace, float] | None:
        """The commune whose centre is nearest (within `max_km`, in `departement` when given)."""
        best: CommunePlace | None = None
        best_km = math.inf
        row, column = _cell(latitude, longitude)
        cell_km = CELL_DEGREES * 111.2 * max(math.cos(math.radians(latitude)), 0.1)
        rings = int(max_km / cell_km) + 1
        for ring in range(rings + 1):
            for key in _ring(row, column, ring):
                for commune in self._cells.get(key, ()):
                    if departement and commune.departement != departement:
                        continue
                    km = distance_km(latitude, longitude, commune.latitude, commune.longitude)  # type: ignore[arg-type]
                    if km < best_km:
                        best, best_km = commune, km
            if best is not None and best_km <= ring * cell_km:
                break  # every cell not read yet is farther than the best found
        return (best, best_km) if best is not None and best_km <= max_km else None

    def within(self, latitude: float, longitude: float, radius_km: float) -> list[tuple[CommunePlace, float]]:
        """Communes whose centre lies within `radius_km`, with their distance."""
        lat_cells = int(radius_km / (CELL_DEGREES * 111.2)) + 1
        lon_cells = int(radius_km / (CELL_DEGREES * 111.2 * max(math.cos(math.radians(latitude)), 0.1))) + 1
        row, column = _cell(latitude, longitude)
        found = []
        for i in range(row - lat_cells, row + lat_cells + 1):
            for j in range(column - lon_cells, column + lon_cells + 1):
                for commune in self._cells.get((i, j), ()):
                    km = distance_km(latitude, longitude, commune.latitude, commune.longitude)  # type: ignore[arg-type]
                    if km <= radius_km:
                        found.append((commune, km))
        return found

    def departements_reached(self, latitude: float, longitude: float, radius_km: float) -> frozenset[str]:
        """The départements a circle reaches: its centre's and every one with a commune inside it.

        Without the communes, the départements whose extent the circle touches.
        """
        key = (round(latitude, 3), round(longitude, 3), float(radius_km))
        cached = self._reach_cache.get(key)
        if cached is not None:
            return cached
        if self.complete:
            reached = {c.departement for c, _ in self.within(latitude, longitude, radius_km + REACH_MARGIN_KM)}
            centre = self.nearest(latitude, longitude, max_km=radius_km + 20)
            if centre is not None:
                reached.add(centre[0].departement)
        else:
            reached = {
                code for code, item in departements().items() if item.distance_km(latitude, longitude) <= radius_km
            }
        found = frozenset(reached)
        if len(self._reach_cache) > 10_000:
            self._reach_cache.clear()
        self._reach_cache[key] = found
        return found


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES)


def _ring(row: int, column: int, ring: int) -> Iterable[tuple[int, int]]:
    if ring == 0:
        yield row, column
        return
    for j in range(column - ring, column + ring + 1):
        yield row - ring, j
        yield row + ring, j
    for i in range(row - ring + 1, row + ring):
        yield i, column - ring
        yield i, column + ring
