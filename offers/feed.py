"""Reads of the offer change feed (`OfferChange`, written by triggers) and of the snapshot.

Why the feed is ordered by (transaction id, change id) and bounded by the snapshot's xmin
-----------------------------------------------------------------------------------------
Change ids come from a sequence when the row is written, not when its transaction
commits. A transaction that started early can commit change 5 after change 6 of a
quicker one was committed and served: a client holding "6" as its cursor would never
see 5. So every change also stores its transaction's id (`pg_current_xact_id()`), and
the feed only serves changes whose xid is below `pg_snapshot_xmin(pg_current_snapshot())`:
every transaction with such an xid has ended (committed: its rows are visible now;
rolled back: they never will be), and every transaction still running or yet to start
has an xid at or above it. Ordered by (xid, id), the served part of the feed is thus a
prefix that never grows in the middle, and a position (xid, id) resumes exactly.
The cost is a delay: changes wait until every older transaction in the cluster ends (a
long ingestion batch holds later changes back until it commits).

A position is the (xid, id) of the last change served; clients see it as an opaque
string (`cursor_encode`). The start of the feed is (0, 0).

Feed entries carry the offer as it is when the page is read, not as it was at the
change: a client that applies each entry (store the offer when it is open, drop it
when it is closed or gone) ends with exactly the open offers, whatever order two
transactions on the same offer committed in.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from offers.models import Offer, OfferChange, OfferStatus

MAX_POSITION = 2**63 - 1
_POSITION = re.compile(r"^(\d{1,19})\.(\d{1,19})$")


class InvalidCursor(ValueError):
    """The cursor was not made by `cursor_encode` (or was altered)."""


@dataclass(frozen=True, order=True)
class FeedPosition:
    xid: int
    change_id: int


FEED_START = FeedPosition(0, 0)


def cursor_encode(position: FeedPosition) -> str:
    return base64.urlsafe_b64encode(f"{position.xid}.{position.change_id}".encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> FeedPosition:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidCursor(cursor) from None
    match = _POSITION.match(text)
    if match is None:
        raise InvalidCursor(cursor)
    xid, change_id = int(match[1]), int(match[2])
    if xid > MAX_POSITION or change_id > MAX_POSITION:
        raise InvalidCursor(cursor)
    return FeedPosition(xid, change_id)


def feed_horizon() -> int:
    """The xmin of a fresh snapshot: every change with a smaller xid is final (see the module doc)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        return int(cursor.fetchone()[0])


@dataclass(frozen=True)
class FeedEntry:
    position: FeedPosition
    offer_id: int
    kind: str
    changed_at: datetime
    offer: Offer | None  # the offer now; None once deleted


@dataclass(frozen=True)
class FeedPage:
    entries: list[FeedEntry]
    next_position: FeedPosition
    has_more: bool


def offer_changes_since(*, position: FeedPosition, limit: int) -> FeedPage:
    """Up to `limit` final changes after `position`, in feed order, with each offer as it is now."""
    changes = list(
        OfferChange.objects.filter(
            RawSQL(
                "(xid, id) > (%s, %s) AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
                [position.xid, position.change_id],
                output_field=BooleanField(),
            )
        ).order_by("xid", "id")[: limit + 1]
    )
    has_more = len(changes) > limit
    changes = changes[:limit]
    offers = Offer.objects.defer("description").in_bulk({change.offer_id for change in changes})
    entries = [
        FeedEntry(
            position=FeedPosition(change.xid, change.id),
            offer_id=change.offer_id,
            kind=change.kind,
            changed_at=change.changed_at,
            offer=offers.get(change.offer_id),
        )
        for change in changes
    ]
    return FeedPage(entries=entries, next_position=entries[-1].position if entries else position, has_more=has_more)


def offer_ids_created_between(*, after_horizon: int, before_horizon: int) -> list[int]:
    """Offers created by transactions with after_horizon <= xid < before_horizon, still open.

    Two horizons taken by `feed_horizon()` at two moments bound disjoint, gap-free windows:
    what `alerts` use to find the offers that appeared between two digests.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.offer_id FROM offers_offerchange c JOIN offers_offer o ON o.id = c.offer_id"
            " WHERE c.kind = 'created' AND c.xid >= %s AND c.xid < %s AND o.status = %s ORDER BY c.offer_id",
            [after_horizon, before_horizon, OfferStatus.OPEN],
        )
        return [row[0] for row in cursor.fetchall()]


def offer_ids_closed_between(*, after_horizon: int, before_horizon: int) -> list[int]:
    """Offers closed by transactions with after_horizon <= xid < before_horizon, still closed:
    what alerts tell candidates who saved them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.offer_id FROM offers_offerchange c JOIN offers_offer o ON o.id = c.offer_id"
            " WHERE c.kind = 'closed' AND c.xid >= %s AND c.xid < %s AND o.status = %s ORDER BY c.offer_id",
            [after_horizon, before_horizon, OfferStatus.CLOSED],
        )
        return [row[0] for row in cursor.fetchall()]


SNAPSHOT_BATCH = 2000


def open_offers_snapshot() -> tuple[FeedPosition, Iterator[list[Offer]]]:
    """A first sync: the position to resume the feed from, and every open offer in batches.

    The horizon is read first; the batches are then read one by one (keyset on id, no
    long transaction). A change the batches missed (an offer created behind the keyset,
    closed before its batch was read, edited after) was made by a transaction with an
    xid at or above the horizon, so the feed from (horizon, 0) replays it. Entries both
    in the snapshot and in the feed are harmless: feed entries carry the current offer.
    """
    horizon = feed_horizon()

    def batches() -> Iterator[list[Offer]]:
        last_id = 0
        while True:
            batch = list(
                Offer.objects.filter(status=OfferStatus.OPEN, id__gt=last_id)
                .defer("description")
                .order_by("id")[:SNAPSHOT_BATCH]
            )
            if not batch:
                return
            yield batch
            last_id = batch[-1].id

    return FeedPosition(horizon, 0), batches()


def offer_data_version() -> int:
    """The head of the offer change log (filled by triggers, offers/migrations/0008).

    It moves whenever any offer is created, changed in a visible column, closed or
    deleted, whatever wrote it; reading it is a one-row index read. See
    offers/search/cache.py for what it may key and why.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM offers_offerchange")
        return int(cursor.fetchone()[0])
