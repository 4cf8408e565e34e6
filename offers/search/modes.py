"""The search page's "recherche intelligente" mode, without `offers` importing `matching`.

`matching` owns the vectors. At start-up it registers a ranker here; the search selector
calls it when a user asks for smart mode, and falls back to the plain full-text ranking
while none is registered (or no vectors exist yet).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from offers.models import Offer

# (query text, offers passing the page's filters, how many) -> offer ids, best first.
SmartRanker = Callable[[str, "QuerySet[Offer]", int], list[int]]

_ranker: SmartRanker | None = None


def smart_ranker_register(ranker: SmartRanker | None) -> None:
    global _ranker
    _ranker = ranker


def smart_ranker() -> SmartRanker | None:
    return _ranker
