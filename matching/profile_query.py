"""What a candidate profile asks of the offers: its hard constraints and what the ranking compares offers with.

Read from a `candidates.CandidateProfile` (duck-typed: `matching` does not import `candidates`) by the
recommendations (`matching.ranking`) and the alert digests (`matching.alerts`).
"""

from __future__ import annotations

from typing import Any

from matching.explanations import CandidateContext
from matching.knn import HardConstraints
from offers.geography import departements_in_radius


def departement_of_commune(insee_code: str) -> str:
    """'34172' -> '34', '2A004' -> '2A', '97411' -> '974' (overseas départements have three characters)."""
    code = (insee_code or "").strip().upper()
    return code[:3] if code.startswith("97") else code[:2]


def profile_constraints(profile: Any) -> HardConstraints:
    """The hard constraints a `candidates.CandidateProfile` states."""
    has_point = profile.latitude is not None and profile.longitude is not None and bool(profile.radius_km)
    reached: set[str] = set()
    if has_point:
        # Offers placed only by their département count when the circle reaches it (offers.geography).
        reached = set(departements_in_radius(profile.latitude, profile.longitude, float(profile.radius_km)))
        own = departement_of_commune(getattr(profile, "commune_insee", ""))
        reached |= {own} if own else set()
    return HardConstraints(
        departements=tuple(sorted(reached)),
        contract_types=tuple(profile.contract_types or ()),
        latitude=profile.latitude if has_point else None,
        longitude=profile.longitude if has_point else None,
        radius_km=float(profile.radius_km) if has_point else None,
        remote_only=profile.remote_preference == "remote",
        onsite_only=profile.remote_preference == "onsite",
        seniority=profile.seniority or "",
        salary_floor=profile.salary_min,
    )


def profile_context(profile: Any) -> CandidateContext:
    """What the ranking and the explanations compare offers with, from a `candidates.CandidateProfile`."""
    text = "\n\n".join(part for part in (profile.presentation, profile.cv_text) if part)
    return CandidateContext(
        text=text,
        skills=tuple(profile.skills or ()),
        rome_code=profile.rome_code,
        latitude=profile.latitude,
        longitude=profile.longitude,
        salary_floor=profile.salary_min,
        title=profile.wanted_title,
        seniority=profile.seniority or "",
        contract_types=tuple(profile.contract_types or ()),
    )
