from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from offers.understanding.offer_skill_reading import offer_skill_readings_refresh


class Command(BaseCommand):
    help = (
        "Read what the texts of the open offers listing no skill say of skills, where the kept reading is missing "
        "or was made by other rules or of another text, and keep it (the embedding refresh does it daily)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        read = offer_skill_readings_refresh(
            progress=lambda done, total: self.stdout.write(f"{done}/{total} offers read")
        )
        self.stdout.write(self.style.SUCCESS(f"Offers' texts read: {read}."))
