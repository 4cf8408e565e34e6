"""France Travail detail re-check: found, withdrawn (404 or 204), and a rejected id."""

from __future__ import annotations

import pytest

from ingestion.sources import DetailResult, DetailStatus, RequestRejected
from tests.ingestion.sources.fakes import ft_offer, json_reply


def test_an_offer_still_online_is_found_with_its_payload(ft_client, france_travail):
    offer = ft_offer("212JJSJ", entreprise={}, champNouveau=True)
    france_travail.offers = [offer]

    assert ft_client.fetch_detail("212JJSJ") == DetailResult.found(offer)
    assert france_travail.seen[-1].path == "/partenaire/offresdemploi/v2/offres/212JJSJ"


def test_an_offer_answering_404_is_withdrawn(ft_client, france_travail):
    assert ft_client.fetch_detail("212JJSJ").status is DetailStatus.WITHDRAWN


def test_an_offer_answering_204_is_withdrawn(ft_client, france_travail):
    france_travail.withdrawn_status = 204

    result = ft_client.fetch_detail("212JJSJ")

    assert result.status is DetailStatus.WITHDRAWN
    assert result.payload is None


def test_an_id_is_escaped_in_the_url(ft_client, france_travail):
    ft_client.fetch_detail("12/3?x")

    assert france_travail.seen[-1].path == "/partenaire/offresdemploi/v2/offres/12%2F3%3Fx"


def test_a_rejected_id_raises_with_the_api_message(ft_client, france_travail):
    france_travail.script("detail", json_reply(400, {"codeHttp": 400, "message": "Identifiant d'offre invalide"}))

    with pytest.raises(RequestRejected, match="Identifiant d'offre invalide"):
        ft_client.fetch_detail("???")
