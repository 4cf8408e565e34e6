"""The pages a French site owes: privacy policy, legal notice, data sources and licences."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_links_the_privacy_policy_legal_notice_and_sources_from_its_footer(client):
    for path in ("/", "/offres/", "/inscription/", "/connexion/"):
        html = client.get(path).content.decode()
        footer = html[html.index('<footer class="container site-footer">') :]
        for href in ('href="/confidentialite/"', 'href="/mentions-legales/"', 'href="/sources-et-licences/"'):
            assert href in footer, (path, href)


def test_the_header_offers_sign_up_and_the_soft_skills_page_and_the_site_has_an_icon(client):
    html = client.get("/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert 'href="/inscription/"' in header and ">Inscription<" in header
    assert 'href="/competences/"' in header
    assert 'rel="icon"' in html
    assert client.get("/favicon.ico").status_code == 301


def test_the_sign_up_form_links_the_privacy_policy(client):
    html = client.get("/inscription/").content.decode()
    form = html[html.index("<form") : html.index("</form>")]
    assert 'href="/confidentialite/"' in form


def test_the_privacy_policy_says_what_is_kept_why_how_long_and_how_to_use_each_right(client):
    text = client.get("/confidentialite/").content.decode()
    for kept in ("Profil", "CV", "recherches enregistrées", "alertes", "Échecs de connexion", "Journaux techniques"):
        assert kept in text, kept
    for reason in ("Base légale", "Exécution du service", "Intérêt légitime"):
        assert reason in text
    for duration in ("Tant que le compte existe", "Une heure.", "Un an au plus"):
        assert duration in text
    for right in ("Accès et portabilité", "Rectification", "Effacement", "Opposition", "CNIL"):
        assert right in text
    assert 'href="/profil/"' in text  # where the export and the deletion are


def test_the_legal_notice_names_publisher_contact_and_host_from_the_settings(client, settings):
    settings.LEGAL_PUBLISHER = "Emploi Ouvert SAS"
    settings.LEGAL_CONTACT_EMAIL = "contact@emploi-ouvert.example.fr"
    settings.LEGAL_HOST = "Hébergeur Exemple, 1 rue du Nuage, 75001 Paris"
    text = client.get("/mentions-legales/").content.decode()
    assert "Emploi Ouvert SAS" in text
    assert "mailto:contact@emploi-ouvert.example.fr" in text
    assert "Hébergeur Exemple, 1 rue du Nuage, 75001 Paris" in text
    assert "Hébergeur Exemple" in client.get("/confidentialite/").content.decode()


def test_the_sources_page_states_each_licence_and_its_duties(client):
    text = client.get("/sources-et-licences/").content.decode()
    for expected in ("France Travail", "date de sa dernière mise à jour", "Adzuna", "Licence Ouverte", "ROME",
                     "INSEE", "CC BY 4.0"):  # fmt: skip
        assert expected in text, expected


def test_the_soft_skills_page_does_not_talk_about_unloaded_scores(client):
    from tests.factories import OfferFactory

    OfferFactory(soft_skills=["Travail en équipe"])
    text = client.get("/competences/", {"metier": "D1102"}).content.decode()
    assert "non chargés" not in text
    assert "load_softskills" not in text
