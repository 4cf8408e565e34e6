from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from offers.understanding.offer_occupation import offers_occupations_refresh


class Command(BaseCommand):
    help = (
        "Read every offer's occupation again (its ROME code, or the one its title names) and store it: "
        "after the referential changed, or for offers stored before occupations were kept."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = offers_occupations_refresh(
            progress=lambda done, total: self.stdout.write(f"{done}/{total} offers read")
        )
        self.stdout.write(self.style.SUCCESS(f"Offers with a new occupation: {changed}."))
