"""Sign-up: the same answer for every address, a confirmation (link + password) before any CV or
token, and limits per client address and per e-mail address."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from candidates.models import ApiToken, CandidateProfile
from tests.candidates.documents import pdf_with_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "un mot de passe solide 2026"
OTHER = "une phrase bien à moi 2026"


def _sign_up(client, email: str, password: str = PASSWORD, address: str = "203.0.113.10"):
    return client.post(
        "/inscription/",
        {"email": email, "password": password, "password_confirmation": password},
        REMOTE_ADDR=address,
    )


def _confirmation_link(message) -> str:
    return re.search(r"http://[^/]+(/inscription/confirmer/[^/]+/[^/]+/)", message.body).group(1)


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _page(response) -> str:
    # What a visitor sees, less the address they typed and the CSRF token.
    return re.sub(r'value="[^"]+"|"X-CSRFToken": "[^"]+"|[\w.+-]+@example\.fr', "", _text(response))


def test_sign_up_gives_the_same_answer_whether_the_address_has_an_account_or_not(client):
    UserFactory(username="dominique@example.fr")

    known = _sign_up(client, "dominique@example.fr")
    new = _sign_up(client, "camille@example.fr")

    assert known.status_code == new.status_code == 200
    assert _page(known) == _page(new)
    assert "existe déjà" not in known.content.decode()
    assert get_user_model().objects.filter(username="dominique@example.fr").count() == 1
    # The owner of the known address is told by e-mail, with the way back in; no account was made.
    to_owner = next(message for message in mail.outbox if message.to == ["dominique@example.fr"])
    assert "Aucun compte n'a été créé" in to_owner.body and "/mot-de-passe/oublie/" in to_owner.body
    to_new = next(message for message in mail.outbox if message.to == ["camille@example.fr"])
    assert "/inscription/confirmer/" in to_new.body


def test_an_unconfirmed_account_holds_no_cv_and_no_token_until_the_link_and_password(client):
    _sign_up(client, "camille@example.fr")
    user = get_user_model().objects.get(username="camille@example.fr")
    link = _confirmation_link(mail.outbox[-1])

    client.post("/connexion/", {"email": user.email, "password": PASSWORD})
    assert "pas encore confirmée" in client.get("/profil/").content.decode()
    upload = client.post("/profil/cv/deposer/", {"file": SimpleUploadedFile("cv.pdf", pdf_with_text(["Boulangère"]))})
    assert "Confirmez d'abord votre adresse e-mail" in _text(upload)
    client.post("/profil/jetons/", {"name": "script"})
    api = APIClient().post("/api/auth/token/", {"email": user.email, "password": PASSWORD}, format="json")
    assert api.status_code == 403
    assert not ApiToken.objects.exists() and not CandidateProfile.objects.get(user=user).cv_file

    client.logout()
    assert client.post(link, {"password": "pas le bon mot de passe"}).status_code == 200
    assert CandidateProfile.objects.get(user=user).email_confirmation_pending
    confirmed = client.post(link, {"password": PASSWORD})

    assert confirmed.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    assert not CandidateProfile.objects.get(user=user).email_confirmation_pending
    assert (
        APIClient().post("/api/auth/token/", {"email": user.email, "password": PASSWORD}, format="json").status_code
        == 200
    )
    assert client.get(link).status_code == 400  # a link serves once


def test_someone_signing_up_with_anothers_address_never_gets_a_usable_account(client):
    # The audit's case: an intruder signs up with the owner's address and asks for a token.
    _sign_up(client, "dominique@example.fr", password=OTHER, address="198.51.100.66")
    intruder_link = _confirmation_link(mail.outbox[-1])
    intruder = APIClient().post("/api/auth/token/", {"email": "dominique@example.fr", "password": OTHER}, format="json")
    assert intruder.status_code == 403

    # The owner, who did not choose that password, cannot confirm with the link, and takes the
    # address back with a password reset, which confirms it.
    assert client.post(intruder_link, {"password": PASSWORD}).status_code == 200
    client.post("/mot-de-passe/oublie/", {"email": "dominique@example.fr"})
    reset = re.search(r"/mot-de-passe/nouveau/[^/]+/[^/]+/", mail.outbox[-1].body).group(0)
    form = client.get(reset, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})

    owner = get_user_model().objects.get(username="dominique@example.fr")
    assert not CandidateProfile.objects.get(user=owner).email_confirmation_pending
    assert (
        APIClient().post("/api/auth/token/", {"email": owner.email, "password": OTHER}, format="json").status_code
        == 400
    )
    assert client.get(intruder_link).status_code == 400


def test_sign_ups_are_limited_per_client_address_and_per_email_address(client):
    for number in range(5):
        assert "Vérifiez votre boîte mail" in _sign_up(client, f"bot{number}@example.fr").content.decode()
    refused = _sign_up(client, "bot5@example.fr")
    assert "Trop d'inscriptions" in _text(refused)
    assert get_user_model().objects.count() == 5
    assert "Vérifiez" in _sign_up(client, "bot5@example.fr", address="203.0.113.99").content.decode()

    sent_before = len(mail.outbox)
    for number in range(4):
        _sign_up(client, "victime@example.fr", address=f"198.51.100.{number}")
    assert len(mail.outbox) - sent_before == 3  # a mailbox is not flooded from many addresses
