from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from offers.search.synonyms import SYNONYMS_PATH, search_synonyms_load


class Command(BaseCommand):
    help = "Add the curated search synonyms and acronyms (offers/search/synonyms.json) that the table lacks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--replace", action="store_true", help="also overwrite the terms already there (staff edits are lost)"
        )

    def handle(self, *args: Any, replace: bool, **options: Any) -> None:
        added, updated = search_synonyms_load(replace=replace)
        self.stdout.write(f"Synonymes de recherche ({SYNONYMS_PATH.name}) : {added} ajoutés, {updated} mis à jour.")
