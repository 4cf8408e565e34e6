"""Read-side queries on offers, shared by the pages, the API and the other apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

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
