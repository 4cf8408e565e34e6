"""Project-level API plumbing: the one error shape, its schema, the docs page.

Every 4xx the API returns is a JSON object of the form

    {"status": 400, "code": "invalid", "message": "...",
     "errors": [{"field": "salary_min", "code": "min_value", "message": "..."}]}

where `errors` lists each wrong input (`field` is a dotted path into the body or
the query string, null when the request as a whole is at fault).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD_KEYS = {"non_field_errors", "detail"}

# Statuses every operation may answer with the error shape (documented on each one).
DOCUMENTED_ERRORS = {
    "400": "Requête invalide : `errors` indique chaque champ en faute.",
    "401": "Authentification requise (jeton `Authorization: Token …` ou session).",
    "403": "Action interdite pour ce compte.",
    "404": "Ressource introuvable.",
    "405": "Méthode non autorisée sur cette ressource.",
    "406": "Format de réponse demandé non disponible (JSON seulement).",
    "415": "Type de contenu de la requête non pris en charge.",
    "429": "Trop de requêtes : réessayez plus tard (en-tête Retry-After).",
}


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text="Champ en faute (chemin pointé), ou null.")
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    errors = ErrorItemSerializer(many=True)


def _flatten(detail: Any, path: str = "") -> list[dict[str, Any]]:
    """DRF's nested ValidationError detail -> one item per wrong field, with a dotted path."""
    if isinstance(detail, dict):
        items: list[dict[str, Any]] = []
        for key, value in detail.items():
            key = str(key)
            child = path if key in NON_FIELD_KEYS else (f"{path}.{key}" if path else key)
            items.extend(_flatten(value, child))
        return items
    if isinstance(detail, list):
        items = []
        for index, value in enumerate(detail):
            # A list of messages belongs to its field; a list of objects is indexed.
            child = f"{path}.{index}" if path and isinstance(value, dict | list) else path
            items.extend(_flatten(value, child))
        return items
    return [{"field": path or None, "code": getattr(detail, "code", "invalid"), "message": str(detail)}]


class QueryParamsSerializer(serializers.Serializer):
    """A serializer of query parameters: `?limit=` is refused, not read as "absent" (DRF's habit for
    form data), since the schema documents an integer there."""

    def to_internal_value(self, data: Any) -> Any:
        empty = {
            name: [exceptions.ErrorDetail(_("Ce paramètre ne peut pas être vide."), code="blank")]
            for name, field in self.fields.items()
            if data.get(name) == "" and not getattr(field, "allow_blank", False)
        }
        if empty:
            raise exceptions.ValidationError(empty)
        return super().to_internal_value(data)


def error_body(*, status: int, code: str, message: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"status": status, "code": code, "message": message, "errors": errors or []}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped into the one error body. Anything else (a bug) stays a 500."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Ressource introuvable."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        code, message = "invalid", _("Les données envoyées ne sont pas valides.")
        if len(errors) == 1 and errors[0]["field"] is None:
            message = errors[0]["message"]
    else:
        detail = exc.detail
        code = getattr(detail, "code", None) or exc.default_code
        message = str(detail) if not isinstance(detail, dict | list) else str(exc.default_detail)
        errors = _flatten(detail) if isinstance(detail, dict | list) else []
    response.data = error_body(status=response.status_code, code=str(code), message=message, errors=errors)
    return response


_ERROR_SCHEMA = {
    "ErrorItem": {
        "type": "object",
        "properties": {
            "field": {"type": "string", "nullable": True, "description": "Champ en faute (chemin pointé) ou null."},
            "code": {"type": "string"},
            "message": {"type": "string"},
        },
        "required": ["field", "code", "message"],
    },
    "Error": {
        "type": "object",
        "description": "Forme unique de toute réponse 4xx.",
        "properties": {
            "status": {"type": "integer"},
            "code": {"type": "string"},
            "message": {"type": "string"},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ErrorItem"}},
        },
        "required": ["status", "code", "message", "errors"],
    },
}


def document_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: the error shape on every operation's 4xx."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(_ERROR_SCHEMA)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "put", "patch", "post", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in DOCUMENTED_ERRORS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
            # Answered by the HTTP server before the application (gunicorn: a request line over 4,094
            # bytes), so without the JSON error shape.
            responses.setdefault("414", {"description": "Adresse (URL) trop longue, refusée par le serveur HTTP."})
    return result


@require_safe
def swagger_ui(request: HttpRequest) -> HttpResponse:
    """Swagger UI from the vendored assets in static/vendor/swagger-ui (no CDN)."""
    return render(request, "api/swagger.html")
