"""Autocomplete for the keyword field and /competences/: job titles and occupations."""

from __future__ import annotations

from offers.catalogue import recent_offers
from offers.models import Occupation, OfferStatus
from offers.search.vocabulary import title_suggestions


def job_title_suggestions(text: str, *, limit: int = 8) -> list[str]:
    """Autocomplete for keywords: ROME job titles (accent-insensitive prefixes), then recent offer titles."""
    if len(text.strip()) < 2:
        return []
    labels = title_suggestions(text, limit=limit)
    if len(labels) < limit:
        titles = (
            recent_offers()
            .filter(status=OfferStatus.OPEN, title__istartswith=text.strip())
            .values_list("title", flat=True)
            .distinct()[: limit - len(labels)]
        )
        labels += [title for title in titles if title not in labels]
    return labels


def occupation_suggestions(text: str, *, limit: int = 10) -> list[Occupation]:
    """Autocomplete for /competences/: occupations by label, code or one of their job titles."""
    text = text.strip()
    if len(text) < 2:
        return []
    if len(text) == 5 and text[0].isalpha() and text[1:].isdigit():
        return list(Occupation.objects.filter(code=text.upper()))
    direct = list(Occupation.objects.filter(label__icontains=text).order_by("label")[:limit])
    if len(direct) < limit:
        via_titles = (
            Occupation.objects.filter(titles__label__icontains=text)
            .exclude(code__in=[occupation.code for occupation in direct])
            .distinct()
            .order_by("label")[: limit - len(direct)]
        )
        direct += list(via_titles)
    return direct
