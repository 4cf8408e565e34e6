from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from jobmarket.env import env_bool, env_int, env_list, env_pair, env_str, env_url

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_accepts_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("ON", True), ("0", False), ("false", False), ("", False)]:
        monkeypatch.setenv("JM_FLAG", raw)
        assert env_bool("JM_FLAG") is expected


def test_env_bool_rejects_garbage_naming_the_variable(monkeypatch):
    monkeypatch.setenv("JM_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="JM_FLAG='maybe' is not a boolean"):
        env_bool("JM_FLAG")


def test_env_int_checks_type_and_bounds(monkeypatch):
    monkeypatch.setenv("JM_HOUR", "25")
    with pytest.raises(ImproperlyConfigured, match="JM_HOUR=25 is above the maximum 23"):
        env_int("JM_HOUR", 5, minimum=0, maximum=23)
    monkeypatch.setenv("JM_HOUR", "five")
    with pytest.raises(ImproperlyConfigured, match="JM_HOUR='five' is not an integer"):
        env_int("JM_HOUR", 5)
    monkeypatch.delenv("JM_HOUR")
    assert env_int("JM_HOUR", 5) == 5


def test_env_url_requires_the_expected_scheme(monkeypatch):
    monkeypatch.setenv("JM_DB", "mysql://db/x")
    with pytest.raises(ImproperlyConfigured, match="JM_DB must be a URL of the form postgres://"):
        env_url("JM_DB", schemes=("postgres",))
    monkeypatch.setenv("JM_DB", "postgres://user:pw@db:5432/jobmarket")
    assert env_url("JM_DB", schemes=("postgres",)) == "postgres://user:pw@db:5432/jobmarket"


def test_env_list_and_str(monkeypatch):
    monkeypatch.setenv("JM_HOSTS", " a.fr, b.fr ,,")
    assert env_list("JM_HOSTS") == ["a.fr", "b.fr"]
    monkeypatch.setenv("JM_NAME", "  ")
    assert env_str("JM_NAME", "default") == "default"


def test_credentials_must_come_in_pairs(monkeypatch):
    monkeypatch.setenv("JM_ID", "abc")
    monkeypatch.delenv("JM_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="JM_SECRET is missing"):
        env_pair("JM_ID", "JM_SECRET")
    monkeypatch.setenv("JM_SECRET", "xyz")
    assert env_pair("JM_ID", "JM_SECRET") == ("abc", "xyz")


def _start_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS"))}
    clean.pop("JOBMARKET_TESTING", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "jobmarket.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_up_stops_on_malformed_variable_with_its_name():
    result = _start_settings(DEBUG="1", REDIS_URL="http://localhost:6379")
    assert result.returncode != 0
    assert "REDIS_URL must be a URL of the form redis://" in result.stderr


def test_production_start_up_requires_a_secret_key():
    result = _start_settings(DEBUG="0", DATABASE_URL="postgres://u:p@db.invalid:5432/jobmarket")
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr
