"""Soft skills: loading France Travail's Match via Soft Skills scores (one row per ROME code and
soft skill), and ranking the ones an occupation asks for most (`occupation_soft_skills`)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

from offers.models import Occupation, OccupationSoftSkill, Offer, OfferStatus, SoftSkill
from offers.search.vocabulary import words_of

REQUIRED_COLUMNS = {"code_rome", "skill_id", "score", "summary", "details"}
ROME_CODE = re.compile(r"^[A-N]\d{4}$")
SKILL_ID = re.compile(r"^soft_skill_\d{2}$")
BATCH_SIZE = 2000

Progress = Callable[[str], None]


class SoftSkillFileError(ValueError):
    pass


@dataclass(frozen=True)
class SoftSkillLoadReport:
    skills: int
    scores: int
    occupations: int
    skipped: int


def _collected_at(value: str) -> dt.datetime | None:
    try:
        return parse_datetime(value.strip()) if value else None
    except ValueError:
        return None


def softskill_load(*, path: Path, progress: Progress = lambda _: None) -> SoftSkillLoadReport:
    """Upsert the 23 soft skills and each occupation's score; running it twice changes nothing."""
    skills: dict[str, SoftSkill] = {}
    scores: dict[tuple[str, str], OccupationSoftSkill] = {}
    skipped = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise SoftSkillFileError(f"{path.name}: colonnes manquantes : {', '.join(sorted(missing))}")
        for row in reader:
            code, skill_id = (row.get("code_rome") or "").strip().upper(), (row.get("skill_id") or "").strip()
            try:
                score = float(row.get("score") or "")
            except ValueError:
                skipped += 1
                continue
            if not ROME_CODE.match(code) or not SKILL_ID.match(skill_id) or not 0 <= score <= 1:
                skipped += 1
                continue
            skills[skill_id] = SoftSkill(
                code=skill_id, summary=(row.get("summary") or "").strip(), details=(row.get("details") or "").strip()
            )
            scores[(code, skill_id)] = OccupationSoftSkill(
                rome_code=code,
                soft_skill_id=skill_id,
                score=score,
                collected_at=_collected_at(row.get("created_at", "")),
            )
    with transaction.atomic():
        SoftSkill.objects.bulk_create(
            list(skills.values()), update_conflicts=True, unique_fields=["code"], update_fields=["summary", "details"]
        )
        rows = list(scores.values())
        for start in range(0, len(rows), BATCH_SIZE):
            OccupationSoftSkill.objects.bulk_create(
                rows[start : start + BATCH_SIZE],
                update_conflicts=True,
                unique_fields=["rome_code", "soft_skill"],
                update_fields=["score", "collected_at"],
            )
            progress(f"Scores de savoir-être : {min(start + BATCH_SIZE, len(rows))}/{len(rows)}")
    return SoftSkillLoadReport(
        skills=len(skills), scores=len(scores), occupations=len({code for code, _ in scores}), skipped=skipped
    )


# --- Ranking ---------------------------------------------------------------------------------

SOFT_SKILL_TOP = 8
SOFT_SKILL_MIN_SCORE = 0.3
SOFT_SKILL_MATCH_CUTOFF = 80


@dataclass(frozen=True)
class RankedSoftSkill:
    summary: str
    details: str
    score: float | None  # Match via Soft Skills score (0..1), None when not loaded
    offer_share: float | None  # share of the occupation's offers asking for it (0..1)
    offer_count: int


@dataclass(frozen=True)
class OccupationSoftSkills:
    rome_code: str
    label: str
    offers: int
    skills: list[RankedSoftSkill]
    has_scores: bool


def _soft_skill_key(text: str) -> str:
    return " ".join(words_of(text))


