"""What titles and texts say about the contract, the seniority and remote work.

Used where the source has no field for it (Adzuna) or as a complement (a France
Travail "Stage" title). Pure functions of folded text (see text.fold).
"""

from __future__ import annotations

import re

from ingestion.normalise.text import fold
from offers.models import ContractType, Seniority

_APPRENTICESHIP_RE = re.compile(
    r"\b(alternance|alternant|apprenti|apprentie|apprentissage|contrat pro|professionnalisation)"
)
_INTERNSHIP_RE = re.compile(r"\b(stage|stagiaire|internship)\b")
_INTERIM_RE = re.compile(r"\b(interim|interimaire|travail temporaire)\b")
_SEASONAL_RE = re.compile(r"\b(saisonnier|saisonniere|saison)\b")
_FREELANCE_RE = re.compile(r"\b(freelance|independant|independante|auto[- ]entrepreneur|portage salarial)\b")
_CDD_RE = re.compile(r"\bcdd\b")
_CDI_RE = re.compile(r"\bcdi\b")

_SENIOR_RE = re.compile(r"\b(senior|confirme|confirmee|experimente|experimentee|expert|experte|lead|principal)\b")
_JUNIOR_RE = re.compile(r"\bjunior\b")
_BEGINNER_RE = re.compile(r"\b(debutant|debutante|debutant accepte|jeune diplome|jeune diplomee|sans experience)\b")

_REMOTE_RE = re.compile(r"\b(teletravail|tele travail|full remote|remote|travail a distance)\b")
_NO_REMOTE_RE = re.compile(
    r"\b(pas de|sans|aucun|non)\s+(?:\w+\s+){0,2}(teletravail|remote)"
    r"|\b(teletravail|remote)\s+(?:\w+\s+){0,2}(impossible|non possible|pas possible|exclu|non autorise)"
)


def contract_from_words(text: str) -> str:
    """The contract a title states, most specific first; '' when it says none."""
    folded = fold(text)
    for pattern, contract in (
        (_APPRENTICESHIP_RE, ContractType.APPRENTISSAGE),
        (_INTERNSHIP_RE, ContractType.STAGE),
        (_INTERIM_RE, ContractType.INTERIM),
        (_SEASONAL_RE, ContractType.SAISONNIER),
        (_FREELANCE_RE, ContractType.INDEPENDANT),
        (_CDD_RE, ContractType.CDD),
        (_CDI_RE, ContractType.CDI),
    ):
        if pattern.search(folded):
            return contract.value
    return ""


def seniority_from_words(text: str) -> str:
    folded = fold(text)
    if _BEGINNER_RE.search(folded):
        return Seniority.DEBUTANT.value
    if _JUNIOR_RE.search(folded):
        return Seniority.JUNIOR.value
    if _SENIOR_RE.search(folded):
        return Seniority.CONFIRME.value
    return ""


def seniority_from_years(years: float) -> str:
    """France Travail's own three levels: under 1 year, 1 to 3 years, over 3 years."""
    if years < 1:
        return Seniority.DEBUTANT.value
    if years <= 3:
        return Seniority.JUNIOR.value
    return Seniority.CONFIRME.value


def mentions_remote(*texts: str) -> bool:
    folded = fold(" ".join(texts))
    if _NO_REMOTE_RE.search(folded):
        return False
    return bool(_REMOTE_RE.search(folded))
