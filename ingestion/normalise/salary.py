"""Salaries to one written convention: gross annual euros, or no figure at all.

The convention (ARCHITECTURE.md, "Salaries"; its figures and word lists are data, in
`data/salary_convention.json`):

- Annual figures are kept as they are; monthly figures are multiplied by the months
  stated ("sur 13 mois", a "13e mois": 13; 12 when none is stated); hourly figures by
  the legal 1,607 hours of a full-time year.
- A range stays a range; one figure is a range of one.
- No figure is kept ("refused": the original text stays shown) for inverted bounds
  ("de 55 000 à 40 000"), net-only amounts ("1750 € net mensuel"), a share of the
  SMIC, a daily rate, a fee per show or per task, a weekly pay, two periods or several
  figures that are not one range, or a figure outside the plausible bounds of its period.
- When no period is written (Adzuna's `salary_min`/`salary_max`, "2 000 €"), the period
  is decided from the magnitude only when no other reading is plausible.

Adzuna's predicted salaries go through the same rules; the normaliser keeps them
apart, as estimates (see adzuna.py).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ingestion.normalise.text import fold

CONVENTION = json.loads((Path(__file__).resolve().parent / "data" / "salary_convention.json").read_text())
HOURS_PER_YEAR: int = CONVENTION["hours_per_year"]["value"]
MONTHS_PER_YEAR: int = CONVENTION["months"]["default"]
THIRTEENTH_MONTH: int = CONVENTION["months"]["thirteenth_month"]
MONTHS_ACCEPTED: tuple[float, float] = tuple(CONVENTION["months"]["accepted"])


class Period(Enum):
    HOUR = "hour"
    MONTH = "month"
    YEAR = "year"


PLAUSIBLE = {period: tuple(CONVENTION["plausible"][period.value]) for period in Period}
MAGNITUDE = {period: tuple(CONVENTION["magnitude"][period.value]) for period in Period}
FACTOR = {Period.HOUR: HOURS_PER_YEAR, Period.YEAR: 1}


class Refusal(Enum):
    """Why a salary that was written gives no figure (shown to admins, tested)."""

    INVERTED = "inverted"
    NET = "net"
    NOT_ANNUALISABLE = "not_annualisable"  # SMIC share, daily rate, fee, weekly pay
    AMBIGUOUS = "ambiguous"  # two periods, several figures, no period the magnitude can tell
    IMPLAUSIBLE = "implausible"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class AnnualSalary:
    minimum: int | None = None
    maximum: int | None = None
    # Set when figures were written but the convention keeps none; not part of equality.
    refused: Refusal | None = field(default=None, compare=False)

    @property
    def is_empty(self) -> bool:
        return self.minimum is None and self.maximum is None


EMPTY = AnnualSalary()


def _refused(reason: Refusal) -> AnnualSalary:
    return AnnualSalary(refused=reason)


def period_from_magnitude(value: float) -> Period | None:
    """The period of a figure given with no period, when its size leaves no doubt (see the convention)."""
    for period, (low, high) in MAGNITUDE.items():
        if low <= value <= high:
            return period
    return None


def annualise(low: float | None, high: float | None, period: Period | None, *, months: float = 12) -> AnnualSalary:
    """A range in a period -> the annual range; an inverted, ambiguous or implausible one -> no figure."""
    values = [v for v in (low, high) if v is not None]
    if not values:
        return EMPTY
    if any(not math.isfinite(v) or v <= 0 for v in values):
        return _refused(Refusal.IMPLAUSIBLE)
    if low is not None and high is not None and low > high:
        return _refused(Refusal.INVERTED)  # never swapped: one of the two is wrong, and nobody knows which
    if period is None:
        periods = {period_from_magnitude(v) for v in values}
        period = periods.pop() if len(periods) == 1 else None
        if period is None:
            return _refused(Refusal.AMBIGUOUS)
    lower, upper = PLAUSIBLE[period]
    if any(not lower <= v <= upper for v in values):
        return _refused(Refusal.IMPLAUSIBLE)
    factor = FACTOR.get(period, months)
    return AnnualSalary(minimum=round(values[0] * factor), maximum=round(values[-1] * factor))


def annualise_figures(low: object, high: object) -> AnnualSalary:
    """Adzuna's `salary_min`/`salary_max`: numbers or numeric strings ("1 900") with no period."""
    numbers = []
    for value in (low, high):
        if value is None or (isinstance(value, str) and not value.strip()):
            numbers.append(None)
            continue
        number = _as_number(value)
        if number is None:
            return _refused(Refusal.UNREADABLE)  # a figure was given and cannot be read: keep none
        numbers.append(number)
    return annualise(numbers[0], numbers[1], None)


