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


# The real embedding model, for the "new offers for my profile" part of the digest.
from tests.matching.conftest import active_model, real_encoder  # noqa: E402, F401
