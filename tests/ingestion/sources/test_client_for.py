"""Building a source client from the settings: missing credentials are named, budgets come through."""

from __future__ import annotations

import pytest

from ingestion.sources import MissingCredentials, client_for
from ingestion.sources.adzuna import AdzunaClient
from ingestion.sources.francetravail import FranceTravailClient
from offers.models import Source


def test_missing_france_travail_credentials_name_both_variables(settings):
    settings.FRANCE_TRAVAIL_CREDENTIALS = None

    with pytest.raises(MissingCredentials) as caught:
        client_for("francetravail")

    assert "FRANCE_TRAVAIL_CLIENT_ID" in str(caught.value)
    assert "FRANCE_TRAVAIL_CLIENT_SECRET" in str(caught.value)


def test_missing_adzuna_credentials_name_both_variables(settings):
    settings.ADZUNA_CREDENTIALS = None

    with pytest.raises(MissingCredentials, match="ADZUNA_APP_ID and ADZUNA_APP_KEY"):
        client_for("adzuna")


def test_a_france_travail_client_is_built_from_the_settings(settings):
    settings.FRANCE_TRAVAIL_CREDENTIALS = ("id", "secret")
    settings.FRANCE_TRAVAIL_API_URL = "https://ft.example/v2/"
    settings.SOURCE_HTTP_TIMEOUT = 12

    client = client_for("francetravail")

    assert isinstance(client, FranceTravailClient)
    assert client.name == Source.FRANCE_TRAVAIL
    assert client.calls_left_today is None
    assert client._http.policy.timeout == 12.0


def test_an_adzuna_client_starts_from_what_the_day_already_used(settings):
    settings.ADZUNA_CREDENTIALS = ("app", "key")
    settings.ADZUNA_CALLS_PER_DAY = 250

    client = client_for("adzuna", calls_already_used_today=40)

    assert isinstance(client, AdzunaClient)
    assert client.name == Source.ADZUNA
    assert client.calls_left_today == 210


def test_an_unknown_source_is_refused():
    with pytest.raises(ValueError, match="Unknown source 'monster'"):
        client_for("monster")
