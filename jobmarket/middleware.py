"""Project middleware."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jobmarket.api import error_body

JSON_TYPES = ("application/json", "application/problem+json")


def _texts(request: HttpRequest) -> Iterator[str]:
    yield request.path
    for key, values in request.GET.lists():
        yield key
        yield from values
    for key, value in request.COOKIES.items():
        yield key
        yield value
    # Multipart bodies are left to the forms (Django's and DRF's CharFields refuse NUL): reading
    # them here would spool a file upload before the view could refuse its size.
    if (
        request.method in ("POST", "PUT", "PATCH", "DELETE")
        and request.content_type == "application/x-www-form-urlencoded"
    ):
        for key, values in request.POST.lists():
            yield key
            yield from values


def _has_nul(request: HttpRequest) -> bool:
    if any("\x00" in text for text in _texts(request)):
        return True
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.content_type in JSON_TYPES:
        return b"\\u0000" in request.body or b"\x00" in request.body
    return False


class RejectNulBytesMiddleware:
    """A NUL character anywhere in the input is a 400 with a message, never a 500.

    PostgreSQL refuses NUL in text (and `\\u0000` in jsonb): a value read straight from the query string
    (a suggestion box, a filter) would otherwise reach it and fail as a server error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _has_nul(request):
            return self.get_response(request)
        message = _("La requête contient un caractère nul (\\0), qui n'est accepté dans aucun champ.")
        if request.path.startswith("/api/"):
            return JsonResponse(error_body(status=400, code="invalid_characters", message=message), status=400)
        return render(request, "400.html", {"message": message}, status=400)
