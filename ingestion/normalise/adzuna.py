"""Adzuna (country fr) job -> NormalisedOffer (pure)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ingestion.normalise import geo
from ingestion.normalise.base import (
    MAX_DESCRIPTION,
    MAX_TITLE,
    NormalisationError,
    NormalisedOffer,
    as_bool,
    as_mapping,
    as_str,
    as_url,
    company_name,
    external_id,
    required_datetime,
)
from ingestion.normalise.salary import EMPTY, AnnualSalary, annualise_figures
from ingestion.normalise.taxonomy import domain_of_adzuna_category
from ingestion.normalise.text import fold
from ingestion.normalise.vocabulary import contract_from_words, mentions_remote, seniority_from_words
from offers.geography.gazetteer import Gazetteer
from offers.models import ContractType, Source, WorkingTime

# Adzuna cuts every description at 500 characters and ends it with an ellipsis.
TRUNCATION_MARKS = ("…", "...")
TRUNCATION_MIN_LENGTH = 450
CONTRACT_TYPE = {"permanent": ContractType.CDI, "contract": ContractType.CDD}
CONTRACT_TIME = {"full_time": WorkingTime.FULL_TIME, "part_time": WorkingTime.PART_TIME}


def normalise(payload: object, places: Gazetteer | None = None) -> NormalisedOffer:
    if not isinstance(payload, Mapping):
        raise NormalisationError("not_an_object", "l'offre n'est pas un objet JSON")
    offer_id = external_id(payload.get("id"))
    title = as_str(payload.get("title"), max_length=MAX_TITLE)
    if not title:
        raise NormalisationError("missing_title", "intitulé de l'offre absent")
    description = as_str(payload.get("description"), max_length=MAX_DESCRIPTION, keep_newlines=True)
    truncated = description.endswith(TRUNCATION_MARKS) and len(description) >= TRUNCATION_MIN_LENGTH
    place = geo.adzuna_location(
        as_mapping(payload.get("location")), payload.get("latitude"), payload.get("longitude"), places
    )
    salary, estimate, salary_text = _salary(payload)
    domain = domain_of_adzuna_category(as_str(as_mapping(payload.get("category")).get("tag")))
    created = required_datetime(payload.get("created"), field="created")
    return NormalisedOffer(
        source=Source.ADZUNA.value,
        external_id=offer_id,
        title=title,
        description=description,
        description_truncated=truncated,
        # Adzuna's own name for an employer it recognised, when it gives no display name.
        company=company_name(payload.get("company"), "display_name", "canonical_name"),
        city=place.city,
        postcode=place.postcode,
        departement=place.departement,
        region=place.region,
        commune_insee=place.commune_insee,
        latitude=place.latitude,
        longitude=place.longitude,
        contract_type=_contract(payload, title),
        working_time=_working_time(payload, title),
        seniority=seniority_from_words(title),
        domain=domain,
        salary_min=salary.minimum,
        salary_max=salary.maximum,
        salary_text=salary_text,
        salary_estimate_min=estimate.minimum,
        salary_estimate_max=estimate.maximum,
        remote=mentions_remote(title, description),
        published_at=created,
        # Adzuna has no update date: the creation date is the last one it states.
        source_updated_at=created,
        url=as_url(payload.get("redirect_url")),
        warnings=place.warnings,
    )


def _contract(payload: Mapping[str, Any], title: str) -> str:
    from_title = contract_from_words(title)
    # Title words name the specific contracts Adzuna's two values cannot express.
    if from_title in (ContractType.APPRENTISSAGE, ContractType.STAGE, ContractType.INTERIM, ContractType.SAISONNIER):
        return from_title
    mapped = CONTRACT_TYPE.get(as_str(payload.get("contract_type")))
    if mapped:
        return mapped.value
    return from_title or ContractType.AUTRE.value


def _working_time(payload: Mapping[str, Any], title: str) -> str:
    mapped = CONTRACT_TIME.get(as_str(payload.get("contract_time")))
    if mapped:
        return mapped.value
    return WorkingTime.PART_TIME.value if "temps partiel" in fold(title) else ""


def _salary(payload: Mapping[str, Any]) -> tuple[AnnualSalary, AnnualSalary, str]:
    """(the employer's salary, Adzuna's estimate, the figures as received). One of the two is empty."""
    low, high = payload.get("salary_min"), payload.get("salary_max")
    if low is None and high is None:
        return EMPTY, EMPTY, ""
    text = " – ".join(dict.fromkeys(_figure(v) for v in (low, high) if _figure(v)))
    annual = annualise_figures(low, high)
    if as_bool(payload.get("salary_is_predicted")):
        # Adzuna's own estimate, not the employer's figure: kept apart and labelled as such.
        return EMPTY, annual, f"Estimation Adzuna : {text} €" if text else ""
    return annual, EMPTY, f"{text} € (Adzuna, période non précisée)" if text else ""


def _figure(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return as_str(str(value), max_length=20)
