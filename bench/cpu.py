"""CPU time of the benchmarks' processes: on a shared machine, wall time varies with the load,
CPU seconds much less."""

from __future__ import annotations

import os
import resource
from pathlib import Path
from typing import Any


def backend_cpu_seconds(connection: Any) -> float | None:
    """CPU time of this session's PostgreSQL backend (same machine only), from /proc."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """CPU time of the child processes that ended (the preparing process of each run)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
