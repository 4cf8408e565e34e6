"""A read CV proposes a title, a town and skills, each written in it; only what the candidate confirms reaches
the profile, and what the profile already has is not proposed again."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates import cv_services, services
from candidates.models import CandidateProfile, CvUpload
from offers.models import OccupationTitle
from tests.candidates.documents import docx_with_text, pdf_with_text
from tests.factories import CommuneFactory, OccupationFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

BAKER_CV = [
    "Camille Martin",
    "12 rue des Lilas, 34000 Montpellier",
    "Je recherche un poste de boulangère en CDI.",
    "Expérience : 2019-2024 boulangère chez Maison Pain, pétrir la pâte et façonner des pâtons.",
    "Loisirs : programmation en Java.",
]


@pytest.fixture
def referentials():
    baker = OccupationFactory(code="D1102", label="Boulanger / Boulangère")
    OccupationTitle.objects.create(label="Boulanger / Boulangère", occupation=baker)
    developer = OccupationFactory(code="M1805", label="Études et développement informatique")
    OccupationTitle.objects.create(label="Développeur / Développeuse informatique", occupation=developer)
    CommuneFactory()
    CommuneFactory(
        insee_code="69123", name="Lyon", normalized_name="lyon", departement="69", postcodes=["69001", "69002"]
    )
    OfferFactory(skills=["Pétrir la pâte", "Façonner des pâtons", "Cuire des pâtons", "Développer en JavaScript"])


@pytest.fixture
def candidate(client, referentials):
    user = UserFactory(username="camille@example.fr")
    client.force_login(user)
    return user


def _upload(user, name: str, data: bytes) -> CvUpload:
    return cv_services.cv_upload_start(user=user, upload=SimpleUploadedFile(name, data))


def test_a_pdf_cv_proposes_the_title_town_and_skills_it_states_and_writes_nothing(candidate):
    upload = _upload(candidate, "cv.pdf", pdf_with_text(BAKER_CV))

    assert upload.proposals == {
        "title": "Boulangère",
        "rome_code": "D1102",
        "commune_insee": "34172",
        "place_name": "Montpellier (34)",
        # In the CV's order. Java is written, JavaScript is not; "Cuire des pâtons" is not written either.
        "skills": ["Pétrir la pâte", "Façonner des pâtons", "Java"],
        "title_from_tasks": False,
    }
    profile = CandidateProfile.objects.get(user=candidate)
    assert (profile.wanted_title, profile.commune_insee, profile.skills) == ("", "", [])
    assert "Maison Pain" in profile.cv_text


def test_a_docx_cv_proposes_a_town_named_alone_in_its_header(candidate):
    upload = _upload(
        candidate,
        "cv.docx",
        docx_with_text(["Alex Dupont", "Lyon", "Développeur informatique", "Compétences : Python, Django, Git"]),
    )
    assert upload.proposals["title"] == "Développeur informatique"
    assert upload.proposals["rome_code"] == "M1805"
    assert (upload.proposals["commune_insee"], upload.proposals["place_name"]) == ("69123", "Lyon (69)")
    assert upload.proposals["skills"] == ["Python", "Django", "Git"]


def test_a_job_left_behind_or_a_town_of_an_employer_is_not_proposed(candidate):
    upload = _upload(
        candidate,
        "cv.pdf",
        pdf_with_text(
            [
                "Sam Leroy",
                "Objectif : reconversion",
                "Ancien boulanger, j'ai travaillé 5 ans",
                *[f"Mission {number} chez un employeur" for number in range(6)],
                "Lyon",
            ]
        ),
    )
    assert upload.proposals["title"] == ""
    assert upload.proposals["commune_insee"] == ""


def test_what_the_profile_already_has_is_not_proposed_again(candidate):
    services.profile_update(
        user=candidate,
        data={"wanted_title": "Boulanger", "commune_insee": "34172", "skills": ["pétrir la PÂTE", "Java"]},
    )
    upload = _upload(candidate, "cv.pdf", pdf_with_text(BAKER_CV))
    assert upload.proposals == {
        "title": "",
        "rome_code": "",
        "commune_insee": "",
        "place_name": "",
        "skills": ["Façonner des pâtons"],
        "title_from_tasks": False,
    }


def test_the_candidate_keeps_an_edited_title_and_some_skills_once(candidate):
    upload = _upload(candidate, "cv.pdf", pdf_with_text(BAKER_CV))

    profile = cv_services.cv_proposals_accept(
        user=candidate,
        upload_id=upload.pk,
        title="Boulangère tourière",
        place_insee=None,
        skills=["Pétrir la pâte", "Cuire des pâtons"],  # the second was never proposed: ignored
    )

    assert (profile.wanted_title, profile.commune_insee, profile.skills) == (
        "Boulangère tourière",
        "",
        ["Pétrir la pâte"],
    )
    upload.refresh_from_db()
    assert upload.skills_added == ["Pétrir la pâte"] and upload.proposals_answered_at is not None
    with pytest.raises(cv_services.ProposalsOutdated):
        cv_services.cv_proposals_dismiss(user=candidate, upload_id=upload.pk)


def test_the_proposed_title_keeps_its_rome_code(candidate):
    upload = _upload(candidate, "cv.pdf", pdf_with_text(BAKER_CV))
    profile = cv_services.cv_proposals_accept(
        user=candidate, upload_id=upload.pk, title="Boulangère", place_insee="34172", skills=[]
    )
    assert (profile.wanted_title, profile.rome_code, profile.place_name) == ("Boulangère", "D1102", "Montpellier (34)")


# --- the page, without JavaScript and with htmx ------------------------------------------------------


def test_the_profile_page_proposes_and_a_plain_form_post_confirms(client, candidate):
    upload = _upload(candidate, "cv.pdf", pdf_with_text(BAKER_CV))
    page = client.get("/profil/").content.decode()
    assert "Ce que nous avons lu dans votre CV" in page
    assert 'name="cv-title" value="Boulangère"' in page and 'name="cv-place" value="Montpellier (34)"' in page
    assert page.count('name="cv-skills"') == 3 and page.count("checked") >= 5

    response = client.post(
        "/profil/cv/propositions/",
        {
            "cv-upload": upload.pk,
            "cv-title_keep": "on",
            "cv-title": "Boulangère",
            "cv-skills": ["Pétrir la pâte", "Façonner des pâtons"],
            "cv-action": "accept",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Ajouté à votre profil depuis votre CV : le poste recherché, 2 compétences." in page
    assert "Ce que nous avons lu dans votre CV" not in page  # answered: not proposed again
    profile = CandidateProfile.objects.get(user=candidate)
    assert (profile.wanted_title, profile.rome_code, profile.commune_insee) == ("Boulangère", "D1102", "")
    assert profile.skills == ["Pétrir la pâte", "Façonner des pâtons"]


def test_an_unknown_town_is_refused_next_to_its_field_and_nothing_is_written(client, candidate):
    upload = _upload(candidate, "cv.pdf", pdf_with_text(BAKER_CV))
    form = {"cv-upload": upload.pk, "cv-place_keep": "on", "cv-place": "Atlantide", "cv-action": "accept"}

    response = client.post("/profil/cv/propositions/", form)
    assert response.status_code == 400
    assert "Commune introuvable" in response.content.decode()
    assert CandidateProfile.objects.get(user=candidate).commune_insee == ""

    # With htmx the form comes back in place, with the same message.
    response = client.post("/profil/cv/propositions/", form, headers={"HX-Request": "true"})
    assert response.status_code == 400 and "Commune introuvable" in response.content.decode()
    assert response.content.decode().lstrip().startswith('<form method="post" action="/profil/cv/propositions/"')

    form["cv-place"] = "34000"
    response = client.post("/profil/cv/propositions/", form, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert CandidateProfile.objects.get(user=candidate).place_name == "Montpellier (34)"


def test_dismissed_proposals_leave_the_profile_unchanged(client, candidate):
    upload = _upload(candidate, "cv.pdf", pdf_with_text(BAKER_CV))
    response = client.post("/profil/cv/propositions/", {"cv-upload": upload.pk, "cv-action": "dismiss"}, follow=True)
    assert "Propositions du CV ignorées" in response.content.decode()
    profile = CandidateProfile.objects.get(user=candidate)
    assert (profile.wanted_title, profile.skills) == ("", [])
    # An outdated form (another upload since) changes nothing either.
    response = client.post("/profil/cv/propositions/", {"cv-upload": upload.pk + 1, "cv-action": "accept"}, follow=True)
    assert "plus d&#x27;actualité" in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_candidate_confirms_what_their_cv_proposes_in_the_browser(page, client, live_server, referentials):
    user = UserFactory()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/profil/")
    page.get_by_label("CV (PDF ou Word .docx)").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text(BAKER_CV)}
    )
    page.get_by_role("button", name="Déposer le CV").click()
    page.wait_for_url("**/profil/")

    proposals = page.locator("#cv-proposals")
    assert proposals.get_by_label("Intitulé du poste proposé").input_value() == "Boulangère"
    assert proposals.get_by_label("Commune proposée").input_value() == "Montpellier (34)"
    proposals.get_by_role("checkbox", name="Java").uncheck()
    proposals.get_by_label("Intitulé du poste proposé").fill("Boulangère de nuit")
    proposals.get_by_role("button", name="Ajouter à mon profil").click()

    page.get_by_text("Ajouté à votre profil depuis votre CV : le poste recherché, la ville, 2 compétences.").wait_for()
    assert page.get_by_label("Poste recherché").input_value() == "Boulangère de nuit"
    assert page.get_by_label("Lieu").input_value() == "Montpellier (34)"
    assert page.get_by_label("Compétences").input_value() == "Pétrir la pâte, Façonner des pâtons"
    assert page.locator("#cv-proposals").count() == 0


def test_a_cv_proposes_an_offer_skill_it_says_in_other_words(candidate, settings):
    """The CV is read once, in the background: there the skill reader reads by meaning too (the ROME skill labels
    compete for each clause, offers/understanding/meaning.py)."""
    settings.UNDERSTANDING_ROME_DIR = str(Path(__file__).resolve().parents[3] / "shared" / "data" / "rome")
    OfferFactory(skills=["Assister aux réunions de chantier"])
    lines = ["Karim Benali", "Chef d'équipe : je participe aux réunions de chantier avec le maître d'œuvre."]

    upload = _upload(candidate, "cv.pdf", pdf_with_text(lines))

    assert "Assister aux réunions de chantier" in upload.proposals["skills"]
