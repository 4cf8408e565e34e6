"""How an offer reads on the pages: département names, place labels, salaries in words,
publication age, "Nouveau" and distances. Pure functions shared by the offer cards, the offer
page, similar offers and saved offers (no database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from offers.geography.gazetteer import departements, distance_km, regions

# An offer published today, yesterday or the day before reads "Nouveau".
NEW_OFFER_DAYS = 2
# Past this age the date itself says more than "il y a 45 jours".
RELATIVE_DATE_MAX_DAYS = 30


def departement_name(code: str) -> str:
    """'34' -> 'Hérault'; an unknown code is returned as it is."""
    found = departements().get(code)
    return found.name if found else code


def place_of(offer: Any) -> str:
    """`Offer.place_label` ('Lunel (34400)', 'Hérault (34)'), or 'Lieu non précisé'."""
    return offer.place_label or _("Lieu non précisé")


def salary_in_words(low: int | None, high: int | None) -> str:
    """'Entre 30 000 € et 35 000 € brut par an', '23 700 € brut par an', or ''."""
    if low and high and low != high:
        return _("Entre %(low)s € et %(high)s € brut par an") % {"low": intcomma(low), "high": intcomma(high)}
    if high and not low:
        return _("Jusqu'à %(value)s € brut par an") % {"value": intcomma(high)}
    value = low or high
    return _("%(value)s € brut par an") % {"value": intcomma(value)} if value else ""


def salary_per_month(low: int | None, high: int | None) -> str:
    """The monthly equivalent over 12 months, as people compare pay in France: 'soit environ 1 975 € par mois'."""
    if not (low or high):
        return ""
    monthly = [round(value / 12 / 10) * 10 for value in (low, high) if value]
    if len(monthly) == 2 and monthly[0] != monthly[1]:
        return _("soit environ %(low)s à %(high)s € brut par mois") % {
            "low": intcomma(monthly[0]),
            "high": intcomma(monthly[1]),
        }
    return _("soit environ %(value)s € brut par mois") % {"value": intcomma(monthly[0])}


def salary_short(low: int | None, high: int | None) -> str:
    """For cards: '30 000 – 35 000 €/an'."""
    if low and high and low != high:
        return f"{intcomma(low)} – {intcomma(high)} €/an"
    value = high or low
    return f"{intcomma(value)} €/an" if value else ""


def days_since(moment: datetime, *, now: datetime | None = None) -> int:
    """Whole calendar days between `moment` and now, in the site's time zone (0 = today)."""
    now = timezone.localtime(now or timezone.now())
    return max((now.date() - timezone.localtime(moment).date()).days, 0)


def published_ago(moment: datetime, *, now: datetime | None = None) -> str:
    """'publiée aujourd'hui', 'publiée hier', 'publiée il y a 3 jours', 'publiée le 2 mars 2026'."""
    days = days_since(moment, now=now)
    if days == 0:
        return _("publiée aujourd'hui")
    if days == 1:
        return _("publiée hier")
    if days <= RELATIVE_DATE_MAX_DAYS:
        return ngettext("publiée il y a %(n)d jour", "publiée il y a %(n)d jours", days) % {"n": days}
    return _("publiée le %(date)s") % {"date": date_format(timezone.localtime(moment), "j F Y")}


def is_new(moment: datetime, *, now: datetime | None = None) -> bool:
    return days_since(moment, now=now) <= NEW_OFFER_DAYS


def distance_text(km: float, *, origin: str) -> str:
    """'à 12 km de Montpellier', 'à moins de 1 km de Montpellier'."""
    if km < 1:
        return _("à moins de 1 km de %(place)s") % {"place": origin}
    return _("à %(km)s km de %(place)s") % {"km": intcomma(round(km)), "place": origin}


@dataclass(frozen=True)
class Application:
    """How to apply: the link of the "Postuler" button, the site it leads to, an e-mail address."""

    url: str
    site: str
    email: str = ""


# The sources' own sites, named as people know them rather than by host name.
SOURCE_SITES = {"francetravail.fr": "France Travail", "adzuna.fr": "Adzuna"}


def _site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    for domain, name in SOURCE_SITES.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


def offer_application(postings: Iterable[Any]) -> Application | None:
    """The best way to apply among an offer's postings (`OfferSource` rows): an application link
    the source gives (the employer's form, the partner site of a partner offer) before the
    source's own page, postings still online before withdrawn ones."""
    ranked = sorted(postings, key=lambda posting: posting.withdrawn_at is not None)
    emails = (posting.normalised.get("apply_email", "") for posting in ranked)
    email = next((email for email in emails if email), "")
    links = [posting.normalised.get("apply_url", "") for posting in ranked] + [posting.url for posting in ranked]
    url = next((link for link in links if link), "")
    if url:
        return Application(url=url, site=_site_of(url), email=email)
    return Application(url=f"mailto:{email}", site=email, email=email) if email else None


@dataclass(frozen=True)
class OfferFacts:
    """What a card or an offer page says about an offer, in words."""

    place: str
    departement: str  # "Hérault (34)", or "" when the offer names none
    region: str
    distance: str  # "à 12 km de Montpellier", or ""
    salary: str
    salary_monthly: str
    salary_short: str
    published: str
    published_date: str
    published_iso: str
    new: bool


def offer_facts(
    offer: Any, *, origin: tuple[str, float, float] | None = None, now: datetime | None = None
) -> OfferFacts:
    """`offer`: anything with the Offer fields; `origin`: (name, latitude, longitude) of the place
    the visitor searched around, for the distance."""
    found = departements().get(offer.departement)
    region = regions().get(offer.region or (found.region if found else ""))
    distance = ""
    if origin is not None and offer.latitude is not None and offer.longitude is not None:
        name, latitude, longitude = origin
        distance = distance_text(distance_km(latitude, longitude, offer.latitude, offer.longitude), origin=name)
    published = timezone.localtime(offer.published_at)
    return OfferFacts(
        place=place_of(offer),
        departement=found.label if found else offer.departement,
        region=region.name if region else "",
        distance=distance,
        salary=salary_in_words(offer.salary_min, offer.salary_max),
        salary_monthly=salary_per_month(offer.salary_min, offer.salary_max),
        salary_short=salary_short(offer.salary_min, offer.salary_max),
        published=published_ago(published, now=now),
        published_date=date_format(published, "j F Y"),
        published_iso=published.isoformat(),
        new=is_new(published, now=now),
    )


def offer_label(offer: Any) -> str:
    """'Boulanger (H/F) — Boulangerie du Marché, Nancy (54000)': names an offer among others
    with the same title (accessible names of links and buttons on result lists)."""
    where = offer.place_label
    return f"{offer.title} — {', '.join(part for part in (offer.company, where) if part)}"
