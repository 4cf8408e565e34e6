"""Shared test fixtures.

The database is a real PostgreSQL 16 with pgvector: the embedded pgserver instance
(or DATABASE_URL), with a throwaway `test_*` database created by pytest-django.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would then
# refuse ORM calls made by the test itself. The live server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def redis_url() -> str:
    """The Redis of `make test` (REDIS_TEST_URL), for the tests that start real Celery workers."""
    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        pytest.fail("REDIS_TEST_URL is not set: run the suite with `make test`, which starts Redis.")
    return url


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache: throttles, login-failure counters and
    cached vocabularies must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_gazetteer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test places offers and reads places with the communes of its own rows."""
    from offers.geography import loading

    monkeypatch.setattr(loading, "MAX_AGE_SECONDS", 0.0)
    loading.gazetteer_reset()
    yield
    loading.gazetteer_reset()


@pytest.fixture(autouse=True)
def _fresh_search_vocabulary(settings: Any) -> Iterator[None]:
    """Each test sees a search vocabulary built from its own rows, whatever ran before it (a vocabulary
    cached by an ingestion test once let a plain search answer with another test's titles)."""
    from offers.search.vocabulary import vocabulary_reset

    settings.OFFER_SEARCH_VOCABULARY_MAX_AGE = 0
    vocabulary_reset()
    yield
    vocabulary_reset()


@pytest.fixture(autouse=True)
def _fresh_occupation_reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test reads occupations with the titles, definitions and offers of its own rows."""
    from matching.occupation_affinity import occupation_texts_forget
    from offers.understanding import occupation_tasks, occupations

    monkeypatch.setattr(occupations, "REBUILD_CHECK_SECONDS", 0.0)
    occupations.occupation_reader_reset()
    occupation_tasks.task_reader_reset()
    occupation_texts_forget()
    yield
    occupations.occupation_reader_reset()
    occupation_tasks.task_reader_reset()
    occupation_texts_forget()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    # The real hasher costs ~0.3 s per password on purpose; the suite hashes hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_cv_folder(settings: Any, tmp_path: Path) -> Path:
    """Uploaded CVs go to the test's own folder (never the checkout's media/)."""
    settings.CANDIDATE_CV_ROOT = tmp_path / "cv"
    return settings.CANDIDATE_CV_ROOT


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser build)."""
    executable = _chromium_path()
    if executable is None:
        pytest.fail("Chromium is not installed: run `make test` (it installs Debian's chromium) or set CHROMIUM_PATH.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser page on the live server: `page.goto("/offres/")` resolves against it."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page the size of a phone (390 x 844, touch), for responsive checks."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
