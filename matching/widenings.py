"""What would show a candidate more offers when fewer are shown: the page says it ("Élargissez le rayon à 80 km : 12
offres de plus") rather than padding the list with unrelated ones. Each relaxation of a hard constraint the candidate
set (radius, contract, remote work) is tried with the real recommendations; all of them at once when none alone shows
more. None found: no relaxation shows more, and the page says what else would (a clearer title, their skills).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from matching.profile_query import profile_constraints
from matching.ranking import recommendations_for_profile

WIDER_RADII_KM = (50, 80, 150)
# A profile's remote preference that limits nothing (`candidates.models.RemotePreference.ANY`).
ANY_REMOTE = "any"


@dataclass(frozen=True)
class Widening:
    """A relaxation of the candidate's constraints and how many more offers it would show."""

    label: str
    more: int


def widenings_for_profile(*, profile: Any, shown: int, k: int = 10) -> list[Widening]:
    """What would show more offers when fewer than k are shown: a wider radius, any contract, offers with or without
    remote work; all of them at once when none alone does. None found: no relaxation of the candidate's hard
    constraints shows more (the page then says so, and what else would)."""
    if shown >= k or not profile.profile_text.strip():
        return []
    constraints = profile_constraints(profile)

    def more_with(**changes: Any) -> int:
        wider = copy.copy(profile)
        for name, value in changes.items():
            setattr(wider, name, value)
        return len(recommendations_for_profile(profile=wider, k=k)) - shown

    found: list[Widening] = []
    if constraints.radius_km:
        # The nearest wider radius that shows more; else anywhere (0 km: no radius), so that a candidate whose
        # trade has no offer in the region still learns that it has some elsewhere.
        for radius in (*(r for r in WIDER_RADII_KM if r > constraints.radius_km), 0):
            more = more_with(radius_km=radius)
            if more > 0:
                label = (
                    _("Élargissez le rayon à %(km)d km") % {"km": radius}
                    if radius
                    else _("Cherchez dans toute la France")
                )
                found.append(Widening(label, more))
                break
    if constraints.contract_types:
        more = more_with(contract_types=[])
        if more > 0:
            found.append(Widening(_("Acceptez tous les types de contrat"), more))
    remote = constraints.remote_only or constraints.onsite_only
    if remote:
        more = more_with(remote_preference=ANY_REMOTE)
        if more > 0:
            label = (
                _("Acceptez aussi les offres sans télétravail")
                if constraints.remote_only
                else _("Acceptez aussi les offres en télétravail")
            )
            found.append(Widening(label, more))
    limits = [
        name
        for name, limited in (
            (_("de distance"), bool(constraints.radius_km)),
            (_("de contrat"), bool(constraints.contract_types)),
            (_("de télétravail"), remote),
        )
        if limited
    ]
    if not found and len(limits) >= 2:
        more = more_with(radius_km=0, contract_types=[], remote_preference=ANY_REMOTE)
        if more > 0:
            # Two or three limits, as French lists them: "de distance, de contrat et de télétravail".
            listed = _("%(first)s et %(last)s") % {"first": ", ".join(limits[:-1]), "last": limits[-1]}
            found.append(Widening(_("Levez vos limites %(limits)s") % {"limits": listed}, more))
    return found
