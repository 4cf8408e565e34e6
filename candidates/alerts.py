"""Saved searches and their e-mail alerts: the candidates' side (services and reads).

What a digest contains is decided in `matching.alerts` (it combines these searches with
the recommendations); what is guaranteed is decided here: `alert_digest_deliver` locks
the candidate's `AlertState`, has the digest composed for the window [horizon of the last
digest, new horizon), sends it and moves the horizon in one transaction. A second run
(or a second worker) finds the horizon moved and sends nothing; a crash before the
commit leaves the horizon where it was, and the rerun covers the same window.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms as django_forms
from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import AlertDigest, AlertFrequency, AlertRun, AlertState, SavedOffer, SavedSearch
from offers.feed import feed_horizon
from offers.forms import OfferSearchForm, SearchParamsError, search_params_from_query
from offers.search.params import OfferSearchParams

logger = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 20
UNSUBSCRIBE_SALT = "candidates.alerts.unsubscribe"
# Links carry no timestamp (they never expire), so a digest sent again is the same message byte for
# byte; links mailed before that (signing.dumps, timestamped, UNSUBSCRIBE_SALT) still work.
_UNSUBSCRIBE_SIGNER = signing.Signer(salt=UNSUBSCRIBE_SALT + ".untimed")
# Every parameter of the search page but the page number: a saved search keeps them all.
SEARCH_FIELDS = tuple(name for name in OfferSearchForm.base_fields if name != "page")
MULTIPLE_FIELDS = frozenset(
    name
    for name, form_field in OfferSearchForm.base_fields.items()
    if isinstance(form_field, django_forms.MultipleChoiceField)
)


class SavedSearchError(ValueError):
    """A saved search was refused; `message` is French, `errors` maps search parameters to messages."""

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class InvalidUnsubscribeLink(ValueError):
    pass


# --- The query of a saved search ---------------------------------------------------------------


def search_query_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """The search parameters of a query (request.GET or a dict), validated; empty values dropped.

    Raises SavedSearchError with the search form's French messages when a value is invalid.
    """
    query: dict[str, Any] = {}
    for name in SEARCH_FIELDS:
        if hasattr(data, "getlist"):
            values = data.getlist(name)
        else:
            raw = data.get(name)
            values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
        values = [str(value) for value in values if str(value) != ""]
        if values:
            query[name] = values if name in MULTIPLE_FIELDS else values[-1]
    try:
        search_params_from_query(search_query_dict(query))
    except SearchParamsError as error:
        raise SavedSearchError(_("Cette recherche contient des filtres invalides."), errors=error.errors) from None
    return query


def search_query_dict(query: Mapping[str, Any]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in query.items():
        data.setlist(name, [str(item) for item in value] if isinstance(value, list) else [str(value)])
    return data


def search_params(search: SavedSearch) -> OfferSearchParams:
    """The saved query as search parameters; SearchParamsError if it no longer validates."""
    return search_params_from_query(search_query_dict(search.query))


def search_url(query: Mapping[str, Any], *, absolute: bool = False) -> str:
    path = reverse("offers:search") + ("?" + urlencode(query, doseq=True) if query else "")
    return settings.SITE_URL.rstrip("/") + path if absolute else path


# --- Reads ---------------------------------------------------------------------------------------


def saved_searches_for_user(*, user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(owner=user)


def saved_search_for_user(*, user: User, search_id: int) -> SavedSearch:
    """The user's own saved search; SavedSearch.DoesNotExist for anyone else's (a 404 in views)."""
    return SavedSearch.objects.get(owner=user, pk=search_id)


def alert_state_for_user(*, user: User) -> AlertState | None:
    return AlertState.objects.filter(user=user).first()


def _active_searches() -> Q:
    return Q(paused=False) & ~Q(frequency=AlertFrequency.NEVER)


def alert_states_due(*, horizon: int) -> list[AlertState]:
    """Alert states of candidates with something to be alerted about (saved searches, recommendations,
    saved offers that may close), last digest older than `horizon`.

    A snapshot to plan the run with; `alert_digest_deliver` reads the row again under its lock.
    """
    active = SavedSearch.objects.filter(_active_searches(), owner_id=OuterRef("user_id"))
    saved = SavedOffer.objects.filter(user_id=OuterRef("user_id"))
    return list(
        AlertState.objects.filter(daily_horizon__lt=horizon)
        .filter(Q(recommendations=True) | Exists(active) | Exists(saved))
        .only("user_id", "daily_horizon", "weekly_horizon", "weekly_done_at")
        .order_by("user_id")
    )


# --- Writes --------------------------------------------------------------------------------------


def alert_state_ensure(*, user: User) -> AlertState:
    """The candidate's alert state; a new one starts at the feed's current horizon (no backlog)."""
    horizon = feed_horizon()
    state, _created = AlertState.objects.get_or_create(
        user=user, defaults={"daily_horizon": horizon, "weekly_horizon": horizon}
    )
    return state


@transaction.atomic
def saved_search_create(*, user: User, name: str, query: Mapping[str, Any], frequency: str) -> SavedSearch:
    name = name.strip()[:100]
    if not name:
        raise SavedSearchError(_("Donnez un nom à cette recherche."))
    if frequency not in AlertFrequency.values:
        raise SavedSearchError(_("Fréquence d'alerte inconnue."))
    cleaned = search_query_clean(query)
    # Lock the candidate's row: two quick clicks cannot both pass the count.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if SavedSearch.objects.filter(owner=user).count() >= MAX_SAVED_SEARCHES:
        raise SavedSearchError(
            _("Vous avez déjà %(max)s recherches enregistrées : supprimez-en une d'abord.")
            % {"max": MAX_SAVED_SEARCHES}
        )
    alert_state_ensure(user=user)
    return SavedSearch.objects.create(owner=user, name=name, query=cleaned, frequency=frequency)


@transaction.atomic
def saved_search_update(
    *, user: User, search_id: int, name: str, frequency: str, paused: bool | None = None
) -> SavedSearch:
    search = SavedSearch.objects.select_for_update().get(owner=user, pk=search_id)
    name = name.strip()[:100]
    if not name:
        raise SavedSearchError(_("Donnez un nom à cette recherche."))
    if frequency not in AlertFrequency.values:
        raise SavedSearchError(_("Fréquence d'alerte inconnue."))
    was_active = search.alerts_active
    search.name, search.frequency = name, frequency
    if paused is not None:
        search.paused = paused
    if search.alerts_active and not was_active:
        search.alerts_since = timezone.now()
    search.save(update_fields=["name", "frequency", "paused", "alerts_since", "updated_at"])
    return search


@transaction.atomic
def saved_search_pause(*, user: User, search_id: int, paused: bool) -> SavedSearch:
    search = SavedSearch.objects.select_for_update().get(owner=user, pk=search_id)
    was_active = search.alerts_active
    search.paused = paused
    if search.alerts_active and not was_active:
        search.alerts_since = timezone.now()
    search.save(update_fields=["paused", "alerts_since", "updated_at"])
    return search


def saved_search_delete(*, user: User, search_id: int) -> bool:
    deleted, _rows = SavedSearch.objects.filter(owner=user, pk=search_id).delete()
    return bool(deleted)


@transaction.atomic
def alert_recommendations_set(*, user: User, enabled: bool) -> AlertState:
    state = alert_state_ensure(user=user)
    AlertState.objects.filter(pk=state.pk).update(recommendations=enabled, updated_at=timezone.now())
    state.recommendations = enabled
    return state


# --- One-click unsubscribe -----------------------------------------------------------------------


def unsubscribe_token(*, user_id: int, search_id: int | None = None) -> str:
    """A signed token for one search's alert, or (search_id None) for all of the candidate's alerts."""
    return _UNSUBSCRIBE_SIGNER.sign_object({"u": user_id, "s": search_id})


def unsubscribe_url(*, user_id: int, search_id: int | None = None) -> str:
    token = unsubscribe_token(user_id=user_id, search_id=search_id)
    return settings.SITE_URL.rstrip("/") + reverse("candidates:alerts_unsubscribe", args=[token])


@dataclass(frozen=True)
class UnsubscribeTarget:
    user_id: int
    search: SavedSearch | None  # None: every alert of the candidate


def unsubscribe_target(*, token: str) -> UnsubscribeTarget:
    """What a link unsubscribes from. Raises InvalidUnsubscribeLink when tampered with or stale."""
    try:
        payload = _UNSUBSCRIBE_SIGNER.unsign_object(token)
    except signing.BadSignature:
        try:
            payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        except signing.BadSignature:
            raise InvalidUnsubscribeLink(token) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise InvalidUnsubscribeLink(token)
    search_id = payload.get("s")
    if search_id is None:
        if not User.objects.filter(pk=payload["u"]).exists():
            raise InvalidUnsubscribeLink(token)
        return UnsubscribeTarget(user_id=payload["u"], search=None)
    search = SavedSearch.objects.filter(owner_id=payload["u"], pk=search_id).first()
    if search is None:
        raise InvalidUnsubscribeLink(token)
    return UnsubscribeTarget(user_id=payload["u"], search=search)


@transaction.atomic
def alerts_unsubscribe(*, token: str) -> UnsubscribeTarget:
    """Turn alerts off (idempotent: a second click changes nothing). Searches stay saved."""
    target = unsubscribe_target(token=token)
    searches = SavedSearch.objects.filter(owner_id=target.user_id)
    if target.search is not None:
        searches = searches.filter(pk=target.search.pk)
    else:
        AlertState.objects.filter(user_id=target.user_id).update(recommendations=False, updated_at=timezone.now())
    searches.exclude(frequency=AlertFrequency.NEVER).update(frequency=AlertFrequency.NEVER, updated_at=timezone.now())
    return target


# --- Delivery (called by matching.alerts) ----------------------------------------------------------


@dataclass(frozen=True)
class DigestWindow:
    """What one digest covers: offers created by transactions with from <= xid < horizon."""

    user_id: int
    daily_from: int
    weekly_from: int | None  # None: the weekly alerts are not due in this run
    horizon: int
    recommendations: bool
    searches: list[SavedSearch] = field(default_factory=list)


@dataclass(frozen=True)
class ComposedDigest:
    message: EmailMultiAlternatives
    offer_ids: list[int]


def week_start(moment: dt.datetime) -> dt.datetime:
    """Monday 00:00 (Europe/Paris) of the week of `moment`."""
    local = timezone.localtime(moment)
    monday = local.date() - dt.timedelta(days=local.weekday())
    return timezone.make_aware(dt.datetime.combine(monday, dt.time.min))


def alert_digest_deliver(
    *, user_id: int, horizon: int, now: dt.datetime, compose: Callable[[DigestWindow], ComposedDigest | None]
) -> str:
    """Send one candidate's digest for the window up to `horizon`, at most once.

    Returns "sent", "empty" (nothing new: the horizon moves, no mail), "done" (an earlier or
    concurrent run already covered this horizon) or "busy" (another worker holds the
    candidate right now; it will finish the job).

    The lock (SKIP LOCKED) and the horizon move are in the transaction that records the
    digest, committed right after the e-mail backend accepted the message. The one gap
    left is a crash between the backend's acceptance and that commit: the next run sends
    the digest again (nothing is lost). It carries the same Message-ID (named after the
    window's start, which the retry shares), so mail systems that collapse duplicates
    show it once.
    """
    with transaction.atomic():
        state = AlertState.objects.select_for_update(skip_locked=True).filter(user_id=user_id).first()
        if state is None:
            return "busy" if AlertState.objects.filter(user_id=user_id).exists() else "done"
        if state.daily_horizon >= horizon:
            return "done"
        weekly_due = state.weekly_done_at < week_start(now)
        searches = [
            search
            for search in SavedSearch.objects.filter(_active_searches(), owner_id=user_id).order_by("created_at", "id")
            if search.frequency == AlertFrequency.DAILY or weekly_due
        ]
        window = DigestWindow(
            user_id=user_id,
            daily_from=state.daily_horizon,
            weekly_from=state.weekly_horizon if weekly_due else None,
            horizon=horizon,
            recommendations=state.recommendations,
            searches=searches,
        )
        digest = compose(window)
        outcome = "empty"
        if digest is not None:
            # Named after where the window starts, which a retry shares (its end may have moved on).
            host = settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]
            digest.message.extra_headers["Message-ID"] = (
                f"<alert-{user_id}-{window.daily_from}-{window.weekly_from or 0}@{host}>"
            )
            digest.message.send()
            AlertDigest.objects.create(
                user_id=user_id,
                sent_at=now,
                daily_from=window.daily_from,
                weekly_from=window.weekly_from,
                horizon=horizon,
                offer_ids=digest.offer_ids,
                message_id=digest.message.extra_headers["Message-ID"],
            )
            outcome = "sent"
        state.daily_horizon = horizon
        fields = ["daily_horizon", "updated_at"]
        if weekly_due:
            state.weekly_horizon, state.weekly_done_at = horizon, now
            fields += ["weekly_horizon", "weekly_done_at"]
        state.save(update_fields=fields)
    return outcome


def alert_run_start(*, horizon: int, weekly: bool) -> AlertRun:
    return AlertRun.objects.create(horizon=horizon, weekly=weekly)


def alert_run_finish(*, run: AlertRun, counts: Mapping[str, int], errors: list[str]) -> AlertRun:
    for name in ("candidates", "sent", "empty", "skipped", "failed"):
        setattr(run, name, counts.get(name, 0))
    run.errors = "\n".join(errors)[:10_000]
    run.finished_at = timezone.now()
    run.save()
    return run


def candidate_emails(*, user_ids: list[int]) -> dict[int, str]:
    return dict(User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").values_list("pk", "email"))


def alert_settings(*, user: User) -> dict[str, Any]:
    """What the API shows of a candidate's alerts: the profile's recommendations on or off, how many
    saved searches send alerts, when the last e-mail went."""
    state = alert_state_for_user(user=user)
    last = AlertDigest.objects.filter(user=user).order_by("-sent_at").values_list("sent_at", flat=True).first()
    return {
        "recommendations": bool(state and state.recommendations),
        "searches_with_alerts": SavedSearch.objects.filter(owner=user).filter(_active_searches()).count(),
        "last_sent_at": last,
    }
