"""`make run`: one command that turns a fresh checkout into a living local site.

Migrates the (embedded) database, pushes the demo payloads through the real
ingestion pipeline, computes the offers' embeddings, makes sure a
demo admin exists, prints the address and the login, then serves.
"""

from __future__ import annotations

import fcntl
import io
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

from ingestion.models import IngestionRun
from offers.models import Commune, Occupation, OccupationTitle
from offers.understanding.offer_occupation import offers_occupations_refresh

DEMO_DIR = Path(settings.BASE_DIR) / "ingestion" / "demo"
LOCK_PATH = Path(settings.BASE_DIR) / ".run.lock"
ADMIN_EMAIL = "admin@jobmarket.localhost"
# Payload date fields, per source, shifted so that the demo always looks current,
# and the way each source writes them.
DATE_FIELDS = {"francetravail": ("dateCreation", "dateActualisation"), "adzuna": ("created",)}
DATE_FORMATS = {"francetravail": "%Y-%m-%dT%H:%M:%S.000Z", "adzuna": "%Y-%m-%dT%H:%M:%SZ"}
# The demo's deliberately malformed payloads, per source (ingestion/demo/README.md, "Hand-written
# special cases"): a first load rejects exactly these; tests/jobmarket/test_run_local.py holds it.
DEMO_DELIBERATE_REJECTIONS = {"francetravail": 3, "adzuna": 1}


class Command(BaseCommand):
    help = "Migrate, load the demo offers through the ingestion pipeline, and serve on 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--reference-data", type=Path, help="folder holding rome/ and communes/ (optional)")
        parser.add_argument("--no-serve", action="store_true", help="prepare everything, then exit")

    def handle(self, *args: Any, addr: str, reference_data: Path | None, no_serve: bool, **options: Any) -> None:
        lock = self._acquire_lock(addr)
        try:
            site_url = self._follow_address(addr)
            self._step("Migrations", lambda: call_command("migrate", interactive=False, verbosity=0))
            if reference_data:
                self._load_reference_data(reference_data)
            self._step("Demo offers", self._load_demo)
            self._step("Offers' occupations", self._read_occupations)
            self._step("Offer vectors", lambda: call_command("embed", stdout=self.stdout))
            password = self._ensure_admin()
            self.stdout.write(self.style.SUCCESS(f"\nJobMarket is ready: {site_url}/"))
            self.stdout.write(f"Admin: {site_url}/admin/  login {ADMIN_EMAIL}  password {password}")
            self.stdout.write(f"Links in e-mails point to {site_url}/ (SITE_URL).\n")
            if not no_serve:
                call_command("runserver", addr, use_reloader=False)
        finally:
            lock.close()

    def _follow_address(self, addr: str) -> str:
        """The address e-mails link to: SITE_URL when set, else the one this server answers on."""
        if os.environ.get("SITE_URL"):
            return settings.SITE_URL.rstrip("/")
        host, _, port = addr.rpartition(":")
        if host in ("", "0.0.0.0", "::", "[::]"):
            # Listening on every interface: the local name works here; other machines need SITE_URL.
            self.stdout.write(
                f"Serving on every interface: set SITE_URL to the address other machines use (port {port})."
            )
            host = "127.0.0.1"
        settings.SITE_URL = f"http://{host}:{port}"
        return settings.SITE_URL

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
        # The loaders print their own (French) progress; `make run` speaks English and sums up.
        if (folder / "rome").is_dir():
            self._step("ROME occupations", lambda: self._quietly("load_rome", str(folder / "rome")))
            self.stdout.write(
                f"{Occupation.objects.count():,} occupations, {OccupationTitle.objects.count():,} job titles"
            )
        if (folder / "communes").is_dir():
            self._step("Communes", lambda: self._quietly("load_communes", str(folder / "communes")))
            self.stdout.write(f"{Commune.objects.count():,} communes")

    def _quietly(self, command: str, *args: str, **options: Any) -> None:
        call_command(command, *args, stdout=io.StringIO(), **options)

    def _load_demo(self) -> None:
        with tempfile.TemporaryDirectory(prefix="jobmarket-demo-") as workdir:
            shifted = demo_payloads_as_of(DEMO_DIR, Path(workdir), now=timezone.now())
            self.stdout.write(f"{shifted} demo payload files, dates moved to the present")
            started = timezone.now()
            self._quietly("ingest", from_files=workdir)
        rejected = 0
        for run in IngestionRun.objects.filter(started_at__gte=started).order_by("started_at"):
            rejected += run.failed
            self.stdout.write(
                f"{run.get_source_display()}: {run.fetched} received, {run.new} new, {run.merged} merged, "
                f"{run.updated} updated, {run.unchanged} unchanged, {run.failed} rejected"
            )
        if rejected:
            self._explain_rejected(rejected)

    def _read_occupations(self) -> None:
        # Each offer's occupation was read as it came in, by a reader that had not yet learnt the titles the demo's
        # France Travail offers file under their codes (it learns them from the offers stored, once a minute):
        # read them all again now that it has (28 of the 316 demo offers change).
        changed = offers_occupations_refresh()
        self.stdout.write(f"{changed} offers read again with the titles the demo's offers teach")

    def _explain_rejected(self, rejected: int) -> None:
        deliberate = sum(DEMO_DELIBERATE_REJECTIONS.values())
        self.stdout.write(
            f"{min(rejected, deliberate)} rejected payloads are expected: the demo holds deliberately malformed ones "
            "(no title, not an offer, no id) to show that a bad payload is kept in error for the admin "
            "and never stops a run (ingestion/demo/README.md). They are listed at "
            f"{settings.SITE_URL.rstrip('/')}/admin/ingestion/rawpayload/?en_erreur=oui"
        )
        if rejected > deliberate:
            self.stdout.write(
                self.style.WARNING(
                    f"{rejected - deliberate} more were rejected than the demo's deliberate ones: look at them there."
                )
            )

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
