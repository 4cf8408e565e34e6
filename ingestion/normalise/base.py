"""The normalised offer (silver layer) and the typed error of every normaliser.

A normaliser is a pure function `payload -> NormalisedOffer` that raises
`NormalisationError` and nothing else, whatever JSON it is given: the payloads come
from outside and new or malformed fields must never stop a run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from ingestion.normalise.text import clean

MAX_EXTERNAL_ID = 64
MAX_URL = 1000
MAX_SKILLS = 60
# Stored lengths (the raw payload keeps everything): a title is a line, a description a
# page or two. Real France Travail descriptions stay under ~5,000 characters.
MAX_TITLE = 500
MAX_DESCRIPTION = 20_000
MAX_NAME = 255
# Dates outside these years are no date a source means ("0001-01-01", "9999-12-31").
DATE_YEARS = (2000, 2100)
_TRUE = frozenset({"1", "true", "vrai", "oui", "yes", "y", "o", "on"})
_FALSE = frozenset({"0", "false", "faux", "non", "no", "n", "off", ""})


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
    experience_required: bool = False  # asked as required ("exigée"), not only wished ("souhaitée")
    domain: str = ""
    rome_code: str = ""
    rome_label: str = ""
    occupation_title: str = ""  # the ROME "appellation" France Travail gives
    skills: tuple[str, ...] = ()
    soft_skills: tuple[str, ...] = ()
    salary_min: int | None = None
    salary_max: int | None = None
    salary_text: str = ""
    # A source's own estimate (Adzuna's `salary_is_predicted`), never an employer's figure:
    # kept apart so that no filter or chart counts it as a salary unless asked.
    salary_estimate_min: int | None = None
    salary_estimate_max: int | None = None
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


def as_labelled(value: object, key: str = "libelle") -> Mapping[str, Any]:
    """An object, or a bare label sent where the source sends an object ("13 - MARSEILLE 01" for `lieuTravail`,
    "Mensuel de 1801,80 Euros" for `salaire`) read as `{key: label}`: what can be read is not lost."""
    return {key: value} if isinstance(value, str) else as_mapping(value)


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


def as_bool(value: object) -> bool | None:
    """The booleans as sources spell them (true, "true", 1, "1", "oui"...); None when absent or unreadable."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE and word:
            return False
    return None


def as_datetime(value: object, *, field: str = "date") -> datetime | None:
    """An ISO 8601 date; None when absent. A date that is there and cannot be read is an
    error on the payload (never "now": an unreadable date must not pass for a fresh offer)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed = None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("z", "Z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            parsed = None
    if parsed is None or not DATE_YEARS[0] <= parsed.year < DATE_YEARS[1]:
        shown = value[:40] if isinstance(value, str) else type(value).__name__
        raise NormalisationError("bad_date", f"date illisible ({field}) : {shown!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


_URL_FORBIDDEN_RE = re.compile(r"[\s<>\"'`{}|\\^]")


def as_url(value: object) -> str:
    """An http(s) address as given; '' when it holds what no address holds (spaces, quotes,
    angle brackets, controls): such a link would be markup or broken, never cleaned into another."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if (
        not url.startswith(("https://", "http://"))
        or len(url) > MAX_URL
        or _URL_FORBIDDEN_RE.search(url)
        or not url.isprintable()
    ):
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


MAX_LIST_NAMES = 5


def company_name(value: object, *keys: str) -> str:
    """The employer's name: the first of `{key: name}` that holds one or, as some payloads
    have it, the name as a plain string."""
    if isinstance(value, str):
        return as_str(value, max_length=MAX_NAME)
    if isinstance(value, list):  # ["BRASSERIE DU VIEUX-PORT"]: the first name the list holds
        return first_nonempty(company_name(item, *keys) for item in value[:MAX_LIST_NAMES])
    fields = as_mapping(value)
    return first_nonempty(as_str(fields.get(key), max_length=MAX_NAME) for key in keys)


def required_datetime(value: object, *, field: str) -> datetime:
    """A date the source always gives (the creation date): absent or unreadable, the payload is in error."""
    parsed = as_datetime(value, field=field)
    if parsed is None:
        raise NormalisationError("missing_date", f"date absente ({field})")
    return parsed


def first_nonempty(values: Iterable[str]) -> str:
    return next((value for value in values if value), "")
