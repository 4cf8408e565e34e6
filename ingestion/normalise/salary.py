"""Salary parsing: any salary text or figure -> an annual EUR range, or nothing.

Rules (the product's promise is "annual EUR min/max, never a guess"):

- Annual figures are kept as they are; monthly figures are multiplied by the number
  of monthly payments ("sur 13 mois" -> 13, 12 when not said); hourly figures by
  HOURS_PER_YEAR.
- Gross and net are not converted: the figure is the one the employer wrote, and the
  original text is always kept next to it.
- When no period is written (Adzuna's `salary_min`/`salary_max`, "2 000 €"), the
  period is decided from the magnitude only when no other reading is plausible
  (see `period_from_magnitude`); otherwise the salary is left empty.
- Several figures that are not one range ("2 000 € + prime de 500 €"), two periods
  in one text, a daily rate, a percentage of the SMIC, or a value outside the
  plausible bounds of its period: left empty.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum

from ingestion.normalise.text import fold

# Legal annual working time of a full-time employee in France: 35 h a week over the
# year less paid leave and public holidays (Code du travail, art. L3121-27 and
# L3121-41). An hourly rate is turned into the annual pay of a full-time job.
HOURS_PER_YEAR = 1607
MONTHS_PER_YEAR = 12


class Period(Enum):
    HOUR = "hour"
    MONTH = "month"
    YEAR = "year"


# Bounds of a plausible figure for each period: outside them the text says something
# else (a typo, a daily rate, an annual figure labelled monthly) and nothing is kept.
PLAUSIBLE = {
    Period.HOUR: (5.0, 200.0),
    Period.MONTH: (300.0, 15_000.0),
    Period.YEAR: (8_000.0, 1_000_000.0),
}


@dataclass(frozen=True)
class AnnualSalary:
    minimum: int | None = None
    maximum: int | None = None

    @property
    def is_empty(self) -> bool:
        return self.minimum is None and self.maximum is None


EMPTY = AnnualSalary()


def period_from_magnitude(value: float) -> Period | None:
    """The period of a figure given with no period, when its size leaves no doubt.

    - 7 to 100: hourly (the SMIC is about 12 €/h; nobody is paid 100 € a month or a year);
    - 600 to 10,000: monthly (a month's pay, apprentices included; too low for a year);
    - 15,000 to 500,000: yearly.
    Anything else (100-600 could be a daily rate or a weekly pay, 10,000-15,000 a
    high month or a part-time year) is ambiguous and returns None.
    """
    if 7 <= value <= 100:
        return Period.HOUR
    if 600 <= value <= 10_000:
        return Period.MONTH
    if 15_000 <= value <= 500_000:
        return Period.YEAR
    return None


def annualise(low: float | None, high: float | None, period: Period | None, *, months: float = 12) -> AnnualSalary:
    """A range in a period -> the annual range; an ambiguous or implausible one -> EMPTY."""
    values = [v for v in (low, high) if v is not None]
    if not values or any(not math.isfinite(v) or v <= 0 for v in values):
        return EMPTY
    if period is None:
        periods = {period_from_magnitude(v) for v in values}
        period = periods.pop() if len(periods) == 1 else None
        if period is None:
            return EMPTY  # no period from the magnitude, or two different ones for the bounds
    lower, upper = PLAUSIBLE[period]
    if any(not lower <= v <= upper for v in values):
        return EMPTY
    factor = {Period.HOUR: HOURS_PER_YEAR, Period.MONTH: months, Period.YEAR: 1}[period]
    annual = sorted(round(v * factor) for v in values)
    return AnnualSalary(minimum=annual[0], maximum=annual[-1])


def annualise_figures(low: object, high: object) -> AnnualSalary:
    """Adzuna's `salary_min`/`salary_max`: numbers (or numeric strings) with no period."""
    return annualise(_as_number(low), _as_number(high), None)


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


_MONTHS_RE = re.compile(r"sur\s+(\d{1,2}(?:[.,]\d+)?)\s*mois")
# Figures that are not pay: hours a week, percentages, years of experience, counts.
_NOT_MONEY_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|pour ?cent|h\b|heures?\b|ans\b|annees?\b|jours?\b|postes?\b|semaines?\b|mn\b|min\b)"
)
_PERIOD_PATTERNS = {
    Period.YEAR: re.compile(r"\bannuel|\bpar an\b|/\s*an\b|\bl'an\b|\bpar annee|/\s*annee"),
    Period.MONTH: re.compile(r"\bmensuel|\bpar mois\b|/\s*mois\b|\bmois\b"),
    Period.HOUR: re.compile(r"\bhoraire|\bpar heure\b|/\s*h(?:eure)?\b|\bde l'heure\b|\bl'heure\b|€\s*h\b"),
}
_DAILY_RE = re.compile(r"\bjournalier|\bpar jour\b|/\s*j(?:our)?\b|\btjm\b|\bcachet|\bpar semaine\b|€\s*/\s*semaine")
# A number: "1 801,80", "1.801", "40000.0", "35", "2,5". Thousands groups need exactly
# three digits and no digit after them, so "2 1800" stays two numbers.
_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_AMOUNT_RE = re.compile(
    rf"(?P<num>{_NUMBER})\s*(?P<k>k(?![a-z]))?\s*(?P<cur>€|euros?\b|eur\b)?\s*(?P<gross>bruts?\b|nets?\b)?"
)
_RANGE_SEP_RE = re.compile(r"^\s*(?:a|-|et|/|au)\s*$")


