"""HEAD is answered wherever GET is (monitors and link checkers send it), with no body."""

from __future__ import annotations

import pytest

from tests.factories import OfferSourceFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/offres/",
    "/marche/",
    "/competences/",
    "/connexion/",
    "/inscription/",
    "/mot-de-passe/oublie/",
    "/recommandations/",
    "/healthz",
    "/api/docs/",
    "/api/offers/",
    "/api/schema/",
]
SIGNED_IN = ["/profil/", "/profil/mes-donnees.json", "/profil/supprimer/", "/api/me/"]


def _same_answer_without_body(client, paths):
    for path in paths:
        got, head = client.get(path), client.head(path)
        assert (head.status_code, head.content) == (got.status_code, b""), path
        assert got.status_code < 400 or got.status_code == 503, path  # 503: /healthz without Redis heartbeat


def test_every_public_page_answers_head_like_get_without_a_body(client):
    offer = OfferSourceFactory().offer
    _same_answer_without_body(client, [*PUBLIC, f"/offres/{offer.pk}/"])


def test_every_signed_in_page_answers_head_too(client):
    client.force_login(UserFactory(is_staff=True))
    _same_answer_without_body(client, [*SIGNED_IN, "/tableau-de-bord/"])
