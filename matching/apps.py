from __future__ import annotations

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Recommandations"

    def ready(self) -> None:
        from candidates.signals import export_collecting, profile_changed, profile_deleted
        from matching.receivers import on_export_collecting, on_profile_changed, on_profile_deleted

        profile_changed.connect(on_profile_changed, dispatch_uid="matching.profile_changed")
        profile_deleted.connect(on_profile_deleted, dispatch_uid="matching.profile_deleted")
        export_collecting.connect(on_export_collecting, dispatch_uid="matching.export_collecting")

        from matching.search import smart_search
        from offers.search.modes import smart_ranker_register

        smart_ranker_register(
            lambda text, candidates, limit: smart_search(text=text, candidates=candidates, limit=limit)
        )
