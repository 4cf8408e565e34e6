"""What the place field means: a commune, a postcode or a département, and its SQL condition."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, BooleanField, Case, Count, F, Func, IntegerField, Q, When
from django.db.models.expressions import RawSQL

from offers.catalogue import recent_offers
from offers.feed import offer_data_version
from offers.models import Commune, Offer, OfferStatus
from offers.reference_data import normalize_place_name

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Place:
    """A resolved place: one commune (with coordinates when known), a postcode, or a département."""

    kind: str  # "commune", "postcode" or "departement"
    label: str
    departement: str = ""
    insee_codes: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    city_names: tuple[str, ...] = ()  # folded names, for offers that carry no INSEE code
    latitude: float | None = None
    longitude: float | None = None


class PlaceNotFound(LookupError):
    pass


def _departement_of(code: str) -> str:
    code = code.upper()
    if code.isdigit() and len(code) == 1:
        return f"0{code}"
    return code


def place_resolve(text: str) -> Place:
    """Turn what the user typed ("Montpellier", "Montpellier (34)", "34000", "34", "2A") into a Place.

    Uses the communes referential when loaded, otherwise what the offers carry.
    Raises PlaceNotFound when nothing matches.
    """
    text = text.strip()
    raw = text
    departement_hint = ""
    if text.endswith(")") and "(" in text:
        text, _, hint = text[:-1].rpartition("(")
        text, departement_hint = text.strip(), hint.strip().upper()
    compact = text.replace(" ", "")
    if compact.isdigit() and len(compact) == 5:
        return _place_from_postcode(compact)
    if (compact.isdigit() and len(compact) in (1, 2, 3)) or compact.upper() in ("2A", "2B"):
        departement = _departement_of(compact)
        if not Commune.objects.filter(departement=departement).exists() and not (
            Offer.objects.filter(departement=departement).exists()
        ):
            raise PlaceNotFound(raw)
        return Place(kind="departement", label=departement, departement=departement)
    name = normalize_place_name(text)
    if not name:
        raise PlaceNotFound(raw)
    communes = Commune.objects.filter(normalized_name=name)
    if departement_hint:
        communes = communes.filter(departement=departement_hint)
    commune = communes.order_by("is_district", "insee_code").first()
    if commune is not None:
        return Place(
            kind="commune",
            label=f"{commune.name} ({commune.departement})",
            departement=commune.departement,
            insee_codes=(commune.insee_code,),
            postcodes=tuple(commune.postcodes),
            city_names=(name,),
            latitude=commune.latitude,
            longitude=commune.longitude,
        )
    return _place_from_offers(name=name, departement=departement_hint, raw=raw)


def _place_from_postcode(postcode: str) -> Place:
    commune = Commune.objects.filter(postcodes__contains=[postcode]).order_by("is_district", "insee_code").first()
    if commune is not None:
        return Place(
            kind="postcode",
            label=postcode,
            departement=commune.departement,
            insee_codes=tuple(
                Commune.objects.filter(postcodes__contains=[postcode]).values_list("insee_code", flat=True)
            ),
            postcodes=(postcode,),
            latitude=commune.latitude,
            longitude=commune.longitude,
        )
    located = Offer.objects.filter(postcode=postcode).aggregate(
        n=Count("id"), lat=Avg("latitude"), lon=Avg("longitude")
    )
    if not located["n"]:
        raise PlaceNotFound(postcode)
    return Place(
        kind="postcode", label=postcode, postcodes=(postcode,), latitude=located["lat"], longitude=located["lon"]
    )


_PLACE_NOT_FOUND = "not found"


def _place_from_offers(*, name: str, departement: str, raw: str) -> Place:
    """A place the referential does not know ("Paris 01", as France Travail writes it), from the offers.

    Scanning recent offers costs tens of milliseconds at a million offers, and the same
    few such names come back all day: the answer (found or not) is kept in the cache
    until the offers change.
    """
    city = raw.split("(")[0].strip()
    identity = repr((city.lower(), name, departement, offer_data_version()))
    key = "offers:place:" + hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()
    found = cache.get(key)
    if found is None:
        try:
            found = _place_from_recent_offers(name=name, departement=departement, city=city)
        except PlaceNotFound:
            found = _PLACE_NOT_FOUND
        cache.set(key, found, settings.SEARCH_CACHE_SECONDS)
    if found == _PLACE_NOT_FOUND:
        raise PlaceNotFound(raw)
    return found


def _place_from_recent_offers(*, name: str, departement: str, city: str) -> Place:
    # No referential entry: find offers whose city folds to the same name (a bounded sample).
    candidates = recent_offers().filter(city__iexact=city)
    if departement:
        candidates = candidates.filter(departement=departement)
    rows = list(candidates.values("city", "postcode", "commune_insee", "departement", "latitude", "longitude")[:500])
    rows = [row for row in rows if normalize_place_name(row["city"]) == name]
    if not rows:
        raise PlaceNotFound(city)
    located = [
        (float(row["latitude"]), float(row["longitude"]))
        for row in rows
        if row["latitude"] is not None and row["longitude"] is not None
    ]
    return Place(
        kind="commune",
        label=rows[0]["city"],
        departement=rows[0]["departement"],
        insee_codes=tuple(sorted({row["commune_insee"] for row in rows if row["commune_insee"]})),
        postcodes=tuple(sorted({row["postcode"] for row in rows if row["postcode"]})),
        city_names=(name,),
        latitude=sum(lat for lat, _ in located) / len(located) if located else None,
        longitude=sum(lon for _, lon in located) / len(located) if located else None,
    )


def place_suggestions(text: str, *, limit: int = 8) -> list[str]:
    """Autocomplete for the place field: communes (with département), postcodes, départements."""
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
    name = normalize_place_name(text)
    # Bigger towns first: the number of postcodes is a fair proxy for size here.
    communes = (
        Commune.objects.filter(normalized_name__startswith=name, is_district=False)
        .annotate(
            exact=Case(When(normalized_name=name, then=0), default=1, output_field=IntegerField()),
            size=Func(F("postcodes"), function="cardinality", output_field=IntegerField()),
        )
        .order_by("exact", "-size", "normalized_name", "departement")[:limit]
    )
    found = [f"{commune.name} ({commune.departement})" for commune in communes]
    if found:
        return found
    cities = (
        recent_offers()
        .filter(city__istartswith=text, status=OfferStatus.OPEN)
        .exclude(departement="")
        .values_list("city", "departement")
        .distinct()[:limit]
    )
    return [f"{city} ({departement})" for city, departement in cities]


def _radius_condition(place: Place, radius_km: int) -> Q:
    lat, lon = place.latitude, place.longitude
    assert lat is not None and lon is not None
    lat_delta = radius_km / 111.2
    lon_delta = radius_km / max(111.2 * math.cos(math.radians(lat)), 1e-6)
    # Bounding box first (indexed), then the exact great-circle distance.
    box = Q(latitude__gte=lat - lat_delta, latitude__lte=lat + lat_delta) & Q(
        longitude__gte=lon - lon_delta, longitude__lte=lon + lon_delta
    )
    haversine = RawSQL(
        "2 * %s * asin(sqrt(power(sin(radians(offers_offer.latitude - %s) / 2), 2)"
        " + cos(radians(%s)) * cos(radians(offers_offer.latitude))"
        " * power(sin(radians(offers_offer.longitude - %s) / 2), 2))) <= %s",
        [EARTH_RADIUS_KM, lat, lat, lon, radius_km],
        output_field=BooleanField(),
    )
    return box & Q(haversine)


def place_condition(place: Place, radius_km: int | None) -> Q:
    if radius_km and place.latitude is not None and place.longitude is not None:
        return _radius_condition(place, radius_km)
    if place.kind == "departement":
        return Q(departement=place.departement)
    condition = Q()
    if place.insee_codes:
        condition |= Q(commune_insee__in=place.insee_codes)
    if place.postcodes:
        # Offers without an INSEE code (Adzuna) fall back on their postcode.
        condition |= Q(commune_insee="", postcode__in=place.postcodes)
    return condition or Q(pk__in=[])
