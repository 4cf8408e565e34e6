"""A qualification is claimed only where the candidate names it in full: a listed diploma or title of the same kind
that names part of its subject says it in part (neither claimed nor called missing); a specialised nursing diploma
is not the general one; a first-aid certificate holds the ones it includes, not more."""

from __future__ import annotations

import pytest

from offers.understanding.skills import skill_reader

pytestmark = pytest.mark.django_db


def _verdict(listed: str, label: str) -> str:
    reader = skill_reader()
    profile = reader.profile(skills=[listed])
    if reader.covered(label, profile):
        return "had"
    return "in part" if reader.partly(label, profile) else "lacking"


@pytest.mark.parametrize(
    ("listed", "label", "verdict"),
    [
        # Most of the label's words, not all: another qualification of that name.
        (
            "CQP conducteur de ligne de conditionnement",
            "CQP Conducteur de ligne de conditionnement des industries chimiques",
            "in part",
        ),
        ("Licence professionnelle logistique", "Licence professionnelle logistique et pilotage des flux", "in part"),
        # The same kind of qualification on the same subject, written otherwise: said in part, never lacking.
        ("CAP cuisine", "CAP Cuisinier", "in part"),
        ("Titre pro préparateur de commandes", "Titre professionnel Préparateur de commandes en entrepôt", "in part"),
        ("Bac pro commerce", "Bac professionnel Métiers du commerce et de la vente", "in part"),
        # Named in full; another subject.
        ("CAP boulanger", "CAP Boulanger", "had"),
        ("CAP cuisine", "CAP Pâtissier", "lacking"),
        # A specialised nursing diploma asks more than the general one; the specialised one holds the general one.
        ("Diplôme d'État d'infirmier", "Diplôme d'Etat d'infirmier de bloc opératoire", "lacking"),
        ("Diplôme d'État d'infirmier", "Diplôme d'Etat d'infirmier anesthésiste", "lacking"),
        ("IBODE", "Diplôme d'Etat d'infirmier de bloc opératoire", "had"),
        ("IADE", "Diplôme d'Etat d'infirmier (ière)", "had"),
        ("Diplôme d'État d'infirmier", "Diplôme d'Etat d'infirmier (ière)", "had"),
    ],
)
def test_a_qualification_is_claimed_only_where_named_in_full(listed, label, verdict):
    assert _verdict(listed, label) == verdict


@pytest.mark.parametrize(
    ("listed", "label", "verdict"),
    [
        # The workplace first-aider's SST holds the civic PSC1 and first aid; the PSC1 holds no SST.
        ("SST", "Prévention et secours civiques de niveau 1 (PSC1)", "had"),
        ("PSC1", "Sauveteur Secouriste du Travail (SST)", "lacking"),
        ("PSC 1", "Habilitation Prévention et Secours Civiques de niveau 1 (PSC1)", "had"),
        ("PSC1", "Appliquer les techniques de premiers secours en cas d'accident", "had"),
        ("SST", "Prodiguer les gestes de premiers secours en cas d'urgence", "had"),
        # Team first aid (PSE) asks more than the PSC1.
        ("PSC1", "Premiers secours en équipe niveau 1", "lacking"),
        ("PSE 1", "Prévention et secours civiques de niveau 1 (PSC1)", "had"),
    ],
)
def test_first_aid_certificates_hold_what_they_include(listed, label, verdict):
    assert _verdict(listed, label) == verdict


def test_a_native_language_is_spoken_fluently():
    assert _verdict("Espagnol langue maternelle", "Espagnol courant") == "had"
