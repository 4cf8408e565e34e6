"""Project-level pages: the home page, /healthz (they read several apps) and the error pages."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ingestion.selectors import last_run_per_source, last_successful_update
from jobmarket.api import error_body
from jobmarket.pipeline import WORKER_HEARTBEAT_KEY
from matching.selectors import embedding_model_status
from offers.catalogue import hiring_occupations, offer_counts
from offers.models import Source

logger = logging.getLogger(__name__)


# The date the privacy policy last changed in substance: shown on the page.
PRIVACY_POLICY_UPDATED = date(2026, 12, 4)


def _legal_context() -> dict[str, Any]:
    host = settings.LEGAL_HOST or _("hébergeur à indiquer par l'exploitant du site (variable LEGAL_HOST)")
    return {
        "legal": {
            "publisher": settings.LEGAL_PUBLISHER,
            "address": settings.LEGAL_ADDRESS,
            "contact_email": settings.LEGAL_CONTACT_EMAIL,
            "director": settings.LEGAL_DIRECTOR,
            "host": host,
            "host_short": settings.LEGAL_HOST.split(",")[0] if settings.LEGAL_HOST else _("à indiquer"),
        }
    }


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/privacy.html", {**_legal_context(), "updated": PRIVACY_POLICY_UPDATED})


@require_safe
def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/notice.html", _legal_context())


@require_safe
def data_sources(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/sources.html")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers and crawlers that ignore <link rel="icon"> ask for /favicon.ico.
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    counts = offer_counts()
    sources = [(label, counts.by_source.get(value, 0)) for value, label in Source.choices]
    return render(
        request,
        "home.html",
        {
            "counts": counts,
            "sources": sources,
            "last_update": last_successful_update(),
            "occupations": hiring_occupations(limit=8),
        },
    )


def _database_status() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        row = cursor.fetchone()
    return {
        "database": {"status": "ok"},
        "vector": {"status": "ok", "version": row[0]} if row else {"status": "missing"},
    }


def _redis_status() -> dict[str, Any]:
    if not settings.REDIS_URL:
        return {"status": "eager mode", "detail": "REDIS_URL not set: tasks run in-process"}
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        logger.error("healthz: Redis unreachable: %s", error)
        return {"status": "error"}
    # Set by the worker that ran the last heartbeat task (beat sends one a minute).
    return {"status": "ok", "worker_heartbeat": cache.get(WORKER_HEARTBEAT_KEY)}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """`{"status": ok|degraded|error}` for anyone (503 when the database is down); the details (versions,
    runs, model, which part failed) for staff or a monitor sending `Authorization: Bearer <HEALTHZ_TOKEN>`.
    Error messages are logged, never shown: they carry hosts, socket paths and user names."""
    body: dict[str, Any] = {}
    try:
        body.update(_database_status())
        body["ingestion"] = {
            source: {"status": run.status, "started_at": run.started_at, "finished_at": run.finished_at}
            if run
            else None
            for source, run in last_run_per_source().items()
        }
    except DatabaseError as error:
        logger.error("healthz: database unreachable: %s", error)
        body["database"] = {"status": "error"}
        body["redis"] = _redis_status()
        body["status"] = "error"
        return JsonResponse(body if _may_see_health_details(request) else {"status": "error"}, status=503)
    body["redis"] = _redis_status()
    body["embedding_model"] = embedding_model_status()
    healthy = body["vector"]["status"] == "ok" and body["redis"]["status"] in ("ok", "eager mode")
    body["status"] = "ok" if healthy else "degraded"
    return JsonResponse(body if _may_see_health_details(request) else {"status": body["status"]}, status=200)


def _may_see_health_details(request: HttpRequest) -> bool:
    if getattr(request, "user", None) is not None and request.user.is_staff:
        return True
    expected = settings.HEALTHZ_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(expected) and constant_time_compare(given, expected)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: JSON in the API's one error shape under /api/, a French page elsewhere."""
    if _wants_json(request):
        body = error_body(status=404, code="not_found", message=_("Ressource introuvable."))
        return JsonResponse(body, status=404)
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        body = error_body(status=403, code="permission_denied", message=_("Action interdite pour ce compte."))
        return JsonResponse(body, status=403)
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Most often an expired page (the form was opened before a log-in elsewhere): say so in French.
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    if _wants_json(request):
        body = error_body(status=403, code="csrf_failed", message=_("Jeton CSRF absent ou invalide."))
        return JsonResponse(body, status=403)
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the error may come from a context processor.
    if _wants_json(request):
        body = error_body(status=500, code="server_error", message=_("Erreur interne : l'équipe a été prévenue."))
        return JsonResponse(body, status=500)
    return HttpResponse(loader.render_to_string("500.html"), status=500)
