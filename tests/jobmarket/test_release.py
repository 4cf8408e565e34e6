"""The documented release, run for real: on a clean copy of the checkout, the README's production
commands (migrate, collectstatic with the manifest storage), then gunicorn with DEBUG=0 (its settings file
included) serving the main pages and their static files."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.factories import OfferSourceFactory
from tests.processes import database_url_of_the_test_database

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "/",
    "/offres/",
    "/offres/?q=boulanger",
    "/marche/",
    "/competences/",
    "/connexion/",
    "/inscription/",
    "/mot-de-passe/oublie/",
    "/api/docs/",
    "/api/schema/",
    "/api/offers/",
]


def _production_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Production", 1)[1].split("\n## ", 1)[0]


def _clean_checkout(target: Path) -> Path:
    """The files git would put in a fresh clone (tracked, plus new files not ignored): nothing built."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in listed)):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not (target / "staticfiles").exists()
    return target


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, method: str = "GET") -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method, headers={"Host": "127.0.0.1"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.django_db(transaction=True)
def test_the_documented_release_serves_the_main_pages_with_debug_off(tmp_path):
    offer = OfferSourceFactory().offer
    checkout = _clean_checkout(tmp_path / "checkout")
    unset = ("JOBMARKET_TESTING", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-long-random-release-test-secret-key-0123456789abcdefghijkl",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url_of_the_test_database(),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    section = _production_section()
    release = re.findall(r"^python manage\.py .+$", section, re.M)
    assert release == ["python manage.py migrate --noinput", "python manage.py collectstatic --noinput"]
    for command in release:
        done = subprocess.run(
            [sys.executable, *command.split()[1:]], cwd=checkout, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert (checkout / "staticfiles" / "staticfiles.json").exists()

    web = re.search(r"^gunicorn .+$", section, re.M).group(0)
    port = _free_port()
    arguments = web.replace("0.0.0.0:8000", f"127.0.0.1:{port}").replace("--workers 3", "--workers 2").split()
    server = subprocess.Popen(
        [sys.executable, "-m", *arguments], cwd=checkout, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stdout.read().decode()[-3000:]
            try:
                status, home = _get(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer within 120 s"
                time.sleep(0.5)
        assert status == 200
        for path in [*PAGES, f"/offres/{offer.pk}/"]:
            status, _body = _get(base + path)
            assert status == 200, path
        # Pages name their assets by the manifest's hashed names, and WhiteNoise serves them.
        html = home.decode()
        assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
        assert any(re.search(r"\.[0-9a-f]{12}\.js$", asset) for asset in assets), assets
        for asset in assets:
            assert _get(base + asset)[0] == 200, asset
        assert _get(base + "/", method="HEAD")[0] == 200
        assert _get(base + "/page-qui-n-existe-pas/")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Each worker loaded the readers and the model before its first request (gunicorn.conf.py, matching.warmup).
    log = server.stdout.read().decode()
    assert log.count("matching.warmup warm-up: occupation reader") == 2, log[-3000:]
