"""France Travail OAuth2 token: requested once, reused, renewed before expiry and once on a 401."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ingestion.sources import DetailStatus, SearchSpec, SourceAuthError, SourceError
from tests.ingestion.sources.fakes import NOW, ft_offer, json_reply

SINCE = NOW - timedelta(days=1)


def test_the_token_request_is_a_client_credentials_form_with_the_offers_scope(ft_client, france_travail):
    list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    token_request = france_travail.seen[0]
    assert token_request.method == "POST"
    assert token_request.path == "/connexion/oauth2/access_token"
    assert token_request.form == {
        "grant_type": "client_credentials",
        "client_id": "id",
        "client_secret": "secret",
        "scope": "api_offresdemploiv2 o2dsoffre",
    }
    assert france_travail.seen[1].headers["Authorization"] == "Bearer tok-1"


def test_one_token_serves_every_call_while_it_is_valid(ft_client, france_travail, clock):
    france_travail.offers = [ft_offer("1A"), ft_offer("2A")]

    list(ft_client.collect(searches=[SearchSpec(), SearchSpec(keywords="boulanger")], since=SINCE))
    clock.advance(1000)
    ft_client.fetch_detail("1A")

    assert france_travail.tokens_issued == 1


def test_the_token_is_renewed_shortly_before_it_expires(ft_client, france_travail, clock):
    france_travail.offers = [ft_offer("1A")]
    ft_client.fetch_detail("1A")

    clock.advance(1499 - 60 - 1)
    ft_client.fetch_detail("1A")
    assert france_travail.tokens_issued == 1

    clock.advance(2)  # now inside the last minute of the token's life
    ft_client.fetch_detail("1A")
    assert france_travail.tokens_issued == 2
    assert france_travail.seen[-1].headers["Authorization"] == "Bearer tok-2"


def test_a_401_renews_the_token_once_and_retries(ft_client, france_travail):
    france_travail.offers = [ft_offer("1A")]
    ft_client.fetch_detail("1A")
    france_travail.revoke_tokens()

    result = ft_client.fetch_detail("1A")

    assert result.status is DetailStatus.FOUND
    assert france_travail.tokens_issued == 2
    assert [seen.method for seen in france_travail.seen[-3:]] == ["GET", "POST", "GET"]
    assert [seen.headers.get("Authorization") for seen in france_travail.seen[-3:]] == [
        "Bearer tok-1",
        None,
        "Bearer tok-2",
    ]


def test_a_second_401_with_a_fresh_token_is_an_auth_error_after_exactly_one_renewal(ft_client, france_travail):
    france_travail.refuse_every_token = True

    with pytest.raises(SourceAuthError, match="freshly issued token"):
        list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert france_travail.tokens_issued == 2
    assert len(france_travail.searches()) == 2


def test_refused_credentials_name_the_variables_to_check(ft_client, france_travail):
    france_travail.script(
        "token", json_reply(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
    )

    with pytest.raises(SourceAuthError) as caught:
        list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    message = str(caught.value)
    assert "FRANCE_TRAVAIL_CLIENT_ID" in message
    assert "FRANCE_TRAVAIL_CLIENT_SECRET" in message
    assert "Client authentication failed" in message


def test_a_token_answer_without_access_token_is_a_source_error(ft_client, france_travail):
    france_travail.script("token", json_reply(200, {"token_type": "Bearer", "expires_in": 1499}))

    with pytest.raises(SourceError, match="without an access_token"):
        ft_client.fetch_detail("1A")


def test_a_403_means_the_application_lacks_the_scope(ft_client, france_travail):
    france_travail.script("detail", json_reply(403, {"message": "Forbidden"}))

    with pytest.raises(SourceAuthError, match="api_offresdemploiv2"):
        ft_client.fetch_detail("1A")


def test_a_token_without_a_usable_lifetime_is_renewed_after_a_short_while(ft_client, france_travail, clock):
    france_travail.script("token", json_reply(200, {"access_token": "tok-odd", "expires_in": "bientôt"}))
    france_travail.valid_tokens.add("tok-odd")
    ft_client.fetch_detail("1A")

    clock.advance(31)
    ft_client.fetch_detail("1A")

    assert france_travail.tokens_issued == 1  # the scripted token, then one from the fake's own issuer
    assert france_travail.seen[-1].headers["Authorization"] == "Bearer tok-1"
