"""An offer skill of ROME's group of a label near a listed skill is one the candidate may have: never called missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matching.explanations import CandidateContext, explain
from matching.skill_meaning import in_listed_groups, listed_may_have
from matching.weights import ranking_weights
from offers.models import Offer
from offers.understanding import skill_groups
from offers.understanding.skill_groups import SkillGroups, configured_skill_groups, rome_skill_groups, skill_groups_warm
from offers.understanding.skills import skill_reader

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"
PIPES = "Réaliser la pose de réseaux de canalisations, fourreaux d'évacuation, branchements"
TILL = "Gérer une caisse"


def test_a_listed_skill_falls_in_the_groups_of_its_nearest_labels():
    # Three labels in two groups; a listed skill is encoded near the first two.
    labels = ["Raccorder un réseau d'eau potable", "Poser des canalisations", TILL]
    vectors = np.eye(3, 4, dtype=np.float32)
    encoded = {"Plomberie": [0.9, 0.8, 0.1, 0.0], "Encaissement": [0.0, 0.1, 1.0, 0.0]}
    groups = SkillGroups(
        {labels[0]: "pipes", labels[1]: "pipes", labels[2]: "till"},
        labels,
        vectors,
        lambda texts: np.asarray([encoded[text] for text in texts], dtype=np.float32),
    )
    assert groups.group("Poser des canalisations") == "pipes" and groups.group("Souder") == ""
    assert "pipes" in groups.near(["Plomberie"]) and groups.near([" "]) == frozenset()
    assert groups.near(["Plomberie", "Encaissement"]) >= {"pipes", "till"}


def test_rome_files_its_skills_under_groups():
    groups = rome_skill_groups(ROME)
    assert len(set(groups.values())) > 400
    assert groups["Raccorder un réseau d'eau potable"] == groups["Assembler des canalisations"]
    assert "Fonctionnement des engins agricoles" not in groups  # a knowledge has no group


def test_no_group_is_read_before_the_referential_s_vectors_are_on_disk(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(skill_groups, "_built", {})
    monkeypatch.setattr(skill_groups, "_unready_until", {})
    settings.UNDERSTANDING_CACHE_DIR = str(tmp_path)
    settings.UNDERSTANDING_ROME_DIR = str(ROME)
    assert configured_skill_groups() is None  # nothing encoded on a request
    assert in_listed_groups(["Plomberie sanitaire"])(PIPES) is False
    # Nor is the referential read again at every page while its vectors are missing.
    reads = []
    monkeypatch.setattr(skill_groups, "rome_skill_labels", lambda folder: reads.append(folder) or [])
    assert configured_skill_groups() is None and reads == []
    settings.UNDERSTANDING_ROME_DIR = ""
    assert configured_skill_groups() is None and skill_groups_warm() is False


@pytest.mark.django_db
def test_a_skill_of_a_listed_skill_s_group_is_neither_claimed_nor_missing(settings, production_model):
    settings.UNDERSTANDING_ROME_DIR = str(ROME)
    assert skill_groups_warm()  # encodes ROME's labels once onto disk (the offers' refresh does it)
    listed = ("Plomberie sanitaire", "Soudure cuivre / brasure")
    context = CandidateContext(skills=listed)
    profile = skill_reader().profile(skills=listed, text="")
    offer = Offer(title="Plombier H/F", skills=[PIPES, TILL])
    # By words and by the model's meaning alone, the pipes were called missing.
    weights = ranking_weights(production_model.name)
    may_have = listed_may_have(production_model, listed, offer.skills, weights=weights)
    why = explain(
        offer, similarity=0.5, context=context, profile=profile, occupation_fit="same", said_otherwise=may_have
    )
    assert not skill_reader().covered(PIPES, profile) and not skill_reader().partly(PIPES, profile)
    assert why.matched_skills == [] and why.missing_skills == [TILL]
