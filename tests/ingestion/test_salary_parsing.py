"""Salary texts of the forms France Travail and employers really write -> annual EUR range."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingestion.normalise.salary import HOURS_PER_YEAR, AnnualSalary, Refusal, annualise_figures, parse_salary_text

CASES = [
    # France Travail's structured `salaire.libelle`
    ("Annuel de 40000.0 Euros à 55000.0 Euros", 40000, 55000),
    ("Annuel de 32000.0 Euros sur 12.0 mois", 32000, 32000),
    ("Annuel de 28000 Euros", 28000, 28000),
    ("Mensuel de 1801,80 Euros sur 12 mois", 21622, 21622),
    ("Mensuel de 1801.80 Euros sur 12.0 mois", 21622, 21622),
    ("Mensuel de 2500.0 Euros à 3000.0 Euros sur 13.0 mois", 32500, 39000),
    ("Mensuel de 2000 Euros sur 13,5 mois", 27000, 27000),
    ("Mensuel de 1766.92 Euros", 21203, 21203),
    ("Horaire de 11.88 Euros sur 12 mois", round(11.88 * HOURS_PER_YEAR), round(11.88 * HOURS_PER_YEAR)),
    ("Horaire de 12,50 Euros à 14,00 Euros", round(12.5 * HOURS_PER_YEAR), 14 * HOURS_PER_YEAR),
    # Free text in `salaire.commentaire`
    ("De 40000.0 à 55000.0 EUR par an", 40000, 55000),
    ("35 à 40 k€ brut annuel", 35000, 40000),
    ("entre 28K et 32K€", 28000, 32000),
    ("45k€", 45000, 45000),
    ("30000€ - 50000€ brut annuel", 30000, 50000),
    ("2 000 € brut mensuel", 24000, 24000),
    ("1\u202f850\u00a0€ brut par mois", 22200, 22200),
    ("1.801,80 € bruts / mois", 21622, 21622),
    ("2,5k€/mois", 30000, 30000),
    ("12 € de l'heure", 12 * HOURS_PER_YEAR, 12 * HOURS_PER_YEAR),
    ("13,50€/h brut", round(13.5 * HOURS_PER_YEAR), round(13.5 * HOURS_PER_YEAR)),
    ("Salaire : 2200€ à 2600€ brut/mois sur 35h", 26400, 31200),
    ("Rémunération de 38 000 € à 42 000 € par an selon expérience (3 ans minimum)", 38000, 42000),
    # Ambiguous or not a salary: left empty rather than guessed
    ("% du SMIC selon l'âge", None, None),
    ("SMIC", None, None),
    ("Selon profil", None, None),
    ("A négocier", None, None),
    ("Cachet de 150 Euros", None, None),
    ("300 € par jour", None, None),
    ("2 000 € par mois soit 24 000 € par an", None, None),
    ("2000 € + prime de 500 €", None, None),
    ("12000 €", None, None),
    ("Mensuel de 35000 Euros", None, None),
    ("Mensuel de 2000 Euros sur 24 mois", None, None),
    ("", None, None),
    ("1700 € Net", None, None),
    ("Annuel de 55000.0 Euros à 40000.0 Euros", None, None),
]


@pytest.mark.parametrize(("text", "minimum", "maximum"), CASES)
def test_salary_text_becomes_an_annual_range_or_nothing(text: str, minimum: int | None, maximum: int | None) -> None:
    assert parse_salary_text(text) == AnnualSalary(minimum, maximum)


def test_the_table_covers_at_least_25_real_forms() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Annuel de 55000.0 Euros à 40000.0 Euros", Refusal.INVERTED),
        ("1750 € net mensuel", Refusal.NET),
        ("% du SMIC selon l'âge", Refusal.NOT_ANNUALISABLE),
        ("Cachet de 150 Euros", Refusal.NOT_ANNUALISABLE),
        ("2 000 € par mois soit 24 000 € par an", Refusal.AMBIGUOUS),
        ("Mensuel de 35000 Euros", Refusal.IMPLAUSIBLE),
    ],
)
def test_a_salary_given_no_figure_says_why(text: str, reason: Refusal) -> None:
    salary = parse_salary_text(text)
    assert salary.is_empty and salary.refused is reason


def test_daily_words_count_only_right_after_a_figure() -> None:
    assert parse_salary_text("2 000 € brut mensuel, 7h/j du lundi au vendredi") == AnnualSalary(24000, 24000)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (12, 12, AnnualSalary(12 * HOURS_PER_YEAR, 12 * HOURS_PER_YEAR)),  # hourly
        (846, 1802, AnnualSalary(846 * 12, 1802 * 12)),  # monthly
        (32000, 38000, AnnualSalary(32000, 38000)),  # yearly
        ("35000", "40000", AnnualSalary(35000, 40000)),
        (11, 2000, AnnualSalary()),  # hourly and monthly at once: ambiguous
        (250, 300, AnnualSalary()),  # a daily rate or a weekly pay: ambiguous
        (12000, 12000, AnnualSalary()),  # a high month or a part-time year: ambiguous
        (None, None, AnnualSalary()),
        (True, 5, AnnualSalary()),
        (-5, 10, AnnualSalary()),
    ],
)
def test_adzuna_figures_are_annualised_from_their_magnitude_only_when_unambiguous(
    low: object, high: object, expected: AnnualSalary
) -> None:
    assert annualise_figures(low, high) == expected


@given(st.text())
def test_any_text_gives_an_ordered_range_or_nothing(text: str) -> None:
    salary = parse_salary_text(text)
    if salary.minimum is not None:
        assert salary.maximum is not None
        assert 0 < salary.minimum <= salary.maximum <= 1_000_000 * 16


@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text()), st.one_of(st.none(), st.floats()))
def test_any_figures_give_an_ordered_range_or_nothing(low: object, high: object) -> None:
    salary = annualise_figures(low, high)
    if not salary.is_empty:
        assert salary.minimum is not None and salary.maximum is not None
        assert 0 < salary.minimum <= salary.maximum
