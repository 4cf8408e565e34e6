"""HTTP clients of the offer sources (no database access): see base.py for the interface."""

from ingestion.sources.base import (
    CallStats,
    DetailResult,
    DetailStatus,
    MissingCredentials,
    QuotaExhausted,
    RequestRejected,
    SearchSpec,
    SourceAuthError,
    SourceClient,
    SourceError,
    SourceUnavailable,
    client_for,
)

__all__ = [
    "CallStats",
    "DetailResult",
    "DetailStatus",
    "MissingCredentials",
    "QuotaExhausted",
    "RequestRejected",
    "SearchSpec",
    "SourceAuthError",
    "SourceClient",
    "SourceError",
    "SourceUnavailable",
    "client_for",
]
