"""Receivers of the candidates' signals: they only queue tasks (the signals fire after commit)."""

from __future__ import annotations

from typing import Any


def on_profile_changed(sender: Any, *, profile_id: int, **kwargs: Any) -> None:
    from matching.tasks import refresh_candidate_embedding

    refresh_candidate_embedding.delay_on_commit(profile_id)


def on_profile_deleted(sender: Any, *, profile_id: int, **kwargs: Any) -> None:
    from matching.tasks import delete_candidate_embeddings

    delete_candidate_embeddings.delay_on_commit(profile_id)
