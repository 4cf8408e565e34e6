"""The salary convention (ARCHITECTURE.md, "Salaries"), case by case, through both normalisers.

Each case is a payload's salary fields as the source sends them and what the offer must
carry: the gross annual range (salary_min, salary_max) and, for Adzuna's predicted
salaries only, the estimate kept apart. Rounding: half to even, as Python's round().
"""

from __future__ import annotations

from typing import Any

import pytest

from ingestion.normalise import adzuna, francetravail
from tests.ingestion.payloads import adzuna_job, france_travail_offer

H = 1607  # hours in a full-time year (the convention's figure)
NONE = (None, None, None, None)


def _range(low: int, high: int | None = None) -> tuple[int, int, None, None]:
    return (low, low if high is None else high, None, None)


def _estimate(low: int, high: int | None = None) -> tuple[None, None, int, int]:
    return (None, None, low, low if high is None else high)


# (salaire.libelle, salaire.commentaire, salaire.complement1) -> expected
FRANCE_TRAVAIL: list[tuple[str | None, str | None, str | None, tuple[int | None, ...]]] = [
    # The structured label, in every form France Travail writes it.
    ("Annuel de 40000.0 Euros à 55000.0 Euros", None, None, _range(40000, 55000)),
    ("Annuel de 32000.0 Euros sur 12.0 mois", None, None, _range(32000)),
    ("Annuel de 28000 Euros", None, None, _range(28000)),
    ("Annuel de 35000.0 Euros sur 13.0 mois", None, None, _range(35000)),  # an annual figure stays as it is
    ("Mensuel de 1801,80 Euros sur 12 mois", None, None, _range(21622)),
    ("Mensuel de 1801.80 Euros sur 12.0 mois", None, None, _range(21622)),
    ("Mensuel de 2500.0 Euros à 3000.0 Euros sur 13.0 mois", None, None, _range(32500, 39000)),
    ("Mensuel de 2000 Euros sur 13,5 mois", None, None, _range(27000)),
    ("Mensuel de 1766.92 Euros", None, None, _range(21203)),
    ("Mensuel de 1900.0 Euros à 2100.0 Euros sur 12.0 mois", None, None, _range(22800, 25200)),
    ("Mensuel de 2000.0 Euros à 2200.0 Euros sur 13.0 mois", "Selon profil", None, _range(26000, 28600)),
    ("Horaire de 11.88 Euros sur 12 mois", None, None, _range(round(11.88 * H))),
    ("Horaire de 12,50 Euros à 14,00 Euros", None, None, _range(round(12.5 * H), 14 * H)),
    ("Horaire de 11.65 Euros", None, None, _range(round(11.65 * H))),
    # Inverted bounds: unreliable, never swapped.
    ("Annuel de 55000.0 Euros à 40000.0 Euros", None, None, NONE),
    ("Mensuel de 3000.0 Euros à 2500.0 Euros sur 12.0 mois", None, None, NONE),
    ("Annuel de 55000.0 Euros à 40000.0 Euros", "De 40000 à 55000 EUR par an", None, NONE),  # the label decides
    # Implausible for its period, or months outside 12 to 16.
    ("Mensuel de 35000 Euros", None, None, NONE),
    ("Mensuel de 2000 Euros sur 24 mois", None, None, NONE),
    ("Horaire de 1500 Euros", None, None, NONE),
    # A 13th month stated next to the label.
    ("Mensuel de 2000.0 Euros", None, "13ème mois", _range(26000)),
    # The employer's comment when the label says nothing.
    (None, "De 40000.0 à 55000.0 EUR par an", None, _range(40000, 55000)),
    (None, "35 à 40 k€ brut annuel", None, _range(35000, 40000)),
    (None, "entre 28K et 32K€", None, _range(28000, 32000)),
    (None, "45k€", None, _range(45000)),
    (None, "30000€ - 50000€ brut annuel", None, _range(30000, 50000)),
    (None, "2 000 € brut mensuel", None, _range(24000)),
    (None, "2 000 € brut mensuel + 13ème mois", None, _range(26000)),
    (None, "1 800 € brut par mois, 13e mois", None, _range(23400)),
    (None, "Rémunération : 2100€ brut/mois sur 13 mois", None, _range(27300)),
    (None, "1\u202f850\u00a0€ brut par mois", None, _range(22200)),
    (None, "1.801,80 € bruts / mois", None, _range(21622)),
    (None, "2,5k€/mois", None, _range(30000)),
    (None, "12 € de l'heure", None, _range(12 * H)),
    (None, "13,50€/h brut", None, _range(round(13.5 * H))),
    (None, "Taux horaire : 12,02 €", None, _range(round(12.02 * H))),
    (None, "Salaire : 2200€ à 2600€ brut/mois sur 35h", None, _range(26400, 31200)),
    (None, "Rémunération de 38 000 € à 42 000 € par an selon expérience (3 ans minimum)", None, _range(38000, 42000)),
    (None, "Entre 1 800 et 2 000 € brut mensuel", None, _range(21600, 24000)),
    (None, "2 000 € brut mensuel (soit environ 1 560 € net)", None, _range(24000)),
    (None, "Fixe 2000 € brut mensuel + commissions", None, _range(24000)),
    (None, "A partir de 2 200 € brut mensuel", None, _range(26400)),
    (None, "Salaire de base 1 900€ selon expérience", None, _range(22800)),
    (None, "1766,92€ brut/mois", None, _range(21203)),
    # Inverted bounds in free text.
    (None, "De 2 500 à 2 000 € brut mensuel", None, NONE),
    (None, "55 000 € - 40 000 € brut annuel", None, NONE),
    # Net only: the gross figure cannot be known.
    (None, "1700 € Net", None, NONE),
    (None, "1750 € net mensuel", None, NONE),
    (None, "Salaire net mensuel : 1 750 €", None, NONE),
    (None, "Net : 12 € de l'heure", None, NONE),
    # Shares of the SMIC, daily rates, fees per show or task, weekly pay.
    (None, "% du SMIC selon l'âge ", None, NONE),
    (None, "SMIC + 10%", None, NONE),
    (None, "100% du SMIC", None, NONE),
    (None, "Cachet de 150 Euros", None, NONE),
    (None, "150 € brut par représentation", None, NONE),
    (None, "300 € par jour", None, NONE),
    (None, "450 €/jour", None, NONE),
    (None, "TJM 450 €", None, NONE),
    (None, "400 € par semaine", None, NONE),
    (None, "25 € par séance", None, NONE),
    # Several figures that are not one range, two periods, no readable period.
    (None, "2 000 € par mois soit 24 000 € par an", None, NONE),
    (None, "2000 € + prime de 500 €", None, NONE),
    (None, "12000 €", None, NONE),
    # Nothing to read.
    (None, "Selon profil", None, NONE),
    (None, "A négocier", None, NONE),
    (None, "Selon convention collective", None, NONE),
    (None, None, None, NONE),
]

