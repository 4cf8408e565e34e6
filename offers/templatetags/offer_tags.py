"""Template filters that say an offer in words (see offers/display.py): `{% load offer_tags %}`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template

from offers import display

register = template.Library()


@register.filter
def departement_name(code: str) -> str:
    """`{{ "34"|departement_name }}` -> "Hérault"."""
    return display.departement_name(code or "")


@register.filter
def offer_place(offer: Any) -> str:
    """`{{ offer|offer_place }}` -> "Orléans (45100)", or "Hérault (34)" for a département-wide offer."""
    return display.place_of(offer)


@register.filter
def published_ago(moment: datetime | None) -> str:
    """`{{ offer.published_at|published_ago }}` -> "publiée il y a 3 jours"."""
    return display.published_ago(moment) if moment else ""


@register.filter
def is_new(moment: datetime | None) -> bool:
    return bool(moment) and display.is_new(moment)


@register.filter
def offer_label(offer: Any) -> str:
    """`{{ offer|offer_label }}` -> "Boulanger (H/F) — Boulangerie du Marché, Nancy (54000)": the title
    is not enough to tell twenty results apart (the same job title comes from many employers)."""
    return display.offer_label(offer)
