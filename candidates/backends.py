"""The authentication backend: Django's ModelBackend behind the failed-login limits.

Every login path goes through it (site, API token, admin), so the limits per account
and per IP cannot be bypassed by choosing another door.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from candidates import login_limit
from jobmarket.client_address import client_address


def client_ip(request: HttpRequest | None) -> str | None:
    # The same address the API throttles count (TRUSTED_PROXIES decides whether X-Forwarded-For is read).
    return client_address(request)


class RateLimitedModelBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None or password is None:
            return None
        ip = client_ip(request)
        if login_limit.login_blocked(email=username, ip=ip):
            # PermissionDenied stops Django from trying any other backend.
            raise PermissionDenied("too many failed logins")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_limit.login_failure_record(email=username, ip=ip)
        else:
            login_limit.login_succeeded(email=username, ip=ip)
        return user
