"""load_softskills: Match via Soft Skills scores per ROME code, idempotent, with progress."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from offers.models import OccupationSoftSkill, SoftSkill

pytestmark = pytest.mark.django_db

HEADER = "code_rome,uuid,created_at,skill_id,score,summary,details\n"
ROWS = (
    'D1102,u1,2025-04-30T11:44:19Z,soft_skill_14,1.0,Esprit d’équipe,"Travailler avec les autres, ensemble."\n'
    "D1102,u1,2025-04-30T11:44:19Z,soft_skill_01,0.53,Autonomie,Agir seul.\n"
    "M1805,u2,2025-04-30T11:44:19Z,soft_skill_14,0.2,Esprit d’équipe,Travailler avec les autres.\n"
    "M1805,u2,2025-04-30T11:44:19Z,soft_skill_01,not-a-number,Autonomie,Agir seul.\n"
    "BAD,u3,2025-04-30T11:44:19Z,soft_skill_01,0.5,Autonomie,Agir seul.\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "softskills.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_loading_the_file_twice_gives_the_same_rows(tmp_path):
    path = write(tmp_path, HEADER + ROWS)
    out = StringIO()

    call_command("load_softskills", str(path), stdout=out)
    call_command("load_softskills", str(path), stdout=out)

    assert SoftSkill.objects.count() == 2
    assert OccupationSoftSkill.objects.count() == 3
    assert OccupationSoftSkill.objects.get(rome_code="D1102", soft_skill_id="soft_skill_14").score == 1.0
    assert SoftSkill.objects.get(code="soft_skill_14").details == "Travailler avec les autres."
    assert "Scores de savoir-être : 3/3" in out.getvalue()
    assert "(2 lignes ignorées)" in out.getvalue()


def test_a_new_file_updates_the_scores(tmp_path):
    call_command("load_softskills", str(write(tmp_path, HEADER + ROWS)), stdout=StringIO())
    updated = HEADER + "D1102,u9,2026-01-01T00:00:00Z,soft_skill_14,0.4,Esprit d’équipe,Ensemble.\n"

    call_command("load_softskills", str(write(tmp_path, updated)), stdout=StringIO())

    assert OccupationSoftSkill.objects.get(rome_code="D1102", soft_skill_id="soft_skill_14").score == 0.4


def test_a_file_without_the_expected_columns_is_refused(tmp_path):
    with pytest.raises(CommandError, match="colonnes manquantes"):
        call_command("load_softskills", str(write(tmp_path, "a,b\n1,2\n")), stdout=StringIO())
