"""One copy per process of something built from the database (a reader), rebuilt when its data changed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class ProcessCopy(Generic[T]):
    """`build(version)` once, then again only when `version()` has changed; `version()` (a few cheap
    queries) is asked at most once every `check_seconds`, given at each call so that tests can set it."""

    def __init__(self, build: Callable[[Hashable], T], version: Callable[[], Hashable]) -> None:
        self._build = build
        self._version = version
        self._lock = threading.Lock()
        self._copy: T | None = None
        self._built_for: Hashable = None
        self._checked = 0.0

    def get(self, *, check_seconds: float) -> T:
        now = time.monotonic()
        with self._lock:
            if self._copy is not None and now - self._checked < check_seconds:
                return self._copy
            version = self._version()
            if self._copy is None or version != self._built_for:
                self._copy = self._build(version)
                self._built_for = version
            self._checked = now
            return self._copy

    def reset(self) -> None:
        with self._lock:
            self._copy, self._built_for, self._checked = None, None, 0.0
