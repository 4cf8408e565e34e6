"""One page of search results: the filtered offers, their ranking, count and page.

Search in short: `OfferSearchParams` (validated by `offers.forms.OfferSearchForm`,
or built from a query dict by `offers.forms.search_params_from_query`) ->
`offer_search()` for a page of results and `offers.search.facets.offer_facets()` for the counts per
filter value. Every value reaches SQL as a query parameter; the only SQL text built
here is fixed, or a tsquery made of [a-z0-9] words (see offers.search.vocabulary).

How it stays fast at a million offers (bench/search.py measures it): each matching
row costs a heap visit, so no request reads more than COUNT_CAP of them. One
statement reads the first COUNT_CAP + 1 matches and returns the count, a page and
every facet (`search_pass`); past the cap the total is the planner's estimate,
facets are scaled from that sample, relevance ranks the matches read (the newest ones
for very common words), and newest / best-paid pages come from index slices of the
whole order (`_sorted_page`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, F, FloatField, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Floor
from django.utils import timezone

from offers.models import Offer, OfferStatus
from offers.search.modes import SmartRanker, smart_ranker
from offers.search.params import OfferSearchParams, SortOrder
from offers.search.place_filters import (
    PlacePart,
    circle_condition,
    distance_expression,
    has_unknown_distances,
    place_condition,
)
from offers.search.places import Place
from offers.search.vocabulary import ExpandedQuery, query_expand

PAGE_SIZE = 20
MAX_PAGES = 500
# Every matching row counted, ranked or faceted costs a heap visit; past these caps the
# page stays fast by estimating instead (PostgreSQL's planner estimate for the total,
# facets counted on a sample and scaled (offers.search.facets), relevance ranked among
# COUNT_CAP matches).
COUNT_CAP = 1_000


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
    # Counts read with the page (see search_pass), reused by offer_facets.
    facet_data: dict[str, Any] = field(default_factory=dict, repr=False)

    # Set when too few offers hold every word and the closest ones follow: how many hold them all.
    exact_total: int | None = None

    @property
    def approximate(self) -> bool:
        """The page shows other offers than those holding every word typed (a corrected word, closest offers)."""
        return bool(self.expanded.corrections) or (self.exact_total is not None and self.total > self.exact_total)

    @property
    def exact_on_page(self) -> int:
        """How many offers of this page, from its top, hold every word (all of them outside the closest mode)."""
        if self.exact_total is None:
            return len(self.offers)
        return max(0, min(len(self.offers), self.exact_total - (self.page - 1) * PAGE_SIZE))

    @property
    def first_index(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


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


def exact_bonus(expanded: ExpandedQuery, *, table: str = "") -> tuple[str, list[str]]:
    """SQL of the points an offer earns for holding the query's words *as such* (not stemmed).

    One point per query word (or one accepted in its place) found as a whole word in the
    title, half a point in the skills: "paie" before "paiement", "préparateur" before
    "préparer les plats", which the French stemmer merges so that ts_rank cannot tell them
    apart. `table`: "offers_offer." outside the search statement.
    """
    parts: list[str] = []
    params: list[str] = []
    for group in expanded.groups:
        parts.append(f"(jm_unaccent({table}title) ~* %s)::int")
        parts.append(f"0.5 * (jm_unaccent(jm_array_text({table}skills::text[])) ~* %s)::int")
        params += [group.exact_pattern(), group.exact_pattern()]
        if group.typed:
            # The synonym as typed, in the title: half a point more than its equivalents.
            parts.append(f"0.5 * (jm_unaccent({table}title) ~* %s)::int")
            params.append(group.typed_pattern())
    return " + ".join(parts) or "0", params


def rank_expression(expanded: ExpandedQuery, *, exact: bool = False) -> RawSQL:
    """The relevance of a match; `exact` adds `exact_bonus` (costly: the search statement adds it to its top only)."""
    parts: list[str] = []
    params: list[Any] = []
    if expanded.groups:
        # search_head (title, skills) is small and stored inline: cheap to rank, unlike the full vector.
        parts.append("ts_rank(offers_offer.search_head, to_tsquery('french'::regconfig, %s))")
        params.append(expanded.tsquery)
        if exact:
            bonus, bonus_params = exact_bonus(expanded, table="offers_offer.")
            parts.append(f"({bonus})")
            params += bonus_params
    if expanded.rome_codes:
        # A ROME match the words did not make ranks after a good word match, before weak ones.
        parts.append("CASE WHEN offers_offer.rome_code = ANY(%s) THEN 0.05 ELSE 0 END")
        params.append(list(expanded.rome_codes))
    return RawSQL(" + ".join(parts) or "0", params, output_field=FloatField())


def coverage_expression(expanded: ExpandedQuery) -> RawSQL:
    """How many words (groups) of the query an offer holds: the first key of the closest offers."""
    parts = ["(offers_offer.search_vector @@ to_tsquery('french'::regconfig, %s))::int" for _ in expanded.groups]
    return RawSQL("(" + " + ".join(parts) + ")", [group.tsquery() for group in expanded.groups], IntegerField())


def offer_filtered_queryset(
    params: OfferSearchParams, expanded: ExpandedQuery | None = None, *, place_part: str = PlacePart.ALL
) -> QuerySet[Offer]:
    """Open (by default) offers matching every filter and the keywords, unordered.

    `place_part`: with a radius, only the offers in the circle, or only those of unknown distance.
    """
    expanded = expanded if expanded is not None else query_expand(params.q)
    offers = Offer.objects.all()
    if not params.include_closed:
        offers = offers.filter(status=OfferStatus.OPEN)
    text = _text_condition(expanded)
    if text is not None:
        offers = offers.filter(text)
    if params.place is not None:
        offers = offers.filter(place_condition(params.place, params.radius_km, part=place_part))
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
        # (the expression is indexed: offer_status_pay_top). A source's estimate counts only
        # when asked, and only for an offer that states no salary.
        reaches = Q(pay_top__gte=params.salary_min)
        if params.salary_estimates:
            estimated = Coalesce("salary_estimate_max", "salary_estimate_min")
            reaches |= Q(pay_top__isnull=True, estimate_top__gte=params.salary_min)
            offers = offers.alias(estimate_top=estimated)
        offers = offers.alias(pay_top=_pay_top()).filter(reaches)
    if params.remote:
        offers = offers.filter(remote=True)
    if params.published_within_days:
        offers = offers.filter(published_at__gte=timezone.now() - dt.timedelta(days=params.published_within_days))
    if params.sources:
        offers = offers.filter(sources__overlap=list(params.sources))
    return offers


def match_sets(params: OfferSearchParams, expanded: ExpandedQuery) -> dict[str, QuerySet[Offer] | None]:
    """What `search_pass` reads (`offers`, `unlocated`): with a radius, the circle's offers and the
    département-only ones it reaches apart. As one OR, PostgreSQL builds the bitmap of the whole
    circle before reading the first match (137 ms instead of 2 around Paris at 1M offers); apart,
    the circle's index scan stops at the first `limit` matches.
    """
    if not has_unknown_distances(params.place, params.radius_km):
        return {"offers": offer_filtered_queryset(params, expanded), "unlocated": None}
    return {
        "offers": offer_filtered_queryset(params, expanded, place_part=PlacePart.LOCATED),
        "unlocated": offer_filtered_queryset(params, expanded, place_part=PlacePart.UNLOCATED),
    }


EXACT_RANKED = 200  # the best matches by ts_rank that the exact-word points may reorder

_MATCH_COLUMNS = (
    "id", "published_at", "salary_min", "salary_max", "contract_type", "seniority", "domain", "rome_code",
    "rome_label", "remote", "sources", "departement",
)  # fmt: skip

_PAGE_ORDER = {
    "ranked": "rank DESC, published_at DESC, id DESC",
    "closest": "cover DESC, rank DESC, published_at DESC, id DESC",
    # Nearest first by whole kilometres (as the cards show them), the newest first within one.
    SortOrder.DISTANCE: "floor(distance_km + 0.5) ASC NULLS LAST, published_at DESC, id DESC",
    SortOrder.NEWEST: "published_at DESC, id DESC",
    SortOrder.RELEVANCE: "published_at DESC, id DESC",
    SortOrder.SALARY: "coalesce(salary_max, salary_min) DESC NULLS LAST, published_at DESC, id DESC",
}


def plan_for_search(cursor: Any) -> None:
    """Planner settings for the search statements (this transaction only).

    The text condition is a tsvector too large to live inline: a sequential scan
    detoasts it on every row, which the planner's cost model ignores and picks for
    common words. The GIN bitmap is always the better path here. JIT compilation
    costs more than these short statements ever gain from it.
    """
    # work_mem: keyword and range bitmaps of a million offers stay exact (lossy ones recheck every row).
    cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'")


def search_pass(
    offers: QuerySet[Offer],
    expanded: ExpandedQuery,
    *,
    limit: int,
    order: str,
    page_start: int,
    page_size: int,
    newest_first: bool = False,
    centre: Place | None = None,
    unlocated_last: bool = False,
    unlocated: QuerySet[Offer] | None = None,
) -> dict[str, Any]:
    """Count, one page of ids and every facet over the first `limit` matches, in one statement.

    Each matching row is read once (into a materialised CTE) and the aggregates run
    inside PostgreSQL, so only a small JSON object travels back. With `newest_first`
    (for matches common enough that walking the publication-date index finds `limit`
    of them within a few thousand rows) the matches read are the newest ones. With a located
    `centre`, each match has its `distance_km` (the DISTANCE order); `unlocated_last` puts the
    matches without coordinates after the others whatever the order. `unlocated`: offers of
    unknown distance read apart (`match_sets`), after those of `offers`.
    """

    ranked = order in ("ranked", "closest") and bool(expanded.groups)

    def matches(part: QuerySet[Offer]) -> tuple[str, tuple[Any, ...]]:
        values = part.order_by("-published_at", "-id") if newest_first else part.order_by()
        values = values.values(*_MATCH_COLUMNS, *(("title", "skills") if ranked else ()))
        if not expanded.is_empty:
            values = values.annotate(rank=rank_expression(expanded))
        if expanded.any_words:
            values = values.annotate(cover=coverage_expression(expanded))
        if centre is not None and centre.located:
            values = values.annotate(distance_km=distance_expression(centre))
        sql, params = values[:limit].query.sql_with_params()
        return sql, tuple(params)

    sql, params = matches(offers)
    if unlocated is not None:
        more_sql, more_params = matches(unlocated)
        sql, params = f"SELECT * FROM (({sql}) UNION ALL ({more_sql})) AS u LIMIT {int(limit)}", params + more_params
    now = timezone.now()

    def grouped(column: str, *, where: str = "", top: int | None = None) -> str:
        limit_sql = f" ORDER BY 2 DESC, 1 LIMIT {top}" if top else ""
        return (
            f"(SELECT coalesce(json_agg(json_build_array(k, n, l)), '[]') FROM (SELECT {column} AS k, count(*) AS n,"
            f" max(rome_label) AS l FROM m {where} GROUP BY 1{limit_sql}) AS g)"
        )

    page_order = _PAGE_ORDER[order]
    if unlocated_last and order != SortOrder.DISTANCE:
        page_order = f"distance_km IS NULL, {page_order}"
    sort_columns = "published_at, salary_min, salary_max" + (", rank" if not expanded.is_empty else "")
    sort_columns += ", cover" if expanded.any_words else ""
    if centre is not None and centre.located:
        sort_columns += ", distance_km"

    read = f"SELECT id, {sort_columns} FROM m LIMIT {int(limit) - 1}"
    bonus_params: list[str] = []
    if ranked:
        # The exact-word points (regexes) only for the EXACT_RANKED best by ts_rank: a row below
        # them cannot pass them, and the regexes cost more than the rest of the ranking.
        bonus, bonus_params = exact_bonus(expanded)
        best_first = "cover DESC, rank DESC, id DESC" if order == "closest" else "rank DESC, id DESC"
        others = sort_columns.replace(", rank", "")
        read = (
            f"SELECT id, {others}, rank + CASE WHEN row_number() OVER (ORDER BY {best_first}) <= {EXACT_RANKED}"
            f" THEN {bonus} ELSE 0 END AS rank FROM (SELECT id, {sort_columns}, title, skills FROM m"
            f" LIMIT {int(limit) - 1}) AS read"
        )
    statement = f"""
        WITH m AS MATERIALIZED ({sql})
        SELECT json_build_object(
            'n', (SELECT count(*) FROM m),
            'ids', (SELECT coalesce(json_agg(p.id ORDER BY p.o), '[]') FROM
                    (SELECT id, row_number() OVER (ORDER BY {page_order}) AS o
                     FROM ({read}) AS r
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
        plan_for_search(cursor)
        if expanded.groups and not newest_first:
            # Keywords: read matches through the GIN bitmap. Walking some btree index of
            # all open offers instead (the planner's pick for common words, expecting
            # matches to be spread evenly along it) can test a hundred thousand rows.
            cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(
            statement,
            [
                *params,
                *bonus_params,
                now - dt.timedelta(days=1),
                now - dt.timedelta(days=7),
                now - dt.timedelta(days=30),
            ],
        )
        (data,) = cursor.fetchone()
    return json.loads(data) if isinstance(data, str) else data


def _pay_top() -> Coalesce:
    return Coalesce("salary_max", "salary_min")  # the indexed expression (offer_status_pay_top_desc)


def _ordered(offers: QuerySet[Offer], sort: str, centre: Place | None = None) -> QuerySet[Offer]:
    if sort == SortOrder.DISTANCE and centre is not None and centre.located:
        # The nearest first by whole kilometres, offers without coordinates (distance unknown) last.
        return offers.alias(distance_bucket=Floor(distance_expression(centre) + 0.5)).order_by(
            F("distance_bucket").asc(nulls_last=True), "-published_at", "-id"
        )
    if sort == SortOrder.SALARY:
        # The top of the range first, offers without a salary last.
        return offers.alias(pay_top=_pay_top()).order_by(F("pay_top").desc(nulls_last=True), "-published_at", "-id")
    return offers.order_by("-published_at", "-id")


# Slices of the newest / best-paid end of the order: each is a prefix of the whole order.
_NEWEST_WINDOWS_DAYS = (1, 3, 10, 30)
_SALARY_WINDOWS = (80_000, 50_000, 35_000, 20_000)
_DISTANCE_WINDOWS_KM = (0.5, 2.5, 9.5, 29.5, 99.5)  # whole kilometres 0, 0-2, 0-9...: prefixes of the order


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


def is_common(estimate: int) -> bool:
    """Matches dense enough that the newest COUNT_CAP are found by walking the date index."""
    return estimate > COUNT_CAP and estimate >= COMMON_MATCH_SHARE * _offer_table_rows()


def _sorted_page(
    offers: QuerySet[Offer], sort: str, start: int, size: int, *, total: int, centre: Place | None = None
) -> list[int]:
    """One page of ids in newest, best-paid or nearest order over a large result set.

    Sorting every match would read each of them. Instead the page is looked for in
    growing slices of the order (published in the last day, 3, 10, 30; paid 80 k€ or
    more, 50 k€...; within 1 km, 3, 10...), each an index range that PostgreSQL
    intersects with the keyword bitmap; the first slice holding the whole page gives
    it, since a slice is a prefix of the order. Nearest first reads every offer of the first
    slice that holds the page: offers sit at their commune's centre, so around a big city's
    centre that is all of its offers (bench/README.md).
    """
    now = timezone.now()
    if sort == SortOrder.DISTANCE and centre is not None and centre.located:
        windows: list[Q] = [
            circle_condition(centre.latitude, centre.longitude, km)  # type: ignore[arg-type]
            for km in _DISTANCE_WINDOWS_KM
        ]
    elif sort == SortOrder.SALARY:
        windows = [Q(pay_top__gte=amount) for amount in _SALARY_WINDOWS]
        offers = offers.alias(pay_top=_pay_top())
    else:
        windows = [Q(published_at__gte=now - dt.timedelta(days=days)) for days in _NEWEST_WINDOWS_DAYS]
    ordered = _ordered(offers, sort, centre)
    with transaction.atomic(), connection.cursor() as cursor:
        plan_for_search(cursor)
        if sort != SortOrder.DISTANCE and total >= SORT_INDEX_WALK_SHARE * _offer_table_rows():
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


def estimated_count(offers: QuerySet[Offer]) -> int:
    """The planner's row estimate (no row is read): what "environ N offres" shows for huge results."""
    sql, params = offers.values("id").order_by().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        plan_for_search(cursor)
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
    sets = match_sets(params, expanded)
    sort = params.effective_sort
    ranked = sort == SortOrder.RELEVANCE and not expanded.is_empty
    page = max(params.page, 1)
    start = (page - 1) * PAGE_SIZE
    if start >= COUNT_CAP and ranked:
        page, start = 1, 0
    estimate = estimated_count(offers)
    found = search_pass(
        expanded=expanded, limit=COUNT_CAP + 1, order="ranked" if ranked else sort, page_start=start,
        page_size=PAGE_SIZE, newest_first=is_common(estimate), centre=params.place,
        unlocated_last=ranked and has_unknown_distances(params.place, params.radius_km), **sets,
    )  # fmt: skip
    if ranked and expanded.has_closest and found["n"] < CLOSEST_BELOW:
        return _with_closest_offers(params, expanded, exact=found, page=page)
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
        ids = _sorted_page(offers, sort, start, PAGE_SIZE, total=total, centre=params.place)
    return _result(
        ids,
        total=total,
        total_capped=capped,
        page=page,
        num_pages=num_pages,
        expanded=expanded,
        count_cap=COUNT_CAP,
        facet_data=found,
    )


def _result(ids: list[int], **fields: Any) -> OfferSearchResult:
    """The result of one page of offer ids (read without their long description)."""
    by_id = Offer.objects.defer("description").in_bulk(ids)
    return OfferSearchResult(offers=[by_id[pk] for pk in ids if pk in by_id], **fields)


# Fewer offers than a page hold every word of a query of several words: the offers holding the
# most of them follow ("Aucune offre ne contient tous les mots ; voici les plus proches").
CLOSEST_BELOW = PAGE_SIZE


def _with_closest_offers(
    params: OfferSearchParams, expanded: ExpandedQuery, *, exact: dict[str, Any], page: int
) -> OfferSearchResult:
    """The offers holding every word (`exact`: their pass), then the closest ones.

    The closest are the offers holding any word, those holding the most first, then by rank:
    the exact matches come first in that order too (and are counted in it). Their own pass
    (page 1) also puts them first when more than COUNT_CAP offers hold some word.
    """
    closest_query = expanded.closest()
    offers = offer_filtered_queryset(params, closest_query)
    start = (page - 1) * PAGE_SIZE
    found = search_pass(
        expanded=closest_query, limit=COUNT_CAP + 1, order="closest", page_start=0,
        page_size=start + PAGE_SIZE + len(exact["ids"]), centre=params.place,
        unlocated_last=has_unknown_distances(params.place, params.radius_km), **match_sets(params, closest_query),
    )  # fmt: skip
    capped = found["n"] > COUNT_CAP
    total = max(estimated_count(offers), COUNT_CAP + 1) if capped else found["n"]
    exact_ids = list(exact["ids"])
    ranked_ids = exact_ids + [pk for pk in found["ids"] if pk not in set(exact_ids)]
    num_pages = max(1, math.ceil(min(total, COUNT_CAP) / PAGE_SIZE))
    page = min(page, num_pages)
    start = (page - 1) * PAGE_SIZE
    ids = ranked_ids[start : start + PAGE_SIZE]
    return _result(
        ids,
        total=total,
        total_capped=capped,
        page=page,
        num_pages=num_pages,
        expanded=expanded,
        count_cap=COUNT_CAP,
        facet_data=found,
        exact_total=exact["n"],
    )


# Smart mode ranks by meaning, so every filtered offer is a candidate: show the best ones only.
SMART_LIMIT = 200


def _smart_search(params: OfferSearchParams, ranker: SmartRanker) -> OfferSearchResult:
    """The plain search's offers first, in its order, then those close in meaning (the ranker's).

    Meaning only adds: it never pushes down an offer that holds the words typed, so the
    smart search cannot score below the plain one, and where no offer holds them the page
    says that what follows is close in meaning, not an answer (`approximate`).
    """
    expanded = query_expand(params.q)
    located = {"centre": params.place, "unlocated_last": has_unknown_distances(params.place, params.radius_km)}
    exact = search_pass(
        expanded=expanded, limit=COUNT_CAP + 1, order="ranked", page_start=0, page_size=SMART_LIMIT,
        **located, **match_sets(params, expanded),
    )  # fmt: skip
    plain_ids = list(exact["ids"])
    if expanded.has_closest and exact["n"] < CLOSEST_BELOW:
        closest_query = expanded.closest()
        closest = search_pass(
            expanded=closest_query, limit=COUNT_CAP + 1, order="closest", page_start=0, page_size=SMART_LIMIT,
            **located, **match_sets(params, closest_query),
        )  # fmt: skip
        plain_ids += [pk for pk in closest["ids"] if pk not in set(plain_ids)]
    candidates = offer_filtered_queryset(replace(params, q=""), ExpandedQuery())
    shown = set(plain_ids)
    ids = (plain_ids + [pk for pk in ranker(params.q, candidates, SMART_LIMIT) if pk not in shown])[:SMART_LIMIT]
    num_pages = max(1, math.ceil(len(ids) / PAGE_SIZE))
    page = min(max(params.page, 1), num_pages)
    page_ids = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return _result(
        page_ids,
        total=len(ids),
        total_capped=False,
        page=page,
        num_pages=num_pages,
        expanded=expanded,
        count_cap=SMART_LIMIT,
        exact_total=min(exact["n"], len(ids)),
    )
