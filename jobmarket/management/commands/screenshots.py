"""`make screenshots`: a screenshot of every page of the site (jobmarket/site_pages.py), desktop
and phone, signed in or not, from the current database (the demo of `make run`), into a
git-ignored folder.

The site is served from this process on a free local port (no running server needed); the pages
are drawn by Debian's Chromium through Playwright (a test dependency, requirements-dev.txt)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.wsgi import get_wsgi_application

from jobmarket.site_pages import VIEWPORTS, session_cookies, site_pages


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class Command(BaseCommand):
    help = "Write a screenshot of every page, desktop and phone, into a folder (default: screenshots/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=Path(settings.BASE_DIR) / "screenshots")
        parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
        parser.add_argument("--only", default="", help="comma-separated page names (see jobmarket/site_pages.py)")

    def handle(self, *args: Any, out: Path, full_page: bool, only: str, **options: Any) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise CommandError("Playwright is missing: install requirements-dev.txt (make test does).") from None
        chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            raise CommandError("Chromium is missing: install Debian's chromium (make test does) or set CHROMIUM_PATH.")
        pages = site_pages()
        if only:
            wanted = {name.strip() for name in only.split(",") if name.strip()}
            unknown = wanted - {page.name for page in pages}
            if unknown:
                raise CommandError(f"Unknown page names: {', '.join(sorted(unknown))}.")
            pages = [page for page in pages if page.name in wanted]
        server = make_server(
            "127.0.0.1", 0, StaticFilesHandler(get_wsgi_application()), _ThreadingServer, _QuietHandler
        )
        base_url = f"http://127.0.0.1:{server.server_port}"
        # Before Playwright starts: its event loop forbids database calls in this thread.
        cookies = {role: session_cookies(role, base_url) for role in ("anonymous", "candidate", "staff")}
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        written: list[Path] = []
        failures: list[BaseException] = []

        def shoot() -> None:
            # In its own thread: Playwright's sync API refuses to run where an asyncio loop already
            # runs (another Playwright user in this process, such as the test suite's browser).
            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
                    for viewport, size in VIEWPORTS.items():
                        folder = out / viewport
                        folder.mkdir(parents=True, exist_ok=True)
                        for role in ("anonymous", "candidate", "staff"):
                            context = browser.new_context(
                                base_url=base_url, locale="fr-FR", viewport=size, is_mobile=viewport == "phone"
                            )
                            context.add_cookies(cookies[role])
                            context.set_default_timeout(60_000)  # a busy machine draws the map slowly
                            page = context.new_page()
                            for site_page in (item for item in pages if item.role == role):
                                page.goto(site_page.path)
                                page.wait_for_load_state("networkidle")
                                path = folder / f"{site_page.name}.png"
                                page.screenshot(path=str(path), full_page=full_page)
                                written.append(path)
                            context.close()
                    browser.close()
            except BaseException as error:  # handed to the command's thread below
                failures.append(error)

        try:
            worker = threading.Thread(target=shoot)
            worker.start()
            worker.join()
        finally:
            server.shutdown()
        if failures:
            raise CommandError(f"Screenshots failed: {failures[0]}") from failures[0]
        self.stdout.write(
            self.style.SUCCESS(f"{len(written)} screenshots ({len(pages)} pages x {len(VIEWPORTS)}) in {out}")
        )
