"""Payload builders in the real shapes of the two sources (texts written for the tests)."""

from __future__ import annotations

import copy
from typing import Any

BAKER_TEXT = (
    "La boulangerie du Vieux Moulin cherche un boulanger pour la fabrication des pains de tradition, "
    "des baguettes et des pains spéciaux. Vous préparez les pâtes, surveillez la fermentation, "
    "façonnez et cuisez les pâtons au four à sole. Vous participez au nettoyage du fournil et à la "
    "réception des matières premières. Travail de nuit du mardi au samedi, deux jours de repos consécutifs. "
    "Une première expérience en boulangerie artisanale est appréciée, débutants motivés acceptés. "
    "Vous rejoignez une équipe de quatre personnes dans un fournil rénové l'an dernier."
)


def france_travail_offer(offer_id: str = "201ABCD", **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": offer_id,
        "intitule": "Boulanger / Boulangère (H/F)",
        "description": BAKER_TEXT,
        "dateCreation": "2026-10-02T08:15:00.000Z",
        "dateActualisation": "2026-10-03T09:00:00.000Z",
        "lieuTravail": {
            "libelle": "34 - MONTPELLIER",
            "latitude": 43.6108,
            "longitude": 3.8767,
            "codePostal": "34000",
            "commune": "34172",
        },
        "romeCode": "D1102",
        "romeLibelle": "Boulanger / Boulangère",
        "appellationlibelle": "Boulanger / Boulangère",
        "entreprise": {"nom": "BOULANGERIE DU VIEUX MOULIN"},
        "typeContrat": "CDI",
        "typeContratLibelle": "Contrat à durée indéterminée",
        "natureContrat": "Contrat travail",
        "experienceExige": "S",
        "experienceLibelle": "2 An(s) - en boulangerie",
        "competences": [
            {"code": "100001", "libelle": "Façonner des pâtons", "exigence": "E"},
            {"code": "100002", "libelle": "Cuire des pains", "exigence": "S"},
        ],
        "qualitesProfessionnelles": [
            {"libelle": "Faire preuve de rigueur et de précision", "description": "..."},
            {"libelle": "Travailler en équipe", "description": "..."},
        ],
        "salaire": {"libelle": "Mensuel de 2000.0 Euros à 2200.0 Euros sur 13.0 mois", "commentaire": "Selon profil"},
        "dureeTravailLibelle": "39H Travail de nuit",
        "dureeTravailLibelleConverti": "Temps plein",
        "alternance": False,
        "contact": {},
        "agence": {},
        "nombrePostes": 1,
        "secteurActivite": "10",
        "secteurActiviteLibelle": "Boulangerie et boulangerie-pâtisserie",
        "origineOffre": {
            "origine": "1",
            "urlOrigine": f"https://candidat.francetravail.fr/offres/recherche/detail/{offer_id}",
        },
        "entrepriseAdaptee": False,
        "employeurHandiEngage": False,
    }
    payload.update(copy.deepcopy(overrides))
    return payload


def adzuna_job(job_id: str = "4800000001", **overrides: Any) -> dict[str, Any]:
    # Adzuna's cut: the first 499 characters and an ellipsis.
    description = BAKER_TEXT[:499] + "…"
    payload: dict[str, Any] = {
        "__CLASS__": "Adzuna::API::Response::Job",
        "id": job_id,
        "title": "Boulanger H/F",
        "description": description,
        "created": "2026-10-02T10:00:00Z",
        "redirect_url": f"https://www.adzuna.fr/details/{job_id}?utm_medium=api",
        "company": {"__CLASS__": "Adzuna::API::Response::Company", "display_name": "Boulangerie du Vieux Moulin"},
        "location": {
            "__CLASS__": "Adzuna::API::Response::Location",
            "area": ["France", "Occitanie", "Hérault", "Montpellier", "Montpellier"],
            "display_name": "Montpellier, Hérault",
        },
        "latitude": 43.61,
        "longitude": 3.87,
        "category": {"__CLASS__": "Adzuna::API::Response::Category", "tag": "unknown", "label": "Unknown"},
        "contract_type": "permanent",
        "salary_is_predicted": "0",
        "adref": "test-adref",
    }
    payload.update(copy.deepcopy(overrides))
    return payload


def france_travail_page(offers: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resultats": offers, "filtresPossibles": []}


def adzuna_page(jobs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"__CLASS__": "Adzuna::API::Response::JobSearchResults", "count": len(jobs), "mean": 0, "results": jobs}
