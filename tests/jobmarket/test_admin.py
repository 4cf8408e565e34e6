"""Every model of the product is in the admin, and each admin page answers for staff."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import OfferSourceFactory, UserFactory

pytestmark = pytest.mark.django_db
PRODUCT_APPS = ("offers", "ingestion", "candidates", "matching")


def _product_models():
    return [model for model in apps.get_models() if model._meta.app_label in PRODUCT_APPS]


def test_every_model_of_the_product_is_registered_in_the_admin():
    missing = [model.__name__ for model in _product_models() if model not in admin.site._registry]
    assert missing == []


def test_every_admin_list_page_answers_for_staff(client):
    OfferSourceFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in _product_models():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        assert client.get(url, {"q": "boulanger"}).status_code == 200, url


def test_a_candidate_who_is_not_staff_never_reaches_the_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/offers/offer/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
