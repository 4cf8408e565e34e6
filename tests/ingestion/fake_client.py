"""An in-memory SourceClient (the interface of ingestion.sources.base) for orchestration tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone

from ingestion.sources.base import SWEEP_EPOCH, CallStats, DetailResult, SearchSpec, SourceError, SweepCell


class FakeClient:
    def __init__(
        self,
        name: str,
        payloads: Sequence[Any] = (),
        *,
        details: dict[str, DetailResult] | None = None,
        fail_after: int | None = None,
        supports_detail: bool = True,
    ) -> None:
        self.name = name
        self.payloads = list(payloads)
        self.details = details or {}
        self.fail_after = fail_after
        self.supports_detail = supports_detail
        self.stats = CallStats()
        self.searches: list[SearchSpec] = []
        self.since: datetime | None = None
        self.detail_calls: list[str] = []

    @property
    def calls_left_today(self) -> int | None:
        return None

    def collect(self, *, searches: Sequence[SearchSpec], since: datetime | None) -> Iterator[dict[str, Any]]:
        self.searches, self.since = list(searches), since
        for index, payload in enumerate(self.payloads):
            if self.fail_after is not None and index >= self.fail_after:
                raise SourceError("La source ne répond plus (500 après 5 essais).")
            if index % 150 == 0:
                self.stats.api_calls += 1
            yield payload

    def sweep(self, *, searches: Sequence[SearchSpec]) -> Iterator[dict[str, Any] | SweepCell]:
        """The payloads as given, SweepCell items included where the test put them; with none,
        one complete cell of all time after the payloads."""
        self.searches = list(searches)
        end = timezone.now().replace(microsecond=0)
        for index, item in enumerate(self.payloads):
            if self.fail_after is not None and index >= self.fail_after:
                raise SourceError("La source ne répond plus (500 après 5 essais).")
            yield item
        if not any(isinstance(item, SweepCell) for item in self.payloads):
            for spec in self.searches:
                yield SweepCell(spec, SWEEP_EPOCH, end, complete=True)

    def fetch_detail(self, external_id: str) -> DetailResult:
        self.stats.api_calls += 1
        self.detail_calls.append(external_id)
        return self.details.get(external_id, DetailResult.unknown())
