"""The trades a candidate's text refuses ("pas commis, juste la plonge", "I'm not a nanny") are not shown to them,
however near ROME puts them to the trade they seek; a phrase read loosely refuses nothing."""

from __future__ import annotations

import pytest

from matching.explanations import CandidateContext
from matching.reading import CandidateOccupation
from matching.refusals import refused_occupations
from matching.services import offer_embeddings_refresh
from offers.understanding.occupations import OccupationReader
from tests.factories import OfferFactory
from tests.matching.shown import offers_shown

pytestmark = pytest.mark.django_db


def _reader() -> OccupationReader:
    return OccupationReader(
        titles=[
            ("Plongeur / Plongeuse", "G1605"),
            ("Commis / Commise de cuisine", "G1602"),
            ("Garde d'enfant", "K1303"),
            ("Assistant / Assistante de vie aux familles", "K1302"),
        ],
        aliases=[("nanny", "K1303")],
        labels={
            "G1605": "Plongeur",
            "G1602": "Commis de cuisine",
            "K1303": "Garde d'enfant",
            "K1302": "Assistant de vie",
        },
        parents={},
        close={},
    )


def test_the_titles_a_refusal_names_are_refused(active_model):
    reader = _reader()

    assert refused_occupations("Plongeur 3 ans. Pas commis de cuisine, juste la plonge.", active_model, reader) == {
        "G1602"
    }
    assert refused_occupations("Caregiver, 7 years. I'm not a nanny.", active_model, reader) == {"K1303"}
    # Named otherwise than refused, a title is no refusal; nor is a lack or a condition of work.
    assert refused_occupations("Commis de cuisine 2 ans, je veux la plonge.", active_model, reader) == frozenset()
    assert refused_occupations("Pas d'expérience en cuisine, pas les week-ends.", active_model, reader) == frozenset()


def test_an_offer_of_a_trade_their_text_refuses_is_not_shown(active_model, monkeypatch):
    commis = OfferFactory(title="Commis de cuisine (H/F)", rome_code="G1602", description="Préparations, plonge.")
    plongeur = OfferFactory(title="Plongeur (H/F)", rome_code="G1605", description="Plonge et entretien de la cuisine.")
    offer_embeddings_refresh()
    monkeypatch.setattr("matching.ranking.occupation_reader", _reader)
    monkeypatch.setattr("matching.refusals.read_alone", lambda *args, **kwargs: [])
    # A clear dishwasher: a kitchen commis is a close trade (ROME subdomain G16).
    dishwasher = [CandidateOccupation("G1605", "Plongeur", 1.0, "title")]

    def shown(text: str) -> set:
        return offers_shown(plongeur, dishwasher, CandidateContext(title="Plongeur", text=text))

    assert {commis, plongeur} <= shown("Plongeur depuis 3 ans dans un pub, lavage vaisselle et casseroles.")
    refusing = shown("Plongeur depuis 3 ans dans un pub. Pas commis de cuisine, juste la plonge svp.")
    assert plongeur in refusing and commis not in refusing
