"""Read-side queries for candidates, and the offers reference reads their pages need."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

from candidates.cv_proposals import CvProposals
from candidates.models import (
    AlertDigest,
    ApiToken,
    CandidateProfile,
    CvUpload,
    CvUploadStatus,
    SavedOffer,
    SavedSearch,
)
from candidates.signals import export_collecting
from offers.models import Commune, Occupation, OccupationTitle, Offer
from offers.reference_data import normalize_place_name
from offers.understanding.occupations import occupation_reader
from offers.understanding.skills import skill_reader

SKILL_VOCABULARY_CACHE_KEY = "candidates:skill-vocabulary:v1"
SKILL_VOCABULARY_SIZE = 5000


def profile_for_user(*, user: User) -> CandidateProfile | None:
    return CandidateProfile.objects.filter(user=user).first()


def profile_for_user_id(*, user_id: int) -> CandidateProfile | None:
    return CandidateProfile.objects.filter(user_id=user_id).first()


def email_confirmed(*, user: User) -> bool:
    """False while an account made by sign-up has not confirmed its address (candidates.signup)."""
    return not CandidateProfile.objects.filter(user=user, email_confirmation_pending=True).exists()


def cv_upload_latest(*, user: User) -> CvUpload | None:
    """The account's last CV upload (only the latest is kept): being read, read, or refused and why."""
    return CvUpload.objects.filter(user=user).first()


def cv_proposals_pending(*, cv_upload: CvUpload | None, profile: CandidateProfile) -> CvProposals | None:
    """What the latest read CV proposes that the candidate has neither answered nor already in the profile."""
    if cv_upload is None or cv_upload.status != CvUploadStatus.READ or cv_upload.proposals_answered_at is not None:
        return None
    proposals = cv_proposals_unknown_to(profile=profile, proposals=CvProposals.from_json(cv_upload.proposals))
    return None if proposals.is_empty else proposals


def cv_proposals_unknown_to(*, profile: CandidateProfile, proposals: CvProposals) -> CvProposals:
    """The proposals the profile does not already hold (same title or ROME family, town, covered skills)."""
    return proposals.without_known(
        wanted_title=profile.wanted_title,
        rome_code=profile.rome_code,
        commune_insee=profile.commune_insee,
        skills=profile.skills,
        skill_reader=skill_reader(),
        occupations=occupation_reader(),
    )


def saved_offers_for_user(*, user: User) -> QuerySet[SavedOffer]:
    return SavedOffer.objects.filter(user=user).select_related("offer")


def saved_offer_ids(*, user: User, offer_ids: list[int] | None = None) -> set[int]:
    """Which offers the user bookmarked, for the save buttons of a result page."""
    if not user.is_authenticated:
        return set()
    rows = SavedOffer.objects.filter(user=user)
    if offer_ids is not None:
        rows = rows.filter(offer_id__in=offer_ids)
    return set(rows.values_list("offer_id", flat=True))


def offer_title(*, offer_id: int) -> str:
    """The title of an offer, for the name of its save button."""
    return Offer.objects.filter(pk=offer_id).values_list("title", flat=True).first() or ""


def saved_offer_ids_of(*, user_id: int, offer_ids: list[int]) -> list[int]:
    """Which of `offer_ids` the candidate saved (the digest tells them about the closed ones)."""
    if not offer_ids:
        return []
    return sorted(SavedOffer.objects.filter(user_id=user_id, offer_id__in=offer_ids).values_list("offer_id", flat=True))


def title_suggestions(*, query: str, limit: int = 10) -> list[dict[str, str]]:
    """ROME job titles starting with (then containing) what the candidate types, with their ROME code."""
    query = query.strip()
    if len(query) < 2:
        return []
    rows = (
        OccupationTitle.objects.filter(label__icontains=query)
        .select_related("occupation")
        .order_by("label")
        .values("label", "occupation__code", "occupation__label")
    )
    folded = query.lower()
    ranked = sorted(rows[:200], key=lambda row: (not row["label"].lower().startswith(folded), len(row["label"])))
    return [
        {"label": row["label"], "rome_code": row["occupation__code"], "occupation": row["occupation__label"]}
        for row in ranked[:limit]
    ]


def occupation_for_title(*, title: str) -> Occupation | None:
    """The ROME occupation of a title typed exactly as a known title or occupation label."""
    title = title.strip()
    if not title:
        return None
    match = OccupationTitle.objects.filter(label__iexact=title).select_related("occupation").first()
    if match is not None:
        return match.occupation
    return Occupation.objects.filter(label__iexact=title).first()


def commune_suggestions(*, query: str, limit: int = 10) -> list[Commune]:
    """Communes by name prefix (accents and case ignored) or by postcode."""
    query = query.strip()
    if len(query) < 2:
        return []
    if query.isdigit():
        if len(query) == 5:
            return list(Commune.objects.filter(postcodes__contains=[query]).order_by("name")[:limit])
        # A partial postcode: compare with each commune's main (first) postcode.
        return list(Commune.objects.filter(postcodes__0__startswith=query).order_by("name")[:limit])
    normalized = normalize_place_name(query)
    if not normalized:
        return []
    return list(
        Commune.objects.filter(normalized_name__startswith=normalized, is_district=False).order_by("normalized_name")[
            :limit
        ]
    )


