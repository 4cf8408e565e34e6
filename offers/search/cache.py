"""Search results and facets kept in Django's cache (Redis in production), shared by the page and the API.

Offers change in batches (the daily ingestion, a staff edit), while the same searches
come back all day: a page of results with its facets costs PostgreSQL 20-150 ms at a
million offers, a cache hit a fraction of a millisecond. An entry is keyed by:

- the validated search (`OfferSearchParams`, multiple choices sorted) and the query as
  expanded by the current vocabulary (typo fixes and synonyms change the results);
- the data version: the head of the offer change log (`offers_offerchange`, filled by
  triggers on every insert, visible update, close and delete of an offer, whatever
  wrote it: see offers/migrations/0008). Any change moves the head, so the next
  request misses and recomputes; `max(id)` is a one-row index read;
- today's date, and a short lifetime (`SEARCH_CACHE_SECONDS`, 10 minutes by default; 0
  turns the cache off), for "published within N days" and the publication-date
  facets, which move with the clock rather than with the data.

Why a version read at the head is safe to cache under (the change ids come from a
sequence when a row is written, not when its transaction commits): a transaction T
still running may hold change ids below the head it will not move when it commits.
Every transaction that writes offers holds a RowExclusiveLock on the change log from
its first change until it ends (the trigger's INSERT takes it), so a result is stored
only when no session holds that lock between reading the head and computing the
result (`_change_log_writers`). Then every change at or below the head was committed
before the result was read: the entry holds every change its key names. While an
ingestion batch is open, searches are computed and served but not stored.

Smart mode ("recherche intelligente") is never cached: it ranks with vectors that the
matching app refreshes without touching offers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

from offers.feed import offer_data_version
from offers.search.facets import OfferFacets, offer_facets
from offers.search.params import OfferSearchParams
from offers.search.query import OfferSearchResult, offer_search
from offers.search.vocabulary import ExpandedQuery, query_expand

_KEY_VERSION = 1  # bump when the cached objects change shape


@dataclass(frozen=True)
class SearchResults:
    """One page of results and the facets over the whole search."""

    result: OfferSearchResult
    facets: OfferFacets


def _change_log_writers() -> bool:
    """Whether any session, this one included, is inside a transaction that wrote offers (module doc).

    This one too: a transaction that writes offers then searches (a command, a test) sees
    its own uncommitted rows, which a rollback would leave in the cache.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'relation'"
            " AND relation = 'offers_offerchange'::regclass AND mode = 'RowExclusiveLock')"
        )
        return bool(cursor.fetchone()[0])


def _cache_key(kind: str, params: OfferSearchParams, expanded: ExpandedQuery, version: int) -> str:
    # Order within a multiple choice does not change the results: one entry for both orders.
    params = replace(
        params,
        contract_types=tuple(sorted(set(params.contract_types))),
        seniorities=tuple(sorted(set(params.seniorities))),
        sources=tuple(sorted(set(params.sources))),
    )
    # The expansion as the SQL sees it (tsquery text, ROME codes) plus the corrections shown:
    # strings and tuples only, so every process (PYTHONHASHSEED) writes the same key.
    expansion = (expanded.tsquery, expanded.rome_codes, expanded.corrections)
    identity = repr((params, expansion, version, timezone.localdate().isoformat(), translation.get_language()))
    digest = hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()
    return f"offers:search:{_KEY_VERSION}:{kind}:{digest}"


def offer_search_cached(*, params: OfferSearchParams) -> SearchResults:
    """`offer_search` + `offer_facets` for these params, from the cache when the offers have not changed."""
    lifetime = settings.SEARCH_CACHE_SECONDS
    if params.smart or not lifetime:
        result = offer_search(params=params)
        return SearchResults(result, offer_facets(params=params, result=result))
    expanded = query_expand(params.q)
    key = _cache_key("page", params, expanded, offer_data_version())
    found = cache.get(key)
    if isinstance(found, SearchResults):
        return found
    storable = not _change_log_writers()  # read before the search (module doc)
    result = offer_search(params=params, expanded=expanded)
    # No second query: the facets come from the counts read with the page.
    facets = offer_facets(params=params, result=result)
    # The raw counts were only needed to build the facets.
    found = SearchResults(replace(result, facet_data={}), facets)
    if storable:
        cache.set(key, found, lifetime)
    return found


def offer_facets_cached(*, params: OfferSearchParams) -> OfferFacets:
    """The facets of a search (the API's /facets/): the same entry as the search page's first page."""
    return offer_search_cached(params=replace(params, page=1)).facets
