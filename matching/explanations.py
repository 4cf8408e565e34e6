"""Why an offer is shown to a candidate: skills they have and lack, distance, salary, occupation."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from offers.models import Occupation, Offer

EARTH_RADIUS_KM = 6371.0


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces: how skills are compared with a candidate's words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join("".join(char if char.isalnum() else " " for char in stripped).split())


_STOP_WORDS = frozenset(
    [
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "un",
        "une",
        "et",
        "en",
        "a",
        "au",
        "aux",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "son",
        "sa",
        "ses",
        "d",
        "l",
        "leur",
        "leurs",
        "ou",
        "qui",
        "que",
        "the",
        "of",
        "and",
        "to",
    ]
)


def _words(text: str) -> set[str]:
    return {word for word in normalise(text).split() if word not in _STOP_WORDS and len(word) > 2}


def skill_is_covered(skill: str, *, candidate_skills: Iterable[str], candidate_words: set[str]) -> bool:
    """A skill of the offer counts as the candidate's when they list it, or their text has most of its words."""
    wanted = normalise(skill)
    if any(wanted == normalise(own) or (wanted and wanted in normalise(own)) for own in candidate_skills):
        return True
    words = _words(skill)
    if not words:
        return False
    # Prefix match absorbs plurals and French inflections ("vente"/"vendre" do not, on purpose).
    covered = sum(1 for word in words if any(own.startswith(word[:5]) for own in candidate_words))
    return covered / len(words) >= 0.6


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class CandidateContext:
    """What the explanations compare an offer with."""

    text: str = ""
    skills: tuple[str, ...] = ()
    rome_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    salary_floor: int | None = None


@dataclass(frozen=True)
class Explanation:
    similarity: float
    matched_skills: list[str]
    missing_skills: list[str]
    distance_km: float | None
    salary_fit: str  # above_floor | below_floor | not_stated | no_floor
    salary_fit_label: str
    occupation_fit: str  # same | close | other | unknown
    occupation_fit_label: str
    summary: str = field(default="")

    def as_dict(self) -> dict[str, object]:
        return {
            "similarity": round(self.similarity, 4),
            "matched_skills": self.matched_skills,
            "missing_skills": self.missing_skills,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "salary_fit": self.salary_fit,
            "salary_fit_label": self.salary_fit_label,
            "occupation_fit": self.occupation_fit,
            "occupation_fit_label": self.occupation_fit_label,
            "summary": self.summary,
        }


def close_occupation_codes(rome_code: str) -> set[str]:
    """ROME close occupations, both ways (the referential lists them from one side only)."""
    if not rome_code:
        return set()
    forward = Occupation.objects.filter(code=rome_code).values_list("close_occupations__code", flat=True)
    backward = Occupation.objects.filter(close_occupations__code=rome_code).values_list("code", flat=True)
    return {code for code in [*forward, *backward] if code and code != rome_code}


def explain(offer: Offer, *, similarity: float, context: CandidateContext, close_codes: set[str]) -> Explanation:
    candidate_words = _words(" ".join([context.text, *context.skills]))
    matched: list[str] = []
    missing: list[str] = []
    for skill in offer.skills:
        covered = skill_is_covered(skill, candidate_skills=context.skills, candidate_words=candidate_words)
        (matched if covered else missing).append(skill)
    distance = None
    if (
        context.latitude is not None
        and context.longitude is not None
        and offer.latitude is not None
        and offer.longitude is not None
    ):
        distance = haversine_km(context.latitude, context.longitude, offer.latitude, offer.longitude)
    top = offer.salary_max or offer.salary_min
    if not context.salary_floor:
        salary_fit, salary_label = "no_floor", _("Pas de salaire minimum indiqué dans votre profil")
    elif top is None:
        salary_fit, salary_label = "not_stated", _("Salaire non précisé par l'employeur")
    elif top >= context.salary_floor:
        salary_fit, salary_label = "above_floor", _("Salaire au niveau de votre minimum ou au-dessus")
    else:
        salary_fit, salary_label = "below_floor", _("Salaire sous votre minimum")
    if not context.rome_code or not offer.rome_code:
        occupation_fit, occupation_label = "unknown", _("Métier non comparé")
    elif offer.rome_code == context.rome_code:
        occupation_fit, occupation_label = "same", _("Votre métier")
    elif offer.rome_code in close_codes:
        occupation_fit, occupation_label = "close", _("Un métier proche du vôtre")
    else:
        occupation_fit, occupation_label = "other", _("Un autre métier")
    parts = [_("Similarité %(percent)d %%") % {"percent": round(similarity * 100)}]
    if offer.skills:
        parts.append(
            ngettext("%(matched)d compétence sur %(total)d", "%(matched)d compétences sur %(total)d", len(matched))
            % {"matched": len(matched), "total": len(offer.skills)}
        )
    if distance is not None:
        parts.append(_("à %(km)d km") % {"km": round(distance)})
    return Explanation(
        similarity=similarity,
        matched_skills=matched,
        missing_skills=missing,
        distance_km=distance,
        salary_fit=salary_fit,
        salary_fit_label=salary_label,
        occupation_fit=occupation_fit,
        occupation_fit_label=occupation_label,
        summary=" · ".join(parts),
    )
