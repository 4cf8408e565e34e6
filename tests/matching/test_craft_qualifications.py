"""The crafts one enters with a trade diploma (ROME's access texts): a neighbouring craft's offer is not shown to a
candidate whose occupation is clear and who does not show its diploma."""

from __future__ import annotations

import pytest

from matching.explanations import CandidateContext
from matching.occupation_fit import lacks_craft_qualification
from matching.reading import CandidateOccupation
from matching.services import offer_embeddings_refresh
from offers.understanding.craft_access import craft_qualification
from offers.understanding.occupations import OccupationReader
from tests.factories import OccupationFactory, OfferFactory
from tests.matching.shown import offers_shown

BAKER = (
    "Cet emploi est accessible avec un CAP Boulanger ou un Brevet Professionnel Boulanger. Des spécialisations comme "
    "la Mention Complémentaire Boulangerie spécialisée peuvent être demandées."
)
BEAUTICIAN = (
    "Cet emploi est accessible avec un CAP en soins esthétiques et corporels. Un diplôme de niveau BAC (Brevet "
    "Professionnel, ...) ou BAC +2 (BTS, ...) en esthétique-cosmétique peut être requis."
)
HAIRDRESSER = (
    "Cet emploi est accessible avec un CAP Métiers de la coiffure, un Bac pro Métiers de la coiffure ou un Brevet "
    "Professionnel Coiffure."
)
BARBER = "Cet emploi est accessible avec un CAP Coiffure, un Brevet Professionnel Coiffure ou un Brevet de Maîtrise."
BUTCHER = (
    "Cet emploi est accessible avec un CAP Boucher, un Brevet Professionnel Boucher ou un Bac Professionnel Boucher "
    "Charcutier Traiteur."
)
CHARCUTIER = (
    "Cet emploi est accessible avec un CAP Charcutier-traiteur ou un Bac Professionnel Boucher-charcutier-traiteur. "
    "Un Brevet Professionnel Charcutier-traiteur peut également être un atout."
)
FISHMONGER = (
    "Cet emploi est accessible avec un CAP Poissonnier, un Bac Professionnel Poissonnier-écailler-traiteur ou un "
    "Brevet Professionnel de poissonnier."
)
FOOD_SELLER = (
    "Ce métier est accessible avec un diplôme de niveau CAP/BEP à Bac (professionnel, ...) dans les secteurs de la "
    "vente. Il est également accessible avec une expérience professionnelle dans la vente sans diplôme particulier."
)


@pytest.mark.parametrize(
    ("access", "trade"),
    [
        (BAKER, {"boulan"}),
        (BEAUTICIAN, {"soins", "esthet"}),
        (HAIRDRESSER, {"coiffu"}),
        # Every diploma of the crafts it names says its trade: the charcutier's Bac Pro is the butcher's too.
        (CHARCUTIER, {"charcu", "bouche"}),
        (FISHMONGER, {"poisso", "ecaill"}),
        # A way in without the diploma: no craft.
        (FOOD_SELLER, None),
        (
            "Cet emploi est accessible avec ou sans qualification préalable, mais des formations telles que CAP ou "
            "BEP dans le domaine du social sont appréciées. Un Brevet Professionnel peut aider.",
            None,
        ),
        # A CAP alone, without a higher diploma of the crafts (ROME says "CAP en logistique" of a dock worker).
        ("Cet emploi est accessible avec un CAP en logistique ou un BEP en manutention.", None),
        # A level or a field, no diploma of the trade named.
        ("Cet emploi est accessible avec une qualification de niveau 3 (CAP) de l'hôtellerie/restauration.", None),
        ("Cet emploi est accessible avec un diplôme de niveau Bac+2. Les formations possibles incluent un BTS.", None),
        ("", None),
    ],
)
def test_a_craft_is_read_from_the_diploma_its_access_text_names(access, trade):
    craft = craft_qualification(access, "")
    assert (craft.trade if craft else None) == trade


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("J'ai mon CAP esthétique depuis 2015.", True),
        ("BP soins esthétiques en cours", True),
        ("CAP Esthétique, cosmétique, parfumerie", True),
        ("Vendeuse en parfumerie, CAP vente", False),
        ("Je fais des soins aux personnes âgées", False),  # the trade's word without a diploma
    ],
)
def test_a_candidate_shows_a_craft_s_diploma_by_naming_it(text, shown):
    craft = craft_qualification(BEAUTICIAN, "Esthéticien / Esthéticienne")
    assert craft is not None and craft.shown_by(text) is shown


def _reader() -> OccupationReader:
    accesses = {
        "D1101": BUTCHER,
        "D1102": BAKER,
        "D1103": CHARCUTIER,
        "D1105": FISHMONGER,
        "D1208": BEAUTICIAN,
        "D1202": HAIRDRESSER,
        "D1216": BARBER,
        "D1106": FOOD_SELLER,
    }
    crafts = {code: craft for code, access in accesses.items() if (craft := craft_qualification(access, ""))}
    return OccupationReader(titles=[], labels={}, parents={}, close={}, crafts=crafts)


@pytest.mark.parametrize(
    ("wanted", "offered", "said", "lacks"),
    [
        ("D1106", ("D1102",), "Vendeuse en boulangerie", True),
        ("D1106", ("D1102",), "Vendeuse en boulangerie, CAP boulanger obtenu en 2012", False),
        ("D1202", ("D1208",), "Coiffeuse depuis 10 ans", True),
        # One diploma for both: a hairdresser holds the barber's.
        ("D1202", ("D1216",), "Coiffeuse depuis 10 ans", False),
        ("D1101", ("D1103",), "Boucher depuis 10 ans", False),
        ("D1101", ("D1102",), "Boucher depuis 10 ans", True),
        ("D1101", ("D1105",), "Boucher depuis 10 ans", True),  # a traiteur's word shared, not a diploma
        # An occupation open to all asks nothing; an offer that also says a non-craft occupation neither.
        ("D1102", ("D1106",), "Boulanger", False),
        ("D1106", ("D1102", "D1106"), "Vendeuse", False),
    ],
)
def test_a_craft_s_offer_asks_its_diploma_of_another_trade(wanted, offered, said, lacks):
    reading = [CandidateOccupation(wanted, "", 1.0, "title")]
    assert lacks_craft_qualification(_reader(), reading, offered, said) is lacks


@pytest.mark.django_db
def test_a_neighbouring_craft_s_offer_is_not_shown_without_its_diploma(active_model):
    OccupationFactory(code="D1102", label="Boulanger / Boulangère", access=BAKER)
    OccupationFactory(code="D1106", label="Vendeur / Vendeuse en alimentation", access=FOOD_SELLER)
    baker = OfferFactory(title="Boulanger (H/F)", rome_code="D1102", description="Pétrissage, façonnage, cuisson.")
    seller = OfferFactory(title="Vendeur en boulangerie (H/F)", rome_code="D1106", description="Vente de pains.")
    offer_embeddings_refresh()
    # A clear food seller: bakers are a close trade (ROME subdomain D11).
    food_seller = [CandidateOccupation("D1106", "Vendeur / Vendeuse en alimentation", 1.0, "title")]

    def shown(text: str) -> set:
        return offers_shown(baker, food_seller, CandidateContext(title="Vendeuse en boulangerie", text=text))

    seen = shown("Dix ans de vente en boulangerie.")
    assert baker not in seen and seller in seen
    assert baker in shown("Dix ans de vente en boulangerie, et un CAP boulanger.")
