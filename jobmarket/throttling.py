"""DRF throttles that count by `jobmarket.client_address` (DRF's own `get_ident` believes any
X-Forwarded-For when NUM_PROXIES is unset)."""

from __future__ import annotations

from typing import Any

from rest_framework import throttling

from jobmarket.client_address import client_address


class ClientAddressIdent:
    def get_ident(self, request: Any) -> str:
        return client_address(request) or ""


class AnonRateThrottle(ClientAddressIdent, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientAddressIdent, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientAddressIdent, throttling.ScopedRateThrottle):
    pass


class SimpleRateThrottle(ClientAddressIdent, throttling.SimpleRateThrottle):
    pass
