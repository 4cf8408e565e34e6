"""offers/display.py: what the pages say about an offer, in words."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from offers import display

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=PARIS)


def test_departement_names_and_unknown_codes():
    assert display.departement_name("34") == "Hérault"
    assert display.departement_name("974") == "La Réunion"
    assert display.departement_name("99") == "99"  # unknown: said as it is, never dropped


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (NOW - timedelta(hours=2), "publiée aujourd'hui"),
        (datetime(2026, 3, 9, 23, 59, tzinfo=PARIS), "publiée hier"),
        (NOW - timedelta(days=2), "publiée il y a 2 jours"),
        (NOW - timedelta(days=30), "publiée il y a 30 jours"),
        (datetime(2026, 1, 5, 12, tzinfo=PARIS), "publiée le 5 janvier 2026"),
        (NOW + timedelta(hours=3), "publiée aujourd'hui"),  # a source clock slightly ahead
    ],
)
def test_publication_age(moment, expected):
    assert display.published_ago(moment, now=NOW) == expected


def test_new_means_published_in_the_last_two_days():
    assert display.is_new(NOW - timedelta(days=2), now=NOW)
    assert not display.is_new(NOW - timedelta(days=3), now=NOW)


@pytest.mark.parametrize(
    ("low", "high", "words", "monthly"),
    [
        (30000, 35000, "Entre 30 000 € et 35 000 € brut par an", "soit environ 2 500 à 2 920 € brut par mois"),
        (23700, 23700, "23 700 € brut par an", "soit environ 1 980 € brut par mois"),
        (23700, None, "23 700 € brut par an", "soit environ 1 980 € brut par mois"),
        (None, 40000, "Jusqu'à 40 000 € brut par an", "soit environ 3 330 € brut par mois"),
        (None, None, "", ""),
    ],
)
def test_salary_in_words(low, high, words, monthly):
    assert display.salary_in_words(low, high).replace("\xa0", " ") == words
    assert display.salary_per_month(low, high).replace("\xa0", " ") == monthly


def test_distance_between_montpellier_and_sete():
    km = display.distance_km(43.6119, 3.8772, 43.4028, 3.6928)
    assert 26 < km < 29
    assert display.distance_text(km, origin="Montpellier") == "à 28 km de Montpellier"
    assert display.distance_text(0.3, origin="Montpellier") == "à moins de 1 km de Montpellier"


def _posting(*, url="", apply_url="", apply_email="", withdrawn=False):
    normalised = {key: value for key, value in (("apply_url", apply_url), ("apply_email", apply_email)) if value}
    return SimpleNamespace(url=url, normalised=normalised, withdrawn_at=NOW if withdrawn else None)


def test_application_prefers_the_sources_application_link_then_postings_still_online():
    ft = _posting(url="https://candidat.francetravail.fr/offres/recherche/detail/1X")
    partner = _posting(url="https://candidat.francetravail.fr/x", apply_url="https://www.beetween.com/job/5")
    gone = _posting(url="https://www.adzuna.fr/land/ad/1", apply_url="https://old.example.fr/apply", withdrawn=True)
    assert display.offer_application([ft, gone, partner]).url == "https://www.beetween.com/job/5"
    assert display.offer_application([ft, partner]).site == "beetween.com"
    assert display.offer_application([ft]).site == "France Travail"
    assert display.offer_application([_posting(url="https://www.adzuna.fr/land/ad/1")]).site == "Adzuna"


def test_application_by_mail_only_and_no_application_at_all():
    only_mail = display.offer_application([_posting(apply_email="rh@example.fr")])
    assert only_mail.url == "mailto:rh@example.fr"
    assert display.offer_application([_posting()]) is None
    assert display.offer_application([]) is None
