"""`make run`: one command that turns a fresh checkout into a living local site.

Migrates the (embedded) database, pushes the demo payloads through the real
ingestion pipeline, computes the offers' embeddings, makes sure a
demo admin exists, prints the address and the login, then serves.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

DEMO_DIR = Path(settings.BASE_DIR) / "ingestion" / "demo"
LOCK_PATH = Path(settings.BASE_DIR) / ".run.lock"
ADMIN_EMAIL = "admin@jobmarket.localhost"
# Payload date fields, per source, shifted so that the demo always looks current,
# and the way each source writes them.
DATE_FIELDS = {"francetravail": ("dateCreation", "dateActualisation"), "adzuna": ("created",)}
DATE_FORMATS = {"francetravail": "%Y-%m-%dT%H:%M:%S.000Z", "adzuna": "%Y-%m-%dT%H:%M:%SZ"}


class Command(BaseCommand):
    help = "Migrate, load the demo offers through the ingestion pipeline, and serve on 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--reference-data", type=Path, help="folder holding rome/ and communes/ (optional)")
        parser.add_argument("--no-serve", action="store_true", help="prepare everything, then exit")

    def handle(self, *args: Any, addr: str, reference_data: Path | None, no_serve: bool, **options: Any) -> None:
        lock = self._acquire_lock(addr)
        try:
            self._step("Migrations", lambda: call_command("migrate", interactive=False, verbosity=0))
            if reference_data:
                self._load_reference_data(reference_data)
            self._step("Offres de démonstration", self._load_demo)
            if self._placed_without_communes():
                # Offers stored before the communes were loaded: place them again from their payloads.
                self._step("Lieux des offres", lambda: call_command("reprocess", stdout=self.stdout))
            self._step("Vecteurs des offres", lambda: call_command("embed", stdout=self.stdout))
            password = self._ensure_admin()
            url = f"http://{addr}/"
            self.stdout.write(self.style.SUCCESS(f"\nJobMarket is ready: {url}"))
            self.stdout.write(f"Admin: {url}admin/  login {ADMIN_EMAIL}  password {password}\n")
            if not no_serve:
                call_command("runserver", addr, use_reloader=False)
        finally:
            lock.close()

    def _acquire_lock(self, addr: str) -> IO[str]:
        # Two `make run` at once would race on migrations and the demo load: the second
        # one stops here and says why. The lock dies with the process (no stale file).
        lock = LOCK_PATH.open("a+")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            lock.close()
            raise CommandError(
                f"JobMarket is already running from this checkout ({holder}). "
                "Stop it (Ctrl+C in its terminal) before starting another one."
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}, serving on http://{addr}/")
        lock.flush()
        return lock

    def _step(self, title: str, action: Any) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"==> {title}"))
        action()

    def _load_reference_data(self, folder: Path) -> None:
        if (folder / "rome").is_dir():
            self._step("Référentiel ROME", lambda: call_command("load_rome", str(folder / "rome"), stdout=self.stdout))
        if (folder / "communes").is_dir():
            self._step("Communes", lambda: call_command("load_communes", str(folder / "communes"), stdout=self.stdout))

    def _placed_without_communes(self) -> bool:
        from offers.models import Commune, Offer

        located_without_commune = Offer.objects.filter(commune_insee="", latitude__isnull=False)
        return Commune.objects.exists() and located_without_commune.exists()

    def _load_demo(self) -> None:
        with tempfile.TemporaryDirectory(prefix="jobmarket-demo-") as workdir:
            shifted = demo_payloads_as_of(DEMO_DIR, Path(workdir), now=timezone.now())
            self.stdout.write(f"{shifted} demo payload files, dates moved to the present")
            call_command("ingest", from_files=workdir, stdout=self.stdout)

    def _ensure_admin(self) -> str:
        # The password is made once, kept beside the embedded database (git-ignored).
        secret_file = Path(settings.BASE_DIR) / ".pgdata" / "demo-admin-password.txt"
        user_model = get_user_model()
        admin = user_model.objects.filter(username=ADMIN_EMAIL).first()
        if admin is not None and secret_file.exists():
            return secret_file.read_text().strip()
        password = secrets.token_urlsafe(12)
        if admin is None:
            user_model.objects.create_superuser(username=ADMIN_EMAIL, email=ADMIN_EMAIL, password=password)
        else:
            admin.set_password(password)
            admin.save(update_fields=["password"])
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(password)
        secret_file.chmod(0o600)
        return password


def demo_payloads_as_of(source_dir: Path, target_dir: Path, *, now: datetime) -> int:
    """Copy the demo payload pages, moving every date by the same whole number of days
    so that the newest offer is from the last 24 hours: the demo's "published in the last N days" filters and
    charts then look like a live site whatever the day. Returns the number of files."""
    files = sorted(source_dir.glob("*/*.json"))
    if not files:
        raise CommandError(f"no demo payloads in {source_dir}")
    pages = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in files]
    newest = max((date for path, page in pages for date in _dates(path.parent.name, page)), default=None)
    # Whole days only: re-running on the same day rewrites identical payloads, which the
    # pipeline then counts as unchanged instead of adding new raw versions.
    offset = timedelta(days=(now - newest).days) if newest else timedelta(0)
    for path, page in pages:
        source = path.parent.name
        for item in _items(page):
            for field in DATE_FIELDS.get(source, ()):
                parsed = _parse(item.get(field))
                if parsed is not None:
                    item[field] = (parsed + offset).astimezone(UTC).strftime(DATE_FORMATS[source])
        destination = target_dir / source / path.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return len(pages)


def _items(page: Any) -> list[dict[str, Any]]:
    if not isinstance(page, dict):
        return []
    items = page.get("resultats", page.get("results", []))
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _dates(source: str, page: Any) -> list[datetime]:
    return [
        parsed
        for item in _items(page)
        for field in DATE_FIELDS.get(source, ())
        if (parsed := _parse(item.get(field))) is not None
    ]
