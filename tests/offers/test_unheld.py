"""A licence, tool or language a candidate names as pending ("Permis C en cours") is neither had nor lacking; one
they say they lack ("pas de permis C") is not had; one named as held elsewhere stays held. And the ambulance
driver's DEA is not the care assistant's DEAS."""

from __future__ import annotations

import pytest

from matching.explanations import CandidateContext, explain
from offers.models import Offer
from offers.understanding.skills import skill_reader
from offers.understanding.unheld import unheld_concepts

pytestmark = pytest.mark.django_db

PERMIT_B, PERMIT_C = "Permis B", "Permis C"
CACES_3 = "CACES R489 catégorie 3"
DEAS = "Diplôme d'Etat d'aide-soignant"
DEA = "Diplôme d'Etat d'ambulancier"


def _verdict(label: str, *, skills: tuple[str, ...] = (), text: str = "") -> str:
    reader = skill_reader()
    profile = reader.profile(skills=skills, text=text, seeker=True)
    if reader.covered(label, profile):
        return "had"
    return "pending" if reader.partly(label, profile) else "lacking"


@pytest.mark.parametrize(
    ("skills", "text", "label"),
    [
        (("Permis C (en cours)",), "", PERMIT_C),
        (("Permis C en cours",), "", PERMIT_C),
        (("CACES 3 (formation prévue en mars)",), "", CACES_3),
        ((), "Je passe le permis C le mois prochain.", PERMIT_C),
        ((), "Permis C en cours d'obtention.", PERMIT_C),
        ((), "Je prépare le CACES R489 catégorie 3.", CACES_3),
        ((), "Formation en cours : CACES R489 cat 3.", CACES_3),
        ((), "Diplôme d'aide-soignant en cours.", DEAS),
        ((), "Je suis en formation DEAS, diplômée en juin.", DEAS),
    ],
)
def test_a_licence_they_are_working_for_is_neither_claimed_nor_called_missing(skills, text, label):
    assert _verdict(label, skills=skills, text=text) == "pending"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Pas de permis C.", PERMIT_C),
        ("Je ne parle pas anglais.", "Anglais"),
        ("Aucune connaissance d'Excel.", "Excel"),
        ("SST à jour, pas de CACES R489 cat 3.", CACES_3),
        # In English.
        ("I don't have a forklift licence (no CACES), so I'm looking for picking work.", CACES_3),
        ("I do not have the permis C yet.", PERMIT_C),
        ("Permis B, no HGV licence.", PERMIT_C),
        ("I speak no German.", "Allemand"),
    ],
)
def test_a_licence_tool_or_language_they_say_they_lack_is_not_theirs(text, label):
    assert _verdict(label, text=text) == "lacking"


@pytest.mark.parametrize(
    ("skills", "text", "label"),
    [
        ((), "Titulaire du permis B.", PERMIT_B),
        ((), "Permis B en cours de validité.", PERMIT_B),  # valid, not pending
        ((), "Permis B sans véhicule.", PERMIT_B),  # the negation comes after the licence
        ((), "Excel (TCD, RECHERCHEV) sans difficulté.", "Excel"),
        ((), "Travail sans supervision avec SAP au quotidien.", "SAP"),  # the negation governs "supervision"
        ((), "Pas de souci avec Excel ni avec Word.", "Excel"),
        ((), "CACES R489 cat 3 (recyclage prévu en 2027).", CACES_3),  # held; its renewal is planned
        ((), "SST à jour, pas de CACES.", "Sauveteur Secouriste du Travail (SST)"),
        ((), "Full UK licence (permis B), no problem with early starts.", PERMIT_B),
        ((), "CACES 3 for 6 years, not afraid of cold stores.", CACES_3),
        (("Permis B", "Permis C en cours"), "", PERMIT_B),
        (("Permis C en cours",), "Permis C obtenu en 2020.", PERMIT_C),  # held where another statement says so
    ],
)
def test_a_licence_named_as_held_stays_held(skills, text, label):
    assert _verdict(label, skills=skills, text=text) == "had"


def test_the_pending_and_the_denied_are_read_per_clause():
    reader = skill_reader()

    def concepts_of(part: str) -> set[str]:
        return set(reader._concept_words(part))

    pending, denied = unheld_concepts("Permis B. Permis C en cours, pas de CACES R489 cat 3", reader._concept_words)
    assert pending == concepts_of("Permis C") and pending
    assert denied == concepts_of("CACES R489 cat 3") and denied
    # A text with no word of pending or lack is not read twice.
    calls = []
    assert unheld_concepts("Permis B, CACES 3, anglais courant", calls.append) == (set(), set()) and not calls


def test_the_ambulance_driver_s_dea_is_not_the_care_assistant_s_deas():
    assert _verdict(DEA, skills=("DEA",)) == "had"
    assert _verdict(DEAS, skills=("DEAS",)) == "had"
    assert _verdict(DEAS, skills=("DEA",)) == "lacking"
    assert _verdict(DEA, skills=("DEAS",)) == "lacking"
    assert _verdict(DEA, skills=("Diplôme d'ambulancier",)) == "had"


def test_the_explanation_neither_claims_nor_calls_missing_a_pending_licence():
    context = CandidateContext(skills=("Permis B", "Permis C (en cours)"))
    offer = Offer(title="Chauffeur PL", skills=[PERMIT_C, PERMIT_B, "Permis CE"])
    profile = skill_reader().profile(skills=context.skills, text="", seeker=True)

    why = explain(offer, similarity=0.5, context=context, profile=profile, occupation_fit="close")

    assert why.matched_skills == [PERMIT_B]
    assert why.missing_skills == ["Permis CE"]


@pytest.mark.parametrize(
    ("skills", "text", "label", "verdict"),
    [
        # A licence or qualification said not to be held, wherever the words stand: its words claim nothing.
        ((), "Expérience : vendeuse. Formation : CAP cuisine (non obtenu).", "CAP Cuisine", "lacking"),
        ((), "CAP cuisine non validé.", "CAP Cuisine", "lacking"),
        ((), "Permis B suspendu.", PERMIT_B, "lacking"),
        ((), "CACES 3 périmé depuis 2019.", CACES_3, "lacking"),
        (("Permis B", "Permis C (expiré)"), "", PERMIT_C, "lacking"),
        (("Permis B", "Permis C (expiré)"), "", PERMIT_B, "had"),
        # A qualification in progress says it in part, not in full; the rest of the text is read as before.
        (("CAP cuisine en cours",), "", "CAP Cuisine", "pending"),
        ((), "Vendeuse 5 ans, CAP cuisine en cours, encaissement et mise en rayon.", "CAP Cuisine", "pending"),
        ((), "Vendeuse 5 ans, CAP cuisine en cours, encaissement et mise en rayon.", "Encaisser un paiement", "had"),
        # A wish still runs across commas when a pending clause is set aside after it.
        (
            (),
            "Je veux m'occuper des personnes âgées : aide au lever, repas, courses. Permis B en cours.",
            "Réaliser les courses",
            "lacking",
        ),
    ],
)
def test_a_clause_saying_a_qualification_is_not_held_claims_nothing(skills, text, label, verdict):
    assert _verdict(label, skills=skills, text=text) == verdict
