from __future__ import annotations

from django.conf import settings


def embedding_model_status() -> dict[str, object]:
    """What /healthz reports about the embedding model."""
    return {"configured": settings.MATCHING_MODEL}