# A number: "1 801,80", "1.801", "40000.0", "35", "2,5". Thousands groups need exactly
# three digits and no digit after them, so "2 1800" stays two numbers.
_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_NUMBER_RE = re.compile(rf"(?:{_NUMBER})")


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", " ").replace("\u202f", " ")
        if _NUMBER_RE.fullmatch(text):
            return _to_float(text)
    return None


def _to_float(number: str) -> float | None:
    digits = number.replace(" ", "")
    if "," in digits:
        digits = digits.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")  # "1.801" is a thousands group, not a decimal
    try:
        return float(digits)
    except ValueError:
        return None


def _phrase_re(phrases: list[str], *, anchored: bool = False) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    if anchored:
        return re.compile(rf"\s*(?:{alternatives})(?![a-z])")
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])")


_NO_FIGURE_RE = _phrase_re(CONVENTION["no_figure_words"]["anywhere"])
_AFTER_AMOUNT_RE = _phrase_re(CONVENTION["no_figure_words"]["after_amount"], anchored=True)
_MONTHS_RE = re.compile(r"sur\s+(\d{1,2}(?:[.,]\d+)?)\s*mois")
_THIRTEENTH_RE = re.compile(r"\b(?:13\s*(?:e|eme|ieme|em)|treizieme)\s+mois\b")
# Figures that are not pay: hours a week, percentages, years of experience, counts.
_NOT_MONEY_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|pour ?cent|h\b|heures?\b|ans\b|annees?\b|jours?\b|postes?\b|semaines?\b|mn\b|min\b)"
)
_PERIOD_PATTERNS = {
    Period.YEAR: re.compile(r"\bannuel|\bpar an\b|/\s*an\b|\bl'an\b|\bpar annee|/\s*annee"),
    Period.MONTH: re.compile(r"\bmensuel|\bpar mois\b|/\s*mois\b|\bmois\b"),
    Period.HOUR: re.compile(r"\bhoraire|\bpar heure\b|/\s*h(?:eure)?\b|\bde l'heure\b|\bl'heure\b|€\s*h\b"),
}
_AMOUNT_RE = re.compile(
    rf"(?P<num>{_NUMBER})\s*(?P<k>k(?![a-z]))?\s*(?P<cur>€|euros?\b|eur\b)?\s*(?P<gross>bruts?\b|nets?\b)?"
)
_RANGE_SEP_RE = re.compile(r"\s*(?:a|-|et|/|au)\s*")
_NET_RE = re.compile(r"\bnets?\b")
_GROSS_RE = re.compile(r"\bbruts?\b")


@dataclass(frozen=True)
class _Amount:
    value: float
    marked: bool  # followed by a currency, "k", "brut" or "net": surely money
    thousands: bool  # written with a "k"
    net: bool  # followed by "net"
    start: int
    end: int


def _amounts(text: str) -> list[_Amount]:
    amounts = []
    for match in _AMOUNT_RE.finditer(text):
        value = _to_float(match.group("num"))
        if value is None:
            continue
        thousands = match.group("k") is not None
        if thousands:
            value *= 1000
        gross = match.group("gross") or ""
        marked = bool(match.group("cur") or thousands or gross)
        amounts.append(_Amount(value, marked, thousands, gross.startswith("net"), match.start(), match.end()))
    return amounts


