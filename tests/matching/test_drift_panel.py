from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_collection_dashboard_loads_the_drift_panel(client):
    client.force_login(UserFactory(is_staff=True))
    page = client.get("/tableau-de-bord/").content.decode()
    assert 'hx-get="/tableau-de-bord/derive/"' in page


def test_drift_panel_flags_a_new_occupation_flooding_in(client):
    now = timezone.now()
    for _ in range(10):
        OfferFactory(rome_code="D1102", first_seen_at=now - timedelta(days=14))
    for _ in range(10):
        OfferFactory(rome_code="M1805", first_seen_at=now - timedelta(days=1))
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/tableau-de-bord/derive/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Dérive des offres" in html
    assert "<td>1,000</td>" in html  # disjoint occupation mixes: divergence 1 (French decimal comma)
    assert "Dérive</strong>" in html
    assert "M1805" in html


def test_drift_panel_is_for_staff_only(client):
    client.force_login(UserFactory())
    response = client.get("/tableau-de-bord/derive/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
