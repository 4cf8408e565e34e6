"""Autocomplete for the search fields and /competences/: places, job titles and occupations."""

from __future__ import annotations

from django.db.models import Case, F, Func, IntegerField, When

from offers.catalogue import recent_offers
from offers.geography.gazetteer import departements, regions
from offers.geography.names import place_key
from offers.models import Commune, Occupation, OfferStatus
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


def place_suggestions(text: str, *, limit: int = 8) -> list[str]:
    """Autocomplete for the place field: régions, départements, communes (with département), postcodes."""
    text = text.strip()
    if len(text) < 2:
        return []
    if text.isdigit():
        if len(text) <= 3:
            return [
                f"{commune.postcodes[0] if commune.postcodes else commune.insee_code} – {commune.name}"
                for commune in Commune.objects.filter(postcodes__0__startswith=text).order_by("name")[:limit]
            ] or sorted(
                set(recent_offers().filter(postcode__startswith=text).values_list("postcode", flat=True)[:200])
            )[:limit]
        return [
            f"{commune.name} ({commune.departement})"
            for commune in Commune.objects.filter(postcodes__0__startswith=text).order_by("name")[:limit]
        ]
    name = place_key(text)
    found = [region.name for region in regions().values() if place_key(region.name).startswith(name)]
    found += [item.label for item in departements().values() if place_key(item.name).startswith(name)]
    communes = Commune.objects.filter(normalized_name__startswith=name)
    if not any(char.isdigit() for char in name):
        communes = communes.filter(is_district=False)  # "Paris 1" lists arrondissements, "Paris" the city
    # Bigger towns first: the number of postcodes is a fair proxy for size here.
    communes = communes.annotate(
        exact=Case(When(normalized_name=name, then=0), default=1, output_field=IntegerField()),
        size=Func(F("postcodes"), function="cardinality", output_field=IntegerField()),
    ).order_by("exact", "-size", "normalized_name", "departement")[:limit]
    found += [f"{commune.name} ({commune.departement})" for commune in communes if commune.name not in found]
    if len(found) < limit:
        cities = (
            recent_offers()
            .filter(city__istartswith=text, status=OfferStatus.OPEN)
            .exclude(departement="")
            .values_list("city", "departement")
            .distinct()[:limit]
        )
        found += [label for city, departement in cities if (label := f"{city} ({departement})") not in found]
    return found[:limit]
