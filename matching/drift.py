"""Drift of the offer stream: is the last week like the weeks before it?

Two signals, each flagged over its threshold:
- occupation mix: Jensen-Shannon divergence (base 2, in [0, 1]) between the ROME-code
  distributions of the recent window and of the reference window;
- meaning of the offers: cosine distance between the centroids (mean vectors, active model)
  of the two windows' offers. A new kind of offer flooding in moves it; daily noise does not.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from django.db.models import Count
from django.utils import timezone

from matching.models import OfferEmbedding
from matching.selectors import active_embedding_model
from offers.models import Offer

OCCUPATION_JS_THRESHOLD = 0.10
CENTROID_SHIFT_THRESHOLD = 0.05


@dataclass(frozen=True)
class DriftReport:
    recent_start: datetime
    reference_start: datetime
    end: datetime
    recent_offers: int
    reference_offers: int
    occupation_divergence: float
    centroid_shift: float | None  # None: no vectors to compare
    risers: list[tuple[str, float, float]]  # (ROME code, share recent, share reference), biggest rises first

    @property
    def occupation_flagged(self) -> bool:
        return self.occupation_divergence > OCCUPATION_JS_THRESHOLD

    @property
    def centroid_flagged(self) -> bool:
        return self.centroid_shift is not None and self.centroid_shift > CENTROID_SHIFT_THRESHOLD


def jensen_shannon(p: Counter[str], q: Counter[str]) -> float:
    total_p, total_q = sum(p.values()), sum(q.values())
    if not total_p or not total_q:
        return 0.0
    divergence = 0.0
    for key in set(p) | set(q):
        a, b = p[key] / total_p, q[key] / total_q
        m = (a + b) / 2
        if a:
            divergence += 0.5 * a * math.log2(a / m)
        if b:
            divergence += 0.5 * b * math.log2(b / m)
    return divergence


def _mix(start: datetime, end: datetime) -> Counter[str]:
    rows = (
        Offer.objects.filter(first_seen_at__gte=start, first_seen_at__lt=end)
        .values("rome_code")
        .annotate(n=Count("id"))
    )
    return Counter({row["rome_code"] or "?": row["n"] for row in rows})


def _centroid(start: datetime, end: datetime, model_id: int) -> np.ndarray | None:
    vectors = OfferEmbedding.objects.filter(
        model_id=model_id, offer__first_seen_at__gte=start, offer__first_seen_at__lt=end
    ).values_list("vector", flat=True)
    matrix = np.array([np.asarray(v, dtype=np.float32) for v in vectors.iterator(chunk_size=2000)])
    return matrix.mean(axis=0) if len(matrix) else None


def drift_report(*, recent_days: int = 7, reference_days: int = 28, now: datetime | None = None) -> DriftReport:
    end = now or timezone.now()
    recent_start = end - timedelta(days=recent_days)
    reference_start = recent_start - timedelta(days=reference_days)
    recent, reference = _mix(recent_start, end), _mix(reference_start, recent_start)
    total_recent, total_reference = sum(recent.values()), sum(reference.values())
    risers = sorted(
        (
            (code, recent[code] / total_recent, reference[code] / total_reference)
            for code in recent
            if total_recent and total_reference
        ),
        key=lambda row: row[2] - row[1],
    )[:5]
    shift = None
    model = active_embedding_model()
    if model is not None:
        a, b = _centroid(recent_start, end, model.pk), _centroid(reference_start, recent_start, model.pk)
        if a is not None and b is not None:
            shift = float(1.0 - (a @ b) / (np.linalg.norm(a) * np.linalg.norm(b)))
    return DriftReport(
        recent_start=recent_start,
        reference_start=reference_start,
        end=end,
        recent_offers=total_recent,
        reference_offers=total_reference,
        occupation_divergence=jensen_shannon(recent, reference),
        centroid_shift=shift,
        risers=risers,
    )
