"""Where a posting is: each source's place fields read into a `Location` (pure: a gazetteer, no database).

The names, codes and communes come from `offers.geography`; `places` is the gazetteer
loaded before the run (`offers.geography.loading.gazetteer_loaded()` when not given).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ingestion.normalise.base import as_list, as_str, coordinates
from ingestion.normalise.text import place_title
from offers.geography.gazetteer import Gazetteer, departement_code, departement_named, region_named
from offers.geography.loading import gazetteer_loaded
from offers.geography.locate import Location, locate

POSTCODE_RE = re.compile(r"^\d{5}$")
INSEE_RE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
_DEPT_PREFIX_RE = re.compile(r"^\s*(\d{2,3}|2[AB])\s*-\s*(.*)$")
_NOWHERE = {"france", "france entiere", ""}


def france_travail_location(lieu: Mapping[str, Any], places: Gazetteer | None = None) -> Location:
    """`lieuTravail`: libelle ("34 - Montpellier", "34 - Hérault"), codePostal, commune (INSEE), coordinates."""
    label = as_str(lieu.get("libelle"), max_length=255)
    postcode = as_str(lieu.get("codePostal"))
    postcode = postcode if POSTCODE_RE.match(postcode) else ""
    insee = as_str(lieu.get("commune")).upper()
    insee = insee if INSEE_RE.match(insee) else ""
    city, departement = label, ""
    prefixed = _DEPT_PREFIX_RE.match(label)
    if prefixed:
        departement = departement_code(prefixed.group(1))
        city = prefixed.group(2).strip()
    region = ""
    if departement_named(city) or region_named(city) or city.strip().lower() in _NOWHERE:
        # "34 - Hérault", "Occitanie", "France": the place is a whole département or région, not a city.
        departement, region = departement or departement_named(city), region_named(city)
        city = ""
    latitude, longitude = coordinates(lieu.get("latitude"), lieu.get("longitude"))
    return locate(
        places or gazetteer_loaded(), insee=insee, postcode=postcode, names=(city,) if city else (),
        departement=departement, region=region, latitude=latitude, longitude=longitude, city=place_title(city),
    )  # fmt: skip


def adzuna_location(
    location: Mapping[str, Any], latitude: object, longitude: object, places: Gazetteer | None = None
) -> Location:
    """`location.area` runs France > région > département > (arrondissement >) commune; coordinates beside."""
    area = [as_str(item, max_length=255) for item in as_list(location.get("area"))]
    departement = departement_named(area[2]) if len(area) >= 3 else ""
    if not departement and len(area) >= 3:
        # Some areas skip the région level: look for a département name anywhere.
        departement = next((code for code in map(departement_named, area) if code), "")
    region = next((code for code in map(region_named, area[1:2]) if code), "")
    city = area[-1] if len(area) >= 4 else ""
    if not city and departement == "75":
        city = "Paris"  # Paris is a département and a commune at once
    names = [city] if city else []
    shown = as_str(location.get("display_name"), max_length=255).split(",")[0].strip()
    if shown and shown not in names and not departement_named(shown) and not region_named(shown):
        names.append(shown)  # "Sète, Hérault" with a short area
    lat, lon = coordinates(latitude, longitude)
    return locate(
        places or gazetteer_loaded(), names=names, departement=departement, region=region,
        latitude=lat, longitude=lon, city=place_title(city),
    )  # fmt: skip