# France Travail's offers word their "qualités professionnelles" differently from the 23
# Match via Soft Skills summaries ("Faire preuve de rigueur et de précision" vs "Être
# rigoureux"): both sides are reduced to these concepts (word beginning -> concept).
SOFT_SKILL_CONCEPTS = {
    "autonom": "autonomy", "creativ": "creativity", "inventiv": "creativity", "innov": "creativity",
    "adapt": "adaptability", "changement": "adaptability", "curios": "curiosity", "persever": "perseverance",
    "tenac": "perseverance", "autorit": "authority", "leadership": "authority", "responsab": "responsibility",
    "stress": "self_control", "maitris": "self_control", "organis": "organisation", "priorit": "organisation",
    "client": "customer", "service": "customer", "rigueur": "rigour", "rigour": "rigour", "precision": "rigour",
    "pedagog": "teaching", "ecout": "listening", "equipe": "team", "cooper": "team", "relation": "relations",
    "affaires": "business", "discret": "discretion", "diplomat": "diplomacy", "reactiv": "reactivity",
    "analys": "analysis", "synthes": "synthesis", "critique": "critical", "initiativ": "initiative",
}  # fmt: skip


def _soft_skill_concepts(text: str) -> set[str]:
    return {
        concept for word in words_of(text) for stem, concept in SOFT_SKILL_CONCEPTS.items() if word.startswith(stem)
    }


def occupation_soft_skills(*, rome_code: str, limit: int = SOFT_SKILL_TOP) -> OccupationSoftSkills:
    """The soft skills an occupation asks for most, ranked.

    Two signals, combined when both exist: the Match via Soft Skills score (loaded by
    `load_softskills`) and how often the occupation's open offers list the skill
    (France Travail's `qualitesProfessionnelles`, whose labels differ a little from
    the 23 summaries, hence the fuzzy match). Only the top ones are returned.
    """
    from rapidfuzz import fuzz, process

    occupation = Occupation.objects.filter(code=rome_code).first()
    label = occupation.label if occupation else ""
    catalogue = {skill.code: skill for skill in SoftSkill.objects.all()}
    scores = dict(OccupationSoftSkill.objects.filter(rome_code=rome_code).values_list("soft_skill_id", "score"))
    offers = Offer.objects.filter(rome_code=rome_code, status=OfferStatus.OPEN)
    if not label:
        label = offers.exclude(rome_label="").values_list("rome_label", flat=True).first() or rome_code
    offer_total = offers.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT skill, count(*) FROM offers_offer, unnest(soft_skills) AS skill"
            " WHERE rome_code = %s AND status = %s GROUP BY skill ORDER BY 2 DESC LIMIT 100",
            [rome_code, OfferStatus.OPEN],
        )
        asked = cursor.fetchall()

    keys = {code: _soft_skill_key(skill.summary) for code, skill in catalogue.items()}
    concepts = {code: _soft_skill_concepts(skill.summary) for code, skill in catalogue.items()}
    by_code: dict[str, int] = defaultdict(int)
    unmatched: dict[str, int] = {}
    for text, count in asked:
        asked_concepts = _soft_skill_concepts(text)
        overlaps = [(len(asked_concepts & found), code) for code, found in concepts.items() if asked_concepts & found]
        if overlaps:
            by_code[max(overlaps, key=lambda item: (item[0], [-ord(c) for c in item[1]]))[1]] += count
            continue
        match = process.extractOne(_soft_skill_key(text), keys, scorer=fuzz.token_set_ratio) if keys else None
        if match and match[1] >= SOFT_SKILL_MATCH_CUTOFF:
            by_code[match[2]] += count
        else:
            unmatched[text] = count

    ranked: list[tuple[float, RankedSoftSkill]] = []
    for code, skill in catalogue.items():
        score = scores.get(code)
        count = by_code.get(code, 0)
        share = count / offer_total if offer_total else None
        if (score is None or score < SOFT_SKILL_MIN_SCORE) and not count:
            continue
        # Weight the official score and what the offers ask for equally when both exist.
        key = (score or 0) * (0.5 if share is not None and count else 1) + (share or 0) * (0.5 if score else 1)
        ranked.append((key, RankedSoftSkill(skill.summary, skill.details, score, share, count)))
    for text, count in unmatched.items():
        share = count / offer_total if offer_total else None
        ranked.append((share or 0, RankedSoftSkill(text, "", None, share, count)))
    ranked.sort(key=lambda item: (-item[0], item[1].summary))
    return OccupationSoftSkills(
        rome_code=rome_code,
        label=label,
        offers=offer_total,
        skills=[skill for _, skill in ranked[:limit]],
        has_scores=bool(scores),
    )
