"""Misspelt words of a job seeker read as the skill word they meant, never a word the referential knows."""

from __future__ import annotations

import pytest

from offers.understanding.skills import skill_reader
from offers.understanding.spelling import Speller, speller


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("caise", "caisse"),  # sounds the same
        ("qualiter", "qualite"),
        ("farmacie", "pharmacie"),
        ("batiman", "batiment"),
        ("acceuil", "accueil"),  # two letters swapped
        ("netoyage", "nettoyage"),
        # Known words stay as written, though a label word is one letter away: the lexicon's, the referential's
        # (skills, knowledge, job titles) and the concepts' terms.
        ("palissage", "palissage"),
        ("Meulage", "meulage"),
        ("ébavurage", "ebavurage"),
        ("Linux", "linux"),
        # Capitals (an acronym, a brand), digits, short words and words no label word is near stay as written.
        ("CAPA", "capa"),
        ("R489", "r489"),
        ("bac", "bac"),
        ("Zabbix", "zabbix"),
        ("housekeeping", "housekeeping"),
    ],
)
def test_a_misspelt_word_is_read_as_the_label_word_it_stands_for(written, meant):
    assert speller().word(written) == meant


def test_the_most_frequent_label_word_wins_and_only_unknown_words_are_read_otherwise():
    spell = Speller({"commande": 50, "commando": 2, "stock": 30}, known={"comment"})
    assert spell.word("comande") == "commande"
    assert spell.word("comment") == "comment"  # known: never a misspelling
    assert spell.text("Gestion des comande et du stok") == "Gestion des commande et du stock"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "listed", "text", "claimed"),
    [
        ("Accueillir la clientèle", ["acceuil clien"], "", True),
        ("Encaisser un paiement", ["encaissemant"], "", True),
        ("Poser du papier peint", [], "peintre en batiman, pose de papié peint", True),
        # A word the referential knows is never read as another one: palissage is no polissage.
        ("Réaliser un polissage", ["Palissage"], "", False),
    ],
)
def test_a_candidates_misspelt_skills_are_read_as_meant(label, listed, text, claimed):
    reader = skill_reader()
    assert reader.covered(label, reader.profile(skills=listed, text=text, seeker=True)) is claimed
