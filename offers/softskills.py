"""Loading France Travail's Match via Soft Skills scores (one row per ROME code and soft skill)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.dateparse import parse_datetime

from offers.models import OccupationSoftSkill, SoftSkill

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
