"""Receivers of the candidates' signals: they only queue tasks (the signals fire after commit)."""

from __future__ import annotations

from typing import Any


def on_profile_changed(sender: Any, *, profile_id: int, **kwargs: Any) -> None:
    from matching.tasks import refresh_candidate_embedding

    refresh_candidate_embedding.delay_on_commit(profile_id)


def on_profile_deleted(sender: Any, *, profile_id: int, **kwargs: Any) -> None:
    from matching.tasks import delete_candidate_embeddings

    delete_candidate_embeddings.delay_on_commit(profile_id)


def on_export_collecting(sender: Any, *, user: Any, **kwargs: Any) -> dict[str, Any]:
    """The account's hidden offers, for its RGPD export (candidates.selectors.candidate_export)."""
    from matching.models import HiddenOffer

    return {
        "hidden_offers": [
            {"offer_id": hidden.offer_id, "title": hidden.offer.title, "hidden_at": hidden.hidden_at.isoformat()}
            for hidden in HiddenOffer.objects.filter(user=user).select_related("offer")
        ]
    }
