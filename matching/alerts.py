"""The daily e-mail digest: new offers of each candidate's saved searches and, for those
who asked, new offers recommended for their profile, in one French mail (HTML + text).

Guarantees (nothing twice, nothing lost, resumable) come from
`candidates.alerts.alert_digest_deliver`; this module decides what a digest says.

Cost: a run takes one feed horizon; the offers "since the last digest" of a candidate
are those created between their horizon and it, a small window that most candidates
share (they were all served by the previous run). Each distinct (query, window) is
evaluated once and kept for the run, so 10,000 candidates with 30,000 searches drawn
from a few hundred distinct queries cost a few hundred small queries, plus one locked
update and one mail per candidate.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import smtplib
from dataclasses import dataclass, field, replace
from functools import partial

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidates import alerts as candidate_alerts
from candidates import selectors as candidate_selectors
from candidates.models import AlertFrequency, SavedSearch
from matching.knn import filters_sql, similarity_floor, vector_literal
from matching.profile_query import profile_constraints
from matching.selectors import active_embedding_model
from offers.feed import feed_horizon, offer_ids_closed_between, offer_ids_created_between
from offers.forms import SearchParamsError
from offers.models import ContractType, Offer
from offers.search.query import offer_filtered_queryset

logger = logging.getLogger(__name__)

MAX_OFFERS_PER_SEARCH = settings.ALERTS_MAX_OFFERS_PER_SEARCH
MAX_PROFILE_OFFERS = getattr(settings, "ALERTS_MAX_PROFILE_OFFERS", 10)
# Mail failures we expect (the SMTP server refuses or is unreachable): counted, the run goes on.
SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class DigestOffer:
    id: int
    title: str
    company: str
    place: str
    details: str
    url: str


@dataclass
class DigestSection:
    title: str
    offers: list[DigestOffer]
    more: int = 0  # matches left out past the per-search limit
    link: str = ""  # the whole search (or the recommendations page) on the site
    link_label: str = ""
    unsubscribe_url: str = ""


@dataclass
class _RunMemo:
    """What one run computes once and shares between candidates."""

    horizon: int
    windows: dict[int, list[int]] = field(default_factory=dict)
    closed_windows: dict[int, list[int]] = field(default_factory=dict)
    matches: dict[tuple[str, int], list[tuple[int, dt.datetime]]] = field(default_factory=dict)
    offers: dict[int, DigestOffer] = field(default_factory=dict)
    searches_evaluated: int = 0

    def window(self, start: int) -> list[int]:
        if start not in self.windows:
            self.windows[start] = offer_ids_created_between(after_horizon=start, before_horizon=self.horizon)
        return self.windows[start]

    def closed(self, start: int) -> list[int]:
        """Offers closed since `start` (the candidates who saved them are told)."""
        if start not in self.closed_windows:
            self.closed_windows[start] = offer_ids_closed_between(after_horizon=start, before_horizon=self.horizon)
        return self.closed_windows[start]

    def search_matches(self, search: SavedSearch, start: int) -> list[tuple[int, dt.datetime]]:
        """(offer id, first seen) of the window's offers the search matches, newest first."""
        key = (json.dumps(search.query, sort_keys=True), start)
        if key not in self.matches:
            ids = self.window(start)
            rows: list[tuple[int, dt.datetime]] = []
            if ids:
                try:
                    params = candidate_alerts.search_params(search)
                except SearchParamsError as error:
                    # A stored query that no longer validates (a place dropped from the referential):
                    # the alert skips it rather than failing every other candidate's digest.
                    logger.warning("alerts: saved search %s no longer valid: %s", search.pk, error)
                else:
                    self.searches_evaluated += 1
                    # One array parameter: `id__in` would send thousands of placeholders to parse.
                    in_window = RawSQL("offers_offer.id = ANY(%s)", [ids], output_field=BooleanField())
                    offers = offer_filtered_queryset(replace(params, include_closed=False)).filter(in_window)
                    rows = list(offers.order_by("-published_at", "-id").values_list("id", "first_seen_at"))
            self.matches[key] = rows
        return self.matches[key]

    def digest_offers(self, ids: list[int]) -> dict[int, DigestOffer]:
        missing = [offer_id for offer_id in ids if offer_id not in self.offers]
        if missing:
            site = settings.SITE_URL.rstrip("/")
            prefix = reverse("offers:search")
            contracts = dict(ContractType.choices)
            for offer in Offer.objects.filter(id__in=missing).only(
                "id", "title", "company", "city", "departement", "contract_type", "salary_min", "salary_max", "remote"
            ):
                details = [str(contracts.get(offer.contract_type, offer.contract_type))]
                salary = _salary(offer.salary_min, offer.salary_max)
                if salary:
                    details.append(salary)
                if offer.remote:
                    details.append(_("Télétravail"))
                place = offer.city or offer.departement
                self.offers[offer.id] = DigestOffer(
                    id=offer.id,
                    title=offer.title,
                    company=offer.company,
                    place=f"{place} ({offer.departement})" if offer.city and offer.departement else place,
                    details=" · ".join(details),
                    url=f"{site}{prefix}{offer.id}/",
                )
        return {offer_id: self.offers[offer_id] for offer_id in ids if offer_id in self.offers}


