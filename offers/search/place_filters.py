"""A place in SQL: which offers it holds, and how far each one is from its centre.

Without a radius a place holds the offers filed under it (INSEE codes; the postcode or
the town name for offers that carry no INSEE code; a département; a région's
départements). With a radius: the offers whose coordinates lie in the circle, and the
offers placed at département level only (no coordinates) whose département the circle
reaches: their distance is unknown, so they come after the located ones.
"""

from __future__ import annotations

import math

from django.db.models import BooleanField, FloatField, Q
from django.db.models.expressions import RawSQL

from offers.geography.gazetteer import EARTH_RADIUS_KM
from offers.geography.loading import gazetteer
from offers.search.places import Place, PlaceKind

# A condition no offer meets, that still compiles to SQL (Q(pk__in=[]) does not).
_NOTHING = Q(RawSQL("false", [], output_field=BooleanField()))
_HAVERSINE = (
    "2 * %s * asin(sqrt(power(sin(radians(offers_offer.latitude - %s) / 2), 2)"
    " + cos(radians(%s)) * cos(radians(offers_offer.latitude))"
    " * power(sin(radians(offers_offer.longitude - %s) / 2), 2)))"
)


def distance_expression(place: Place) -> RawSQL:
    """Kilometres from the place's centre (NULL for an offer without coordinates)."""
    return RawSQL(
        _HAVERSINE, [EARTH_RADIUS_KM, place.latitude, place.latitude, place.longitude], output_field=FloatField()
    )


def circle_condition(latitude: float, longitude: float, radius_km: float) -> Q:
    """Offers whose coordinates lie within `radius_km`: bounding box first (indexed), then the distance."""
    lat_delta = radius_km / 111.2
    lon_delta = radius_km / max(111.2 * math.cos(math.radians(latitude)), 1e-6)
    box = Q(latitude__gte=latitude - lat_delta, latitude__lte=latitude + lat_delta) & Q(
        longitude__gte=longitude - lon_delta, longitude__lte=longitude + lon_delta
    )
    within = RawSQL(
        f"{_HAVERSINE} <= %s",
        [EARTH_RADIUS_KM, latitude, latitude, longitude, radius_km],
        output_field=BooleanField(),
    )
    return box & Q(within)


class PlacePart:
    """With a radius, which offers of the place: all, those in the circle, those of unknown distance."""

    ALL = "all"
    LOCATED = "located"
    UNLOCATED = "unlocated"


def place_condition(place: Place, radius_km: int | None, *, part: str = PlacePart.ALL) -> Q:
    """The offers a place holds (see the module docstring); `part` splits a radius search in two."""
    if place.kind == PlaceKind.FRANCE:
        return Q()
    if place.kind == PlaceKind.NOWHERE:
        return _NOTHING
    if radius_km and place.located:
        circle = circle_condition(place.latitude, place.longitude, radius_km)  # type: ignore[arg-type]
        if part == PlacePart.LOCATED:
            return circle
        reached = gazetteer().departements_reached(place.latitude, place.longitude, radius_km)  # type: ignore[arg-type]
        # Indexed by offer_status_departement_unlocated (offers migration 0016).
        unlocated = Q(latitude__isnull=True, departement__in=sorted(reached))
        return unlocated if part == PlacePart.UNLOCATED else circle | unlocated
    if place.kind == PlaceKind.REGION:
        return Q(departement__in=place.departements)
    if place.kind == PlaceKind.DEPARTEMENT:
        return Q(departement=place.departement)
    condition = Q()
    if place.insee_codes:
        condition |= Q(commune_insee__in=place.insee_codes)
    if place.postcodes:
        condition |= Q(commune_insee="", postcode__in=place.postcodes)
    if place.city_names:
        condition |= Q(commune_insee="", city__in=place.city_names)
    return condition or _NOTHING


def has_unknown_distances(place: Place | None, radius_km: int | None) -> bool:
    """Whether the results may hold offers whose distance is unknown (a radius reaching départements)."""
    return bool(place is not None and radius_km and place.located)
