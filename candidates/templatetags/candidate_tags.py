"""`{% save_offer_button offer %}`: the bookmark button for result lists and offer pages.

Usage in any template (search results, offer detail, recommendations):

    {% load candidate_tags %}
    {% save_offer_button offer %}

Anonymous visitors get the button too; pressing it sends them to the login page.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from candidates.selectors import saved_offer_ids

register = template.Library()


@register.inclusion_tag("candidates/save_button.html", takes_context=True)
def save_offer_button(context: template.Context, offer: Any, title: str = "") -> dict[str, Any]:
    """`offer`: an Offer or its id; `title`: the offer's title when `offer` is an id (it makes each
    button's accessible name unique on a page of results)."""
    request = context.get("request")
    saved: set[int] = set()
    if request is not None and request.user.is_authenticated:
        # One query per page, not per button: a candidate's bookmarks are few.
        if not hasattr(request, "_saved_offer_ids"):
            request._saved_offer_ids = saved_offer_ids(user=request.user)
        saved = request._saved_offer_ids
    offer_id = getattr(offer, "pk", offer)
    return {
        "request": request,
        "offer_id": offer_id,
        "offer_title": title or getattr(offer, "title", ""),
        # Reversed once here rather than twice in the template: a result page holds 20 buttons.
        "toggle_url": reverse("candidates:saved_offer_toggle", args=[offer_id]),
        "saved": offer_id in saved,
        "csrf_token": context.get("csrf_token"),
    }
