"""Where a posting is, from what its source says about it (pure: a gazetteer, no database).

`locate()` turns a source's place fields (INSEE code, postcode, commune names, département,
coordinates) into the commune, département and région every offer carries, whatever
its source: France Travail names the commune (`lieuTravail.commune`), Adzuna gives names
in `location.area` and coordinates, from which the nearest commune is found.

Coordinates are checked against the commune (or postcode) they claim: more than
MAX_GAP_KM away, or latitude and longitude swapped, the commune's centre is used and a
warning is recorded; with no coordinates, the commune's centre is used silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from offers.geography.gazetteer import (
    CommunePlace,
    Gazetteer,
    departement_of_insee,
    departement_of_postcode,
    distance_km,
    region_of,
)

MAX_GAP_KM = 50.0  # coordinates farther than this from the commune they claim are not trusted
NEAREST_MAX_KM = 30.0  # coordinates without a commune: the nearest commune's centre within this


@dataclass(frozen=True, slots=True)
class Location:
    city: str
    postcode: str
    departement: str
    region: str
    commune_insee: str
    latitude: float | None
    longitude: float | None
    warnings: tuple[str, ...] = ()


def locate(
    places: Gazetteer,
    *,
    insee: str = "",
    postcode: str = "",
    names: Sequence[str] = (),
    departement: str = "",
    region: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    city: str = "",
) -> Location:
    """The posting's commune, département, région and trusted coordinates.

    `names`: commune names the source gives, most precise first; `city`: the name to
    show when no commune is found; `departement`, `region`: what the source says, when it does.
    """
    located = latitude is not None and longitude is not None
    commune = _claimed(places, insee=insee, postcode=postcode, names=names, departement=departement,
                       latitude=latitude, longitude=longitude)  # fmt: skip
    warnings: list[str] = []
    if commune is None and located and places.complete:
        commune, latitude, longitude, warning = _from_coordinates(places, latitude, longitude, departement)  # type: ignore[arg-type]
        if warning:
            warnings.append(warning)
    elif commune is not None and commune.located:
        if located:
            if (
                places.arrondissements_of(commune.insee)
                and distance_km(latitude, longitude, commune.latitude, commune.longitude) <= MAX_GAP_KM  # type: ignore[arg-type]
            ):
                # "Paris" with coordinates: the arrondissement they are in.
                nearest = min(
                    places.arrondissements_of(commune.insee),
                    key=lambda part: distance_km(latitude, longitude, part.latitude, part.longitude),  # type: ignore[arg-type]
                )
                commune = nearest if nearest.located else commune
            warning = _gap_warning(commune, latitude, longitude)  # type: ignore[arg-type]
            if warning:
                warnings.append(warning)
                latitude, longitude = commune.latitude, commune.longitude
        else:
            latitude, longitude = commune.latitude, commune.longitude
    if commune is not None:
        return Location(
            city=commune.name,
            postcode=postcode or (commune.postcodes[0] if len(commune.postcodes) == 1 else ""),
            departement=commune.departement,
            region=commune.region or region_of(commune.departement),
            commune_insee=commune.insee,
            latitude=latitude,
            longitude=longitude,
            warnings=tuple(warnings),
        )
    departement = departement_of_insee(insee) or departement_of_postcode(postcode) or departement
    return Location(
        city=city,
        postcode=postcode,
        departement=departement,
        region=region_of(departement) or region,
        commune_insee=insee,
        latitude=latitude,
        longitude=longitude,
        warnings=tuple(warnings),
    )


def _claimed(
    places: Gazetteer,
    *,
    insee: str,
    postcode: str,
    names: Sequence[str],
    departement: str,
    latitude: float | None,
    longitude: float | None,
) -> CommunePlace | None:
    """The commune the source names: by INSEE code, else by name, else by postcode."""
    if insee:
        found = places.commune(insee)
        if found is not None:
            return found
    departement = departement or departement_of_postcode(postcode)
    for name in names:
        if not name:
            continue
        arrondissement = places.arrondissement(name)
        if arrondissement is not None:
            return arrondissement
        candidates = places.named(name, departement=departement)
        if postcode:
            candidates = [c for c in candidates if postcode in c.postcodes] or candidates
        if candidates:
            return _closest(candidates, latitude, longitude)
    if postcode:
        candidates = places.with_postcode(postcode)
        if candidates:
            return _closest(candidates, latitude, longitude)
    return None


def _closest(candidates: list[CommunePlace], latitude: float | None, longitude: float | None) -> CommunePlace:
    """Among homonyms or communes sharing a postcode: the nearest to the coordinates, else the first."""
    if latitude is None or longitude is None or len(candidates) == 1:
        return candidates[0]
    located = [c for c in candidates if c.located]
    if not located:
        return candidates[0]
    nearest = min(located, key=lambda c: distance_km(latitude, longitude, c.latitude, c.longitude))  # type: ignore[arg-type]
    if distance_km(latitude, longitude, nearest.latitude, nearest.longitude) > MAX_GAP_KM:  # type: ignore[arg-type]
        return candidates[0]  # coordinates that fit none of them tell nothing: they will be replaced
    return nearest


def _gap_warning(commune: CommunePlace, latitude: float, longitude: float) -> str:
    """'' when the coordinates are within MAX_GAP_KM of the commune's centre, else why they are replaced."""
    gap = distance_km(latitude, longitude, commune.latitude, commune.longitude)  # type: ignore[arg-type]
    if gap <= MAX_GAP_KM:
        return ""
    swapped = distance_km(longitude, latitude, commune.latitude, commune.longitude)  # type: ignore[arg-type]
    if swapped <= MAX_GAP_KM:
        return (
            f"coordinates_swapped: latitude et longitude inversées ({latitude}, {longitude}) ;"
            f" centre de {commune.label} utilisé"
        )
    return (
        f"coordinates_far: coordonnées ({latitude}, {longitude}) à {gap:.0f} km de {commune.label} ;"
        f" centre de la commune utilisé"
    )


def _from_coordinates(
    places: Gazetteer, latitude: float, longitude: float, departement: str
) -> tuple[CommunePlace | None, float | None, float | None, str]:
    """No commune named: the nearest one to the coordinates (in the département the source gives)."""
    found = places.nearest(latitude, longitude, max_km=NEAREST_MAX_KM, departement=departement)
    if found is not None:
        return found[0], latitude, longitude, ""
    swapped = places.nearest(longitude, latitude, max_km=NEAREST_MAX_KM, departement=departement)
    if swapped is not None:
        commune = swapped[0]
        warning = (
            f"coordinates_swapped: latitude et longitude inversées ({latitude}, {longitude}) ;"
            f" centre de {commune.label} utilisé"
        )
        return commune, commune.latitude, commune.longitude, warning
    where = f"du département {departement}" if departement else "de toute commune"
    warning = (
        f"coordinates_far: coordonnées ({latitude}, {longitude}) à plus de {NEAREST_MAX_KM:.0f} km {where} ; ignorées"
    )
    return None, None, None, warning
