"""offer_search: French full text, typo tolerance, job-title synonyms, filters and sorts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from offers.models import ContractType, OfferStatus, Seniority, Source
from offers.search import query
from offers.search.params import OfferSearchParams, SortOrder
from offers.search.places import PlaceNotFound, place_resolve
from offers.search.query import offer_search
from tests.factories import CommuneFactory, OccupationFactory, OfferFactory
from tests.offers.factories import OccupationTitleFactory

pytestmark = pytest.mark.django_db


def titles(params: OfferSearchParams) -> list[str]:
    return [offer.title for offer in offer_search(params=params).offers]


def search(q: str = "", **filters) -> list[str]:
    return titles(OfferSearchParams(q=q, **filters))


def developer_offers() -> None:
    OfferFactory(
        title="Développeur back-end Java H/F",
        rome_code="M1805",
        rome_label="Études et développement informatique",
        skills=["Java", "SQL"],
        description="Au sein de l'équipe produit, vous concevez des API.",
        company="Logiciels du Sud",
    )
    OfferFactory(
        title="Ingénieur logiciel serveur",
        rome_code="M1805",
        rome_label="Études et développement informatique",
        skills=["Python"],
        description="Conception de services.",
        company="Octet",
    )


def test_keywords_find_offers_by_title_skills_and_description():
    OfferFactory(title="Comptable", description="Tenue de la comptabilité.", skills=["Sage"], rome_code="M1203")
    OfferFactory(title="Vendeur", description="Vente en magasin de produits frais.", skills=[], rome_code="D1106")
    OfferFactory(title="Magasinier", description="Préparation des commandes.", skills=["Cariste"], rome_code="N1103")

    assert search("comptable") == ["Comptable"]
    assert search("frais") == ["Vendeur"]
    assert search("cariste") == ["Magasinier"]


def test_title_match_ranks_above_skill_match_above_description_match():
    OfferFactory(title="Chauffeur livreur", description="Livraison de colis, permis B, pâtisserie.", skills=[])
    OfferFactory(title="Vendeur", description="Accueil des clients.", skills=["Pâtisserie fine"])
    OfferFactory(title="Pâtisserie : chef de laboratoire", description="Production.", skills=[])

    assert search("patisserie", sort=SortOrder.RELEVANCE) == [
        "Pâtisserie : chef de laboratoire",
        "Vendeur",
        "Chauffeur livreur",
    ]


def test_unaccented_query_finds_accented_titles():
    developer_offers()

    assert "Développeur back-end Java H/F" in search("developpeur")


def test_dev_back_end_finds_the_back_end_job_through_the_rome_title():
    developer_offers()
    OfferFactory(title="Boulanger", rome_code="D1102")
    OccupationTitleFactory(
        occupation=OccupationFactory(code="M1805", label="Études et développement informatique"),
        label="Développeur / Développeuse back-end",
    )

    found = search("dev back-end")

    # One offer by its words, the other only by the occupation that the title names.
    assert sorted(found) == ["Développeur back-end Java H/F", "Ingénieur logiciel serveur"]
    assert offer_search(params=OfferSearchParams(q="dev back-end")).expanded.rome_codes == ("M1805",)


def test_a_detailed_rome_4_title_also_finds_offers_filed_under_its_parent_code():
    # ROME 4.60 files "Développeur / Développeuse back-end" under M1855, whose parent is
    # M1805; offers (and the demo) mostly carry M1805.
    OfferFactory(
        title="Développeur Java H/F",
        rome_code="M1805",
        skills=["Java"],
        description="Applications de gestion.",
        company="Logiciels du Sud",
    )
    OfferFactory(title="Boulanger", rome_code="D1102")
    OccupationFactory(code="M1805", label="Études et développement informatique")
    OccupationTitleFactory(
        occupation=OccupationFactory(code="M1855", label="Développeur / Développeuse back-end", parent_code="M1805"),
        label="Développeur / Développeuse back-end",
    )

    result = offer_search(params=OfferSearchParams(q="dev back-end"))

    assert result.expanded.rome_codes == ("M1855", "M1805")
    assert [offer.title for offer in result.offers] == ["Développeur Java H/F"]


def test_feminine_job_title_finds_the_offers_of_that_job():
    OccupationTitleFactory(label="Boulanger / Boulangère")
    OfferFactory(title="Boulanger H/F", rome_code="D1102")
    OfferFactory(title="Vendeur en boulangerie", rome_code="D1106", skills=[], description="Vente.")
    OfferFactory(
        title="Aide-soignant",
        rome_code="J1501",
        skills=[],
        description="Soins.",
        company="Clinique",
        rome_label="Aide-soignant",
    )

    found = search("boulangere")

    assert "Boulanger H/F" in found
    assert "Aide-soignant" not in found


def _childcare_offer_about_child_development():
    """An offer of another trade whose skills and description say "développement" (stem 'developp')."""
    return OfferFactory(
        title="Auxiliaire de puériculture",
        rome_code="J1304",
        rome_label="Aide en puériculture",
        skills=["Suivre le développement de l'enfant"],
        description="Vous favorisez le développement psychomoteur des enfants.",
        company="Crèche Les Lutins",
    )


def test_the_other_gender_of_a_job_title_counts_in_titles_only():
    # "développeur" <-> "développeuse": the feminine form stems like "développement",
    # which descriptions and skills of every trade use.
    OccupationTitleFactory(label="Développeur / Développeuse web")
    OfferFactory(title="Développeuse web H/F", rome_code="M1805", skills=[], description="Sites vitrines.")
    _childcare_offer_about_child_development()

    found = search("developpeur")

    assert found == ["Développeuse web H/F"]


def test_a_feminine_title_whose_stem_is_a_common_word_counts_in_titles_only():
    # "développeuse" stems to 'developp' like "développement"; "développeur" keeps its own stem.
    OccupationTitleFactory(label="Développeur / Développeuse web")
    OfferFactory(title="Développeuse web H/F", rome_code="M1805", skills=[], description="Sites vitrines.")
    OfferFactory(title="Développeur Python", rome_code="M1805", skills=[], description="API.")
    OfferFactory(title="Analyste", rome_code="M1806", skills=[], description="Vous rejoignez nos développeurs.")
    _childcare_offer_about_child_development()

    result = offer_search(params=OfferSearchParams(q="developpeuse"))

    assert sorted(offer.title for offer in result.offers) == ["Analyste", "Développeur Python", "Développeuse web H/F"]
    assert "developpeuse:A" in result.expanded.tsquery


def test_typo_is_corrected_from_the_vocabulary_of_offers():
    OfferFactory(title="Boulanger H/F", rome_code="D1102")
    OfferFactory(title="Plombier chauffagiste", rome_code="F1603", skills=[], description="Dépannage.")

    result = offer_search(params=OfferSearchParams(q="plombieer"))

    assert [offer.title for offer in result.offers] == ["Plombier chauffagiste"]
    assert ("plombieer", "plombier") in result.expanded.corrections


def test_offers_teach_which_occupation_a_title_word_means():
    for number in range(3):
        OfferFactory(title=f"Tourier {number}", rome_code="D1104", skills=[], description="Feuilletage.")
    OfferFactory(title="Chef de partie", rome_code="D1104", skills=[], description="Production sucrée.")
    OfferFactory(title="Comptable", rome_code="M1203", skills=[], description="Comptabilité.")

    found = search("tourier")

    assert len(found) == 4
    assert "Chef de partie" in found


def test_closed_offers_are_left_out_unless_asked_for():
    OfferFactory(title="Boulanger ouvert")
    OfferFactory(title="Boulanger fermé", status=OfferStatus.CLOSED)

    assert search("boulanger") == ["Boulanger ouvert"]
    assert sorted(search("boulanger", include_closed=True)) == ["Boulanger fermé", "Boulanger ouvert"]


def test_contract_filter_accepts_several_types():
    OfferFactory(title="A", contract_type=ContractType.CDI)
    OfferFactory(title="B", contract_type=ContractType.CDD)
    OfferFactory(title="C", contract_type=ContractType.INTERIM)

    assert sorted(search(contract_types=(ContractType.CDI, ContractType.INTERIM))) == ["A", "C"]


def test_seniority_domain_rome_remote_and_source_filters():
    OfferFactory(title="Junior", seniority=Seniority.JUNIOR)
    OfferFactory(title="Confirmé", seniority=Seniority.CONFIRME, domain="Hôtellerie", remote=True)
    OfferFactory(title="Adzuna", sources=[Source.ADZUNA], rome_code="M1805")

    assert search(seniorities=(Seniority.JUNIOR,)) == ["Junior"]
    assert search(domain="Hôtellerie") == ["Confirmé"]
    assert search(rome_code="M1805") == ["Adzuna"]
    assert search(remote=True) == ["Confirmé"]
    assert search(sources=(Source.ADZUNA,)) == ["Adzuna"]


def test_minimum_salary_keeps_offers_whose_range_reaches_it():
    OfferFactory(title="Bas", salary_min=20000, salary_max=22000)
    OfferFactory(title="Haut", salary_min=30000, salary_max=40000)
    OfferFactory(title="Fixe", salary_min=35000, salary_max=None)
    OfferFactory(title="Inconnu")

    assert sorted(search(salary_min=30000)) == ["Fixe", "Haut"]


def test_published_within_days_filter():
    OfferFactory(title="Récente", published_at=timezone.now() - dt.timedelta(days=2))
    OfferFactory(title="Ancienne", published_at=timezone.now() - dt.timedelta(days=20))

    assert search(published_within_days=7) == ["Récente"]


def test_place_by_commune_name_postcode_and_departement():
    CommuneFactory()
    CommuneFactory(
        insee_code="30189",
        name="Nîmes",
        normalized_name="nimes",
        departement="30",
        postcodes=["30000"],
        latitude=43.8345,
        longitude=4.3592,
    )
    OfferFactory(title="Montpellier")
    OfferFactory(
        title="Nîmes",
        city="Nîmes",
        postcode="30000",
        departement="30",
        commune_insee="30189",
        latitude=43.8345,
        longitude=4.3592,
    )

    assert search(place=place_resolve("Montpellier")) == ["Montpellier"]
    assert search(place=place_resolve("montpellier (34)")) == ["Montpellier"]
    assert search(place=place_resolve("30000")) == ["Nîmes"]
    assert search(place=place_resolve("30")) == ["Nîmes"]


def test_radius_around_a_commune_uses_the_great_circle_distance():
    CommuneFactory()  # Montpellier
    OfferFactory(title="Sète", city="Sète", postcode="34200", commune_insee="34301", latitude=43.4028, longitude=3.6928)
    OfferFactory(
        title="Nîmes",
        city="Nîmes",
        postcode="30000",
        departement="30",
        commune_insee="30189",
        latitude=43.8345,
        longitude=4.3592,
    )  # about 45 km from Montpellier
    OfferFactory(title="Montpellier")
    montpellier = place_resolve("Montpellier")

    assert sorted(search(place=montpellier, radius_km=30)) == ["Montpellier", "Sète"]
    assert sorted(search(place=montpellier, radius_km=50)) == ["Montpellier", "Nîmes", "Sète"]


def test_place_falls_back_on_the_offers_when_no_commune_is_loaded():
    OfferFactory(
        title="Mende",
        city="Mende",
        postcode="48000",
        departement="48",
        commune_insee="48095",
        latitude=44.5181,
        longitude=3.5006,
    )
    OfferFactory(title="Montpellier")

    place = place_resolve("Mende")

    assert place.latitude == pytest.approx(44.5181)
    assert search(place=place) == ["Mende"]
    assert search(place=place_resolve("Montpellier"), radius_km=150) == ["Mende", "Montpellier"] or sorted(
        search(place=place_resolve("Montpellier"), radius_km=150)
    ) == ["Mende", "Montpellier"]


def test_a_place_found_in_the_offers_is_remembered_until_the_offers_change(django_assert_num_queries):
    # No commune loaded: a town the project's lists do not know is found in the offers.
    OfferFactory(city="Lunel", postcode="34400", departement="34", latitude=43.6757, longitude=4.1358)
    assert place_resolve("Lunel (34)").postcodes == ("34400",)

    with django_assert_num_queries(2):  # the communes' signature and the change log head; no scan of offers
        assert place_resolve("Lunel (34)").postcodes == ("34400",)

    with pytest.raises(PlaceNotFound):
        place_resolve("Sète (34)")
    OfferFactory(city="Sète", postcode="34200", departement="34")
    assert place_resolve("SETE (34)").postcodes == ("34200",)


def test_unknown_place_raises_place_not_found():
    with pytest.raises(PlaceNotFound):
        place_resolve("Atlantide")


def test_sort_by_newest_and_by_salary():
    now = timezone.now()
    OfferFactory(
        title="Vieille bien payée", published_at=now - dt.timedelta(days=9), salary_min=50000, salary_max=60000
    )
    OfferFactory(title="Récente", published_at=now - dt.timedelta(days=1), salary_min=25000, salary_max=26000)
    OfferFactory(title="Sans salaire", published_at=now - dt.timedelta(days=3))

    assert search(sort=SortOrder.NEWEST) == ["Récente", "Sans salaire", "Vieille bien payée"]
    assert search(sort=SortOrder.SALARY) == ["Vieille bien payée", "Récente", "Sans salaire"]
    # Relevance without keywords means newest first.
    assert search(sort=SortOrder.RELEVANCE) == ["Récente", "Sans salaire", "Vieille bien payée"]


def test_pagination_and_the_capped_total(monkeypatch):
    for number in range(25):
        OfferFactory(title=f"Offre {number}")

    first = offer_search(params=OfferSearchParams())
    second = offer_search(params=OfferSearchParams(page=2))
    assert (first.total, first.num_pages, len(first.offers), len(second.offers)) == (25, 2, 20, 5)
    assert not first.total_capped

    monkeypatch.setattr(query, "COUNT_CAP", 10)
    capped = offer_search(params=OfferSearchParams())
    assert capped.total_capped
    assert capped.total > 10  # the planner's estimate, never below the cap


def test_relevance_over_a_capped_result_set_still_fills_the_page(monkeypatch):
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    for number in range(5):
        OfferFactory(title=f"Vendeur {number}", description="Vente de pain.", skills=[], rome_label="Vente")

    result = offer_search(params=OfferSearchParams(q="vente", sort=SortOrder.RELEVANCE))

    assert result.total_capped and len(result.offers) == 3


def test_page_beyond_the_last_shows_the_last_page():
    OfferFactory(title="Seule")

    result = offer_search(params=OfferSearchParams(page=40))

    assert (result.page, [offer.title for offer in result.offers]) == (1, ["Seule"])


@pytest.mark.parametrize("index_walk_share", [0.0, 2.0])  # walk the sort index / look in slices of the order
@pytest.mark.parametrize("sort", [SortOrder.NEWEST, SortOrder.SALARY])
def test_newest_and_best_paid_orders_stay_global_past_the_count_cap(monkeypatch, sort, index_walk_share):
    now = timezone.now()
    for days, pay in [(1, 90000), (5, 20000), (12, 60000), (40, 40000), (90, None), (3, 30000), (60, 85000)]:
        OfferFactory(
            title=f"Boulanger {days}", published_at=now - dt.timedelta(days=days), salary_min=pay, salary_max=pay
        )
    expected = search("boulanger", sort=sort)
    monkeypatch.setattr(query, "COUNT_CAP", 2)
    monkeypatch.setattr(query, "PAGE_SIZE", 2)
    monkeypatch.setattr(query, "SORT_INDEX_WALK_SHARE", index_walk_share)

    pages = [titles(OfferSearchParams(q="boulanger", sort=sort, page=page)) for page in (1, 2)]

    assert pages[0] + pages[1] == expected[:4]


def test_very_common_matches_are_read_newest_first_with_the_same_results(monkeypatch):
    now = timezone.now()
    for days in range(6):
        OfferFactory(title=f"Boulanger {days}", published_at=now - dt.timedelta(days=days))
    OfferFactory(
        title="Comptable", description="Bilans.", company="Cabinet", rome_code="M1203", rome_label="Compta", skills=[]
    )
    by_bitmap = offer_search(params=OfferSearchParams(q="boulanger"))
    monkeypatch.setattr(query, "COMMON_MATCH_SHARE", 0.0)
    monkeypatch.setattr(query, "COUNT_CAP", 3)

    newest_first = offer_search(params=OfferSearchParams(q="boulanger", sort=SortOrder.RELEVANCE))

    assert newest_first.total_capped
    # The three matches read are the newest ones, then ranked.
    assert sorted(offer.title for offer in newest_first.offers) == ["Boulanger 0", "Boulanger 1", "Boulanger 2"]
    assert by_bitmap.total == 6
