"""Failed-login counters per account and per IP address, kept in the Django cache.

Fixed one-hour windows starting at the first failure. The cache is Redis when
REDIS_URL is set (shared by every web process), local memory otherwise.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(kind: str, value: str) -> str:
    # Hashed: e-mail addresses and IPs stay out of the cache's key space.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _bump(key: str) -> None:
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=WINDOW_SECONDS)


def login_blocked(*, email: str, ip: str | None) -> bool:
    if _count(_key("account", email)) >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        return True
    return ip is not None and ip != "" and _count(_key("ip", ip)) >= settings.LOGIN_FAILURES_PER_IP


def login_failure_record(*, email: str, ip: str | None) -> None:
    _bump(_key("account", email))
    if ip:
        _bump(_key("ip", ip))


def login_failures_clear(*, email: str) -> None:
    """A successful login clears the account's counter (the IP's keeps counting)."""
    cache.delete(_key("account", email))


PASSWORD_RESETS_PER_ACCOUNT = 3
PASSWORD_RESETS_PER_IP = 10


def password_reset_allowed(*, email: str, ip: str | None) -> bool:
    """Count a reset request; False once an address or an IP asked too often this hour (mail flooding)."""
    account, address = _key("reset-account", email), _key("reset-ip", ip or "")
    if _count(account) >= PASSWORD_RESETS_PER_ACCOUNT or (ip and _count(address) >= PASSWORD_RESETS_PER_IP):
        return False
    _bump(account)
    if ip:
        _bump(address)
    return True
