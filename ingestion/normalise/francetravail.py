"""France Travail "Offres d'emploi v2" offer -> NormalisedOffer (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ingestion.normalise import geo
from ingestion.normalise.base import (
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_TITLE,
    NormalisationError,
    NormalisedOffer,
    as_bool,
    as_datetime,
    as_labelled,
    as_list,
    as_mapping,
    as_str,
    as_url,
    company_name,
    external_id,
    labels,
    required_datetime,
)
from ingestion.normalise.salary import parse_salary_text
from ingestion.normalise.taxonomy import domain_of_rome_code
from ingestion.normalise.text import fold
from ingestion.normalise.vocabulary import (
    contract_from_words,
    mentions_remote,
    seniority_from_words,
    seniority_from_years,
)
from offers.geography.gazetteer import Gazetteer
from offers.models import ContractType, Seniority, Source, WorkingTime

DETAIL_URL = "https://candidat.francetravail.fr/offres/recherche/detail/{id}"
_EMAIL_RE = re.compile(r"^[^@\s<>,;:]+@[^@\s<>,;:]+\.[a-zA-Z]{2,}$")

# `typeContrat` codes. The ones not listed here (rare, new) fall back to the title words, then "autre".
TYPE_CONTRAT = {
    "CDI": ContractType.CDI,
    "CDD": ContractType.CDD,
    "MIS": ContractType.INTERIM,  # mission d'intérim
    "DIN": ContractType.INTERIM,  # CDI intérimaire
    "TTI": ContractType.INTERIM,  # travail temporaire d'insertion
    "SAI": ContractType.SAISONNIER,
    "DDI": ContractType.CDD,  # CDD d'insertion
    "DDT": ContractType.CDD,
    "LIB": ContractType.INDEPENDANT,  # profession libérale
    "FRA": ContractType.INDEPENDANT,  # franchise
    "REP": ContractType.INDEPENDANT,  # reprise d'entreprise
    "CCE": ContractType.INDEPENDANT,  # profession commerciale
}
EXPERIENCE_EXIGE_DEBUTANT = "D"
EXPERIENCE_EXIGE_REQUIRED = "E"  # "S": souhaitée (wished), a weaker ask
_ROME_RE = re.compile(r"^[A-N]\d{4}$")
_DURATION_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(an|annee|mois)")


def normalise(payload: object, places: Gazetteer | None = None) -> NormalisedOffer:
    if not isinstance(payload, Mapping):
        raise NormalisationError("not_an_object", "l'offre n'est pas un objet JSON")
    offer_id = external_id(payload.get("id"))
    title = as_str(payload.get("intitule"), max_length=MAX_TITLE)
    if not title:
        raise NormalisationError("missing_title", "intitulé de l'offre absent")

    place = geo.france_travail_location(as_labelled(payload.get("lieuTravail")), places)
    description = as_str(payload.get("description"), max_length=MAX_DESCRIPTION, keep_newlines=True)
    salary_fields = as_labelled(payload.get("salaire"))
    salary_label = as_str(salary_fields.get("libelle"))
    salary_comment = as_str(salary_fields.get("commentaire"))
    complements = " ".join(as_str(salary_fields.get(key)) for key in ("complement1", "complement2"))
    salary = parse_salary_text(salary_label, context=f"{salary_comment} {complements}")
    if salary.is_empty and salary.refused is None:
        # The structured label says nothing readable: the employer's comment may. A label
        # that was refused (inverted bounds, net only) is not overruled by the comment.
        salary = parse_salary_text(salary_comment, context=f"{salary_label} {complements}")
    rome_code = as_str(payload.get("romeCode")).upper()
    if not _ROME_RE.match(rome_code):
        rome_code = ""
    origin = as_mapping(payload.get("origineOffre"))
    created = required_datetime(payload.get("dateCreation"), field="dateCreation")
    return NormalisedOffer(
        source=Source.FRANCE_TRAVAIL.value,
        external_id=offer_id,
        title=title,
        description=description,
        description_truncated=False,
        company=company_name(payload.get("entreprise"), "nom"),
        city=place.city,
        postcode=place.postcode,
        departement=place.departement,
        region=place.region,
        commune_insee=place.commune_insee,
        latitude=place.latitude,
        longitude=place.longitude,
        contract_type=_contract(payload, title),
        working_time=_working_time(payload),
        seniority=_seniority(payload, title),
        experience_required=as_str(payload.get("experienceExige")).upper() == EXPERIENCE_EXIGE_REQUIRED,
        domain=domain_of_rome_code(rome_code),
        rome_code=rome_code,
        rome_label=as_str(payload.get("romeLibelle"), max_length=MAX_NAME) if rome_code else "",
        occupation_title=as_str(payload.get("appellationlibelle"), max_length=MAX_NAME) if rome_code else "",
        skills=labels(payload.get("competences")),
        soft_skills=labels(payload.get("qualitesProfessionnelles")),
        salary_min=salary.minimum,
        salary_max=salary.maximum,
        salary_text=" · ".join(text for text in (salary_label, salary_comment) if text)[:500],
        remote=mentions_remote(title, description),
        published_at=created,
        source_updated_at=as_datetime(payload.get("dateActualisation"), field="dateActualisation") or created,
        url=as_url(origin.get("urlOrigine")) or DETAIL_URL.format(id=offer_id),
        warnings=place.warnings,
        **_application(as_mapping(payload.get("contact")), origin),
    )


def _application(contact: Mapping[str, Any], origin: Mapping[str, Any]) -> dict[str, str]:
    """Where to apply: `contact.urlPostulation`, else the partner site that published a partner
    offer (origine "2"); `contact.courriel` only when it is an address (it often holds a sentence
    such as "Pour postuler, utiliser le lien suivant : https://...")."""
    apply_url = as_url(contact.get("urlPostulation"))
    if not apply_url:
        partners = [as_mapping(partner) for partner in as_list(origin.get("partenaires"))]
        apply_url = next((url for partner in partners if (url := as_url(partner.get("url")))), "")
    email = as_str(contact.get("courriel"), max_length=254)
    return {"apply_url": apply_url, "apply_email": email if _EMAIL_RE.match(email) else ""}


def _contract(payload: Mapping[str, Any], title: str) -> str:
    nature = fold(as_str(payload.get("natureContrat")))
    if "apprentissage" in nature or "professionnalisation" in nature or as_bool(payload.get("alternance")):
        return ContractType.APPRENTISSAGE.value
    from_title = contract_from_words(title)
    if from_title == ContractType.STAGE:
        return from_title
    mapped = TYPE_CONTRAT.get(as_str(payload.get("typeContrat")).upper())
    if mapped:
        return mapped.value
    return from_title or ContractType.AUTRE.value


def _working_time(payload: Mapping[str, Any]) -> str:
    label = fold(as_str(payload.get("dureeTravailLibelleConverti")) or as_str(payload.get("dureeTravailLibelle")))
    if "partiel" in label:
        return WorkingTime.PART_TIME.value
    if "plein" in label:
        return WorkingTime.FULL_TIME.value
    return ""


def _seniority(payload: Mapping[str, Any], title: str) -> str:
    if as_str(payload.get("experienceExige")).upper() == EXPERIENCE_EXIGE_DEBUTANT:
        return Seniority.DEBUTANT.value
    label = fold(as_str(payload.get("experienceLibelle")))
    duration = _DURATION_RE.search(label)
    if duration:
        amount = float(duration.group(1).replace(",", "."))
        return seniority_from_years(amount / 12 if duration.group(2) == "mois" else amount)
    if "debutant" in label:
        return Seniority.DEBUTANT.value
    return seniority_from_words(title)
