"""One notion of the client's address: X-Forwarded-For is read only from trusted proxies, and the
API throttles, the /api/match/ throttle and the login limits all count by it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.throttling import SimpleRateThrottle

from jobmarket.client_address import client_address, trusted_proxy_networks
from tests.factories import UserFactory

PASSWORD = "un mot de passe solide 2026"


def _address(remote: str, forwarded: str | None = None) -> str | None:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_nothing_is_trusted_by_default_so_the_header_is_ignored(settings):
    assert settings.TRUSTED_PROXIES == ()
    assert _address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXIES = trusted_proxy_networks(["10.0.0.0/8", "127.0.0.1"])
    assert _address("127.0.0.1", "198.51.100.1") == "198.51.100.1"
    # The client wrote its own header: the hops left of what our proxies saw are ignored.
    assert _address("127.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.0.2") == "198.51.100.1"
    assert _address("127.0.0.1", "garbage, 198.51.100.1") == "198.51.100.1"
    assert _address("127.0.0.1", "198.51.100.1, garbage") == "127.0.0.1"
    assert _address("127.0.0.1", "") == "127.0.0.1"
    assert _address("127.0.0.1", "10.0.0.3, 10.0.0.2") == "10.0.0.3"
    # A request that does not come from a trusted proxy is not believed.
    assert _address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_a_malformed_trusted_proxy_stops_start_up_naming_the_variable():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES: 'proxy.local'"):
        trusted_proxy_networks(["10.0.0.0/8", "proxy.local"])


@pytest.mark.django_db
def test_rotating_the_header_does_not_lift_the_anonymous_api_limit(client, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    statuses = [
        client.get("/api/offers/", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_rotating_the_header_does_not_lift_the_match_limit(client, settings):
    settings.MATCHING_API_RATE_PER_MINUTE = 2
    statuses = [
        client.post("/api/match/", {}, "application/json", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
        for n in range(4)
    ]
    assert statuses == [400, 400, 429, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_api_limit(client, settings, monkeypatch):
    settings.TRUSTED_PROXIES = trusted_proxy_networks(["127.0.0.1"])
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "2/minute")

    def get(address: str) -> int:
        return client.get("/api/offers/", REMOTE_ADDR="127.0.0.1", headers={"X-Forwarded-For": address}).status_code

    assert [get("198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert get("198.51.100.2") == 200  # the proxy's address is not one shared counter


@pytest.mark.django_db
def test_the_login_limits_count_the_same_address(client, settings):
    settings.TRUSTED_PROXIES = trusted_proxy_networks(["127.0.0.1"])
    settings.LOGIN_FAILURES_PER_IP = 3
    for n in range(3):
        UserFactory(username=f"cible{n}@example.fr")
        client.post(
            "/connexion/",
            {"email": f"cible{n}@example.fr", "password": "devine"},
            REMOTE_ADDR="127.0.0.1",
            headers={"X-Forwarded-For": "198.51.100.1"},
        )
    owner = UserFactory(username="proprietaire@example.fr")
    # Another client behind the same proxy still logs in: the failures were counted for 198.51.100.1.
    response = client.post(
        "/connexion/",
        {"email": owner.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        headers={"X-Forwarded-For": "198.51.100.2"},
    )
    assert response.status_code == 302
