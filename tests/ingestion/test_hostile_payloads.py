"""Hostile or broken payloads: plain text out of every field, dates and booleans read as sources write them.

Targets (issue 16): no crash, no markup and no control or bidirectional character in any
stored title, description or API field; the raw payload keeps what was received.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.normalise import NORMALISERS, NormalisationError, NormalisedOffer, adzuna, francetravail
from ingestion.normalise.base import MAX_DESCRIPTION, MAX_NAME, MAX_TITLE
from ingestion.normalise.text import clean, plain_text
from offers.models import ContractType
from tests.ingestion.payloads import adzuna_job, france_travail_offer

MARKUP_RE = re.compile(r"<[A-Za-z/!?]")
# Allowed in a description: line breaks. Anything else of categories Cc (controls), Cf
# (formatting: bidi overrides, zero-width characters), Cs (surrogates) is a defect.
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}


def strings_in(value: Any) -> list[str]:
    """Every string inside a JSON-like value (dicts, lists), for assert_plain."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


def assert_plain(text: str, *, newlines: bool = False) -> None:
    assert not MARKUP_RE.search(text), text
    for character in text:
        if newlines and character == "\n":
            continue
        assert unicodedata.category(character) not in FORBIDDEN_CATEGORIES, (hex(ord(character)), text)


def assert_offer_plain(offer: NormalisedOffer) -> None:
    assert_plain(offer.description, newlines=True)
    for name in ("title", "company", "city", "domain", "rome_label", "occupation_title", "salary_text", "url"):
        assert_plain(getattr(offer, name))
    for skill in (*offer.skills, *offer.soft_skills):
        assert_plain(skill)
    assert len(offer.title) <= MAX_TITLE and len(offer.description) <= MAX_DESCRIPTION
    assert len(offer.company) <= MAX_NAME and len(offer.city) <= MAX_NAME


HOSTILE_FRAGMENTS = [
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href='javascript:alert(1)'>lien</a>",
    "<iframe src=//evil></iframe>",
    "<!-- commentaire -->",
    "<![CDATA[x]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;b&amp;gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&#x202E;",
    "&eacute;",
    "&nbsp;",
    "<p>",
    "</p>",
    "<br/>",
    "<li>",
    "<xss onfocus=alert(1) autofocus>",
    "<<Boulanger>>",
    "<",
    ">",
    "&",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u200b",
    "\u200f",
    "\ufeff",
    "\x00",
    "\x01",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\ud800",
    "\r\n",
    "\t",
    "Boulanger",
    "pâtissier",
    "R&D",
    " ",
]
hostile_text = st.lists(st.sampled_from(HOSTILE_FRAGMENTS) | st.text(max_size=8), max_size=20).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300, deadline=None)
@given(hostile_text)
def test_any_hostile_text_leaves_as_plain_text(text: str) -> None:
    assert_plain(clean(text))
    assert_plain(clean(text, keep_newlines=True), newlines=True)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300, deadline=None)
@given(title=hostile_text, description=hostile_text, company=hostile_text, city=hostile_text, skill=hostile_text)
def test_a_france_travail_offer_made_of_hostile_text_is_stored_plain(
    title: str, description: str, company: str, city: str, skill: str
) -> None:
    payload = france_travail_offer(
        intitule=title or "x",
        description=description,
        entreprise={"nom": company},
        lieuTravail={"libelle": city},
        competences=[{"libelle": skill}],
        salaire={"libelle": skill, "commentaire": company},
        romeLibelle=skill,
        appellationlibelle=title,
    )
    try:
        offer = francetravail.normalise(payload)
    except NormalisationError as error:
        assert error.code == "missing_title"
        return
    assert_offer_plain(offer)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300, deadline=None)
@given(title=hostile_text, description=hostile_text, company=hostile_text, area=hostile_text, figure=hostile_text)
def test_an_adzuna_job_made_of_hostile_text_is_stored_plain(
    title: str, description: str, company: str, area: str, figure: str
) -> None:
    payload = adzuna_job(
        title=title or "x",
        description=description,
        company={"display_name": company},
        location={"area": ["France", area, "Hérault", area, area]},
        category={"tag": area, "label": area},
        salary_min=figure,
        redirect_url=f"https://www.adzuna.fr/details/1?{figure}",
    )
    try:
        offer = adzuna.normalise(payload)
    except NormalisationError as error:
        assert error.code == "missing_title"
        return
    assert_offer_plain(offer)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<b>Boulanger</b> (H/F)", "Boulanger (H/F)"),
        ("Vendeur <script>alert(1)</script>", "Vendeur"),
        ("<img src=x onerror=alert(1)>Serveur", "Serveur"),
        ("Chef de rang &amp; sommelier", "Chef de rang & sommelier"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Plongeur", "Plongeur"),
        ("Cuisinier \u202eRUEDNEV\u202c", "Cuisinier RUEDNEV"),
        ("Aide\x00-soignant\x07", "Aide -soignant"),
        ("<<Boulanger>> de nuit", "Boulanger de nuit"),
        ("R&D : ingénieur", "R&D : ingénieur"),
        ("Salaire < 2 000 € > rien", "Salaire < 2 000 € > rien"),
    ],
)
def test_titles_lose_markup_and_invisible_characters_and_keep_their_words(raw: str, expected: str) -> None:
    assert francetravail.normalise(france_travail_offer(intitule=raw)).title == expected


