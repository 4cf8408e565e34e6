"""The staff dashboard of the collection: runs, errors, API calls, offers over time."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from ingestion import selectors
from offers.models import Source

DAYS = 30


@require_safe
@staff_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    daily = selectors.runs_per_day(days=DAYS)
    timeline = selectors.offers_over_time(days=DAYS)
    days = sorted({row.day for row in daily})
    by_key = {(row.day, row.source): row for row in daily}
    labels = dict(Source.choices)
    series: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for source in Source.values:
        for measure in ("fetched", "api_calls"):
            series[measure][labels[source]] = [
                getattr(by_key[(day, source)], measure) if (day, source) in by_key else 0 for day in days
            ]
    charts = {
        "days": [date_format(day, "j N") for day in days],
        "fetched": series["fetched"],
        "api_calls": series["api_calls"],
        "timeline": {
            "days": [date_format(point.day, "j N") for point in timeline],
            "open": [point.open for point in timeline],
            "closed": [point.closed for point in timeline],
            "labels": {"open": gettext("Ouvertes"), "closed": gettext("Fermées")},
        },
    }
    return render(
        request,
        "ingestion/dashboard.html",
        {
            "daily": [(row, labels.get(row.source, row.source)) for row in daily],
            "recent_runs": selectors.recent_runs(limit=20),
            "payload_errors": [
                {**row, "source_label": labels.get(row["source"], row["source"])} for row in selectors.payload_errors()
            ],
            # An all-zero series draws an empty chart: the page says it in words instead.
            "any_fetched": any(any(values) for values in series["fetched"].values()),
            "any_api_calls": any(any(values) for values in series["api_calls"].values()),
            "timeline": timeline,
            "charts": charts,
            "days": DAYS,
        },
    )
