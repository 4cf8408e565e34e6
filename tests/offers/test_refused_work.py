"""The work a candidate's text refuses: the phrase after a cue of refusal, each alternative on its own."""

from __future__ import annotations

import pytest

from offers.understanding.refused_work import refused_work


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("je cherche job de plongeur. pas cuisinier, pas fast food, juste la plonge svp", ["cuisinier", "fast food"]),
        ("I'm not a nanny and I don't want housekeeping-only jobs. French B1.", ["nanny", "housekeeping"]),
        ("I'm not a formwork carpenter or a labourer.", ["formwork carpenter", "labourer"]),
        ("Not retail, and I'm not looking for a management role.", ["retail", "management role"]),
        ("je suis pas boulanger, je fais pas le pain, juste la vente", ["boulanger", "pain"]),
        ("Je ne veux plus faire de vente.", ["vente"]),
        ("Picking and packing only (no CACES).", ["CACES"]),
        ("Not warehouse picking and not running machines.", ["warehouse picking", "running machines"]),
    ],
)
def test_a_refusal_says_the_work_refused(text, refused):
    assert refused_work(text) == refused


@pytest.mark.parametrize(
    "text",
    [
        # A lack, a fear, a condition of work: nothing refused.
        "Je n'ai pas d'expérience en cuisine mais je suis motivée.",
        "Pas de souci pour les horaires, pas peur du froid.",
        "Je ne veux plus faire les nuits ni les week-ends.",
        "Not afraid of hard work, no problem with early starts.",
        "Pas encore de CACES, je le passe en mars.",
        "Serveuse depuis 6 ans, je cherche un poste en salle.",
    ],
)
def test_a_lack_a_fear_or_a_condition_refuses_no_work(text):
    assert refused_work(text) == []
