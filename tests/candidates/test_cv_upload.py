from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import CandidateProfile
from tests.candidates.documents import docx_with_text, docx_zip_bomb, pdf_with_text
from tests.factories import OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

CV_LINES = ["Camille Martin, boulangère", "Compétences : pétrir la pâte, façonner des pâtons, hygiène HACCP"]


@pytest.fixture
def candidate(client):
    user = UserFactory(username="camille@example.fr")
    client.force_login(user)
    OfferFactory(skills=["Pétrir la pâte", "Façonner des pâtons", "Cuire des pâtons"])
    return user


def _stored_files(folder):
    return sorted(path.name for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def test_a_pdf_cv_is_stored_privately_under_a_random_name_and_proposes_skills(client, candidate, private_cv_folder):
    upload = SimpleUploadedFile("Mon CV.pdf", pdf_with_text(CV_LINES), content_type="application/pdf")
    response = client.post("/profil/cv/deposer/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert "Vérifiez ce que nous y avons lu avant de l&#x27;ajouter à votre profil." in page
    assert 'name="cv-skills" value="Pétrir la pâte"' in page and 'value="Façonner des pâtons"' in page
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.skills == []  # proposed, not written
    assert profile.cv_original_name == "Mon CV.pdf"
    assert "hygiène HACCP" in profile.cv_text
    assert "hygiène HACCP" in profile.profile_text
    [stored] = _stored_files(private_cv_folder)
    assert stored.endswith(".pdf") and "Mon CV" not in stored and len(stored) >= 36


def test_the_owner_downloads_the_cv_and_no_public_url_serves_it(client, candidate, private_cv_folder):
    data = docx_with_text(CV_LINES)
    client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile("cv.docx", data)})
    download = client.get("/profil/cv/telecharger/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data
    assert 'attachment; filename="cv.docx"' in download["Content-Disposition"]
    [stored] = _stored_files(private_cv_folder)
    assert client.get(f"/media/{stored}").status_code == 404
    assert client.get(f"/media/private/cv/{stored}").status_code == 404
    client.logout()
    assert client.get("/profil/cv/telecharger/").status_code == 302


def test_a_new_cv_replaces_the_old_file_and_removing_it_deletes_the_file(
    client, candidate, private_cv_folder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile("a.pdf", pdf_with_text(CV_LINES))})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile("b.docx", docx_with_text(CV_LINES))})
    assert [name[-5:] for name in _stored_files(private_cv_folder)] == [".docx"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/profil/cv/retirer/")
    profile = CandidateProfile.objects.get(user=candidate)
    assert (profile.cv_file.name, profile.cv_text, profile.cv_original_name) == ("", "", "")
    assert _stored_files(private_cv_folder) == []


HOSTILE = {
    "an image renamed .pdf": ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "ni un PDF ni un document Word"),
    "an html page renamed .docx": ("cv.docx", b"<html><script>alert(1)</script></html>", "ni un PDF ni un document"),
    "a docx zip bomb": ("cv.docx", docx_zip_bomb(), "anormalement volumineux"),
    "a broken pdf": ("cv.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R", "illisible ou endommagé"),
    "an empty file": ("cv.pdf", b"", "Le fichier soumis est vide."),
}


@pytest.mark.parametrize("name, content, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_upload_gets_a_clear_message_and_changes_nothing(
    client, candidate, private_cv_folder, name, content, message
):
    client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile("good.pdf", pdf_with_text(CV_LINES))})
    before = CandidateProfile.objects.get(user=candidate)
    files_before = _stored_files(private_cv_folder)
    response = client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    after = CandidateProfile.objects.get(user=candidate)
    assert (after.cv_file.name, after.cv_text, after.skills) == (before.cv_file.name, before.cv_text, before.skills)
    assert _stored_files(private_cv_folder) == files_before


def test_a_50_mb_upload_is_refused_before_its_body_is_read(client, candidate, private_cv_folder):
    huge = SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024))
    response = client.post("/profil/cv/deposer/", {"file": huge}, follow=True)
    assert "Le fichier dépasse la taille maximale de 5 Mo." in response.content.decode()
    assert CandidateProfile.objects.get(user=candidate).cv_file.name == ""
    assert _stored_files(private_cv_folder) == []


def test_a_file_just_over_the_limit_is_refused_by_its_size(client, candidate, settings, private_cv_folder):
    settings.CANDIDATE_CV_MAX_BYTES = 2048
    response = client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile("cv.pdf", pdf_with_text(CV_LINES * 20))})
    assert response.status_code == 400
    assert "taille maximale" in response.content.decode()
    assert _stored_files(private_cv_folder) == []


def test_a_script_in_the_pdf_name_is_never_rendered_as_markup(client, candidate):
    name = '<script>alert("cv")</script>.pdf'
    client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile(name, pdf_with_text(CV_LINES))})
    page = client.get("/profil/").content.decode()
    assert "<script>alert" not in page
    assert "CV actuel : script.pdf" in page or "CV actuel : scriptalert" in page
