"""Read-side queries on offers, shared by the pages, the API and the other apps.

Search in short: `OfferSearchParams` (validated by `offers.forms.OfferSearchForm`,
or built from a query dict by `offers.forms.search_params_from_query`) ->
`offer_search()` for a page of results and `offer_facets()` for the counts per
filter value. Every value reaches SQL as a query parameter; the only SQL text built
here is fixed, or a tsquery made of [a-z0-9] words (see offers.search_vocabulary).

How it stays fast at a million offers (bench/search.py measures it): each matching
row costs a heap visit, so no request reads more than COUNT_CAP of them. One
statement reads the first COUNT_CAP + 1 matches and returns the count, a page and
every facet (`_search_pass`); past the cap the total is the planner's estimate,
facets are scaled from that sample, relevance ranks the matches read (the newest ones
for very common words), and newest / best-paid pages come from index slices of the
whole order (`_sorted_page`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Avg, BooleanField, Case, Count, F, FloatField, Func, IntegerField, Q, QuerySet, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from offers.models import (
    Commune,
    ContractType,
    Occupation,
    OccupationSoftSkill,
    Offer,
    OfferSource,
    OfferStatus,
    Seniority,
    SoftSkill,
    Source,
)
from offers.reference_data import normalize_place_name
from offers.search_modes import SmartRanker, smart_ranker
from offers.search_vocabulary import ExpandedQuery, query_expand, title_suggestions, words_of


@dataclass(frozen=True)
class OfferCounts:
    open: int
    closed: int
    by_source: dict[str, int]


def offer_counts() -> OfferCounts:
    totals = Offer.objects.aggregate(
        open=Count("id", filter=Q(status=OfferStatus.OPEN)),
        closed=Count("id", filter=Q(status=OfferStatus.CLOSED)),
    )
    by_source = dict(
        OfferSource.objects.filter(offer__status=OfferStatus.OPEN)
        .values("source")
        .annotate(n=Count("offer", distinct=True))
        .values_list("source", "n")
    )
    return OfferCounts(open=totals["open"], closed=totals["closed"], by_source=by_source)


# --- Search parameters ----------------------------------------------------------------

PAGE_SIZE = 20
MAX_PAGES = 500
# Every matching row counted, ranked or faceted costs a heap visit; past these caps the
# page stays fast by estimating instead (PostgreSQL's planner estimate for the total,
# facets counted on a sample and scaled, relevance ranked among COUNT_CAP matches).
COUNT_CAP = 1_000
FACET_SAMPLE = 1_000
EARTH_RADIUS_KM = 6371.0


class SortOrder:
    RELEVANCE = "pertinence"
    NEWEST = "date"
    SALARY = "salaire"
    CHOICES = ((RELEVANCE, "Pertinence"), (NEWEST, "Plus récentes"), (SALARY, "Salaire le plus élevé"))


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


@dataclass(frozen=True)
class OfferSearchParams:
    """Everything a search can ask for. Build it with `offers.forms.search_params_from_query`.

    q: keywords (French full text, typo tolerant, job-title synonyms);
    place + radius_km: a resolved `Place` and an optional radius around its coordinates;
    contract_types / seniorities / sources: any of the listed values (OR within a filter);
    domain, rome_code: exact values; salary_min: annual EUR the offer's range must reach;
    remote: only offers allowing remote work; published_within_days: publication age;
    include_closed: closed offers too (default: open only); sort: a `SortOrder` value
    (relevance falls back to newest without keywords); page: 1-based;
    smart: "recherche intelligente", the offers passing the filters ranked by the meaning
    of `q` as well as its words (see offers/search_modes.py), at most SMART_LIMIT of them.
    """

    q: str = ""
    place: Place | None = None
    radius_km: int | None = None
    contract_types: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    domain: str = ""
    rome_code: str = ""
    salary_min: int | None = None
    remote: bool = False
    published_within_days: int | None = None
    sources: tuple[str, ...] = ()
    include_closed: bool = False
    sort: str = SortOrder.RELEVANCE
    page: int = 1
    smart: bool = False

    @property
    def effective_sort(self) -> str:
        if self.sort == SortOrder.RELEVANCE and not self.q.strip():
            return SortOrder.NEWEST
        return self.sort


@dataclass(frozen=True)
class OfferSearchResult:
    """One page of results.

    `total` is exact when `total_capped` is False; otherwise there are more than
    COUNT_CAP matches and `total` is the planner's estimate (at least COUNT_CAP), and
    relevance ranks COUNT_CAP of the matches (narrow the search to rank them all).
    """

    offers: list[Offer]
    total: int
    total_capped: bool
    page: int
    num_pages: int
    expanded: ExpandedQuery = field(default_factory=ExpandedQuery)
    count_cap: int = 0
    # Counts read with the page (see _search_pass), reused by offer_facets.
    facet_data: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def first_index(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class OfferFacets:
    """Counts per filter value over the current results.

    When there are more than FACET_SAMPLE matches, `sampled` is True: the counts were
    made on FACET_SAMPLE matches (`counted`) and scaled to the estimated total.
    """

    contract_types: list[FacetValue]
    seniorities: list[FacetValue]
    domains: list[FacetValue]
    rome_codes: list[FacetValue]
    sources: list[FacetValue]
    remote: int
    published_within: list[FacetValue]  # value = days
    salary_known: int
    counted: int
    sampled: bool
    departements: list[FacetValue] = field(default_factory=list)
    salary_minimums: list[FacetValue] = field(default_factory=list)  # value = annual EUR the range reaches


# --- Place resolution ------------------------------------------------------------------


RECENT_OFFERS_SCANNED = 50_000  # look-ups on unindexed text read at most this many recent offers


def _recent_offers() -> QuerySet[Offer]:
    """The most recent offers by id: a bounded (primary key range) scan, whatever the table size."""
    newest = Offer.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return Offer.objects.filter(id__gt=newest - RECENT_OFFERS_SCANNED)


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


def offer_data_version() -> int:
    """The head of the offer change log (filled by triggers, offers/migrations/0008).

    It moves whenever any offer is created, changed in a visible column, closed or
    deleted, whatever wrote it; reading it is a one-row index read. See
    offers/search_cache.py for what it may key and why.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM offers_offerchange")
        return int(cursor.fetchone()[0])


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
    candidates = _recent_offers().filter(city__iexact=city)
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
                set(_recent_offers().filter(postcode__startswith=text).values_list("postcode", flat=True)[:200])
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
        _recent_offers()
        .filter(city__istartswith=text, status=OfferStatus.OPEN)
        .exclude(departement="")
        .values_list("city", "departement")
        .distinct()[:limit]
    )
    return [f"{city} ({departement})" for city, departement in cities]