def _closed_offers(ids: list[int]) -> list[DigestOffer]:
    site = settings.SITE_URL.rstrip("/")
    prefix = reverse("offers:search")
    offers = Offer.objects.filter(id__in=ids).only("id", "title", "company", "city", "departement", "closed_at")
    return [
        DigestOffer(
            id=offer.id,
            title=offer.title,
            company=offer.company,
            place=offer.city or offer.departement,
            details=_("Fermée le %(day)s : sa source ne la publie plus.")
            % {"day": f"{timezone.localtime(offer.closed_at):%d/%m/%Y}" if offer.closed_at else "?"},
            url=f"{site}{prefix}{offer.id}/",
        )
        for offer in offers.order_by("-closed_at", "id")
    ]


def _salary(low: int | None, high: int | None) -> str:
    if low and high and low != high:
        return f"{intcomma(low)} – {intcomma(high)} €/an"
    value = high or low
    return f"{intcomma(value)} €/an" if value else ""


def new_offers_for_profile(*, user_id: int, offer_ids: list[int], k: int = MAX_PROFILE_OFFERS) -> list[int]:
    """Among `offer_ids`, the ones recommended for the candidate's profile, best first.

    The same rules as the recommendations page (hard constraints, hidden offers, the
    similarity floor), but an exact scan of the few new offers instead of the whole index.
    """
    profile = candidate_selectors.profile_for_user_id(user_id=user_id)
    if not offer_ids or profile is None or not profile.profile_text.strip():
        return []
    model = active_embedding_model()
    if model is None:
        return []
    from matching.services import candidate_embedding_upsert

    embedding = candidate_embedding_upsert(profile_id=profile.pk, text=profile.profile_text, model=model)
    query = vector_literal(embedding.vector)
    where, params = filters_sql(profile_constraints(profile), user_id=user_id, exclude_offer_ids=())
    max_distance = 1.0 - similarity_floor(model)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o.id FROM offers_offer o JOIN matching_offerembedding e ON e.offer_id = o.id AND e.model_id = %s"
            f" WHERE {where} AND o.id = ANY(%s) AND (e.vector <=> %s::vector) <= %s"
            " ORDER BY (e.vector <=> %s::vector), o.id LIMIT %s",
            [model.pk, *params, offer_ids, query, max_distance, query, k],
        )
        return [row[0] for row in cursor.fetchall()]


