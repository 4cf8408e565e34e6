"""Fixtures of the source-client tests: a fake clock, the two replayed APIs and clients wired to them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from ingestion.sources.adzuna import AdzunaClient
from ingestion.sources.francetravail import FranceTravailClient
from ingestion.sources.transport import HttpPolicy
from tests.ingestion.sources.fakes import (
    ADZUNA_API_URL,
    FT_API_URL,
    FT_TOKEN_URL,
    FakeAdzuna,
    FakeClock,
    FakeFranceTravail,
    mount_on_responses,
)

# Four attempts per call keep the retry tests short; the production default is five.
TEST_POLICY = HttpPolicy(timeout=7.0, max_attempts=4, backoff_initial=1.0, backoff_max=60.0, max_retry_after=120.0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def mocked_http() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def make_ft_client(
    clock: FakeClock,
    *,
    api_url: str = FT_API_URL,
    token_url: str = FT_TOKEN_URL,
    policy: HttpPolicy = TEST_POLICY,
) -> FranceTravailClient:
    return FranceTravailClient(
        client_id="id", client_secret="secret", token_url=token_url, api_url=api_url, policy=policy, clock=clock
    )


def make_adzuna_client(clock: FakeClock, *, api_url: str = ADZUNA_API_URL, **budget: int) -> AdzunaClient:
    return AdzunaClient(app_id="app", app_key="key", api_url=api_url, policy=TEST_POLICY, clock=clock, **budget)


@pytest.fixture
def france_travail(clock: FakeClock, mocked_http: responses.RequestsMock) -> FakeFranceTravail:
    """The replayed France Travail API with no offers; tests fill `offers` or script replies."""
    fake = FakeFranceTravail([], clock=clock)
    mount_on_responses(mocked_http, "https://ft.example/", fake)
    return fake


@pytest.fixture
def adzuna(clock: FakeClock, mocked_http: responses.RequestsMock) -> FakeAdzuna:
    fake = FakeAdzuna([], clock=clock)
    mount_on_responses(mocked_http, ADZUNA_API_URL, fake)
    return fake


@pytest.fixture
def ft_client(clock: FakeClock, france_travail: FakeFranceTravail) -> FranceTravailClient:
    return make_ft_client(clock)