def test_a_description_keeps_its_paragraphs_and_list_items() -> None:
    html = "<p>Nous recrutons.</p><p>Missions :<br>pétrir<ul><li>façonner</li><li>cuire</li></ul></p>"
    offer = francetravail.normalise(france_travail_offer(description=html))
    assert offer.description == "Nous recrutons.\n\nMissions :\npétrir\n\n- façonner\n- cuire"


def test_an_entity_encoded_many_times_never_leaves_a_tag() -> None:
    text = "&amp;amp;amp;amp;amp;lt;script&amp;amp;amp;amp;amp;gt;x"
    assert not MARKUP_RE.search(plain_text(text))


def test_a_200000_character_description_is_capped_and_the_raw_payload_keeps_it() -> None:
    payload = france_travail_offer(description="Pétrir la pâte. " * 12_500)
    offer = francetravail.normalise(payload)
    assert len(payload["description"]) == 200_000
    assert len(offer.description) == MAX_DESCRIPTION and offer.description.endswith("…")


def test_a_very_long_title_is_capped() -> None:
    offer = adzuna.normalise(adzuna_job(title="Boulanger " * 100))
    assert len(offer.title) == MAX_TITLE and offer.title.endswith("…")


@pytest.mark.parametrize("value", ["hier", "2026-13-45T00:00:00Z", "02/10/2026", "0001-01-01T00:00:00Z", 20261002, {}])
def test_an_unreadable_creation_date_is_an_error_on_the_payload_not_now(value: Any) -> None:
    with pytest.raises(NormalisationError) as error:
        francetravail.normalise(france_travail_offer(dateCreation=value))
    assert error.value.code == "bad_date" and "dateCreation" in error.value.message
    with pytest.raises(NormalisationError, match="created"):
        adzuna.normalise(adzuna_job(created=value))


def test_a_missing_creation_date_is_an_error_too() -> None:
    with pytest.raises(NormalisationError, match="dateCreation"):
        francetravail.normalise(france_travail_offer(dateCreation=None))
    payload = adzuna_job()
    del payload["created"]
    with pytest.raises(NormalisationError, match="created"):
        adzuna.normalise(payload)


def test_an_unreadable_update_date_is_an_error_and_a_missing_one_is_the_creation_date() -> None:
    with pytest.raises(NormalisationError, match="dateActualisation"):
        francetravail.normalise(france_travail_offer(dateActualisation="bientôt"))
    offer = francetravail.normalise(france_travail_offer(dateActualisation=None))
    assert offer.source_updated_at == offer.published_at


@pytest.mark.parametrize("value", [True, "true", "True", "1", 1, "oui", " TRUE "])
def test_alternance_is_read_in_every_spelling_the_sources_use(value: Any) -> None:
    offer = francetravail.normalise(france_travail_offer(alternance=value, natureContrat="Contrat travail"))
    assert offer.contract_type == ContractType.APPRENTISSAGE


@pytest.mark.parametrize("value", [False, "false", "0", 0, "non", None, "peut-être", 2])
def test_alternance_false_or_unreadable_leaves_the_contract_alone(value: Any) -> None:
    offer = francetravail.normalise(france_travail_offer(alternance=value, natureContrat="Contrat travail"))
    assert offer.contract_type == ContractType.CDI


@pytest.mark.parametrize(
    ("source", "payload", "company"),
    [
        ("adzuna", adzuna_job(company="BOULANGERIE DU PORT"), "BOULANGERIE DU PORT"),
        ("adzuna", adzuna_job(company={"display_name": "<b>Fournil</b> &amp; Co"}), "Fournil & Co"),
        ("francetravail", france_travail_offer(entreprise="AU FOURNIL CEVENOL"), "AU FOURNIL CEVENOL"),
        ("francetravail", france_travail_offer(entreprise={"nom": "NEW NET 3D"}), "NEW NET 3D"),
        ("adzuna", adzuna_job(company={"canonical_name": "Fournil du Port"}), "Fournil du Port"),
        ("adzuna", adzuna_job(company={"display_name": " ", "canonical_name": "Fournil du Port"}), "Fournil du Port"),
        ("adzuna", adzuna_job(company={"display_name": None}), ""),
        ("francetravail", france_travail_offer(entreprise={"nom": "  NEW NET 3D "}), "NEW NET 3D"),
        ("francetravail", france_travail_offer(entreprise={"nom": None, "description": "Boulangerie"}), ""),
        ("francetravail", france_travail_offer(entreprise={}), ""),
    ],
)
def test_a_company_name_given_by_the_source_is_never_lost(source: str, payload: dict, company: str) -> None:
    assert NORMALISERS[source](payload).company == company


def test_a_url_with_markup_or_spaces_is_not_kept() -> None:
    offer = adzuna.normalise(adzuna_job(redirect_url="https://www.adzuna.fr/x?<script>alert(1)</script>"))
    assert offer.url == ""
    offer = adzuna.normalise(adzuna_job(redirect_url="javascript:alert(1)"))
    assert offer.url == ""


@pytest.mark.parametrize(
    "character",
    ["\u00ad", "\u0600", "\u06dd", "\u08e2", "\u202e", "\u2066", "\ufeff", "\U000110cd", "\U00013430", "\U0001d173"],
)
def test_every_format_character_is_removed_not_only_the_well_known_ones(character):
    # A hand-written list once missed U+110CD (Kaithi number sign above) and the Arabic number signs.
    assert clean(f"Boulan{character}ger H/F") == "Boulanger H/F"
