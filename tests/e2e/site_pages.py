"""The demo as `make run` loads it, with one closed offer: the data behind jobmarket/site_pages.py
for the browser tests."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from jobmarket.management.commands.run_local import DEMO_DIR, demo_payloads_as_of
from jobmarket.site_pages import SitePage, site_pages
from offers.models import Offer, OfferStatus


def demo_load() -> None:
    """The demo offers through the real pipeline, and their vectors (as `make run` does)."""
    with tempfile.TemporaryDirectory(prefix="jobmarket-demo-") as workdir:
        demo_payloads_as_of(DEMO_DIR, Path(workdir), now=timezone.now())
        call_command("ingest", from_files=workdir, stdout=io.StringIO())
    call_command("embed", stdout=io.StringIO())


def demo_site_pages() -> list[SitePage]:
    """Load the demo, close one offer (the demo has none), and list every page."""
    demo_load()
    closed = Offer.objects.filter(status=OfferStatus.OPEN).exclude(title__icontains="boulang").order_by("id")[0]
    Offer.objects.filter(pk=closed.pk).update(status=OfferStatus.CLOSED, closed_at=timezone.now())
    return site_pages()
