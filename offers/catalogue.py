"""Reads of the offers as a whole: counts for the home page, a page's few offers by id, one offer with its
postings, and the bounded window of recent offers that look-ups on unindexed text scan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet

from offers.models import Offer, OfferSource, OfferStatus


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


def offers_by_id(ids: Iterable[int]) -> dict[int, Offer]:
    """Offer id -> the whole offer (every model field), for a page's few shown offers: a plain statement, as
    `in_bulk` would load them but without its query compilation, which cost more than the look-up (bench/README.md)."""
    wanted = sorted({int(offer_id) for offer_id in ids})
    if not wanted:
        return {}
    columns = ", ".join(f'"{field.column}"' for field in Offer._meta.concrete_fields)
    found = Offer.objects.raw(f"SELECT {columns} FROM offers_offer WHERE id = ANY(%s)", [wanted])
    return {offer.pk: offer for offer in found}


def offer_detail(*, offer_id: int) -> Offer | None:
    return Offer.objects.prefetch_related("postings").filter(pk=offer_id).first()


RECENT_OFFERS_SCANNED = 50_000  # look-ups on unindexed text read at most this many recent offers


def recent_offers() -> QuerySet[Offer]:
    """The most recent offers by id: a bounded (primary key range) scan, whatever the table size."""
    newest = Offer.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return Offer.objects.filter(id__gt=newest - RECENT_OFFERS_SCANNED)


@dataclass(frozen=True)
class HiringOccupation:
    rome_code: str
    label: str
    count: int


HIRING_OCCUPATIONS_CACHE_SECONDS = 600


def hiring_occupations(*, limit: int = 8) -> list[HiringOccupation]:
    """The occupations with the most open offers among the recent ones (the home page's shortcuts
    into the search); cached for a few minutes, as the home page is the busiest."""

    def compute() -> list[HiringOccupation]:
        rows = (
            recent_offers()
            .filter(status=OfferStatus.OPEN)
            .exclude(rome_code="")
            .values("rome_code")
            .annotate(n=Count("id"), label=Max("rome_label"))
            .order_by("-n", "rome_code")[:limit]
        )
        return [HiringOccupation(row["rome_code"], row["label"] or row["rome_code"], row["n"]) for row in rows]

    return cache.get_or_set(f"offers:hiring-occupations:{limit}", compute, HIRING_OCCUPATIONS_CACHE_SECONDS)
