"""The client's address, one notion for every limit (API throttles, /api/match/, login and sign-up limits).

REMOTE_ADDR, unless it is one of the reverse proxies named in TRUSTED_PROXIES (none by default):
then the X-Forwarded-For hops are read from the right, skipping the trusted proxies, and the
first other address is the client. Hops left of it were written by the client and are ignored:
a client rotating the header changes nothing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxy_networks(values: Iterable[str], *, variable: str = "TRUSTED_PROXIES") -> tuple[Network, ...]:
    """Parse addresses or CIDR blocks (`10.0.0.0/8`, `127.0.0.1`); a bad one stops start-up."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{variable}: {value!r} is not an IP address or network (e.g. 10.0.0.0/8, 127.0.0.1)."
            ) from None
    return tuple(networks)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest | Any | None) -> str | None:
    """The address to count a request against (a Django or DRF request), or None without one."""
    if request is None:
        return None
    meta = request.META
    remote = meta.get("REMOTE_ADDR") or None
    networks: tuple[Network, ...] = settings.TRUSTED_PROXIES
    remote_address = _address(remote) if remote else None
    if remote_address is None or not networks or not _trusted(remote_address, networks):
        return remote
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break  # garbage from the client past our proxies: the nearest trusted hop is all we know
        if not _trusted(address, networks):
            return str(address)
        remote = str(address)
    return remote
