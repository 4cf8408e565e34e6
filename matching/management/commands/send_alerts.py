from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from matching.alerts import alert_digests_send


class Command(BaseCommand):
    help = (
        "Send the e-mail digests of saved searches now (what the daily pipeline does after the ingestion). "
        "Safe to run again: only offers that appeared since each candidate's last digest are sent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = alert_digests_send()
        self.stdout.write(
            f"{result.candidates} candidates examined: {result.sent} digests sent, {result.empty} with nothing new, "
            f"{result.skipped} skipped, {result.failed} failed"
        )