# (salary_min, salary_max, salary_is_predicted) -> expected
ADZUNA: list[tuple[Any, Any, Any, tuple[int | None, ...]]] = [
    (12, 12, "0", _range(12 * H)),  # hourly by magnitude
    (846, 1802, "0", _range(846 * 12, 1802 * 12)),  # monthly
    (32000, 38000, "0", _range(32000, 38000)),  # yearly
    ("35000", "40000", "0", _range(35000, 40000)),
    ("1 900", 2100, 0, _range(22800, 25200)),  # the demo's "Boulanger tourier": a range, not 25,200 alone
    (30000, None, "0", _range(30000)),
    (None, 2100, "0", _range(25200)),
    (13.5, 13.5, "0", _range(round(13.5 * H))),
    (2000.0, 2500.0, "0", _range(24000, 30000)),
    (1801.8, 1801.8, "0", _range(21622)),
    (45000, 30000, "0", NONE),  # inverted
    (11, 2000, "0", NONE),  # hourly and monthly at once
    (250, 300, "0", NONE),  # a daily rate or a weekly pay
    (12000, 12000, "0", NONE),  # a high month or a part-time year
    (None, None, "0", NONE),
    (True, 5, "0", NONE),
    (-5, 10, "0", NONE),
    ("abc", 2000, "0", NONE),
    # Adzuna's predicted salaries: estimates, kept apart.
    (35000, 40000, "1", _estimate(35000, 40000)),
    (35000, 40000, 1, _estimate(35000, 40000)),
    (35000, 40000, "true", _estimate(35000, 40000)),
    (41234.56, 41234.56, "1", _estimate(41235)),
    (1900, 2100, "1", _estimate(22800, 25200)),
    (50000, 45000, "1", NONE),  # an inverted estimate is no estimate
]


def _figures(offer: Any) -> tuple[int | None, ...]:
    return (offer.salary_min, offer.salary_max, offer.salary_estimate_min, offer.salary_estimate_max)


@pytest.mark.parametrize(("label", "comment", "complement", "expected"), FRANCE_TRAVAIL)
def test_a_france_travail_salary_follows_the_convention(
    label: str | None, comment: str | None, complement: str | None, expected: tuple[int | None, ...]
) -> None:
    fields = {"libelle": label, "commentaire": comment, "complement1": complement}
    offer = francetravail.normalise(france_travail_offer(salaire={k: v for k, v in fields.items() if v is not None}))
    assert _figures(offer) == expected
    # The original text stays shown, whatever became of it.
    for text in (label, comment):
        if text:
            assert " ".join(text.split()) in offer.salary_text


@pytest.mark.parametrize(("low", "high", "predicted", "expected"), ADZUNA)
def test_an_adzuna_salary_follows_the_convention(low: Any, high: Any, predicted: Any, expected: tuple) -> None:
    offer = adzuna.normalise(adzuna_job(salary_min=low, salary_max=high, salary_is_predicted=predicted))
    assert _figures(offer) == expected
    if expected[2] is not None:
        assert offer.salary_text.startswith("Estimation")


def test_the_table_holds_at_least_sixty_cases_of_both_sources() -> None:
    assert len(FRANCE_TRAVAIL) >= 40 and len(ADZUNA) >= 20
    assert len(FRANCE_TRAVAIL) + len(ADZUNA) >= 60
