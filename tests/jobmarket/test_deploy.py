"""Production settings: `manage.py check --deploy` must be clean, and docker-compose.yml
must run the same commands as the README says (no Docker engine runs here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
    "ALLOWED_HOSTS": "jobmarket.example.fr",
    "DATABASE_URL": "postgres://jobmarket:secret@db.invalid:5432/jobmarket",
    "REDIS_URL": "redis://redis.invalid:6379/0",
}


def test_check_deploy_is_clean_with_production_settings():
    # The suite sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never does.
    unset = ("JOBMARKET_TESTING", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _readme_commands() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    return {
        "web": re.search(r"^gunicorn .+$", section, re.M).group(0),
        "worker": re.search(r"^celery -A jobmarket worker.+$", section, re.M).group(0),
        "beat": re.search(r"^celery -A jobmarket beat.+$", section, re.M).group(0),
    }


def test_docker_compose_services_run_the_commands_the_readme_gives():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    for name, command in _readme_commands().items():
        declared = services[name]["command"]
        declared = " ".join(declared) if isinstance(declared, list) else declared
        assert declared == command, f"{name}: compose runs {declared!r}, README says {command!r}"
    assert "pgvector" in services["db"]["image"]
    assert services["redis"]["image"].startswith("redis:")
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://redis:")
        assert "SECRET_KEY" in environment
