"""Why an offer is shown to a candidate: short French facts the candidate can check.

Each reason is a fact about the offer and the candidate together: skills they have and lack (by
name, read by `offers.understanding.skills`, the same reader everywhere; on an offer of their own trade, its
general skills their words do not say are theirs to state, not lacks: `own_trade_unstated`), the distance, the
contract, the salary against their floor, the occupation (theirs or a close one). A fact that
speaks against the offer (a salary under their floor, more experience asked than they have, another
occupation) is a warning, never a reason for it. No similarity figure is shown: it is not a fact a
candidate can check.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from matching.skill_meaning import never
from offers.models import Offer
from offers.understanding.offer_skill_reading import offer_text_skills
from offers.understanding.skills import SkillProfile, skill_reader

EARTH_RADIUS_KM = 6371.0
MAX_SKILLS_SHOWN = 5
SENIORITY_YEARS = {"debutant": 0, "junior": 1, "confirme": 3}  # the least each level means, in years
SALARY_FIT_LABELS = {
    "no_floor": gettext_noop("Pas de salaire minimum indiqué dans votre profil"),
    "not_stated": gettext_noop("Salaire non précisé par l'employeur"),
    "above_floor": gettext_noop("Salaire au niveau de votre minimum ou au-dessus"),
    "below_floor": gettext_noop("Salaire sous votre minimum"),
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class CandidateContext:
    """What the ranking and the explanations compare an offer with."""

    text: str = ""
    skills: tuple[str, ...] = ()
    rome_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    salary_floor: int | None = None
    title: str = ""
    seniority: str = ""
    contract_types: tuple[str, ...] = ()


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
    summary: str = ""
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Skills of an offer of the candidate's own trade that their words do not say (`own_trade_unstated`).
    unstated_skills: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "similarity": round(self.similarity, 4),
            "matched_skills": self.matched_skills,
            "missing_skills": self.missing_skills,
            "unstated_skills": self.unstated_skills,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "salary_fit": self.salary_fit,
            "salary_fit_label": self.salary_fit_label,
            "occupation_fit": self.occupation_fit,
            "occupation_fit_label": self.occupation_fit_label,
            "summary": self.summary,
            "reasons": self.reasons,
            "warnings": self.warnings,
        }


class JudgedSkills:
    """One profile's verdicts on offer skill labels (`SkillReader.covered`, `SkillReader.partly`), each judged once:
    the pooled and the shown offers repeat ROME's labels. Up to `kept` labels a verdict, then afresh."""

    def __init__(self, profile: SkillProfile, *, kept: int = 500) -> None:
        self.profile = profile
        self._kept = kept
        self._covered: dict[str, bool] = {}
        self._partly: dict[str, bool] = {}

    def covered(self, skill: str) -> bool:
        return self._judged(self._covered, skill_reader().covered, skill)

    def partly(self, skill: str) -> bool:
        return self._judged(self._partly, skill_reader().partly, skill)

    def __len__(self) -> int:
        return len(self._covered) + len(self._partly)

    def _judged(self, verdicts: dict[str, bool], judge: Callable[[str, SkillProfile], bool], skill: str) -> bool:
        known = verdicts.get(skill)
        if known is None:
            if len(verdicts) >= self._kept:
                verdicts.clear()
            known = verdicts[skill] = judge(skill, self.profile)
        return known


def skills_compared(
    offer: Offer,
    *,
    context: CandidateContext,
    profile: SkillProfile,
    said_otherwise: Callable[[str], bool] = never,
    judged: JudgedSkills | None = None,
) -> tuple[list[str], list[str]]:
    """(skills of the offer the candidate has, skills of the offer they lack), by the offer's own names.

    An offer without listed skills (Adzuna) is compared through its text: the candidate's own
    skills that its title or description names count as matched, and nothing is called missing.
    A skill their words half say, or that a listed skill says in other words (`said_otherwise`,
    `matching.skill_meaning`), is neither; not a tool, a licence or a language, which is had or not ("Permis C"
    is no "Permis D", however near their wordings). `judged`: the profile's verdicts kept across offers (the
    ranking's), else judged afresh.
    """
    reader = skill_reader()
    if offer.skills:
        verdicts = judged if judged is not None else JudgedSkills(profile)
        matched, missing = [], []
        for skill in offer.skills:
            if verdicts.covered(skill):
                matched.append(skill)
            elif not verdicts.partly(skill) and (reader.names_specific(skill) or not said_otherwise(skill)):
                missing.append(skill)
        return matched, missing
    if not context.skills:
        return [], []
    offer_side = offer_text_skills(offer.title, offer.description)
    return [skill for skill in context.skills if reader.covered(skill, offer_side)], []


