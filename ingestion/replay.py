"""A source client that replays saved response bodies instead of calling an API.

`ingest --from-files DIR` (and `make run` with ingestion/demo/) goes through the
same run, raw store, normalisers and upserts as a real collection; only the HTTP
part is replaced. Layout: DIR/francetravail/*.json, each a France Travail search
body `{"resultats": [...]}`; DIR/adzuna/*.json, each an Adzuna body
`{"count": .., "results": [...]}`. Files are read in name order, one at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ingestion.sources.base import CallStats, DetailResult, SearchSpec, SourceError
from offers.models import Source

RESULTS_KEY = {Source.FRANCE_TRAVAIL.value: "resultats", Source.ADZUNA.value: "results"}


class ReplayClient:
    supports_detail = False

    def __init__(self, *, source: str, directory: Path) -> None:
        if source not in RESULTS_KEY:
            raise ValueError(f"unknown source {source!r}")
        self.name = source
        self.directory = Path(directory) / source
        self.stats = CallStats()

    @property
    def calls_left_today(self) -> int | None:
        return None

    def files(self) -> list[Path]:
        return sorted(self.directory.glob("*.json")) if self.directory.is_dir() else []

    def collect(
        self, *, searches: Sequence[SearchSpec] = (), since: datetime | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every offer of every file, in order. `searches` and `since` do not filter a replay."""
        for path in self.files():
            try:
                with path.open(encoding="utf-8") as handle:
                    body = json.load(handle)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
                # One unreadable file is recorded and skipped, like one failed page of an API.
                self.stats.errors.append(f"{path.name} : fichier illisible ({error})")
                continue
            items = body.get(RESULTS_KEY[self.name]) if isinstance(body, dict) else None
            if not isinstance(items, list):
                self.stats.errors.append(f"{path.name} : pas de liste « {RESULTS_KEY[self.name]} »")
                continue
            yield from items

    def fetch_detail(self, external_id: str) -> DetailResult:
        return DetailResult.unknown()


def check_directory(directory: Path) -> None:
    if not Path(directory).is_dir():
        raise SourceError(f"Dossier introuvable : {directory}")
