"""Login limits an attacker cannot turn against the owner: counted per (account, address) and per
address, a wait that doubles instead of a lock, and a reset link that lifts it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from candidates import login_limit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "un mot de passe solide 2026"
ATTACKER, OWNER = "198.51.100.66", "203.0.113.10"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(login_limit, "time", clock)
    return clock


def _login(client, email: str, password: str, address: str):
    return client.post("/connexion/", {"email": email, "password": password}, REMOTE_ADDR=address)


def test_failures_from_another_address_never_keep_the_owner_out(client, clock):
    owner = UserFactory(username="camille@example.fr")
    for _ in range(30):
        _login(client, owner.email, "devine", ATTACKER)

    response = _login(client, owner.email, PASSWORD, OWNER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_nor_on_the_token_endpoint_or_the_admin_login(clock):
    owner = UserFactory(username="camille@example.fr", is_staff=True)
    attacker = APIClient(REMOTE_ADDR=ATTACKER)
    for _ in range(10):
        attacker.post("/api/auth/token/", {"email": owner.email, "password": "devine"}, format="json")

    from django.test import Client

    api = APIClient(REMOTE_ADDR=OWNER).post(
        "/api/auth/token/", {"email": owner.email, "password": PASSWORD}, format="json"
    )
    admin = Client(REMOTE_ADDR=OWNER).post("/admin/login/", {"username": owner.email, "password": PASSWORD})
    assert api.status_code == 200
    assert admin.status_code == 302


def test_the_guesser_waits_twice_as_long_after_each_failure_instead_of_a_lock(client, clock, settings):
    owner = UserFactory(username="camille@example.fr")
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert (
            "Adresse e-mail ou mot de passe incorrect." in _login(client, owner.email, "x", ATTACKER).content.decode()
        )
    waits = []
    for _ in range(4):
        waits.append(login_limit.login_wait_seconds(email=owner.email, ip=ATTACKER))
        clock.now += waits[-1]
        _login(client, owner.email, "devine", ATTACKER)
    assert waits == [2, 4, 8, 16]
    refused = _login(client, owner.email, PASSWORD, ATTACKER)
    assert "Réessayez dans 32 secondes" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Never more than the ceiling, and then the right password goes through.
    for _ in range(20):
        clock.now += login_limit.login_wait_seconds(email=owner.email, ip=ATTACKER)
        _login(client, owner.email, "devine", ATTACKER)
    assert login_limit.login_wait_seconds(email=owner.email, ip=ATTACKER) <= settings.LOGIN_BACKOFF_MAX_SECONDS
    clock.now += settings.LOGIN_BACKOFF_MAX_SECONDS
    assert _login(client, owner.email, PASSWORD, ATTACKER).status_code == 302


def test_one_address_guessing_many_accounts_waits_but_other_addresses_do_not(client, clock, settings):
    settings.LOGIN_FAILURES_PER_IP = 3
    target = UserFactory(username="camille@example.fr")
    for number in range(3):
        _login(client, f"inconnu{number}@example.fr", "devine 123456", ATTACKER)

    assert "Trop de tentatives" in _login(client, target.email, PASSWORD, ATTACKER).content.decode()
    assert _login(client, target.email, PASSWORD, OWNER).status_code == 302


def test_a_reset_link_lifts_the_accounts_back_off(client, clock):
    owner = UserFactory(username="camille@example.fr")
    for _ in range(12):  # the owner forgot the password, and insists
        clock.now += login_limit.login_wait_seconds(email=owner.email, ip=OWNER)
        _login(client, owner.email, "oublié", OWNER)
    assert login_limit.login_wait_seconds(email=owner.email, ip=OWNER) > 60

    client.post("/mot-de-passe/oublie/", {"email": owner.email}, REMOTE_ADDR=OWNER)
    link = re.search(r"/mot-de-passe/nouveau/[^/]+/[^/]+/", mail.outbox[-1].body).group(0)
    form = client.get(link, follow=True, REMOTE_ADDR=OWNER)
    new = "retrouvé enfin le mot de passe 2026"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, REMOTE_ADDR=OWNER)

    assert login_limit.login_wait_seconds(email=owner.email, ip=OWNER) == 0
    assert _login(client, owner.email, new, OWNER).status_code == 302
