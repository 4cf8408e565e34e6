"""France Travail payload -> how to apply (`apply_url`, `apply_email`), for the offer page's "Postuler"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingestion.normalise import francetravail
from tests.ingestion.payloads import france_travail_offer

DETAIL = "https://candidat.francetravail.fr/offres/recherche/detail/201ABCD"


def test_the_contacts_application_link_is_kept() -> None:
    offer = francetravail.normalise(
        france_travail_offer(contact={"nom": "M. Martin", "urlPostulation": "https://emploi.example.fr/postuler?id=7"})
    )
    assert offer.apply_url == "https://emploi.example.fr/postuler?id=7"
    assert offer.url == DETAIL


def test_a_partner_offer_is_applied_for_on_the_partner_site() -> None:
    origin = {
        "origine": "2",
        "urlOrigine": DETAIL,
        "partenaires": [{"nom": "METEOJOB", "url": "https://www.meteojob.com/jobs/5"}],
    }
    offer = francetravail.normalise(france_travail_offer(origineOffre=origin))
    assert offer.apply_url == "https://www.meteojob.com/jobs/5"


@pytest.mark.parametrize(
    ("courriel", "expected"),
    [
        ("recrutement@boulangerie.example.fr", "recrutement@boulangerie.example.fr"),
        ("Pour postuler, utiliser le lien suivant : https://candidat.francetravail.fr/x", ""),
        ("rh@", ""),
        ("", ""),
    ],
)
def test_only_a_real_address_is_kept_as_the_application_email(courriel: str, expected: str) -> None:
    offer = francetravail.normalise(france_travail_offer(contact={"courriel": courriel}))
    assert offer.apply_email == expected


def test_no_contact_means_applying_through_the_offers_own_page() -> None:
    offer = francetravail.normalise(france_travail_offer(contact={}))
    assert (offer.apply_url, offer.apply_email) == ("", "")
    assert offer.to_json()["apply_url"] == ""


@given(
    contact=st.one_of(
        st.none(), st.text(), st.lists(st.integers()), st.dictionaries(st.text(), st.text() | st.integers())
    )
)
def test_any_contact_shape_never_breaks_the_offer(contact: object) -> None:
    offer = francetravail.normalise(france_travail_offer(contact=contact))
    assert offer.apply_url == "" or offer.apply_url.startswith(("https://", "http://"))
