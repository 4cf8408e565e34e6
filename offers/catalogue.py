"""Reads of the offers as a whole: counts for the home page, one offer with its postings,
and the bounded window of recent offers that look-ups on unindexed text scan."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

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


def offer_detail(*, offer_id: int) -> Offer | None:
    return Offer.objects.prefetch_related("postings").filter(pk=offer_id).first()


RECENT_OFFERS_SCANNED = 50_000  # look-ups on unindexed text read at most this many recent offers


def recent_offers() -> QuerySet[Offer]:
    """The most recent offers by id: a bounded (primary key range) scan, whatever the table size."""
    newest = Offer.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return Offer.objects.filter(id__gt=newest - RECENT_OFFERS_SCANNED)
