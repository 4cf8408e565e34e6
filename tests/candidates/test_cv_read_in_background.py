"""A CV is read outside the request: the page and the API say it is being read, then show the outcome.

`held_readings` stands for a worker that has not picked the task yet (a real broker): the task is
queued but not run until the test runs it. Without it (eager Celery) the reading is over when the
upload answers, as the other CV tests show.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates import services
from candidates.models import CandidateProfile, CvUpload, CvUploadStatus
from candidates.tasks import cv_upload_read
from tests.candidates.documents import pdf_cpu_bomb, pdf_with_text
from tests.factories import OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(client):
    user = UserFactory(username="camille@example.fr")
    client.force_login(user)
    OfferFactory(skills=["Pétrir la pâte", "Façonner des pâtons"])
    return user


@pytest.fixture
def held_readings(monkeypatch) -> list[int]:
    queued: list[int] = []
    monkeypatch.setattr(cv_upload_read, "delay", queued.append)
    return queued


def _cv(name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_with_text(["Boulangère : pétrir la pâte, façonner des pâtons."]))


def test_the_profile_says_the_cv_is_being_read_then_shows_what_it_proposes(client, candidate, held_readings):
    response = client.post("/profil/cv/deposer/", {"file": _cv("Mon CV.pdf")}, follow=True)

    page = response.content.decode()
    assert "Votre CV « Mon CV.pdf » est en cours de lecture" in page
    assert 'hx-get="/profil/cv/etat/"' in page
    assert CandidateProfile.objects.get(user=candidate).skills == []
    polled = client.get("/profil/cv/etat/", headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "en cours de lecture" in polled.content.decode()

    [upload_id] = held_readings
    assert cv_upload_read(upload_id) == CvUploadStatus.READ

    polled = client.get("/profil/cv/etat/", headers={"HX-Request": "true"})
    assert polled.status_code == 204 and polled["HX-Refresh"] == "true"
    page = client.get("/profil/").content.decode()
    assert "Vérifiez ce que nous y avons lu" in page
    assert 'value="Façonner des pâtons"' in page and 'value="Pétrir la pâte"' in page
    assert "en cours de lecture" not in page
    assert CandidateProfile.objects.get(user=candidate).cv_original_name == "Mon CV.pdf"


def test_a_cpu_bomb_is_answered_at_once_and_refused_by_the_worker(client, candidate, held_readings, settings):
    settings.CV_READ_CPU_SECONDS = 1
    response = client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile("cv.pdf", pdf_cpu_bomb())})
    assert response.status_code == 302  # nothing was parsed in the request

    assert cv_upload_read(held_readings[0]) == CvUploadStatus.REJECTED

    page = client.get("/profil/").content.decode()
    assert "CV « cv.pdf » refusé : Ce fichier est trop complexe à lire" in page
    assert not CandidateProfile.objects.get(user=candidate).cv_file
    assert not (settings.CANDIDATE_CV_ROOT.exists() and any(settings.CANDIDATE_CV_ROOT.iterdir()))


def test_the_api_answers_202_while_reading_and_the_state_endpoint_follows_it(client, held_readings):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/api/me/cv/", {"file": _cv()})
    assert response.status_code == 202
    assert response.json()["status"] == "reading"
    assert client.get("/api/me/cv/").json()["status"] == "reading"

    cv_upload_read(held_readings[0])

    state = client.get("/api/me/cv/").json()
    assert (state["status"], state["file_name"], state["message"]) == ("read", "cv.pdf", "")


def test_a_newer_upload_supersedes_one_still_waiting(client, candidate, held_readings):
    client.post("/profil/cv/deposer/", {"file": _cv("premier.pdf")})
    client.post("/profil/cv/deposer/", {"file": _cv("second.pdf")})

    first, second = held_readings
    assert cv_upload_read(first) is None  # superseded: nothing to do
    assert cv_upload_read(second) == CvUploadStatus.READ
    assert cv_upload_read(second) is None  # idempotent: a redelivered task changes nothing
    assert CandidateProfile.objects.get(user=candidate).cv_original_name == "second.pdf"
    assert list(CvUpload.objects.values_list("original_name", flat=True)) == ["second.pdf"]


def test_a_reading_lost_with_its_worker_is_shown_as_failed_not_pending_forever(client, candidate, held_readings):
    client.post("/profil/cv/deposer/", {"file": _cv()})
    CvUpload.objects.update(created_at=CvUpload.objects.get().created_at - timedelta(hours=1))

    page = client.get("/profil/").content.decode()
    assert "n'a pas abouti : déposez-le à nouveau" in page
    assert 'hx-get="/profil/cv/etat/"' not in page
    assert client.get("/api/me/cv/").json()["status"] == "rejected"


def test_deleting_the_account_deletes_a_cv_still_waiting(
    client, candidate, held_readings, settings, django_capture_on_commit_callbacks
):
    client.post("/profil/cv/deposer/", {"file": _cv()})
    assert any(settings.CANDIDATE_CV_ROOT.iterdir())

    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_delete(user=candidate)

    assert not any(settings.CANDIDATE_CV_ROOT.iterdir())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_follows_the_reading_and_shows_the_outcome_without_a_reload(page, client, live_server, held_readings):
    OfferFactory(skills=["Pétrir la pâte"])
    client.force_login(UserFactory())
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/profil/")
    page.set_input_files(
        "#cv-form input[type=file]",
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text(["Pétrir la pâte"])}],
    )
    page.locator("#cv-form button[type=submit]").click()
    page.get_by_text("est en cours de lecture").wait_for()

    cv_upload_read(held_readings[0])

    page.get_by_role("checkbox", name="Pétrir la pâte").wait_for()
    assert page.get_by_text("est en cours de lecture").count() == 0
