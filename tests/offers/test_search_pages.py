"""The offer pages: full pages vs htmx fragments, bad parameters, offer detail, market, soft skills."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from offers.models import OfferStatus, Source
from tests.factories import CommuneFactory, OccupationFactory, OfferFactory, OfferSourceFactory
from tests.offers.factories import OccupationSoftSkillFactory, OccupationTitleFactory, SoftSkillFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_search_page_renders_the_whole_page_with_results(client):
    OfferFactory(title="Boulanger H/F", company="Fournil d'Or", salary_min=24000, salary_max=26000)

    response = client.get("/offres/", {"q": "boulanger"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'id="search-form"' in html
    assert "Boulanger H/F" in html and "Fournil d&#x27;Or" in html
    assert "24\xa0000 – 26\xa0000 €/an" in html
    assert "France Travail" in html


def test_htmx_request_gets_only_the_results_fragment(client):
    OfferFactory(title="Boulanger H/F")

    response = client.get("/offres/", {"q": "boulanger"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="search-form"' not in html
    assert '<section id="results"' in html
    assert "Boulanger H/F" in html


def test_htmx_fragment_refreshes_the_field_errors_out_of_band(client):
    html = client.get("/offres/", {"lieu": "Atlantide"}, **HTMX).content.decode()

    assert '<div id="errors-lieu" class="field-errors" hx-swap-oob="true">' in html
    assert "Lieu inconnu" in html
    assert '<div id="errors-q" class="field-errors" hx-swap-oob="true"></div>' in html


def test_boosted_and_history_restore_requests_get_the_whole_page(client):
    boosted = client.get("/offres/", {"contrat": "cdi"}, HTTP_HX_BOOSTED="true", **HTMX)
    restore = client.get("/offres/", {"contrat": "cdi"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)

    assert "<html" in boosted.content.decode()
    assert "<html" in restore.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"salaire_min": "beaucoup"}, "Indiquez un montant annuel en euros"),
        ({"contrat": "permanent"}, "n&#x27;est pas une valeur possible"),
        ({"page": "abc"}, "Numéro de page invalide"),
        ({"rome": "1234"}, "une lettre et quatre chiffres"),
    ],
)
def test_bad_parameter_shows_a_french_message_next_to_the_field_and_still_lists_offers(client, query, message):
    OfferFactory(title="Boulanger H/F")

    response = client.get("/offres/", query)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="errorlist"' in html
    assert "Boulanger H/F" in html


def test_unknown_place_shows_a_french_message_and_no_offer_rather_than_all_of_france(client):
    OfferFactory(title="Boulanger H/F")

    response = client.get("/offres/", {"lieu": "Atlantide"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lieu inconnu : « Atlantide »" in html
    assert 'class="errorlist"' in html
    assert "Boulanger H/F" not in html


def test_empty_results_suggest_widening_the_search(client):
    OfferFactory(title="Boulanger H/F")

    response = client.get("/offres/", {"q": "astronaute"})

    html = response.content.decode()
    assert 'data-testid="empty-state"' in html
    assert "élargir la recherche" in html


def test_facets_are_links_that_add_the_filter(client):
    OfferFactory(domain="Boulangerie")

    html = client.get("/offres/", {"q": "boulanger"}).content.decode()

    assert "?q=boulanger&amp;secteur=Boulangerie" in html
    assert "?q=boulanger&amp;contrat=cdi" in html


def test_offer_page_shows_every_field_and_each_posting_with_its_link(client):
    offer = OfferFactory(
        title="Boulanger H/F",
        description="Fabrication du pain au levain.",
        skills=["Pétrir la pâte"],
        soft_skills=["Avoir l'esprit d'équipe"],
        salary_min=24000,
        salary_max=26000,
        salary_text="Mensuel de 2000 à 2166 euros",
        domain="Boulangerie",
        sources=[Source.FRANCE_TRAVAIL, Source.ADZUNA],
    )
    OfferSourceFactory(offer=offer, source=Source.FRANCE_TRAVAIL, external_id="123ABC")
    OfferSourceFactory(
        offer=offer,
        source=Source.ADZUNA,
        external_id="4242",
        url="https://www.adzuna.fr/details/4242",
        source_updated_at=timezone.now(),
    )

    html = client.get(f"/offres/{offer.id}/").content.decode()

    for text in ("Boulanger H/F", "Fabrication du pain au levain.", "Pétrir la pâte", "esprit d&#x27;équipe",
                 "Mensuel de 2000 à 2166 euros", "Boulangerie", "D1102", "Montpellier", "34000"):  # fmt: skip
        assert text in html
    assert html.count('data-testid="posting"') == 2
    assert "https://candidat.francetravail.fr/offres/recherche/detail/123ABC" in html
    assert "https://www.adzuna.fr/details/4242" in html
    assert "Source :" in html and "mise à jour le" in html
    assert "Cette offre est fermée" not in html


def test_closed_offer_says_so(client):
    offer = OfferFactory(status=OfferStatus.CLOSED, closed_at=timezone.now())

    html = client.get(f"/offres/{offer.id}/").content.decode()

    assert "Cette offre est fermée" in html


def test_missing_offer_is_a_404(client):
    assert client.get("/offres/999999/").status_code == 404


def test_market_page_passes_the_chart_data_as_json(client):
    OfferFactory(
        company="Fournil d'Or", skills=["Pétrir la pâte"], domain="Boulangerie", salary_min=24000, salary_max=26000
    )
    OfferFactory(
        company="Fournil d'Or", skills=["Pétrir la pâte"], domain="Boulangerie", salary_min=30000, salary_max=32000
    )
    OfferFactory(
        title="Comptable",
        description="Bilans.",
        company="Cabinet",
        rome_code="M1203",
        rome_label="Comptabilité",
        skills=[],
    )

    response = client.get("/marche/", {"q": "boulanger"})

    html = response.content.decode()
    start = html.index('id="market-data"')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert data["contracts"] == [["CDI", 2]]
    assert data["companies"] == [["Fournil d'Or", 2]]
    assert data["skills"] == [["Pétrir la pâte", 2]]
    assert data["salaries"][0]["label"] == "Boulanger / Boulangère"
    assert data["salaries"][0]["median"] == 28000
    # The offers were published this week: not drawn on the weekly line (a week in progress), said below it.
    assert data["weeks"] == [] and 'data-testid="current-week"' in html
    assert ">Hérault (34)</a></th><td>Occitanie</td><td>2</td>" in html  # the map's table
    assert html.count("<canvas") == 7
    assert html.count("Voir en tableau") == 9


def test_market_fragment_for_htmx(client):
    OfferFactory()

    html = client.get("/marche/", {"contrat": "cdi"}, **HTMX).content.decode()

    assert '<section id="charts"' in html and "<html" not in html


def test_soft_skills_page_ranks_the_top_skills_of_an_occupation(client):
    OccupationFactory(code="D1102", label="Boulanger / Boulangère")
    team = SoftSkillFactory(code="soft_skill_14", summary="Avoir l’esprit d’équipe", details="Coopérer.")
    for number, score in enumerate([0.9, 0.7, 0.5, 0.45, 0.4, 0.35, 0.32, 0.31, 0.30, 0.1, 0.0], start=1):
        OccupationSoftSkillFactory(
            rome_code="D1102",
            soft_skill=SoftSkillFactory(code=f"soft_skill_{number:02d}", summary=f"Qualité {number}"),
            score=score,
        )
    OccupationSoftSkillFactory(rome_code="D1102", soft_skill=team, score=0.2)
    for _ in range(2):
        OfferFactory(soft_skills=["Avoir l'esprit d'équipe"])

    html = client.get("/competences/", {"metier": "D1102 – Boulanger / Boulangère"}).content.decode()

    ranked = html[
        html.index('data-testid="soft-skills"') : html.index("</ol>", html.index('data-testid="soft-skills"'))
    ]
    assert ranked.index("Qualité 1<") < ranked.index("Qualité 2<")
    # Asked by every offer of the occupation: it climbs above a higher official score.
    assert "Avoir l’esprit d’équipe" in ranked and ranked.index("esprit d’équipe") < ranked.index("Qualité 3<")
    assert ranked.count("<li>") == 8
    assert "Qualité 11" not in ranked and "Coopérer." in ranked


def test_soft_skills_page_finds_an_occupation_by_label(client):
    OccupationFactory(code="D1102", label="Boulanger / Boulangère")
    OccupationSoftSkillFactory(
        rome_code="D1102", soft_skill=SoftSkillFactory(code="soft_skill_01", summary="Être autonome")
    )

    html = client.get("/competences/", {"metier": "boulanger"}).content.decode()

    assert "D1102 – Boulanger / Boulangère" in html and "Être autonome" in html


def test_soft_skills_page_without_a_match_says_so(client):
    html = client.get("/competences/", {"metier": "astronaute"}).content.decode()

    assert "Aucun métier ne correspond" in html


def test_autocomplete_endpoints_return_datalist_options(client):
    CommuneFactory()
    OccupationTitleFactory(label="Boulanger / Boulangère")

    places = client.get("/offres/suggestions/lieux/", {"lieu": "montp"}).content.decode()
    titles = client.get("/offres/suggestions/metiers/", {"q": "boul"}).content.decode()
    occupations = client.get("/competences/suggestions/", {"metier": "boul"}).content.decode()

    assert '<option value="Montpellier (34)">' in places
    assert '<option value="Boulanger / Boulangère">' in titles
    assert '<option value="D1102 – Boulanger / Boulangère">' in occupations


def test_soft_skills_worded_differently_in_offers_count_for_the_official_skill(client):
    OccupationFactory(code="D1102", label="Boulanger / Boulangère")
    rigour = SoftSkillFactory(code="soft_skill_11", summary="Être rigoureux", details="Prêter attention aux détails.")
    OccupationSoftSkillFactory(rome_code="D1102", soft_skill=rigour, score=0.1)
    OfferFactory(soft_skills=["Faire preuve de rigueur et de précision"])

    html = client.get("/competences/", {"metier": "D1102"}).content.decode()

    ranked = html[html.index('data-testid="soft-skills"') :]
    assert "Être rigoureux" in ranked and "Prêter attention aux détails." in ranked
    assert "Faire preuve de rigueur" not in ranked
