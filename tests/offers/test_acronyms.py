"""A listed acronym spelled out by a skill label's words: said in part, never called missing."""

from __future__ import annotations

import pytest

from offers.understanding.acronyms import acronyms_of, spells
from offers.understanding.skills import skill_reader

CAP = "CAP accompagnant éducatif petite enfance"
RSE = "Réglementation sociale européenne (R.S.E)"
SSIAP_2 = "Service de sécurité incendie et d'assistance aux personnes de niveau 2 (SSIAP 2)"


def test_acronyms_are_words_in_capitals_of_three_to_six_letters():
    assert acronyms_of("CAP AEPE") == ("cap", "aepe")
    assert acronyms_of("R.S.E / temps de conduite") == ("rse",)
    assert acronyms_of("Habilitations BR / BC, Brancardage") == ()  # two letters spell too many runs by chance
    assert acronyms_of("Aepe, aide aux devoirs") == ()  # not written in capitals
    assert acronyms_of("SSIAP 1, PSC 1", known=frozenset({"ssiap"})) == ("psc",)


def test_initials_of_a_run_of_meaningful_words_in_order():
    assert spells("aepe", CAP)
    assert spells("dea", "Diplôme d'Etat d'ambulancier")  # stop words ("d'") skipped
    assert spells("psc", "Habilitation Prévention et Secours Civiques de niveau 1 (PSC1)")
    assert not spells("epea", CAP)  # in order
    assert not spells("aee", CAP)  # one run, no word skipped


@pytest.mark.django_db
def test_a_label_a_listed_acronym_spells_is_said_in_part():
    reader = skill_reader()
    profile = reader.profile(skills=["CAP AEPE", "RSE / temps de conduite"])
    for label in (CAP, RSE):
        assert reader.partly(label, profile) and not reader.covered(label, profile)
    assert not reader.partly("Diplôme d'Etat d'ambulancier", profile)


@pytest.mark.django_db
def test_a_licence_the_reader_knows_is_read_by_its_level_not_by_its_initials():
    reader = skill_reader()
    profile = reader.profile(skills=["SSIAP 1"])
    # SSIAP spells "Service de Sécurité Incendie et d'Assistance aux Personnes", but the level 1 is no level 2.
    assert spells("ssiap", SSIAP_2)
    assert not reader.partly(SSIAP_2, profile) and not reader.covered(SSIAP_2, profile)