def commune_by_insee(*, insee_code: str) -> Commune | None:
    return Commune.objects.filter(insee_code=insee_code).first()


def skill_vocabulary() -> list[str]:
    """The most frequent skills of open offers, longest first (so 'gestion de projet' beats 'gestion').

    Unnesting every offer's skills is a full scan: the result is cached for an hour.
    """
    cached = cache.get(SKILL_VOCABULARY_CACHE_KEY)
    if cached is not None:
        return cached
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT skill FROM (
                SELECT unnest(skills) AS skill FROM {Offer._meta.db_table} WHERE status = 'open'
            ) AS s GROUP BY skill ORDER BY count(*) DESC LIMIT %s
            """,
            [SKILL_VOCABULARY_SIZE],
        )
        skills = [row[0] for row in cursor.fetchall() if row[0]]
    skills.sort(key=len, reverse=True)
    cache.set(SKILL_VOCABULARY_CACHE_KEY, skills, timeout=3600)
    return skills


def skill_suggestions(*, query: str, limit: int = 10) -> list[str]:
    from candidates.cv import fold

    needle = fold(query)
    if len(needle) < 2:
        return []
    return sorted((skill for skill in skill_vocabulary() if needle in fold(skill)), key=len)[:limit]


def candidate_export(*, user: Any) -> dict[str, Any]:
    """Everything JobMarket keeps about one person (RGPD right of access), as plain JSON data."""
    profile = profile_for_user(user=user)
    profile_data: dict[str, Any] | None = None
    if profile is not None:
        profile_data = {
            "wanted_title": profile.wanted_title,
            "rome_code": profile.rome_code,
            "skills": profile.skills,
            "presentation": profile.presentation,
            "place_name": profile.place_name,
            "commune_insee": profile.commune_insee,
            "latitude": profile.latitude,
            "longitude": profile.longitude,
            "radius_km": profile.radius_km,
            "contract_types": profile.contract_types,
            "seniority": profile.seniority,
            "remote_preference": profile.remote_preference,
            "salary_min": profile.salary_min,
            "cv_file_name": profile.cv_original_name,
            "cv_uploaded_at": profile.cv_uploaded_at.isoformat() if profile.cv_uploaded_at else None,
            "cv_text": profile.cv_text,
            "profile_text": profile.profile_text,
            "created_at": profile.created_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
        }
    export: dict[str, Any] = {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "api_tokens": [
                {
                    "name": token.name,
                    "key_prefix": token.key_prefix,
                    "created_at": token.created_at.isoformat(),
                    "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
                }
                for token in ApiToken.objects.filter(user=user)
            ],
        },
        "profile": profile_data,
        "saved_offers": [
            {
                "offer_id": saved.offer_id,
                "title": saved.offer.title,
                "company": saved.offer.company,
                "city": saved.offer.city,
                "saved_at": saved.saved_at.isoformat(),
            }
            for saved in saved_offers_for_user(user=user)
        ],
        "saved_searches": [
            {
                "name": search.name,
                "query": search.query,
                "frequency": search.frequency,
                "paused": search.paused,
                "created_at": search.created_at.isoformat(),
            }
            for search in SavedSearch.objects.filter(owner=user)
        ],
        "alert_digests": [
            {"sent_at": digest.sent_at.isoformat(), "offer_ids": digest.offer_ids}
            for digest in AlertDigest.objects.filter(user=user)
        ],
    }
    # What other apps keep about the account (matching: the offers hidden from recommendations).
    for _receiver, sections in export_collecting.send(sender=CandidateProfile, user=user):
        export.update(sections or {})
    return export


def skills_for_occupation(*, rome_code: str, limit: int = 15) -> list[str]:
    """The skills open offers of this ROME code ask for most: suggestions next to the skills field."""
    if not rome_code:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT skill FROM (
                SELECT unnest(skills) AS skill FROM {Offer._meta.db_table}
                WHERE status = 'open' AND rome_code = %s
            ) AS s GROUP BY skill ORDER BY count(*) DESC, skill LIMIT %s
            """,
            [rome_code, limit],
        )
        return [row[0] for row in cursor.fetchall() if row[0]]


_COMMUNE_LABEL = re.compile(r"^(?P<name>.+?)\s*\((?P<departement>[0-9AB]{2,3})\)$")


def commune_from_label(*, label: str) -> Commune | None:
    """The commune a place field names: 'Montpellier (34)' (our suggestions), a postcode, or a unique name."""
    label = " ".join(label.split())
    if not label:
        return None
    if label.isdigit() and len(label) == 5:
        return Commune.objects.filter(postcodes__contains=[label]).order_by("is_district", "name").first()
    match = _COMMUNE_LABEL.match(label)
    communes = Commune.objects.filter(is_district=False)
    if match:
        communes = communes.filter(
            normalized_name=normalize_place_name(match["name"]), departement=match["departement"]
        )
    else:
        communes = communes.filter(normalized_name=normalize_place_name(label))
    found = list(communes[:2])
    # A bare name shared by several communes ("Saint-Denis") is ambiguous: ask for the département.
    return found[0] if len(found) == 1 else None