def _compose(
    window: candidate_alerts.DigestWindow, memo: _RunMemo, email: str
) -> candidate_alerts.ComposedDigest | None:
    seen: set[int] = set()
    planned: list[tuple[DigestSection, list[int]]] = []
    for search in window.searches:
        start = window.daily_from if search.frequency == AlertFrequency.DAILY else window.weekly_from
        if start is None:
            continue
        # An offer already listed under an earlier search of this mail is not repeated.
        found = [
            offer_id
            for offer_id, first_seen in memo.search_matches(search, start)
            if first_seen >= search.alerts_since and offer_id not in seen
        ]
        if not found:
            continue
        shown = found[:MAX_OFFERS_PER_SEARCH]
        seen.update(shown)
        section = DigestSection(
            title=search.name,
            offers=[],
            more=len(found) - len(shown),
            link=candidate_alerts.search_url(search.query, absolute=True),
            link_label=_("Voir la recherche"),
            unsubscribe_url=candidate_alerts.unsubscribe_url(user_id=window.user_id, search_id=search.pk),
        )
        planned.append((section, shown))
    if window.recommendations:
        fresh = [offer_id for offer_id in memo.window(window.daily_from) if offer_id not in seen]
        recommended = new_offers_for_profile(user_id=window.user_id, offer_ids=fresh)
        if recommended:
            seen.update(recommended)
            section = DigestSection(
                title=_("Nouvelles offres pour mon profil"),
                offers=[],
                link=settings.SITE_URL.rstrip("/") + reverse("matching:recommendations"),
                link_label=_("Voir toutes mes recommandations"),
            )
            planned.append((section, recommended))
    site = settings.SITE_URL.rstrip("/")
    closed_section = None
    closed_ids = candidate_selectors.saved_offer_ids_of(
        user_id=window.user_id, offer_ids=memo.closed(window.daily_from)
    )
    if closed_ids:
        closed_section = DigestSection(
            title=_("Offres sauvegardées qui ne sont plus publiées"),
            offers=_closed_offers(closed_ids),
            link=site + reverse("candidates:profile") + "#saved-heading",
            link_label=_("Voir mes offres sauvegardées"),
        )
    if not planned and closed_section is None:
        return None
    offers = memo.digest_offers([offer_id for _section, ids in planned for offer_id in ids])
    sections = []
    for section, ids in planned:
        section.offers = [offers[offer_id] for offer_id in ids if offer_id in offers]
        if section.offers:
            sections.append(section)
    if not sections and closed_section is None:
        return None
    total = sum(len(section.offers) for section in sections)
    context = {
        "sections": sections,
        "closed_section": closed_section,
        "total": total,
        "site_url": site,
        "profile_url": site + reverse("candidates:profile") + "#saved-searches",
        "unsubscribe_url": candidate_alerts.unsubscribe_url(user_id=window.user_id),
    }
    if total:
        subject = ngettext(
            "%(count)s nouvelle offre pour vos alertes JobMarket",
            "%(count)s nouvelles offres pour vos alertes JobMarket",
            total,
        ) % {"count": total}
    else:
        closed = len(closed_section.offers) if closed_section else 0
        subject = ngettext(
            "Une offre que vous avez sauvegardée n'est plus publiée",
            "%(count)s offres que vous avez sauvegardées ne sont plus publiées",
            closed,
        ) % {"count": closed}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/alert_digest.txt", context),
        to=[email],
        headers={
            # RFC 2369 + RFC 8058: mail clients show an "unsubscribe" button that POSTs to the link.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("emails/alert_digest.html", context), "text/html")
    listed = [*sections, closed_section] if closed_section else sections
    return candidate_alerts.ComposedDigest(message=message, offer_ids=[o.id for s in listed for o in s.offers])


@dataclass(frozen=True)
class DigestRunResult:
    run_id: int
    horizon: int
    candidates: int
    sent: int
    empty: int
    skipped: int
    failed: int
    searches_evaluated: int


def alert_digests_send(*, now: dt.datetime | None = None) -> DigestRunResult:
    """Send every due digest up to the feed's current horizon. Safe to run again or concurrently."""
    now = now or timezone.now()
    horizon = feed_horizon()
    run = candidate_alerts.alert_run_start(horizon=horizon, weekly=timezone.localtime(now).weekday() == 0)
    memo = _RunMemo(horizon=horizon)
    states = candidate_alerts.alert_states_due(horizon=horizon)
    user_ids = [state.user_id for state in states]
    emails = candidate_alerts.candidate_emails(user_ids=user_ids)
    monday = candidate_alerts.week_start(now)
    counts = {"candidates": len(user_ids), "sent": 0, "empty": 0, "skipped": 0, "failed": 0}
    errors: list[str] = []
    logger.info("alerts: %s candidates to examine up to horizon %s", len(user_ids), horizon)
    with translation.override("fr"):
        for done, state in enumerate(states, start=1):
            user_id = state.user_id
            email = emails.get(user_id)
            if email is None:
                counts["skipped"] += 1
                continue
            weekly_due = state.weekly_done_at < monday
            if (
                not memo.window(state.daily_horizon)
                and not memo.closed(state.daily_horizon)
                and not (weekly_due and memo.window(state.weekly_horizon))
            ):
                # No offer at all appeared or closed in this candidate's windows: nothing to lock or write.
                # Their horizon stays; the next window starts there and only spans this empty stretch too.
                counts["empty"] += 1
                continue
            try:
                outcome = candidate_alerts.alert_digest_deliver(
                    user_id=user_id,
                    horizon=horizon,
                    now=now,
                    compose=partial(_compose, memo=memo, email=email),
                )
            except SEND_ERRORS as error:
                # Rolled back: the horizon did not move, the next run retries this candidate.
                counts["failed"] += 1
                errors.append(f"user {user_id}: {error!r}")
                logger.warning("alerts: sending to user %s failed: %r", user_id, error)
                continue
            counts["skipped" if outcome in ("done", "busy") else outcome] += 1
            if done % 1000 == 0:
                logger.info("alerts: %s/%s candidates, %s mails sent", done, len(user_ids), counts["sent"])
    candidate_alerts.alert_run_finish(run=run, counts=counts, errors=errors)
    logger.info("alerts: done, %s", counts)
    return DigestRunResult(run_id=run.pk, horizon=horizon, searches_evaluated=memo.searches_evaluated, **counts)