def own_trade_unstated(
    missing: list[str], *, occupation_fit: str, occupation_basis: str
) -> tuple[list[str], list[str]]:
    """(skills they lack, skills of their own trade their words do not say) of the skills `skills_compared` calls
    missing.

    On an offer of the occupation the candidate named or that their words describe, the trade's general skills
    ("Façonner des pâtons" for a baker) are mostly theirs though they did not write them: over the judged verdicts
    of the seven readable profile sets (matching/evaluation/verdicts), 375 of the 569 general skills such offers
    called missing were said by the candidate's words at least in part, against 48 of 390 on offers of other
    occupations. A lack is not stated there: the skill is one to state in their profile ("À préciser"), a fact
    either way. A tool, a licence or a language is had or not, and stays a lack; so does every skill where the
    trade is not theirs or not sure.
    """
    if occupation_fit != "same" or occupation_basis == "unsure":
        return missing, []
    reader = skill_reader()
    return [skill for skill in missing if reader.names_specific(skill)], [
        skill for skill in missing if not reader.names_specific(skill)
    ]


def distance_km(latitude: float | None, longitude: float | None, context: CandidateContext) -> float | None:
    """Kilometres from the candidate's place to an offer's, when both are known."""
    if None in (context.latitude, context.longitude, latitude, longitude):
        return None
    return haversine_km(context.latitude, context.longitude, latitude, longitude)  # type: ignore[arg-type]


def salary_fit_of(salary_min: int | None, salary_max: int | None, context: CandidateContext) -> str:
    """no_floor, not_stated, above_floor or below_floor: the best stated salary against their floor."""
    top = salary_max or salary_min
    if not context.salary_floor:
        return "no_floor"
    if top is None:
        return "not_stated"
    return "above_floor" if top >= context.salary_floor else "below_floor"


def asks_more_experience(seniority: str, context: CandidateContext) -> bool:
    """More experience asked than the candidate's plus a year of tolerance."""
    if not context.seniority or seniority not in SENIORITY_YEARS:
        return False
    # A year of tolerance: a beginner may answer an offer asking one year.
    return SENIORITY_YEARS[seniority] > SENIORITY_YEARS.get(context.seniority, 0) + 1


def _seniority_warning(offer: Offer, context: CandidateContext) -> str:
    if not asks_more_experience(offer.seniority, context):
        return ""
    label = offer.get_seniority_display().lower()
    if offer.experience_required:
        return _("Expérience exigée : %(label)s") % {"label": label}
    return _("Expérience souhaitée : %(label)s") % {"label": label}


