from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def alert_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://jobmarket.example"
    cache.clear()
    yield settings
    cache.clear()
