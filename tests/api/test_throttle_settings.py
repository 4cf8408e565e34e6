from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "rate, accepted", [("120/minute", True), ("5/min", True), ("60/minut", False), ("x/hour", False)]
)
def test_a_malformed_throttle_rate_stops_start_up_naming_the_variable(rate, accepted):
    result = subprocess.run(
        [sys.executable, "-c", "import jobmarket.settings"],
        # A DATABASE_URL that is only parsed: the settings then never touch the embedded server.
        env={
            "API_THROTTLE_USER": rate,
            "JOBMARKET_TESTING": "1",
            "DATABASE_URL": "postgres://nobody@localhost:1/none",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode == 0) is accepted, result.stderr[-500:]
    if not accepted:
        assert f"API_THROTTLE_USER='{rate}' is not a rate" in result.stderr
