from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from matching.drift import drift_report, jensen_shannon
from matching.services import offer_embeddings_refresh
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_jensen_shannon_is_zero_for_the_same_mix_and_one_for_disjoint_mixes():
    assert jensen_shannon(Counter(a=2, b=2), Counter(a=5, b=5)) == pytest.approx(0.0)
    assert jensen_shannon(Counter(a=1), Counter(b=1)) == pytest.approx(1.0)


def test_a_week_of_new_kinds_of_offers_is_flagged(active_model, capsys):
    now = timezone.now()
    for _ in range(4):
        OfferFactory(first_seen_at=now - timedelta(days=20))  # bakers, the usual
    for _ in range(4):
        OfferFactory(
            title="Développeur Python",
            rome_code="M1805",
            rome_label="Études et développement informatique",
            description="Applications web en Django.",
            skills=["Python"],
            first_seen_at=now - timedelta(days=2),
        )
    offer_embeddings_refresh()
    report = drift_report(now=now)
    assert (report.recent_offers, report.reference_offers) == (4, 4)
    assert report.occupation_divergence == pytest.approx(1.0)
    assert report.occupation_flagged and report.centroid_flagged
    assert report.risers[0][0] == "M1805"
    call_command("drift_report")
    assert "DRIFT" in capsys.readouterr().out


def test_a_steady_stream_is_not_flagged(active_model):
    now = timezone.now()
    for days in (2, 3, 15, 20):
        OfferFactory(first_seen_at=now - timedelta(days=days))
    offer_embeddings_refresh()
    report = drift_report(now=now)
    assert not report.occupation_flagged
    assert not report.centroid_flagged
