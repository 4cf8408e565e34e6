"""Failed-login counters that slow a guesser down without locking the owner out, in the Django cache.

Failures are counted per (account, client address) and per client address (the one notion of
`jobmarket.client_address`), never per account alone: someone guessing from their address slows
down only themselves, and the owner, from anywhere else, logs in as usual. Past a threshold
each further failure asks for a wait that doubles (2 s, 4 s, ... up to LOGIN_BACKOFF_MAX_SECONDS)
instead of a lock. A counter is forgotten an hour after its last failure; a successful login
forgets its (account, address) counter, and a password reset every counter of the account
(an account "generation" is part of their keys). The cache is Redis when REDIS_URL is set
(shared by every web process), local memory otherwise.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600
BACKOFF_FIRST_SECONDS = 2


def _key(kind: str, *values: str) -> str:
    # Hashed: e-mail addresses and IPs stay out of the cache's key space.
    joined = "\x00".join(value.strip().lower() for value in values)
    return f"login-failures:{kind}:{hashlib.sha256(joined.encode()).hexdigest()[:32]}"


def _generation(email: str) -> str:
    return str(cache.get(_key("generation", email)) or 0)


def _keys(email: str, ip: str | None) -> list[tuple[str, int]]:
    """(counter key, free failures) for this attempt: the account from this address, the address."""
    address = ip or "unknown"
    keys = [(_key("account-address", email, _generation(email), address), settings.LOGIN_FAILURES_PER_ACCOUNT)]
    if ip:
        keys.append((_key("address", ip), settings.LOGIN_FAILURES_PER_IP))
    return keys


def _wait(state: dict[str, float] | None, free: int, now: float) -> int:
    if not state or state["count"] < free:
        return 0
    delay = min(BACKOFF_FIRST_SECONDS * 2 ** (state["count"] - free), settings.LOGIN_BACKOFF_MAX_SECONDS)
    return max(0, math.ceil(state["last"] + delay - now))


def login_wait_seconds(*, email: str, ip: str | None) -> int:
    """Seconds before this account may be tried again from this address (0: now)."""
    now = time.time()
    return max(_wait(cache.get(key), free, now) for key, free in _keys(email, ip))


def login_blocked(*, email: str, ip: str | None) -> bool:
    return login_wait_seconds(email=email, ip=ip) > 0


def login_failure_record(*, email: str, ip: str | None) -> None:
    now = time.time()
    for key, _free in _keys(email, ip):
        state = cache.get(key) or {"count": 0, "last": now}
        cache.set(key, {"count": state["count"] + 1, "last": now}, timeout=WINDOW_SECONDS)


def login_succeeded(*, email: str, ip: str | None) -> None:
    """A successful login forgets this account's failures from this address (the address's keep counting)."""
    cache.delete(_keys(email, ip)[0][0])


def login_failures_forget_account(*, email: str) -> None:
    """After a password reset: every (account, address) counter of the account starts again."""
    key = _key("generation", email)
    cache.set(key, int(cache.get(key) or 0) + 1, timeout=None)


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _bump(key: str) -> None:
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=WINDOW_SECONDS)


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


SIGNUPS_PER_ADDRESS = 5
SIGNUPS_PER_EMAIL = 3


def signup_allowed(*, email: str, ip: str | None) -> bool:
    """Count a sign-up (or a confirmation e-mail sent again); False past the hour's allowance
    of the client address or of the e-mail address (bulk accounts, mailbox flooding)."""
    per_email, per_address = _key("signup-email", email), _key("signup-address", ip or "")
    if _count(per_email) >= SIGNUPS_PER_EMAIL or (ip and _count(per_address) >= SIGNUPS_PER_ADDRESS):
        return False
    _bump(per_email)
    if ip:
        _bump(per_address)
    return True
