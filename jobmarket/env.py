"""Typed readers for environment variables.

Each helper fails with ImproperlyConfigured naming the variable and the expected
form, so that a bad deployment stops at start-up instead of misbehaving later.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return value.strip()


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = _raw(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum {minimum}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={number} is above the maximum {maximum}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value in (None, ""):
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, *, schemes: tuple[str, ...], default: str | None = None) -> str | None:
    value = _raw(name)
    if value in (None, ""):
        return default
    parsed = urlparse(value)
    if parsed.scheme not in schemes:
        expected = " or ".join(f"{scheme}://..." for scheme in schemes)
        raise ImproperlyConfigured(f"{name} must be a URL of the form {expected}; got scheme {parsed.scheme!r}.")
    if not parsed.netloc and not parsed.path.strip("/") and "host=" not in parsed.query:
        raise ImproperlyConfigured(f"{name}={value!r} has no host.")
    return value


def env_pair(first: str, second: str) -> tuple[str, str] | None:
    """Credentials that only make sense together (client id + secret)."""
    a, b = env_str(first), env_str(second)
    if bool(a) != bool(b):
        missing = second if a else first
        raise ImproperlyConfigured(f"{missing} is missing: set both {first} and {second}, or neither.")
    return (a, b) if a and b else None
