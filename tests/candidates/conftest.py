from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def private_cv_folder(settings, tmp_path: Path) -> Path:
    """Each test stores CVs in its own folder, and starts with empty login/throttle counters."""
    settings.CANDIDATE_CV_ROOT = tmp_path / "cv"
    # The real hasher costs ~0.3 s per password on purpose; these tests hash hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield settings.CANDIDATE_CV_ROOT
    cache.clear()