def _folded(text: str) -> str:
    folded = fold(text).replace("\u00a0", " ").replace("\u202f", " ").replace("–", "-").replace("—", "-")
    return " ".join(folded.split())


def parse_salary_text(text: str, *, context: str = "") -> AnnualSalary:
    """A salary written by a person or by France Travail -> annual EUR range, or no figure.

    `context` is other text about the same pay (France Travail's `complement1/2`): a 13th
    month stated there counts.
    """
    if not isinstance(text, str) or not text.strip():
        return EMPTY
    folded = _folded(text)
    if _NO_FIGURE_RE.search(folded):
        return _refused(Refusal.NOT_ANNUALISABLE)
    if not any(character.isdigit() for character in folded):
        return EMPTY  # "Selon profil", "A négocier": nothing to read

    months = float(MONTHS_PER_YEAR)
    months_found = _MONTHS_RE.findall(folded)
    if months_found:
        months = float(months_found[0].replace(",", "."))
        if not MONTHS_ACCEPTED[0] <= months <= MONTHS_ACCEPTED[1]:
            return _refused(Refusal.IMPLAUSIBLE)
    elif _THIRTEENTH_RE.search(folded) or _THIRTEENTH_RE.search(_folded(context)):
        months = float(THIRTEENTH_MONTH)
    folded = _THIRTEENTH_RE.sub(" ", _MONTHS_RE.sub(" ", folded))

    periods = {period for period, pattern in _PERIOD_PATTERNS.items() if pattern.search(folded)}
    if len(periods) > 1:
        return _refused(Refusal.AMBIGUOUS)  # "2 000 € par mois soit 24 000 € par an" reads either way
    period = periods.pop() if periods else None

    # Blank out what is surely not pay before reading figures ("35h", "3 ans", "20 %").
    scrubbed = _NOT_MONEY_RE.sub(lambda m: " " * len(m.group(0)), folded)
    amounts = _amounts(scrubbed)
    if not amounts:
        return EMPTY
    if any(_AFTER_AMOUNT_RE.match(scrubbed, amount.end) for amount in amounts):
        return _refused(Refusal.NOT_ANNUALISABLE)  # "150 € par jour", "400 €/semaine"
    if any(amount.net for amount in amounts) or _NET_RE.search(folded):
        if not _GROSS_RE.search(folded):
            return _refused(Refusal.NET)  # net only: the gross figure cannot be known
        amounts = [amount for amount in amounts if not amount.net]  # "2 000 € brut (1 560 € net)"
        if not amounts:
            return _refused(Refusal.NET)
    money = _money_figures(scrubbed, amounts)
    if money is None:
        return _refused(Refusal.AMBIGUOUS)
    low, high = money
    if period is None and any(a.thousands for a in amounts):
        period = Period.YEAR  # "35 k€", "35-40k": thousands of euros are yearly figures
    return annualise(low, high, period, months=months)


def _money_figures(text: str, amounts: list[_Amount]) -> tuple[float, float | None] | None:
    """The single figure or the single range of a text; None when it holds more."""
    # A range "A à B €", "A - B k€", "entre A et B €": B carries the unit for both.
    for first, second in zip(amounts, amounts[1:], strict=False):
        if _RANGE_SEP_RE.fullmatch(text[first.end : second.start]):
            low, high = first.value, second.value
            if second.thousands and not first.thousands and low < 1000:
                low *= 1000  # "35 à 40 k€"
            if any(a is not first and a is not second and a.marked for a in amounts):
                return None
            return low, high
    marked = [a for a in amounts if a.marked]
    if len(marked) == 1:
        return marked[0].value, None
    if not marked and len(amounts) == 1:
        return amounts[0].value, None
    return None
