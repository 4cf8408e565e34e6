from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.drift import CENTROID_SHIFT_THRESHOLD, OCCUPATION_JS_THRESHOLD, drift_report


class Command(BaseCommand):
    help = "Compare the offers of the last days with a reference window: occupation mix and vector centroid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="recent window (days)")
        parser.add_argument("--reference-days", type=int, default=28, help="reference window before it (days)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = drift_report(recent_days=options["days"], reference_days=options["reference_days"])
        self.stdout.write(
            f"recent {report.recent_start:%Y-%m-%d}..{report.end:%Y-%m-%d}: {report.recent_offers} offers; "
            f"reference from {report.reference_start:%Y-%m-%d}: {report.reference_offers} offers"
        )
        flag = " DRIFT" if report.occupation_flagged else ""
        self.stdout.write(
            f"occupation mix (Jensen-Shannon): {report.occupation_divergence:.3f} "
            f"(threshold {OCCUPATION_JS_THRESHOLD}){flag}"
        )
        if report.centroid_shift is None:
            self.stdout.write("vector centroid shift: no vectors in one of the windows")
        else:
            flag = " DRIFT" if report.centroid_flagged else ""
            self.stdout.write(
                f"vector centroid shift (cosine distance): {report.centroid_shift:.4f} "
                f"(threshold {CENTROID_SHIFT_THRESHOLD}){flag}"
            )
        for code, recent, reference in report.risers:
            self.stdout.write(f"  {code}: {recent:.1%} of recent offers (reference {reference:.1%})")
