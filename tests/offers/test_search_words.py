"""Words as people type them: the French lexicon, genders, stems, synonyms and acronyms, several words."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from offers.models import SearchSynonym
from offers.search.lexicon import french_lexicon
from offers.search.params import OfferSearchParams
from offers.search.query import offer_search
from offers.search.synonyms import search_synonyms_load
from tests.factories import OfferFactory
from tests.offers.factories import OccupationTitleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def curated_synonyms() -> None:
    """The list a migration loads (a transactional test earlier in the run flushes the tables)."""
    search_synonyms_load()


def search(q: str) -> list[str]:
    """The titles of the offers holding every word (the closest ones that may follow are left out)."""
    result = offer_search(params=OfferSearchParams(q=q))
    return [offer.title for offer in result.offers[: result.exact_on_page]]


def test_the_lexicon_is_french_with_its_inflections_folded():
    lexicon = french_lexicon()
    assert {"pain", "paie", "vente", "soins", "nuit", "serveuse", "infirmiere"} <= lexicon
    assert "boulangre" not in lexicon and "developeur" not in lexicon


@pytest.mark.parametrize("word", ["pain", "paie", "vente", "soins", "nuit"])
def test_a_french_word_is_never_corrected_even_when_no_offer_uses_it(word):
    OfferFactory(title="Homme toutes mains", skills=[], description="Petits travaux.", rome_code="I1203")
    OfferFactory(title="Gestionnaire de la mise en rayon", skills=[], description="Magasin.", rome_code="D1507")

    result = offer_search(params=OfferSearchParams(q=word))

    assert result.expanded.corrections == ()
    assert [offer.title for offer in result.offers] == []


def test_a_word_that_neither_french_nor_the_offers_know_is_corrected():
    OfferFactory(title="Boulanger H/F", skills=[], description="Fournil.")

    result = offer_search(params=OfferSearchParams(q="boulangre"))

    assert [offer.title for offer in result.offers] == ["Boulanger H/F"]
    assert [typed for typed, _ in result.expanded.corrections] == ["boulangre"]
    assert result.approximate


@pytest.mark.parametrize(("masculine", "feminine"), [("serveur", "serveuse"), ("vendeur", "vendeuse")])
def test_both_genders_of_a_title_find_the_same_offers(masculine, feminine):
    OccupationTitleFactory(label="Serveur / Serveuse en restauration")
    OccupationTitleFactory(label="Vendeur / Vendeuse en prêt-à-porter")
    OfferFactory(title="Serveur H/F", rome_code="G1803", skills=[], description="Brasserie.")
    OfferFactory(title="Serveuse en terrasse", rome_code="G1803", skills=[], description="Saison.")
    OfferFactory(title="Commis de salle", rome_code="G1803", skills=[], description="Vous aidez les serveurs en salle.")
    OfferFactory(title="Vendeur en boutique", rome_code="D1214", skills=[], description="Conseil.")
    OfferFactory(title="Caissière", rome_code="D1505", skills=[], description="Vous épaulez les vendeuses.")

    assert sorted(search(masculine)) == sorted(search(feminine))
    assert len(search(masculine)) >= 2


def test_an_exact_title_word_ranks_above_words_that_only_share_its_stem():
    # "paie" and "paiement" stem alike ('pai'), so do "préparateur" and "préparer" ('prepar').
    OfferFactory(title="Caissier", rome_code="D1505", skills=["Encaisser un paiement", "Vérifier les paiements"])
    OfferFactory(title="Gestionnaire de paie", rome_code="M1507", skills=[], description="Bulletins.")
    OfferFactory(title="Cuisinier", rome_code="G1609", skills=["Préparer les plats", "Préparer les entrées"])
    OfferFactory(title="Préparateur de commandes", rome_code="N1103", skills=[], description="Entrepôt.")

    assert search("paie")[0] == "Gestionnaire de paie"
    assert search("préparateur")[0] == "Préparateur de commandes"


def test_related_forms_of_a_trade_meet_through_the_word_families():
    OfferFactory(title="Soudeur TIG", rome_code="H2913", skills=[], description="Inox.")
    OfferFactory(title="Métallier", rome_code="H2911", skills=["Souder et braser"], description="Garde-corps.")
    OfferFactory(title="Boulanger", skills=[], description="Fournil.")

    assert sorted(search("soudure")) == ["Métallier", "Soudeur TIG"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("AVS", {"Auxiliaire de vie scolaire", "AESH H/F"}),
        ("ASH", {"Agent de service hospitalier"}),
        ("chauffeur PL", {"Chauffeur poids lourd", "Conducteur PL"}),
        ("poids lourd", {"Chauffeur poids lourd", "Conducteur PL"}),
        ("ATSEM", {"Agente territoriale spécialisée des écoles maternelles"}),
        ("TP", {"Conducteur d'engins de travaux publics"}),
        ("ADVF", {"Assistante de vie aux familles"}),
        ("permis C", {"Chauffeur poids lourd", "Conducteur PL"}),
        ("CIP", {"Conseiller en insertion professionnelle"}),
    ],
)
def test_acronyms_and_jargon_find_the_offers_that_spell_them_otherwise(typed, expected):
    for title in (
        "Auxiliaire de vie scolaire",
        "AESH H/F",
        "Agent de service hospitalier",
        "Chauffeur poids lourd",
        "Conducteur PL",
        "Agente territoriale spécialisée des écoles maternelles",
        "Chauffeur livreur VL",
        "Conducteur d'engins de travaux publics",
        "Assistante de vie aux familles",
        "Conseiller en insertion professionnelle",
    ):
        OfferFactory(title=title, rome_code="", skills=[], description="Poste à pourvoir.")  # fmt: skip

    assert set(search(typed)) == expected


def test_the_curated_synonyms_load_with_their_source_and_keep_staff_edits():
    SearchSynonym.objects.all().delete()
    out = StringIO()

    call_command("load_search_synonyms", stdout=out)

    avs = SearchSynonym.objects.get(term="AVS")
    assert "auxiliaire de vie scolaire" in avs.equivalent_list()
    assert avs.source and avs.rome_code_list() == ["K2113", "K1306"]
    assert SearchSynonym.objects.count() >= 60 and "ajoutés" in out.getvalue()
    avs.equivalents = "AESH"
    avs.save()
    call_command("load_search_synonyms", stdout=StringIO())  # a second load keeps what staff changed
    assert SearchSynonym.objects.get(term="AVS").equivalents == "AESH"


def test_staff_add_a_synonym_in_the_admin_and_the_search_follows(admin_client):
    OfferFactory(title="Agent de propreté urbaine", rome_code="", skills=[], description="Voirie.")
    assert search("balayeur") == []

    response = admin_client.post(
        reverse("admin:offers_searchsynonym_add"),
        {"term": "balayeur", "equivalents": "agent de propreté urbaine", "kind": "synonyme", "both_ways": "on",
         "rome_codes": "", "source": "usage des collectivités", "active": "on"},
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()[:2000]
    assert search("balayeur") == ["Agent de propreté urbaine"]


def test_offers_holding_every_word_come_first_then_the_closest_said_so():
    OfferFactory(title="Développeur Python", rome_code="M1805", skills=[], description="API.")
    OfferFactory(title="Développeur Java", rome_code="M1805", skills=[], description="Spring.")
    OfferFactory(title="Data analyst", rome_code="M1419", skills=["Python"], description="Tableaux de bord.")
    OfferFactory(title="Boulanger", skills=[], description="Fournil.")

    result = offer_search(params=OfferSearchParams(q="développeur python"))

    titles = [offer.title for offer in result.offers]
    assert titles[0] == "Développeur Python"
    assert set(titles[1:]) == {"Développeur Java", "Data analyst"}
    assert (result.exact_total, result.exact_on_page, result.approximate) == (1, 1, True)


def test_when_no_offer_holds_every_word_the_closest_are_shown_as_such():
    OfferFactory(title="Cariste", rome_code="N1101", skills=[], description="CACES 3 exigé.")
    OfferFactory(title="Livreur", rome_code="N4105", skills=[], description="Permis B exigé.")

    result = offer_search(params=OfferSearchParams(q="permis CACES"))

    assert sorted(offer.title for offer in result.offers) == ["Cariste", "Livreur"]
    assert (result.exact_total, result.exact_on_page, result.approximate) == (0, 0, True)


def test_a_single_word_without_answer_stays_empty():
    OfferFactory(title="Boulanger", skills=[], description="Fournil.")

    result = offer_search(params=OfferSearchParams(q="astronaute"))

    assert (result.total, result.approximate) == (0, False)


def test_gendered_titles_known_only_from_offers_are_paired_too():
    # No ROME title here: the pair comes from the endings of the offers' own title words
    # ("coiffeuse" stems to 'coiffeux', "coiffeur" to 'coiffeur': full text alone keeps them apart).
    OfferFactory(title="Coiffeuse mixte", rome_code="", rome_label="", skills=[], description="Salon.")
    OfferFactory(title="Coiffeur barbier", rome_code="", rome_label="", skills=[], description="Rasage.")
    OfferFactory(title="Coiffure à domicile", rome_code="", rome_label="", skills=[], description="Tournées.")

    assert sorted(search("coiffeuse")) == sorted(search("coiffeur")) == ["Coiffeur barbier", "Coiffeuse mixte"]


def test_what_an_offer_says_it_does_not_ask_for_does_not_find_it():
    OfferFactory(title="Chauffeur livreur VL", rome_code="", skills=[],
                 description="Permis B suffisant : pas de permis poids lourd demandé. Livraison de colis.")  # fmt: skip
    OfferFactory(title="Manutentionnaire", rome_code="", skills=[],
                 description="Le CACES n'est pas exigé, aucune expérience requise. Port de charges.")  # fmt: skip
    OfferFactory(title="Conducteur routier", rome_code="", skills=[], description="Permis poids lourd exigé.")

    assert search("poids lourd") == ["Conducteur routier"]
    assert search("colis") == ["Chauffeur livreur VL"]  # the rest of the text still counts
    assert search("CACES") == [] and search("charges") == ["Manutentionnaire"]


def test_a_synonym_as_typed_ranks_before_its_equivalents_and_its_neighbours_follow_marked_close():
    OfferFactory(title="Commercial terrain - piscines", rome_code="", skills=[], description="Prospection.")
    OfferFactory(title="VRP multicartes", rome_code="", skills=[], description="Représentant.")
    OfferFactory(title="Commerciale sédentaire", rome_code="", skills=[], description="Devis clients.")

    result = offer_search(params=OfferSearchParams(q="VRP"))

    assert [offer.title for offer in result.offers] == [
        "VRP multicartes", "Commercial terrain - piscines", "Commerciale sédentaire"
    ]  # fmt: skip
    assert result.exact_on_page == 2 and result.approximate


def test_a_query_that_is_one_expression_of_several_words_is_followed_by_offers_holding_some_of_them():
    OfferFactory(title="Infirmier de bloc opératoire", rome_code="", skills=[], description="IBODE.")
    OfferFactory(title="Infirmière de nuit", rome_code="", skills=[], description="Soins.")

    result = offer_search(params=OfferSearchParams(q="infirmière bloc opératoire"))

    assert [offer.title for offer in result.offers] == ["Infirmier de bloc opératoire", "Infirmière de nuit"]
    assert result.exact_on_page == 1
