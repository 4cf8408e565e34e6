"""The normalised offer (silver layer) and the typed error of every normaliser.

A normaliser is a pure function `payload -> NormalisedOffer` that raises
`NormalisationError` and nothing else, whatever JSON it is given: the payloads come
from outside and new or malformed fields must never stop a run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from ingestion.normalise.text import clean

MAX_EXTERNAL_ID = 64
MAX_URL = 1000
MAX_SKILLS = 60


class NormalisationError(ValueError):
    """A payload that cannot become an offer. `code` is short and stable (admin filter)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[NormalisationError], tuple[str, str]]:
        # Prepared in a child process, the error comes back pickled: rebuilt from both fields.
        return type(self), (self.code, self.message)


@dataclass(frozen=True)
class NormalisedOffer:
    source: str
    external_id: str
    title: str
    description: str = ""
    description_truncated: bool = False
    company: str = ""
    city: str = ""
    postcode: str = ""
    departement: str = ""
    commune_insee: str = ""
    region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contract_type: str = "autre"
    working_time: str = ""
    seniority: str = ""
    domain: str = ""
    rome_code: str = ""
    rome_label: str = ""
    occupation_title: str = ""  # the ROME "appellation" France Travail gives
    skills: tuple[str, ...] = ()
    soft_skills: tuple[str, ...] = ()
    salary_min: int | None = None
    salary_max: int | None = None
    salary_text: str = ""
    remote: bool = False
    published_at: datetime | None = None
    source_updated_at: datetime | None = None
    url: str = ""
    # How to apply, when the source says more than its own page (`url`): the employer's or a
    # partner's application link, an e-mail address. Empty: apply through `url`.
    apply_url: str = ""
    apply_email: str = ""
    # What the normaliser corrected and why ("coordinates_swapped: ..."), kept with the posting.
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies every value, a third of the cost of a batch.
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        for key in ("published_at", "source_updated_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["skills"] = list(self.skills)
        data["soft_skills"] = list(self.soft_skills)
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NormalisedOffer:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        for key in ("published_at", "source_updated_at"):
            values[key] = datetime.fromisoformat(values[key]) if values.get(key) else None
        values["skills"] = tuple(values.get("skills") or ())
        values["soft_skills"] = tuple(values.get("soft_skills") or ())
        values["warnings"] = tuple(values.get("warnings") or ())
        return cls(**values)


_FIELD_NAMES = tuple(f.name for f in fields(NormalisedOffer))


# --- defensive readers: a field of the wrong type reads as absent ----------------------


def as_mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: object, *, max_length: int | None = None, keep_newlines: bool = False) -> str:
    if not isinstance(value, str):
        return ""
    return clean(value, max_length=max_length, keep_newlines=keep_newlines)


def as_float(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def coordinates(latitude: object, longitude: object) -> tuple[float | None, float | None]:
    lat, lon = as_float(latitude), as_float(longitude)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None, None
    return lat, lon


def as_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def as_url(value: object) -> str:
    url = as_str(value)
    if not url.startswith(("https://", "http://")) or len(url) > MAX_URL or " " in url:
        return ""
    return url


def external_id(value: object) -> str:
    """The source's id of the offer: a non-empty string (or integer) of at most 64 characters."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise NormalisationError("missing_id", "identifiant de l'offre absent ou invalide")
    value = value.strip()
    if len(value) > MAX_EXTERNAL_ID or "\x00" in value:
        raise NormalisationError("bad_id", f"identifiant de l'offre invalide ({len(value)} caractères)")
    return value


def labels(items: object, key: str = "libelle") -> tuple[str, ...]:
    """['a', {'libelle': 'b'}] -> ('a', 'b'): distinct labels in order, capped."""
    seen: dict[str, None] = {}
    for item in as_list(items):
        label = as_str(as_mapping(item).get(key) if not isinstance(item, str) else item, max_length=255)
        if label and label not in seen:
            seen[label] = None
        if len(seen) >= MAX_SKILLS:
            break
    return tuple(seen)


def first_nonempty(values: Iterable[str]) -> str:
    return next((value for value in values if value), "")