def explain(
    offer: Offer,
    *,
    similarity: float,
    context: CandidateContext,
    profile: SkillProfile,
    occupation_fit: str,
    occupation_basis: str = "unsure",
    occupation_label: str = "",
    said_otherwise: Callable[[str], bool] = never,
    judged: JudgedSkills | None = None,
) -> Explanation:
    """The facts shown with an offer. `occupation_fit` is same / close / other / unknown, as the ranking read it.

    `occupation_basis` says what that fit stands on, so that it is stated only as far as it is a fact:
    `named` (the candidate gave their job: a title, a chosen code), `read` (their text or CV describes one
    clearly: the reason names it, so they can check it) or `unsure` (no occupation is said). The offer's
    occupation is named by `occupation_label` (the ROME label the ranking read), else its source's label.
    `judged`: the profile's skill verdicts kept across offers (`JudgedSkills` of `profile`), else judged afresh.
    """
    matched, missing = skills_compared(
        offer, context=context, profile=profile, said_otherwise=said_otherwise, judged=judged
    )
    missing, unstated = own_trade_unstated(missing, occupation_fit=occupation_fit, occupation_basis=occupation_basis)
    distance = distance_km(offer.latitude, offer.longitude, context)
    salary_fit = salary_fit_of(offer.salary_min, offer.salary_max, context)
    salary_label = _(SALARY_FIT_LABELS[salary_fit])  # translated once shown, not the four at every offer
    label = occupation_label or offer.rome_label
    fit_label, occupation_reason, occupation_warning = _occupation_statement(occupation_fit, occupation_basis, label)

    reasons: list[str] = []
    warnings: list[str] = []
    if occupation_reason:
        reasons.append(occupation_reason)
    if occupation_warning:
        warnings.append(occupation_warning)
    if matched:
        reasons.append(_("Vous avez : %(skills)s") % {"skills": ", ".join(matched[:MAX_SKILLS_SHOWN])})
    if missing:
        warnings.append(_("À acquérir : %(skills)s") % {"skills": ", ".join(missing[:MAX_SKILLS_SHOWN])})
    if unstated:
        warnings.append(
            _("À préciser dans votre profil si vous les maîtrisez : %(skills)s")
            % {"skills": ", ".join(unstated[:MAX_SKILLS_SHOWN])}
        )
    if distance is not None:
        reasons.append(_("À %(km)d km de chez vous") % {"km": round(distance)})
    elif offer.departement and context.latitude is not None:
        reasons.append(_("Dans le département %(code)s (lieu exact non précisé)") % {"code": offer.departement})
    if context.contract_types and offer.contract_type in context.contract_types:
        reasons.append(
            _("Contrat %(contract)s, comme vous le souhaitez") % {"contract": offer.get_contract_type_display()}
        )
    if salary_fit == "above_floor":
        reasons.append(salary_label)
    elif salary_fit == "below_floor":
        warnings.append(salary_label)
    seniority = _seniority_warning(offer, context)
    if seniority:
        warnings.append(seniority)

    parts = []
    if occupation_reason:
        parts.append(fit_label)
    if offer.skills and matched:
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
        unstated_skills=unstated,
        distance_km=distance,
        salary_fit=salary_fit,
        salary_fit_label=salary_label,
        occupation_fit=occupation_fit,
        occupation_fit_label=fit_label,
        summary=" · ".join(parts),
        reasons=reasons,
        warnings=warnings,
    )


def _occupation_statement(fit: str, basis: str, label: str) -> tuple[str, str, str]:
    """(the fit's label, the reason it gives or "", the warning it gives or "") for an occupation fit.

    A job the candidate named is "votre métier"; one read from their text is named, as read, so they can
    check it; a reading too unsure to state gives no reason and no warning (the offer is shown for its
    other facts)."""
    if basis == "unsure":
        return _("Votre métier n'a pas pu être reconnu : indiquez le poste recherché"), "", ""
    if fit == "unknown":
        return _("Métier non précisé"), "", ""
    if basis == "named":
        if fit == "same":
            return _("Votre métier"), _("Votre métier"), ""
        if fit == "close":
            reason = _("Métier proche : %(label)s") % {"label": label} if label else _("Métier proche")
            return _("Un métier proche du vôtre"), reason, ""
        return _("Un autre métier que le vôtre"), "", _("Un autre métier que le vôtre")
    if basis == "read" and label:
        if fit == "same":
            return (
                _("Le métier reconnu dans votre profil"),
                _("Métier reconnu dans votre profil : %(label)s") % {"label": label},
                "",
            )
        if fit == "close":
            return (
                _("Un métier proche de celui reconnu dans votre profil"),
                _("Métier proche de celui reconnu dans votre profil : %(label)s") % {"label": label},
                "",
            )
        return (
            _("Un autre métier que celui reconnu dans votre profil"),
            "",
            _("Un autre métier que celui reconnu dans votre profil"),
        )
    return _("Métier non précisé"), "", ""