@dataclass(frozen=True)
class _Amount:
    value: float
    marked: bool  # followed by a currency, "k", "brut" or "net": surely money
    thousands: bool  # written with a "k"
    start: int
    end: int


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


def _amounts(text: str) -> list[_Amount]:
    amounts = []
    for match in _AMOUNT_RE.finditer(text):
        value = _to_float(match.group("num"))
        if value is None:
            continue
        thousands = match.group("k") is not None
        if thousands:
            value *= 1000
        marked = bool(match.group("cur") or thousands or match.group("gross"))
        amounts.append(_Amount(value, marked, thousands, match.start(), match.end()))
    return amounts


def parse_salary_text(text: str) -> AnnualSalary:
    """A salary written by a person or by France Travail -> annual EUR range (or EMPTY)."""
    if not isinstance(text, str) or not text.strip():
        return EMPTY
    folded = fold(text).replace("\u00a0", " ").replace("\u202f", " ").replace("–", "-").replace("—", "-")
    folded = re.sub(r"\s+", " ", folded)
    if "smic" in folded or _DAILY_RE.search(folded):
        return EMPTY  # a share of the SMIC, a daily rate or a weekly pay: no annual figure without a guess

    months = float(MONTHS_PER_YEAR)
    months_found = _MONTHS_RE.findall(folded)
    if months_found:
        months = float(months_found[0].replace(",", "."))
        if not 12 <= months <= 16:
            return EMPTY
    folded = _MONTHS_RE.sub(" ", folded)

    periods = {period for period, pattern in _PERIOD_PATTERNS.items() if pattern.search(folded)}
    if len(periods) > 1:
        return EMPTY  # "2 000 € par mois soit 24 000 € par an" reads either way: keep the text only
    period = periods.pop() if periods else None

    # Blank out what is surely not pay before reading figures ("35h", "3 ans", "20 %").
    scrubbed = _NOT_MONEY_RE.sub(lambda m: " " * len(m.group(0)), folded)
    amounts = _amounts(scrubbed)
    if not amounts:
        return EMPTY
    money = _money_figures(scrubbed, amounts)
    if money is None:
        return EMPTY
    low, high = money
    if period is None and any(a.thousands for a in amounts):
        period = Period.YEAR  # "35 k€", "35-40k": thousands of euros are yearly figures
    return annualise(low, high, period, months=months)


def _money_figures(text: str, amounts: list[_Amount]) -> tuple[float, float | None] | None:
    """The single figure or the single range of a text; None when it holds more."""
    # A range "A à B €", "A - B k€", "entre A et B €": B carries the unit for both.
    for first, second in zip(amounts, amounts[1:], strict=False):
        between = text[first.end : second.start]
        if _RANGE_SEP_RE.match(between) or re.fullmatch(r"\s*(?:a|-|et|au)\s*", between):
            low, high = first.value, second.value
            if second.thousands and not first.thousands and low < 1000:
                low *= 1000  # "35 à 40 k€"
            others = [a for a in amounts if a is not first and a is not second and a.marked]
            if others:
                return None
            return low, high
    marked = [a for a in amounts if a.marked]
    if len(marked) == 1:
        return marked[0].value, None
    if not marked and len(amounts) == 1:
        return amounts[0].value, None
    return None
