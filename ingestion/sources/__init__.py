"""HTTP clients of the offer sources (no database access): see base.py for the interface."""

from ingestion.sources.base import (
    FATAL_ERRORS,
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
    SweepCell,
    client_for,
)

__all__ = [
    "FATAL_ERRORS",
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
    "SweepCell",
    "client_for",
]
