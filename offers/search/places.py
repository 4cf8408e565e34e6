"""What the place field means, as people write it.

"Paris" is the whole city (its arrondissements included); "Paris 19e", "Paris 19", "PARIS 19",
"Paris XIXe", "75019" and "Lyon 3e" are one arrondissement; "34", "Hérault", "Loire-Atlantique"
a département; "Occitanie", "PACA" a région, and "Rhône-Alpes", "Alsace", "DOM" their
départements; "France entière" no place at all; "34000" the communes of a postcode;
"Montpellier (34)", "Montpellier 34000" a commune. Case, accents, hyphens, apostrophes,
"St"/"Saint", "Cedex" and a commune's article ("Isle-sur-la-Sorgue") do not matter.
Look-ups use the gazetteer (`offers.geography`): the communes when loaded, otherwise the
project's lists and, for a town the lists do not know, what the offers carry. Anything else
is `PlaceNotFound`, with the closest names to propose: never silently "all of France".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, BooleanField, Count
from django.db.models.expressions import RawSQL

from offers.catalogue import recent_offers
from offers.feed import offer_data_version
from offers.geography.gazetteer import (
    Area,
    CommunePlace,
    Gazetteer,
    area_named,
    departement_code,
    departement_named,
    departements,
    region_named,
    regions,
)
from offers.geography.loading import gazetteer
from offers.geography.names import place_key
from offers.models import Offer, OfferStatus


class PlaceKind:
    FRANCE = "france"
    REGION = "region"
    DEPARTEMENT = "departement"
    CITY = "city"  # a commune with arrondissements (Paris, Lyon, Marseille): all of them
    COMMUNE = "commune"
    ARRONDISSEMENT = "arrondissement"
    POSTCODE = "postcode"
    NOWHERE = "nowhere"  # what the user typed could not be read: no offer


@dataclass(frozen=True)
class Place:
    """A resolved place, with what the search filters on."""

    kind: str  # a PlaceKind
    label: str
    departement: str = ""
    region: str = ""
    departements: tuple[str, ...] = ()  # a région: its départements
    insee_codes: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()  # offers without an INSEE code match by postcode
    city_names: tuple[str, ...] = ()  # ... or, for a town only the offers know, by these spellings
    latitude: float | None = None
    longitude: float | None = None
    others: tuple[str, ...] = ()  # other communes of the same name ("Saint-Denis (974)")

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_everywhere(self) -> bool:
        return self.kind == PlaceKind.FRANCE


class PlaceNotFound(LookupError):
    """Nothing of that name; `suggestions` are the closest known names (labels to propose)."""

    def __init__(self, text: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions


FRANCE_KEYS = frozenset({"france", "france entiere", "toute la france", "partout", "partout en france", "toute france"})
FRANCE = Place(kind=PlaceKind.FRANCE, label="France entière")
NOWHERE = Place(kind=PlaceKind.NOWHERE, label="")
_HINT = re.compile(r"^(?P<name>.*?)\s*\((?P<hint>[^()]*)\)\s*$")
_POSTCODE = re.compile(r"^\d{5}$")
_DEPARTEMENT = re.compile(r"^(?:\d{1,3}|2a|2b)$")
SUGGESTION_CUTOFF = 80


def place_resolve(text: str) -> Place:
    """Turn what the user typed into a Place. Raises PlaceNotFound (with suggestions)."""
    raw = " ".join(text.split())
    key = place_key(raw)
    if not key:
        raise PlaceNotFound(raw)
    if key in FRANCE_KEYS:
        return FRANCE
    places = gazetteer()
    name, hint = raw, ""
    hinted = _HINT.match(raw)
    if hinted:
        name, hint = hinted.group("name"), place_key(hinted.group("hint"))
    elif "," in raw:
        name, _, hint = raw.partition(",")  # "Montpellier, Hérault", "Lunel, 34" (Adzuna's display name)
        hint = place_key(hint)
    arrondissement = places.arrondissement(name)
    if arrondissement is not None:
        return _commune_place(places, arrondissement)
    words = place_key(name).split()
    postcode = hint if _POSTCODE.match(hint) else ""
    departement = departement_code(hint) if _DEPARTEMENT.match(hint) else departement_named(hint)
    # "34000 Montpellier", "Montpellier 34000", "Montpellier 34": numbers around a name.
    for index in (-1, 0):
        if len(words) > 1 and _POSTCODE.match(words[index]) and not postcode:
            postcode = words.pop(index)
        elif len(words) > 1 and _DEPARTEMENT.match(words[index]) and not departement:
            departement = departement_code(words[index])
            words.pop(index)
    name_key = " ".join(words)
    region_hint = region_named(hint) if hint and not (postcode or departement) else ""
    if hint and not (postcode or departement or region_hint):
        raise PlaceNotFound(raw, _suggestions(places, name_key))
    if _POSTCODE.match(name_key):
        return _postcode_place(places, name_key, raw)
    if _DEPARTEMENT.match(name_key):
        if not departement_code(name_key) and (area := area_named(name_key)):
            return _area_place(area)  # "20": Corsica's former number
        return _departement_place(departement_code(name_key), raw)
    if not departement and not postcode:
        region = region_named(name_key)
        if region:
            return _region_place(region)
        area = area_named(name_key)
        if area is not None:
            return _area_place(area)  # "Rhône-Alpes", "Alsace", "DOM"
        named = departement_named(name_key)
        if named and not places.named(name_key, departement=named):
            # "Hérault", "Vienne" (the département; "Vienne (38)" is proposed); "Paris" is the city.
            others = tuple(commune.label for commune in places.named(name_key))
            return _departement_place(named, raw, others=others)
    communes = places.named(name_key, departement=departement or _departement_of_postcode(places, postcode))
    if postcode:
        communes = [commune for commune in communes if postcode in commune.postcodes] or communes
    if region_hint:
        communes = [commune for commune in communes if commune.region == region_hint]
    if communes:
        chosen = _most_offered(communes)
        part = next((p for p in places.arrondissements_of(chosen.insee) if postcode in p.postcodes), None)
        if part is not None:
            return _commune_place(places, part)  # "Paris 75019", "Lyon (69003)"
        others = tuple(commune.label for commune in places.named(name_key) if commune is not chosen)
        return _commune_place(places, chosen, others=others if not (departement or postcode or region_hint) else ())
    found = _place_from_offers(name=name_key, departement=departement, raw=raw)
    if found is None:
        raise PlaceNotFound(raw, _suggestions(places, name_key))
    return found


def _departement_of_postcode(places: Gazetteer, postcode: str) -> str:
    communes = places.with_postcode(postcode) if postcode else []
    return communes[0].departement if communes else ""


def _commune_place(places: Gazetteer, commune: CommunePlace, *, others: tuple[str, ...] = ()) -> Place:
    parts = places.arrondissements_of(commune.insee)
    if parts:
        # The city means all of it: its own code (offers filed under the city) and its arrondissements'.
        return Place(
            kind=PlaceKind.CITY, label=commune.label, departement=commune.departement, region=commune.region,
            insee_codes=(commune.insee, *(part.insee for part in parts)),
            postcodes=tuple(sorted({code for part in (commune, *parts) for code in part.postcodes})),
            latitude=commune.latitude, longitude=commune.longitude, others=others,
        )  # fmt: skip
    return Place(
        kind=PlaceKind.ARRONDISSEMENT if commune.city_insee else PlaceKind.COMMUNE,
        label=commune.label, departement=commune.departement, region=commune.region,
        insee_codes=(commune.insee,), postcodes=commune.postcodes,
        latitude=commune.latitude, longitude=commune.longitude, others=others,
    )  # fmt: skip


def _departement_place(code: str, raw: str, *, others: tuple[str, ...] = ()) -> Place:
    found = departements().get(code)
    if found is None:
        raise PlaceNotFound(raw)
    return Place(kind=PlaceKind.DEPARTEMENT, label=found.label, departement=code, region=found.region, others=others)


def _region_place(code: str) -> Place:
    return Place(
        kind=PlaceKind.REGION,
        label=regions()[code].name,
        region=code,
        departements=tuple(sorted(d.code for d in departements().values() if d.region == code)),
    )


def _area_place(area: Area) -> Place:
    """A former région ("Midi-Pyrénées") or "Outre-mer": searched as its départements, like a région."""
    return Place(kind=PlaceKind.REGION, label=area.name, region=area.region, departements=area.departements)


def _postcode_place(places: Gazetteer, postcode: str, raw: str) -> Place:
    communes = places.with_postcode(postcode)
    if len(communes) == 1 and (communes[0].city_insee or places.arrondissements_of(communes[0].insee)):
        return _commune_place(places, communes[0])  # "75019": Paris 19e; "69003": Lyon 3e
    if communes:
        first = communes[0]
        located = [c for c in communes if c.located]
        return Place(
            kind=PlaceKind.POSTCODE,
            label=f"{postcode} ({', '.join(c.name for c in communes[:3])}{'…' if len(communes) > 3 else ''})",
            departement=first.departement,
            region=first.region,
            insee_codes=tuple(c.insee for c in communes),
            postcodes=(postcode,),
            latitude=sum(c.latitude for c in located) / len(located) if located else None,  # type: ignore[misc]
            longitude=sum(c.longitude for c in located) / len(located) if located else None,  # type: ignore[misc]
        )
    by_insee = places.commune(postcode)
    if by_insee is not None:
        return _commune_place(places, by_insee)  # an INSEE code typed as such ("34172")
    located = Offer.objects.filter(postcode=postcode).aggregate(
        n=Count("id"), lat=Avg("latitude"), lon=Avg("longitude")
    )
    if not located["n"]:
        raise PlaceNotFound(raw)
    return Place(
        kind=PlaceKind.POSTCODE, label=postcode, postcodes=(postcode,),
        latitude=located["lat"], longitude=located["lon"],
    )  # fmt: skip


def _most_offered(communes: list[CommunePlace]) -> CommunePlace:
    """Among homonyms ("Saint-Denis"), the one with the most open offers (then the first by INSEE code)."""
    if len(communes) == 1:
        return communes[0]
    codes = [commune.insee for commune in communes]
    identity = repr(("homonyms", codes, offer_data_version()))
    key = "offers:place:" + hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()
    counts = cache.get(key)
    if counts is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT commune_insee, count(*) FROM (SELECT commune_insee FROM offers_offer"
                " WHERE commune_insee = ANY(%s) AND status = %s LIMIT 20000) AS o GROUP BY 1",
                [codes, OfferStatus.OPEN],
            )
            counts = dict(cursor.fetchall())
        cache.set(key, counts, settings.SEARCH_CACHE_SECONDS)
    return max(communes, key=lambda commune: (counts.get(commune.insee, 0), -codes.index(commune.insee)))


def _suggestions(places: Gazetteer, name_key: str) -> tuple[str, ...]:
    """The closest known names to a misspelt place ("Montpelier" -> "Montpellier (34)")."""
    if len(name_key) < 3:
        return ()
    from rapidfuzz import fuzz, process

    labels: dict[str, str] = {}
    for code, region in regions().items():
        labels.setdefault(place_key(region.name), regions()[code].name)
    for departement in departements().values():
        labels.setdefault(place_key(departement.name), departement.label)
    for key, communes in places.names():
        labels.setdefault(key, communes[0].label if len(communes) == 1 else communes[0].name)
    found = process.extract(name_key, labels.keys(), scorer=fuzz.ratio, limit=5, score_cutoff=SUGGESTION_CUTOFF)
    return tuple(labels[match] for match, _, _ in found)


# --- Towns only the offers know --------------------------------------------------------------------

_PLACE_NOT_FOUND = "not found"


def _place_from_offers(*, name: str, departement: str, raw: str) -> Place | None:
    """A town the gazetteer does not know (no communes loaded), from the offers that name it.

    Scanning recent offers costs tens of milliseconds at a million offers, and the same
    few such names come back all day: the answer (found or not) is kept in the cache
    until the offers change.
    """
    identity = repr((name, departement, offer_data_version()))
    key = "offers:place:" + hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _place_from_recent_offers(name=name, departement=departement) or _PLACE_NOT_FOUND
        cache.set(key, found, settings.SEARCH_CACHE_SECONDS)
    return None if found == _PLACE_NOT_FOUND else found


def _place_from_recent_offers(*, name: str, departement: str) -> Place | None:
    # Offers whose city has the same key (a bounded sample; its first letters narrow it in SQL).
    if not name.split():  # nothing left of the text once folded (punctuation, symbols)
        return None
    first = name.split()[0]
    prefix = "s" if first in ("saint", "sainte") else first[:2]
    candidates = recent_offers().filter(
        RawSQL("lower(jm_unaccent(offers_offer.city)) LIKE %s", [prefix + "%"], output_field=BooleanField())
    )
    if departement:
        candidates = candidates.filter(departement=departement)
    rows = list(candidates.values("city", "postcode", "commune_insee", "departement", "latitude", "longitude")[:2000])
    rows = [row for row in rows if place_key(row["city"]) == name]
    if not rows:
        return None
    located = [
        (float(row["latitude"]), float(row["longitude"]))
        for row in rows
        if row["latitude"] is not None and row["longitude"] is not None
    ]
    return Place(
        kind=PlaceKind.COMMUNE,
        label=f"{rows[0]['city']} ({rows[0]['departement']})" if rows[0]["departement"] else rows[0]["city"],
        departement=rows[0]["departement"],
        insee_codes=tuple(sorted({row["commune_insee"] for row in rows if row["commune_insee"]})),
        postcodes=tuple(sorted({row["postcode"] for row in rows if row["postcode"]})),
        city_names=tuple(sorted({row["city"] for row in rows})),
        latitude=sum(lat for lat, _ in located) / len(located) if located else None,
        longitude=sum(lon for _, lon in located) / len(located) if located else None,
    )