def job_title_suggestions(text: str, *, limit: int = 8) -> list[str]:
    """Autocomplete for keywords: ROME job titles (accent-insensitive prefixes), then recent offer titles."""
    if len(text.strip()) < 2:
        return []
    labels = title_suggestions(text, limit=limit)
    if len(labels) < limit:
        titles = (
            _recent_offers()
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


# --- Search ------------------------------------------------------------------------------


def _text_condition(expanded: ExpandedQuery) -> RawSQL | None:
    if expanded.is_empty:
        return None
    parts: list[str] = []
    params: list[Any] = []
    if expanded.groups:
        parts.append("offers_offer.search_vector @@ to_tsquery('french'::regconfig, %s)")
        params.append(expanded.tsquery)
    if expanded.rome_codes:
        parts.append("offers_offer.rome_code = ANY(%s)")
        params.append(list(expanded.rome_codes))
    return RawSQL("(" + " OR ".join(parts) + ")", params, output_field=BooleanField())


def _rank(expanded: ExpandedQuery) -> RawSQL:
    parts: list[str] = []
    params: list[Any] = []
    if expanded.groups:
        # search_head (title, skills) is small and stored inline: cheap to rank, unlike the full vector.
        parts.append("ts_rank(offers_offer.search_head, to_tsquery('french'::regconfig, %s))")
        params.append(expanded.tsquery)
    if expanded.rome_codes:
        # A ROME match the words did not make ranks after a good word match, before weak ones.
        parts.append("CASE WHEN offers_offer.rome_code = ANY(%s) THEN 0.05 ELSE 0 END")
        params.append(list(expanded.rome_codes))
    return RawSQL(" + ".join(parts) or "0", params, output_field=FloatField())


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


def _place_condition(place: Place, radius_km: int | None) -> Q:
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


def offer_filtered_queryset(params: OfferSearchParams, expanded: ExpandedQuery | None = None) -> QuerySet[Offer]:
    """Open (by default) offers matching every filter and the keywords, unordered."""
    expanded = expanded if expanded is not None else query_expand(params.q)
    offers = Offer.objects.all()
    if not params.include_closed:
        offers = offers.filter(status=OfferStatus.OPEN)
    text = _text_condition(expanded)
    if text is not None:
        offers = offers.filter(text)
    if params.place is not None:
        offers = offers.filter(_place_condition(params.place, params.radius_km))
    if params.contract_types:
        offers = offers.filter(contract_type__in=params.contract_types)
    if params.seniorities:
        offers = offers.filter(seniority__in=params.seniorities)
    if params.domain:
        offers = offers.filter(domain=params.domain)
    if params.rome_code:
        offers = offers.filter(rome_code=params.rome_code)
    if params.salary_min is not None:
        # An offer qualifies when the top of its range reaches the minimum asked
        # (the expression is indexed: offer_status_pay_top).
        offers = offers.alias(pay_top=_pay_top()).filter(pay_top__gte=params.salary_min)
    if params.remote:
        offers = offers.filter(remote=True)
    if params.published_within_days:
        offers = offers.filter(published_at__gte=timezone.now() - dt.timedelta(days=params.published_within_days))
    if params.sources:
        offers = offers.filter(sources__overlap=list(params.sources))
    return offers


_MATCH_COLUMNS = (
    "id", "published_at", "salary_min", "salary_max", "contract_type", "seniority", "domain", "rome_code",
    "rome_label", "remote", "sources", "departement",
)  # fmt: skip

_PAGE_ORDER = {
    "ranked": "rank DESC, published_at DESC, id DESC",
    SortOrder.NEWEST: "published_at DESC, id DESC",
    SortOrder.RELEVANCE: "published_at DESC, id DESC",
    SortOrder.SALARY: "coalesce(salary_max, salary_min) DESC NULLS LAST, published_at DESC, id DESC",
}


def _plan_for_search(cursor: Any) -> None:
    """Planner settings for the search statements (this transaction only).

    The text condition is a tsvector too large to live inline: a sequential scan
    detoasts it on every row, which the planner's cost model ignores and picks for
    common words. The GIN bitmap is always the better path here. JIT compilation
    costs more than these short statements ever gain from it.
    """
    # work_mem: keyword and range bitmaps of a million offers stay exact (lossy ones recheck every row).
    cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'")


def _search_pass(
    offers: QuerySet[Offer],
    expanded: ExpandedQuery,
    *,
    limit: int,
    order: str,
    page_start: int,
    page_size: int,
    newest_first: bool = False,
) -> dict[str, Any]:
    """Count, one page of ids and every facet over the first `limit` matches, in one statement.

    Each matching row is read once (into a materialised CTE) and the aggregates run
    inside PostgreSQL, so only a small JSON object travels back. With `newest_first`
    (for matches common enough that walking the publication-date index finds `limit`
    of them within a few thousand rows) the matches read are the newest ones.
    """
    values = offers.order_by("-published_at", "-id") if newest_first else offers.order_by()
    values = values.values(*_MATCH_COLUMNS)
    if not expanded.is_empty:
        values = values.annotate(rank=_rank(expanded))
    sql, params = values[:limit].query.sql_with_params()
    now = timezone.now()

    def grouped(column: str, *, where: str = "", top: int | None = None) -> str:
        limit_sql = f" ORDER BY 2 DESC, 1 LIMIT {top}" if top else ""
        return (
            f"(SELECT coalesce(json_agg(json_build_array(k, n, l)), '[]') FROM (SELECT {column} AS k, count(*) AS n,"
            f" max(rome_label) AS l FROM m {where} GROUP BY 1{limit_sql}) AS g)"
        )

    page_order = _PAGE_ORDER[order]
    sort_columns = "published_at, salary_min, salary_max" + (", rank" if not expanded.is_empty else "")
    statement = f"""
        WITH m AS MATERIALIZED ({sql})
        SELECT json_build_object(
            'n', (SELECT count(*) FROM m),
            'ids', (SELECT coalesce(json_agg(p.id ORDER BY p.o), '[]') FROM
                    (SELECT id, row_number() OVER (ORDER BY {page_order}) AS o
                     FROM (SELECT id, {sort_columns} FROM m LIMIT {int(limit) - 1}) AS r
                     ORDER BY {page_order} LIMIT {int(page_size)} OFFSET {int(page_start)}) AS p),
            'contract', {grouped("contract_type")},
            'seniority', {grouped("seniority")},
            'domain', {grouped("domain", where="WHERE domain <> ''", top=10)},
            'rome', {grouped("rome_code", where="WHERE rome_code <> ''", top=10)},
            'source', (SELECT coalesce(json_agg(json_build_array(k, n)), '[]') FROM
                       (SELECT src AS k, count(*) AS n FROM m, unnest(m.sources) AS src GROUP BY 1) AS g),
            'remote', (SELECT count(*) FROM m WHERE remote),
            'salary', (SELECT count(*) FROM m WHERE salary_min IS NOT NULL OR salary_max IS NOT NULL),
            'departement', {grouped("departement", where="WHERE departement <> ''", top=10)},
            'pay', (SELECT json_build_array(
                count(*) FILTER (WHERE coalesce(salary_max, salary_min) >= 20000),
                count(*) FILTER (WHERE coalesce(salary_max, salary_min) >= 30000),
                count(*) FILTER (WHERE coalesce(salary_max, salary_min) >= 40000),
                count(*) FILTER (WHERE coalesce(salary_max, salary_min) >= 50000)) FROM m),
            'd1', (SELECT count(*) FROM m WHERE published_at >= %s),
            'd7', (SELECT count(*) FROM m WHERE published_at >= %s),
            'd30', (SELECT count(*) FROM m WHERE published_at >= %s)
        )
    """
    with transaction.atomic(), connection.cursor() as cursor:
        _plan_for_search(cursor)
        if expanded.groups and not newest_first:
            # Keywords: read matches through the GIN bitmap. Walking some btree index of
            # all open offers instead (the planner's pick for common words, expecting
            # matches to be spread evenly along it) can test a hundred thousand rows.
            cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(
            statement,
            [*params, now - dt.timedelta(days=1), now - dt.timedelta(days=7), now - dt.timedelta(days=30)],
        )
        (data,) = cursor.fetchone()
    return json.loads(data) if isinstance(data, str) else data


def _pay_top() -> Coalesce:
    return Coalesce("salary_max", "salary_min")  # the indexed expression (offer_status_pay_top_desc)


def _ordered(offers: QuerySet[Offer], sort: str) -> QuerySet[Offer]:
    if sort == SortOrder.SALARY:
        # The top of the range first, offers without a salary last.
        return offers.alias(pay_top=_pay_top()).order_by(F("pay_top").desc(nulls_last=True), "-published_at", "-id")
    return offers.order_by("-published_at", "-id")


# Slices of the newest / best-paid end of the order: each is a prefix of the whole order.
_NEWEST_WINDOWS_DAYS = (1, 3, 10, 30)
_SALARY_WINDOWS = (80_000, 50_000, 35_000, 20_000)


SORT_INDEX_WALK_SHARE = 0.05  # above this share of all offers, a sort index walk finds a page fast
COMMON_MATCH_SHARE = 0.3  # above this share, the matches read are the newest (date index walk)
_table_rows: dict[str, tuple[float, float]] = {}


def _offer_table_rows() -> float:
    """PostgreSQL's own estimate of the offers table size (refreshed every minute)."""
    cached = _table_rows.get("offers")
    if cached is not None and time.monotonic() - cached[1] < 60:
        return cached[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT greatest(reltuples, 1) FROM pg_class WHERE oid = 'offers_offer'::regclass")
        (rows,) = cursor.fetchone()
    _table_rows["offers"] = (float(rows), time.monotonic())
    return float(rows)


def _is_common(estimate: int) -> bool:
    """Matches dense enough that the newest COUNT_CAP are found by walking the date index."""
    return estimate > COUNT_CAP and estimate >= COMMON_MATCH_SHARE * _offer_table_rows()


def _sorted_page(offers: QuerySet[Offer], sort: str, start: int, size: int, *, total: int) -> list[int]:
    """One page of ids in newest or best-paid order over a large result set.

    Sorting every match would read each of them. Instead the page is looked for in
    growing slices of the order (published in the last day, 3, 10, 30; paid 80 k€ or
    more, 50 k€...), each an index range that PostgreSQL intersects with the keyword
    bitmap; the first slice holding the whole page gives it, since a slice is a
    prefix of the order.
    """
    now = timezone.now()
    if sort == SortOrder.SALARY:
        windows: list[Q] = [Q(pay_top__gte=amount) for amount in _SALARY_WINDOWS]
        offers = offers.alias(pay_top=_pay_top())
    else:
        windows = [Q(published_at__gte=now - dt.timedelta(days=days)) for days in _NEWEST_WINDOWS_DAYS]
    ordered = _ordered(offers, sort)
    with transaction.atomic(), connection.cursor() as cursor:
        _plan_for_search(cursor)
        if total >= SORT_INDEX_WALK_SHARE * _offer_table_rows():
            # One offer in twenty or more matches: walking the sort index finds a page
            # within a few hundred rows, which PostgreSQL's plan does by itself.
            return list(ordered.values_list("id", flat=True)[start : start + size])
        # Rarer matches: walking the sort index would test the (out of line) keyword
        # vector of many rows; intersect bitmaps instead and sort the few rows of a slice.
        cursor.execute("SET LOCAL enable_indexscan = off")
        for window in windows:
            ids = list(ordered.filter(window).values_list("id", flat=True)[start : start + size])
            if len(ids) == size:
                return ids
        return list(ordered.values_list("id", flat=True)[start : start + size])


def _estimated_count(offers: QuerySet[Offer]) -> int:
    """The planner's row estimate (no row is read): what "environ N offres" shows for huge results."""
    sql, params = offers.values("id").order_by().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        _plan_for_search(cursor)
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def offer_search(*, params: OfferSearchParams, expanded: ExpandedQuery | None = None) -> OfferSearchResult:
    """One page of results. `expanded`: `query_expand(params.q)` when the caller already has it."""
    ranker = smart_ranker() if params.smart and params.q.strip() else None
    if ranker is not None:
        return _smart_search(params, ranker)
    expanded = expanded if expanded is not None else query_expand(params.q)
    offers = offer_filtered_queryset(params, expanded)
    sort = params.effective_sort
    ranked = sort == SortOrder.RELEVANCE and not expanded.is_empty
    page = max(params.page, 1)
    start = (page - 1) * PAGE_SIZE
    if start >= COUNT_CAP and ranked:
        page, start = 1, 0
    estimate = _estimated_count(offers)
    found = _search_pass(
        offers, expanded, limit=COUNT_CAP + 1, order="ranked" if ranked else sort, page_start=start,
        page_size=PAGE_SIZE, newest_first=_is_common(estimate),
    )  # fmt: skip
    capped = found["n"] > COUNT_CAP
    total = max(estimate, COUNT_CAP + 1) if capped else found["n"]
    # Relevance pages through the matches it ranked; newest and best paid through all
    # (the total is then an estimate: a last page may come out short).
    pageable = min(total, COUNT_CAP) if ranked or not capped else min(total, MAX_PAGES * PAGE_SIZE)
    num_pages = max(1, math.ceil(pageable / PAGE_SIZE))
    if page > num_pages:
        # Past the last page: show the last one.
        return offer_search(params=replace(params, page=num_pages), expanded=expanded)
    # Every match was read (or, past the cap, relevance ranked the COUNT_CAP read)...
    ids = found["ids"]
    if capped and not ranked:
        # ...but newest or best paid must be among all matches, not only those read.
        ids = _sorted_page(offers, sort, start, PAGE_SIZE, total=total)
    by_id = Offer.objects.defer("description").in_bulk(ids)
    return OfferSearchResult(
        offers=[by_id[pk] for pk in ids if pk in by_id],
        total=total,
        total_capped=capped,
        page=page,
        num_pages=num_pages,
        expanded=expanded,
        count_cap=COUNT_CAP,
        facet_data=found,
    )


# Smart mode ranks by meaning, so every filtered offer is a candidate: show the best ones only.
SMART_LIMIT = 200


def _smart_search(params: OfferSearchParams, ranker: SmartRanker) -> OfferSearchResult:
    candidates = offer_filtered_queryset(replace(params, q=""), ExpandedQuery())
    ids = ranker(params.q, candidates, SMART_LIMIT)
    num_pages = max(1, math.ceil(len(ids) / PAGE_SIZE))
    page = min(max(params.page, 1), num_pages)
    page_ids = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    by_id = Offer.objects.defer("description").in_bulk(page_ids)
    return OfferSearchResult(
        offers=[by_id[pk] for pk in page_ids if pk in by_id],
        total=len(ids),
        total_capped=False,
        page=page,
        num_pages=num_pages,
        count_cap=SMART_LIMIT,
    )


def offer_facets(*, params: OfferSearchParams, result: OfferSearchResult | None = None) -> OfferFacets:
    """Counts per value of every filter over the current results.

    Pass the `offer_search` result of the same params to reuse what it read (no
    second query). Past FACET_SAMPLE matches the counts are made on a sample and
    scaled to the estimated total (`sampled`).
    """
    if params.smart and params.q.strip() and smart_ranker() is not None:
        # Smart mode ranks every offer passing the filters: count over those, not the keyword matches.
        params, result = replace(params, q="", smart=False), None
    if result is not None and result.facet_data and FACET_SAMPLE == COUNT_CAP:
        data, total = result.facet_data, result.total
    else:
        expanded = query_expand(params.q)
        offers = offer_filtered_queryset(params, expanded)
        estimate = _estimated_count(offers)
        data = _search_pass(
            offers, expanded, limit=FACET_SAMPLE + 1, order=SortOrder.NEWEST, page_start=0, page_size=0,
            newest_first=_is_common(estimate),
        )  # fmt: skip
        total = max(estimate, FACET_SAMPLE + 1) if data["n"] > FACET_SAMPLE else data["n"]
    counted = data["n"]
    sampled = total > counted or counted > FACET_SAMPLE
    scale = total / counted if sampled and counted else 1.0

    def scaled(count: int) -> int:
        return round(count * scale)

    def counts(kind: str) -> dict[str, int]:
        return {row[0]: row[1] for row in data[kind]}

    def choice_facet(kind: str, choices: Any) -> list[FacetValue]:
        found = counts(kind)
        return [FacetValue(value, str(label), scaled(found[value])) for value, label in choices if found.get(value)]

    def top(kind: str, *, labelled: bool = False) -> list[FacetValue]:
        rows = sorted(data[kind], key=lambda row: (-row[1], row[0]))
        return [
            FacetValue(row[0], f"{row[2]} ({row[0]})" if labelled and row[2] else row[0], scaled(row[1]))
            for row in rows
        ]

    return OfferFacets(
        contract_types=choice_facet("contract", ContractType.choices),
        seniorities=choice_facet("seniority", Seniority.choices),
        domains=top("domain"),
        rome_codes=top("rome", labelled=True),
        sources=choice_facet("source", Source.choices),
        remote=scaled(data["remote"]),
        published_within=[
            FacetValue(days, label, scaled(data[f"d{days}"]))
            for days, label in (("1", "24 heures"), ("7", "7 jours"), ("30", "30 jours"))
        ],
        salary_known=scaled(data["salary"]),
        counted=min(counted, FACET_SAMPLE),
        sampled=sampled,
        departements=top("departement"),
        salary_minimums=[
            FacetValue(str(amount), f"{amount // 1000} k€ et plus", scaled(count))
            for amount, count in zip((20000, 30000, 40000, 50000), data["pay"], strict=True)
            if count
        ],
    )


def offer_detail(*, offer_id: int) -> Offer | None:
    return Offer.objects.prefetch_related("postings").filter(pk=offer_id).first()


# --- Market (charts) -----------------------------------------------------------------------

MARKET_SAMPLE = 20_000  # the charts of very large searches describe the newest 20 000 matches


@dataclass(frozen=True)
class MarketStats:
    total: int  # estimated when sampled
    sampled: bool  # True: the charts describe the `counted` newest matches
    counted: int
    contract_types: list[tuple[str, int]]
    companies: list[tuple[str, int]]
    domains: list[tuple[str, int]]
    seniorities: list[tuple[str, int]]
    cities: list[tuple[str, int]]
    skills: list[tuple[str, int]]
    weeks: list[tuple[str, int]]
    salaries: list[dict[str, Any]]  # per occupation: label, count, min, q1, median, q3, max
    places: list[dict[str, Any]]  # city, lat, lon, count


def offer_market(*, params: OfferSearchParams) -> MarketStats:
    """Aggregates behind the /marche/ charts, for the same filters as the search."""
    expanded = query_expand(params.q)
    offers = offer_filtered_queryset(params, expanded).order_by()
    sample = offers.order_by("-published_at", "-id").values(
        "contract_type",
        "company",
        "domain",
        "seniority",
        "city",
        "departement",
        "skills",
        "published_at",
        "rome_code",
        "rome_label",
        "salary_min",
        "salary_max",
        "latitude",
        "longitude",
    )[:MARKET_SAMPLE]
    sql, sql_params = sample.query.sql_with_params()
    queries = {
        "contract": "SELECT contract_type, count(*) FROM s GROUP BY 1 ORDER BY 2 DESC",
        "company": "SELECT company, count(*) FROM s WHERE company <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        "domain": "SELECT domain, count(*) FROM s WHERE domain <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        "seniority": "SELECT seniority, count(*) FROM s GROUP BY 1 ORDER BY 2 DESC",
        "city": "SELECT city || CASE WHEN departement <> '' THEN ' (' || departement || ')' ELSE '' END, count(*)"
        " FROM s WHERE city <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        "skill": "SELECT skill, count(*) FROM s, unnest(s.skills) AS skill GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15",
        "week": "SELECT to_char(date_trunc('week', published_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD'), count(*)"
        " FROM s GROUP BY 1 ORDER BY 1",
        "salary": """
            SELECT coalesce(nullif(max(rome_label), ''), rome_code), count(*),
                   min(pay), percentile_cont(0.25) WITHIN GROUP (ORDER BY pay),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY pay),
                   percentile_cont(0.75) WITHIN GROUP (ORDER BY pay), max(pay)
            FROM (SELECT rome_code, rome_label,
                         coalesce((salary_min + salary_max) / 2.0, salary_min, salary_max) AS pay
                  FROM s WHERE rome_code <> '' AND (salary_min IS NOT NULL OR salary_max IS NOT NULL)) p
            GROUP BY rome_code HAVING count(*) >= 2 ORDER BY 2 DESC, 1 LIMIT 10""",
        "place": "SELECT min(city), round(latitude::numeric, 2), round(longitude::numeric, 2), count(*) FROM s"
        " WHERE latitude IS NOT NULL AND longitude IS NOT NULL GROUP BY 2, 3 ORDER BY 4 DESC LIMIT 300",
    }
    widths = {"salary": 7, "place": 4}
    # One statement: the sample is read once, every chart is a small aggregate over it (as JSON).
    columns = ", ".join(
        f"(SELECT coalesce(json_agg(q ORDER BY n), '[]') FROM"
        f" (SELECT row_number() OVER () AS n, * FROM ({query})"
        f" AS inner_q({', '.join(f'c{i}' for i in range(widths.get(name, 2)))})) AS q) AS {name}"
        for name, query in queries.items()
    )
    with transaction.atomic(), connection.cursor() as cursor:
        _plan_for_search(cursor)
        cursor.execute(f"WITH s AS MATERIALIZED ({sql}) SELECT (SELECT count(*) FROM s), {columns}", sql_params)
        (counted, *row) = cursor.fetchone()
    sampled = counted >= MARKET_SAMPLE
    total = max(_estimated_count(offers), counted) if sampled else counted
    results: dict[str, list[tuple]] = {}
    for (name, _), value in zip(queries.items(), row, strict=True):
        data = json.loads(value) if isinstance(value, str) else value
        results[name] = [tuple(item[f"c{i}"] for i in range(widths.get(name, 2))) for item in data]
    contract_labels = dict(ContractType.choices)
    seniority_labels = dict(Seniority.choices)
    return MarketStats(
        total=total,
        sampled=sampled,
        counted=counted,
        contract_types=[(str(contract_labels.get(value, value)), count) for value, count in results["contract"]],
        companies=list(results["company"]),
        domains=list(results["domain"]),
        seniorities=[
            (str(seniority_labels.get(value, value)) if value else "Non précisé", count)
            for value, count in results["seniority"]
        ],
        cities=list(results["city"]),
        skills=list(results["skill"]),
        weeks=list(results["week"]),
        salaries=[
            {
                "label": label,
                "count": count,
                "min": round(low),
                "q1": round(q1),
                "median": round(median),
                "q3": round(q3),
                "max": round(high),
            }
            for label, count, low, q1, median, q3, high in results["salary"]
        ],
        places=[
            {"city": city, "lat": float(lat), "lon": float(lon), "count": count}
            for city, lat, lon, count in results["place"]
        ],
    )


# --- Soft skills ------------------------------------------------------------------------------

SOFT_SKILL_TOP = 8
SOFT_SKILL_MIN_SCORE = 0.3
SOFT_SKILL_MATCH_CUTOFF = 80


@dataclass(frozen=True)
class RankedSoftSkill:
    summary: str
    details: str
    score: float | None  # Match via Soft Skills score (0..1), None when not loaded
    offer_share: float | None  # share of the occupation's offers asking for it (0..1)
    offer_count: int


@dataclass(frozen=True)
class OccupationSoftSkills:
    rome_code: str
    label: str
    offers: int
    skills: list[RankedSoftSkill]
    has_scores: bool


def _soft_skill_key(text: str) -> str:
    return " ".join(words_of(text))


# France Travail's offers word their "qualités professionnelles" differently from the 23
# Match via Soft Skills summaries ("Faire preuve de rigueur et de précision" vs "Être
# rigoureux"): both sides are reduced to these concepts (word beginning -> concept).
SOFT_SKILL_CONCEPTS = {
    "autonom": "autonomy", "creativ": "creativity", "inventiv": "creativity", "innov": "creativity",
    "adapt": "adaptability", "changement": "adaptability", "curios": "curiosity", "persever": "perseverance",
    "tenac": "perseverance", "autorit": "authority", "leadership": "authority", "responsab": "responsibility",
    "stress": "self_control", "maitris": "self_control", "organis": "organisation", "priorit": "organisation",
    "client": "customer", "service": "customer", "rigueur": "rigour", "rigour": "rigour", "precision": "rigour",
    "pedagog": "teaching", "ecout": "listening", "equipe": "team", "cooper": "team", "relation": "relations",
    "affaires": "business", "discret": "discretion", "diplomat": "diplomacy", "reactiv": "reactivity",
    "analys": "analysis", "synthes": "synthesis", "critique": "critical", "initiativ": "initiative",
}  # fmt: skip


def _soft_skill_concepts(text: str) -> set[str]:
    return {
        concept for word in words_of(text) for stem, concept in SOFT_SKILL_CONCEPTS.items() if word.startswith(stem)
    }


def occupation_soft_skills(*, rome_code: str, limit: int = SOFT_SKILL_TOP) -> OccupationSoftSkills:
    """The soft skills an occupation asks for most, ranked.

    Two signals, combined when both exist: the Match via Soft Skills score (loaded by
    `load_softskills`) and how often the occupation's open offers list the skill
    (France Travail's `qualitesProfessionnelles`, whose labels differ a little from
    the 23 summaries, hence the fuzzy match). Only the top ones are returned.
    """
    from rapidfuzz import fuzz, process

    occupation = Occupation.objects.filter(code=rome_code).first()
    label = occupation.label if occupation else ""
    catalogue = {skill.code: skill for skill in SoftSkill.objects.all()}
    scores = dict(OccupationSoftSkill.objects.filter(rome_code=rome_code).values_list("soft_skill_id", "score"))
    offers = Offer.objects.filter(rome_code=rome_code, status=OfferStatus.OPEN)
    if not label:
        label = offers.exclude(rome_label="").values_list("rome_label", flat=True).first() or rome_code
    offer_total = offers.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT skill, count(*) FROM offers_offer, unnest(soft_skills) AS skill"
            " WHERE rome_code = %s AND status = %s GROUP BY skill ORDER BY 2 DESC LIMIT 100",
            [rome_code, OfferStatus.OPEN],
        )
        asked = cursor.fetchall()

    keys = {code: _soft_skill_key(skill.summary) for code, skill in catalogue.items()}
    concepts = {code: _soft_skill_concepts(skill.summary) for code, skill in catalogue.items()}
    by_code: dict[str, int] = defaultdict(int)
    unmatched: dict[str, int] = {}
    for text, count in asked:
        asked_concepts = _soft_skill_concepts(text)
        overlaps = [(len(asked_concepts & found), code) for code, found in concepts.items() if asked_concepts & found]
        if overlaps:
            by_code[max(overlaps, key=lambda item: (item[0], [-ord(c) for c in item[1]]))[1]] += count
            continue
        match = process.extractOne(_soft_skill_key(text), keys, scorer=fuzz.token_set_ratio) if keys else None
        if match and match[1] >= SOFT_SKILL_MATCH_CUTOFF:
            by_code[match[2]] += count
        else:
            unmatched[text] = count

    ranked: list[tuple[float, RankedSoftSkill]] = []
    for code, skill in catalogue.items():
        score = scores.get(code)
        count = by_code.get(code, 0)
        share = count / offer_total if offer_total else None
        if (score is None or score < SOFT_SKILL_MIN_SCORE) and not count:
            continue
        # Weight the official score and what the offers ask for equally when both exist.
        key = (score or 0) * (0.5 if share is not None and count else 1) + (share or 0) * (0.5 if score else 1)
        ranked.append((key, RankedSoftSkill(skill.summary, skill.details, score, share, count)))
    for text, count in unmatched.items():
        share = count / offer_total if offer_total else None
        ranked.append((share or 0, RankedSoftSkill(text, "", None, share, count)))
    ranked.sort(key=lambda item: (-item[0], item[1].summary))
    return OccupationSoftSkills(
        rome_code=rome_code,
        label=label,
        offers=offer_total,
        skills=[skill for _, skill in ranked[:limit]],
        has_scores=bool(scores),
    )
