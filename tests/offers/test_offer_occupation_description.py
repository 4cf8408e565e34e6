"""An offer's description chooses among the occupations its title leaves open (occupation_vocabulary.py)."""

from __future__ import annotations

import pytest

from offers.models import Occupation, OccupationTitle
from offers.understanding.occupation_vocabulary import OccupationVocabulary
from offers.understanding.occupations import OccupationGuess, OccupationReader
from offers.understanding.offer_occupation import offer_occupation_read, offers_occupations_refresh
from tests.factories import OfferFactory

TITLES = [
    ("Responsable de secteur d'aide à domicile", "K1408"),
    ("Responsable de secteur immobilier locatif", "C1502"),
    ("Responsable de secteur en propreté de locaux", "K2203"),
    ("Plâtrier / Plâtrière", "F1601"),
    ("Plâtrier staffeur / Plâtrière staffeuse", "F1601"),
    ("Plaquiste", "F1604"),
    # ROME files the one title under both trades.
    ("Plâtrier-plaquiste / Plâtrière-plaquiste", "F1604"),
    ("Platrier / Platrière plaquiste", "F1601"),
    ("Boulanger / Boulangère", "D1102"),
    ("Vendeur / Vendeuse en boulangerie", "D1106"),
]
DEFINITIONS = {
    "K1408": "Organise les interventions des aides à domicile auprès des bénéficiaires et de leurs familles.",
    "C1502": "Gère un portefeuille de biens locatifs : baux, états des lieux, quittancement des loyers.",
    "K2203": "Encadre les équipes de nettoyage et de propreté des locaux de ses clients.",
    "F1601": "Réalise des enduits de plâtre sur murs et plafonds, des moulures et des staffs.",
    "F1604": "Monte des cloisons et des doublages en plaques de plâtre, pose des faux plafonds.",
    "D1102": "Fabrique les pains et les viennoiseries : pétrissage, façonnage, cuisson au four.",
    "D1106": "Vend des produits alimentaires en boutique et conseille la clientèle.",
}


def _reader() -> OccupationReader:
    texts = [(code, title) for title, code in TITLES] + list(DEFINITIONS.items())
    return OccupationReader(
        titles=TITLES,
        labels={code: code for code in DEFINITIONS},
        parents={},
        close={},
        vocabulary=OccupationVocabulary(texts),
    )


def test_a_loose_title_is_read_by_what_its_description_says():
    reader = _reader()
    title = "Responsable de secteur (H/F)"
    # Alone, the title leaves three trades open: none is read surely.
    assert reader.possible_families(title) == {"K1408", "C1502", "K2203"}
    assert not reader.from_offer(title) or reader.from_offer(title)[0].confidence < 0.8
    home_care = "Service d'aide et d'accompagnement à domicile : vous organisez les plannings des intervenants."
    property_ = "Agence : vous gérez les baux, les états des lieux et le quittancement de 500 lots."
    assert reader.from_offer(title, home_care)[0].code == "K1408"
    assert reader.from_offer(title, property_)[0].code == "C1502"
    # Stored for an offer without a code, surely enough to be kept.
    assert offer_occupation_read(reader, title, "", home_care) == ("K1408", 0.5)
    # A description that names none of them leaves the title's reading as it was.
    assert reader.from_offer(title, "Poste en CDI, 35 heures, mutuelle.") == reader.from_offer(title)


def test_a_tie_between_two_trades_is_broken_by_the_description_not_by_the_codes_order():
    reader = _reader()
    title = "Plâtrier plaquiste (H/F)"
    tied = reader.from_offer(title)
    assert [guess.code for guess in tied[:2]] == ["F1601", "F1604"] and tied[0].confidence == tied[1].confidence
    drywall = "Pose de cloisons et de doublages en plaques, faux plafonds, sur chantiers de logements."
    assert reader.from_offer(title, drywall)[0].code == "F1604"
    # Words both trades share alike are no choice: the title's order stays.
    assert reader.from_offer(title, "Travaux de plâtre sur chantiers.")[0].code == "F1601"


def test_a_title_read_surely_is_not_weighed_against_its_description():
    reader = _reader()
    misleading = "Vente en boutique, conseil de la clientèle, produits alimentaires."
    assert reader.from_offer("Boulanger H/F", misleading)[0].code == "D1102"


def test_the_source_s_code_stays_whatever_the_description_says():
    reader = _reader()
    description = "Service d'aide à domicile : plannings des intervenants."
    assert offer_occupation_read(reader, "Responsable de secteur", "C1502", description) == ("C1502", 1.0)


def test_the_vocabulary_chooses_only_among_two_families_or_more_with_a_clear_lead():
    vocabulary = OccupationVocabulary(
        [("A", "soudure tuyauterie"), ("B", "peinture façade"), ("C", "soudure peinture")]
    )
    assert vocabulary.chosen({"A"}, "soudure") == ""
    assert vocabulary.chosen({"A", "B"}, "travaux de soudure") == "A"
    assert vocabulary.chosen({"A", "C"}, "soudure") == ""  # both hold it alike
    # The title's own words count for none: every family left open holds them.
    assert vocabulary.chosen({"A", "B"}, "soudure", title="Soudeur soudure") == ""


@pytest.mark.django_db
def test_stored_occupations_are_read_with_the_offers_descriptions():
    for code, definition in DEFINITIONS.items():
        Occupation.objects.create(code=code, label=code, definition=definition)
    for title, code in TITLES:
        OccupationTitle.objects.create(label=title, occupation_id=code)
    offer = OfferFactory(
        title="Responsable de secteur (H/F)",
        rome_code="",
        description="Aide et accompagnement à domicile : vous suivez les bénéficiaires et leurs familles.",
        occupation_code="",
    )
    offers_occupations_refresh()
    offer.refresh_from_db()
    assert (offer.occupation_code, offer.occupation_confidence) == ("K1408", 0.5)


def test_an_unsure_title_held_whole_by_one_other_family_s_titles_is_that_family_s(monkeypatch):
    reader = OccupationReader(
        titles=[("Ouvrier agricole polyvalent en élevage porcin", "A1411"), ("Ouvrier agricole polyvalent", "A1419")],
        labels={"A1411": "Eleveur de porcins", "A1419": "Ouvrier agricole polyvalent"},
        parents={},
        close={},
    )
    title = "Salarié agricole en élevage porcin (H/F)"
    # As ROME's 13,000 titles read it: by its first words, unsurely, a general farm worker.
    part = [OccupationGuess("A1419", "Ouvrier agricole polyvalent", 0.875, "title")]
    monkeypatch.setattr(reader, "from_title", lambda text: list(part))
    assert reader.possible_families(title) == {"A1411"}
    assert [guess.code for guess in reader.offer_title_reading(title)] == ["A1411", "A1419"]
    # A title read whole is kept as read.
    part[0] = OccupationGuess("A1419", "Ouvrier agricole polyvalent", 1.0, "title")
    assert reader.offer_title_reading(title)[0].code == "A1419"
