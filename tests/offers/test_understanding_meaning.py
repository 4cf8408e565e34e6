"""The reading by meaning (offers/understanding/meaning.py): skill labels said in other words, and the near misses
that each of its guards keeps out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from offers.understanding import meaning as meaning_module
from offers.understanding.meaning import (
    ACTION_COSINE,
    MIN_COSINE,
    TRADE_COSINE,
    TRADE_PRIOR,
    clauses_of,
    configured_meaning_reader,
    meaning_reader,
    referential_vectors,
)
from offers.understanding.skills import skill_reader

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"


@pytest.fixture(scope="module")
def meaning():
    assert ROME.is_dir(), "the tests read the ROME referential of ../shared/data"
    return meaning_reader(ROME)


def _cosine_and_nearest(meaning, clause: str, label: str) -> tuple[float, float]:
    """The clause's cosine with the label, and with its nearest label of the referential."""
    clause_vector, label_vector = meaning.vectors([clause, label])
    return float(clause_vector @ label_vector), float((meaning._referential() @ clause_vector).max())


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # The action said with another verb, the object in the label's words.
        ("Chef de chantier\nVous participez aux réunions de chantier avec le conducteur de travaux.",
         "Assister aux réunions de chantier"),
        ("Mécanicien\nVous diagnostiquez les pannes et remplacez les pièces usées.",
         "Remplacer des pièces défectueuses"),
    ],
)  # fmt: skip
def test_a_label_said_in_other_words_is_read_by_meaning_and_not_by_words(meaning, text, label):
    vocabulary = [label, "Pétrir la pâte", "Tenir une caisse"]
    assert skill_reader().find(text, vocabulary) == []
    assert skill_reader().find(text, vocabulary, meaning=meaning) == [label]


def test_the_heading_of_a_text_names_a_job_not_a_skill(meaning):
    text = "Préparateur de commandes\nTravail en équipe, horaires de journée."
    # The title alone would be read: it is that close to the label.
    cosine, nearest = _cosine_and_nearest(meaning, "Préparateur de commandes", "Réceptionner les commandes")
    assert cosine >= MIN_COSINE and cosine >= nearest - 1e-6
    assert "Préparateur de commandes" not in clauses_of(text)
    assert skill_reader().find(text, ["Réceptionner les commandes"], meaning=meaning) == []


def test_a_wider_skill_does_not_stand_for_a_label_that_adds_to_it(meaning):
    clause, label = "Vous réalisez les soins d'hygiène", "Réaliser les soins d'hygiène de l'enfant"
    cosine, nearest = _cosine_and_nearest(meaning, clause, label)
    assert cosine >= MIN_COSINE and cosine >= nearest - 1e-6  # close enough, and the nearest label
    assert skill_reader().find(f"Aide-soignant\n{clause}.", [label], meaning=meaning) == []


def test_a_clause_nearer_to_another_label_of_the_referential_does_not_say_this_one(meaning):
    clause, label = "donnez les repas aux résidents", "Préparer les repas"
    cosine, nearest = _cosine_and_nearest(meaning, clause, label)
    assert cosine >= MIN_COSINE and nearest > cosine  # "Livrer des repas à domicile" is nearer
    assert skill_reader().find(f"Agent de service\nVous {clause}.", [label], meaning=meaning) == []


def test_a_distinctive_action_not_said_needs_a_closer_meaning(meaning):
    clause = "Vous préparez votre chariot de ménage avant chaque service"
    label = "Approvisionner un chariot de ménage ou chariot de linge"
    cosine, nearest = _cosine_and_nearest(meaning, clause, label)
    assert MIN_COSINE <= cosine < ACTION_COSINE and cosine >= nearest - 1e-6
    assert skill_reader().find(f"Agent d'entretien\n{clause}.", [label], meaning=meaning) == []


def test_a_skill_of_the_offers_trade_is_read_from_a_looser_clause(meaning):
    text = "Agent de collecte\nVous collectez les ordures ménagères et les emballages du tri sélectif."
    label = "Collecter des déchets ménagers ou industriels"
    vocabulary = [label, "Pétrir la pâte", "Tenir une caisse"]
    cosine, nearest = _cosine_and_nearest(meaning, "collectez les ordures ménagères", label)
    # Another label of the referential lies nearer to the clause: without the trade, it is not read.
    assert TRADE_COSINE <= cosine < nearest
    assert skill_reader().find(text, vocabulary, meaning=meaning) == []
    # A skill of the refuse collectors' trade (K2303, its ROME definition near the label), in an offer of it: read.
    assert meaning.trade_prior("K2303", [label])[0] >= TRADE_PRIOR
    assert skill_reader().find(text, vocabulary, meaning=meaning, trade="K2303") == [label]
    # Not in an offer of a trade it is no skill of (a baker's), nor for a trade ROME does not define.
    assert meaning.trade_prior("D1102", [label])[0] < TRADE_PRIOR
    assert skill_reader().find(text, vocabulary, meaning=meaning, trade="D1102") == []
    assert meaning.trade_prior("Z9999", [label]) is None


def test_tools_licences_and_languages_are_named_or_not(meaning):
    text = "Chauffeur\nVous conduisez un camion porteur de 19 tonnes en tournée régionale."
    assert "Permis C" not in skill_reader().find(text, ["Permis C", "Permis CE"], meaning=meaning)


def test_the_referential_vectors_are_computed_once_then_read_from_their_cache(tmp_path):
    calls: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.array([[len(text), 1.0] + [0.0] * 510 for text in texts], dtype=np.float32)

    first = referential_vectors(["Pétrir la pâte", "Tenir une caisse"], encode, tmp_path)
    again = referential_vectors(["Pétrir la pâte", "Tenir une caisse"], encode, tmp_path)
    assert len(calls) == 1 and np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-3)
    # Other labels (another referential version) are other vectors, in another file.
    referential_vectors(["Pétrir la pâte"], encode, tmp_path)
    assert len(calls) == 2 and len(list(tmp_path.glob("rome-skills-*.npy"))) == 2


def test_without_a_configured_referential_the_text_is_read_by_words_only(settings, tmp_path):
    settings.UNDERSTANDING_ROME_DIR = ""
    assert configured_meaning_reader() is None
    settings.UNDERSTANDING_ROME_DIR = str(tmp_path)  # a folder without the ROME skill file
    assert configured_meaning_reader() is None
    meaning_module._readers.clear()
