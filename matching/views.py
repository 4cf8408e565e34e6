"""Recommendation pages (HTMX): the candidate's best offers, each explained, with hide and save."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from candidates.selectors import profile_for_user, saved_offer_ids
from matching.drift import CENTROID_SHIFT_THRESHOLD, OCCUPATION_JS_THRESHOLD, drift_report
from matching.encoder import EmbeddingModelUnavailable
from matching.ranking import recommendations_for_profile
from matching.selectors import NoActiveEmbeddingModel, similar_offers
from matching.services import EmbeddingModelMismatch, hidden_offer_add
from matching.widenings import widenings_for_profile
from offers.models import Offer

PAGE_SIZE = 20
WIDEN_BELOW = 10  # fewer offers than this shown: say what would show more


def _wants_fragment(request: HttpRequest) -> bool:
    # A boosted link or a history restore needs the whole page; an htmx swap only the list.
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _render(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required
    profile = profile_for_user(user=user)
    context: dict[str, object] = {"profile": profile, "recommendations": [], "saved_ids": set()}
    if profile is None or not profile.profile_text.strip():
        context["empty_profile"] = True
    else:
        try:
            recommendations = recommendations_for_profile(profile=profile, k=PAGE_SIZE)
        except (NoActiveEmbeddingModel, EmbeddingModelUnavailable, EmbeddingModelMismatch):
            context["unavailable"] = True
        else:
            context["recommendations"] = recommendations
            # Fewer offers rather than unrelated ones, and what would show more.
            context["widenings"] = widenings_for_profile(profile=profile, shown=len(recommendations), k=WIDEN_BELOW)
            context["saved_ids"] = saved_offer_ids(user=user, offer_ids=[item.offer.pk for item in recommendations])
    template = "matching/recommendations.html#results" if _wants_fragment(request) else "matching/recommendations.html"
    return render(request, template, context)


@login_required
@require_safe
def recommendations_page(request: HttpRequest) -> HttpResponse:
    return _render(request)


@login_required
@require_POST
def hide_offer(request: HttpRequest, offer_id: int) -> HttpResponse:
    if not Offer.objects.filter(pk=offer_id).exists():
        raise Http404
    hidden_offer_add(user_id=int(request.user.pk or 0), offer_id=offer_id)
    if _wants_fragment(request):
        # The whole list again: the next best offer takes the hidden one's place.
        return _render(request)
    messages.success(request, _("Offre masquée : elle ne vous sera plus recommandée."))
    return redirect("matching:recommendations")


@require_safe
def similar_offers_fragment(request: HttpRequest, offer_id: int) -> HttpResponse:
    """ "Offres similaires": a fragment the offer page loads with hx-get (public, no account)."""
    return render(request, "matching/similar_offers.html", {"similar": similar_offers(offer_id=offer_id)})


@require_safe
@staff_member_required
def drift_fragment(request: HttpRequest) -> HttpResponse:
    """The drift report as a dashboard panel (loaded by the collection dashboard with htmx)."""
    report = drift_report()
    return render(
        request,
        "matching/_drift.html",
        {
            "report": report,
            # With no offer on one side there is nothing to compare: never reported as "Normal".
            "comparable": bool(report.recent_offers and report.reference_offers),
            "occupation_threshold": OCCUPATION_JS_THRESHOLD,
            "centroid_threshold": CENTROID_SHIFT_THRESHOLD,
        },
    )
