"""API tokens: one per login, named, listed and revocable; revoked by a password change or reset."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from candidates import services
from candidates.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "un mot de passe solide 2026"


def _token(email: str, password: str = PASSWORD, name: str | None = None) -> str:
    body = {"email": email, "password": password, **({"name": name} if name else {})}
    response = APIClient().post("/api/auth/token/", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _me(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/me/").status_code


def test_each_login_gets_its_own_token_never_someone_elses():
    user = UserFactory(username="camille@example.fr")
    first, second = _token(user.email, name="portable"), _token(user.email, name="serveur")

    assert first != second
    assert _me(first) == _me(second) == 200
    assert sorted(ApiToken.objects.filter(user=user).values_list("name", flat=True)) == ["portable", "serveur"]
    # Keys are not stored, only their digests.
    assert not ApiToken.objects.filter(key_digest__in=[first, second]).exists()


def test_a_token_revoked_in_the_api_stops_working_and_only_that_one():
    user = UserFactory()
    kept, revoked = _token(user.email), _token(user.email)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {revoked}")
    listed = client.get("/api/me/tokens/").json()
    assert [token["key_prefix"] for token in listed] == [revoked[:8], kept[:8]]

    assert client.delete("/api/auth/token/").status_code == 204

    assert (_me(revoked), _me(kept)) == (401, 200)


def test_the_intruders_token_dies_when_the_owner_resets_the_password(client):
    # The audit's case: someone took a token on the owner's address; the owner resets the password.
    owner = UserFactory(username="dominique@example.fr")
    intruder_token = _token(owner.email)
    assert _me(intruder_token) == 200

    client.post("/mot-de-passe/oublie/", {"email": owner.email})
    link = re.search(r"/mot-de-passe/nouveau/[^/]+/[^/]+/", mail.outbox[-1].body).group(0)
    form = client.get(link, follow=True)
    new_password = "un tout autre mot de passe 2027"
    client.post(form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})

    assert _me(intruder_token) == 401
    owner_token = _token(owner.email, new_password)
    assert owner_token != intruder_token and _me(owner_token) == 200
    assert [t.key_prefix for t in ApiToken.objects.filter(user=owner)] != [intruder_token[:8]]


def test_a_password_changed_anywhere_revokes_every_token():
    user = UserFactory()
    token = _token(user.email)
    user.set_password("changé dans l'admin 2026")
    user.save()
    assert _me(token) == 401


def test_deleting_the_account_deletes_its_tokens():
    user = UserFactory()
    token = _token(user.email)
    services.candidate_delete(user=user)
    assert _me(token) == 401
    assert not ApiToken.objects.exists()


def test_tokens_are_named_listed_and_revoked_in_the_profile(client):
    user = UserFactory()
    client.force_login(user)

    created = client.post("/profil/jetons/", {"name": "script de veille"})
    key = re.search(r'<code id="new-api-key">([0-9a-f]{40})</code>', created.content.decode()).group(1)
    assert _me(key) == 200
    page = client.get("/profil/").content.decode()
    assert "script de veille" in page and f"{key[:8]}…" in page and key not in page

    token = ApiToken.objects.get(user=user)
    other = UserFactory()
    client.force_login(other)
    assert client.post(f"/profil/jetons/{token.pk}/revoquer/").status_code == 404
    client.force_login(user)
    assert client.post(f"/profil/jetons/{token.pk}/revoquer/").status_code == 302
    assert _me(key) == 401
