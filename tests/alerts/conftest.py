from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def alert_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://jobmarket.example"
    return settings


# The real embedding model, for the "new offers for my profile" part of the digest.
from tests.matching.conftest import active_model, real_encoder  # noqa: E402, F401
