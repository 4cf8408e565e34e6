"""A candidate's whole journey in Chromium: sign up, profile, CV, log out, log in, delete."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from candidates.models import CandidateProfile
from offers.models import OccupationTitle
from tests.candidates.documents import docx_zip_bomb, pdf_with_text
from tests.factories import CommuneFactory, OccupationFactory, OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "camille.martin@example.fr"
PASSWORD = "un mot de passe solide 2026"


@pytest.fixture
def referentials():
    occupation = OccupationFactory(code="D1102", label="Boulangerie - viennoiserie")
    OccupationTitle.objects.create(label="Boulanger / Boulangère", occupation=occupation)
    CommuneFactory()
    OfferFactory(skills=["Pétrir la pâte", "Façonner des pâtons"])


def _sign_up(page):
    page.goto("/inscription/")
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.get_by_text("Vérifiez votre boîte mail").first.wait_for()
    # The account is activated by the link mailed to the address, with the password chosen above.
    link = re.search(r"/inscription/confirmer/[^/]+/[^/]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("Mot de passe choisi à l'inscription").fill(PASSWORD)
    page.get_by_role("button", name="Activer mon compte").click()
    page.wait_for_url("**/profil/")


def test_sign_up_fill_the_profile_upload_a_cv_log_out_log_in_and_delete_the_account(page, referentials):
    _sign_up(page)
    assert page.get_by_text("Bienvenue !").is_visible()

    page.get_by_label("Poste recherché").fill("Boulang")
    page.wait_for_function("() => document.querySelectorAll('#title-options option').length > 0")
    assert page.locator("#title-options option").first.get_attribute("value") == "Boulanger / Boulangère"
    page.get_by_label("Poste recherché").fill("Boulanger / Boulangère")
    page.get_by_label("Lieu").fill("Montpellier (34)")
    page.get_by_label("CDI").check()
    page.get_by_label("Expérience").select_option("confirme")
    page.get_by_label("Salaire annuel minimum (€ brut)").fill("26000")
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.wait_for_url("**/profil/")
    assert page.get_by_text("Profil enregistré.").is_visible()
    assert page.get_by_text("Code ROME retenu : D1102").is_visible()
    page.get_by_role("button", name="Ajouter « Façonner des pâtons »").click()
    assert page.get_by_label("Compétences").input_value() == "Façonner des pâtons"
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.wait_for_url("**/profil/")

    page.get_by_label("CV (PDF ou Word .docx)").set_input_files(
        {"name": "cv-camille.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text(["Je sais pétrir la pâte."])}
    )
    page.get_by_role("button", name="Déposer le CV").click()
    # The page reloads where it stands; the CV proposes, the profile takes only what the candidate confirms.
    page.locator("#mon-cv").get_by_role("checkbox", name="Pétrir la pâte").wait_for()
    assert page.get_by_label("Compétences").input_value() == "Façonner des pâtons"
    assert page.get_by_role("checkbox", name="Pétrir la pâte").is_checked()
    page.get_by_role("button", name="Ajouter à mon profil").click()
    page.locator("#mon-cv").get_by_text("Ajouté à votre profil depuis votre CV : 1 compétence.").wait_for()
    assert page.get_by_label("Compétences").input_value() == "Façonner des pâtons, Pétrir la pâte"
    assert page.get_by_text("CV actuel : cv-camille.pdf").is_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert (
        page.get_by_role("link", name="Connexion").is_visible()
        or page.get_by_text("Vous êtes déconnecté.").is_visible()
    )

    page.goto("/connexion/?next=/profil/")
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/profil/")
    assert page.get_by_label("Lieu").input_value() == "Montpellier (34)"

    page.get_by_role("link", name="Supprimer mon compte").click()
    page.get_by_label("Votre mot de passe, pour confirmer").fill(PASSWORD)
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.get_by_text("Votre compte et toutes vos données ont été supprimés.").is_visible()
    assert not CandidateProfile.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "ni un PDF ni un document Word"),
        ("cv.docx", docx_zip_bomb(), "anormalement volumineux"),
        ('<img src=x onerror="document.title=1">.pdf', b"%PDF-1.4 broken", "illisible ou endommagé"),
    ],
    ids=["wrong type", "zip bomb", "script in the pdf name"],
)
def test_a_hostile_upload_shows_a_french_message_next_to_the_file_field(page, referentials, name, content, message):
    _sign_up(page)
    page.get_by_label("CV (PDF ou Word .docx)").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    page.get_by_role("button", name="Déposer le CV").click()
    error = page.locator("#cv-form .errorlist")
    error.wait_for()
    assert message in error.inner_text()
    assert page.title() != "1"
    assert page.get_by_text("Aucun CV déposé.").is_visible()
