"""The evaluation's offers as source payloads: France Travail and Adzuna search bodies.

offers.json describes each offer once, in the sources' own terms; these functions write
it out the way the source sends it (a département-only France Travail place has a
libellé and nothing else, an Adzuna place has no INSEE code nor postcode), so that the
offers reach the database through the real ingestion pipeline, like collected ones.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

FT_CONTRACTS = {"CDI": "CDI", "CDD": "CDD", "MIS": "Mission intérimaire", "SAI": "Saisonnier"}
ADZUNA_PAGE_SIZE = 50
FT_PAGE_SIZE = 150


def external_id(offer: dict[str, Any], index: int) -> str:
    """France Travail ids are 3 digits + 4 letters ("287SLQW"); Adzuna ids are numeric strings."""
    return f"{index:03d}EVAL" if offer["src"] == "ft" else str(6_100_000_000 + index)


def _published(collected_at: dt.datetime, offer: dict[str, Any], index: int) -> dt.datetime:
    # A few minutes apart within a day, so that "newest first" has no ties.
    return collected_at - dt.timedelta(days=offer["age"], minutes=7 * index)


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _francetravail(offer: dict[str, Any], index: int, place: dict[str, Any], dataset: dict[str, Any]) -> dict:
    ident = external_id(offer, index)
    published = _published(dataset["collected_at"], offer, index)
    lieu: dict[str, Any] = {"libelle": place["ft"]}
    if "insee" in place:
        lieu |= {
            "latitude": place["lat"],
            "longitude": place["lon"],
            "codePostal": place["cp"],
            "commune": place["insee"],
        }
    alternance = bool(offer.get("alternance"))
    payload = {
        "id": ident,
        "intitule": offer["title"],
        "description": offer["text"],
        "dateCreation": _iso(published),
        "dateActualisation": _iso(published + dt.timedelta(hours=5)),
        "lieuTravail": lieu,
        "romeCode": offer["rome"],
        "romeLibelle": dataset["rome_labels"][offer["rome"]],
        "appellationlibelle": offer["app"],
        "entreprise": {"nom": offer["company"]},
        "typeContrat": offer["contract"],
        "typeContratLibelle": FT_CONTRACTS[offer["contract"]],
        "natureContrat": "Contrat apprentissage" if alternance else "Contrat travail",
        "experienceExige": "D",
        "experienceLibelle": "Débutant accepté",
        "competences": [
            {"code": str(100000 + index * 10 + position), "libelle": skill, "exigence": "S"}
            for position, skill in enumerate(offer.get("skills", []))
        ],
        "salaire": {"libelle": offer["salary"]} if offer.get("salary") else {},
        "dureeTravailLibelleConverti": "Temps plein",
        "alternance": alternance,
        "nombrePostes": 1,
        "origineOffre": {
            "origine": "1",
            "urlOrigine": f"https://candidat.francetravail.fr/offres/recherche/detail/{ident}",
        },
    }
    return payload


def _adzuna(offer: dict[str, Any], index: int, place: dict[str, Any], dataset: dict[str, Any]) -> dict:
    ident = external_id(offer, index)
    area = place["az"]
    payload: dict[str, Any] = {
        "__CLASS__": "Adzuna::API::Response::Job",
        "id": ident,
        "title": offer["title"],
        "description": offer["text"],
        "created": _published(dataset["collected_at"], offer, index).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "redirect_url": f"https://www.adzuna.fr/details/{ident}?utm_medium=api",
        "company": {"__CLASS__": "Adzuna::API::Response::Company", "display_name": offer["company"]},
        "location": {
            "__CLASS__": "Adzuna::API::Response::Location",
            "area": area,
            "display_name": f"{area[-1]}, {area[-2]}" if len(area) > 3 else area[-1],
        },
        "category": {"__CLASS__": "Adzuna::API::Response::Category", "tag": "unknown", "label": "Unknown"},
        "contract_type": offer.get("contract"),
        "contract_time": offer.get("time"),
        "salary_is_predicted": "0",
    }
    if "insee" in place:
        payload |= {"latitude": place["lat"], "longitude": place["lon"]}
    if offer.get("salary"):
        payload |= {"salary_min": offer["salary"][0], "salary_max": offer["salary"][1]}
    return payload


def payloads_write(dataset: dict[str, Any], directory: Path) -> dict[tuple[str, str], str]:
    """Write DIR/francetravail/*.json and DIR/adzuna/*.json; returns (source, external id) -> offer key."""
    by_source: dict[str, list[dict]] = {"francetravail": [], "adzuna": []}
    keys: dict[tuple[str, str], str] = {}
    for index, offer in enumerate(dataset["offers"], start=1):
        place = dataset["places"][offer["place"]]
        if offer["src"] == "ft":
            by_source["francetravail"].append(_francetravail(offer, index, place, dataset))
            keys[("francetravail", external_id(offer, index))] = offer["key"]
        else:
            by_source["adzuna"].append(_adzuna(offer, index, place, dataset))
            keys[("adzuna", external_id(offer, index))] = offer["key"]
    for source, items in by_source.items():
        folder = directory / source
        folder.mkdir(parents=True, exist_ok=True)
        size = FT_PAGE_SIZE if source == "francetravail" else ADZUNA_PAGE_SIZE
        for page, start in enumerate(range(0, len(items), size), start=1):
            chunk = items[start : start + size]
            body: dict[str, Any] = (
                {"resultats": chunk, "filtresPossibles": []}
                if source == "francetravail"
                else {"__CLASS__": "Adzuna::API::Response::JobSearchResults", "count": len(items), "mean": 0,
                      "results": chunk}
            )  # fmt: skip
            (folder / f"page-{page:05d}.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return keys
