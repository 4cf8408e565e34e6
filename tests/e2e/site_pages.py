"""Every page of the site with the data that fills it, for the accessibility sweep and the
screenshots: the demo as `make run` loads it (through the real pipeline), a candidate with a
profile, a saved offer and a saved search, and a staff member.

`PAGES` names each page once; `site_pages()` builds the data and returns the URLs."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models.functions import Length
from django.test import Client
from django.utils import timezone

from candidates import alerts, services
from jobmarket.management.commands.run_local import DEMO_DIR, demo_payloads_as_of
from offers.models import Offer, OfferStatus

PASSWORD = "un mot de passe solide 2026"
VIEWPORTS = {
    "desktop": {"width": 1366, "height": 900},
    # The narrowest phone still sold (and WCAG's reflow width): nothing may scroll sideways at 320 px.
    "phone": {"width": 320, "height": 640},
}


@dataclass(frozen=True)
class SitePage:
    name: str
    path: str
    role: str  # "anonymous", "candidate" or "staff"


def demo_load() -> None:
    """The demo offers through the real pipeline, and their vectors (as `make run` does)."""
    with tempfile.TemporaryDirectory(prefix="jobmarket-demo-") as workdir:
        demo_payloads_as_of(DEMO_DIR, Path(workdir), now=timezone.now())
        call_command("ingest", from_files=workdir, stdout=io.StringIO())
    call_command("embed", stdout=io.StringIO())


def site_pages() -> list[SitePage]:
    """Load the demo and the accounts; every page of the site, as (name, path, who sees it)."""
    demo_load()
    users = get_user_model()
    candidate = users.objects.create_user(username="camille@example.fr", email="camille@example.fr", password=PASSWORD)
    users.objects.create_user(username="staff@example.fr", email="staff@example.fr", password=PASSWORD, is_staff=True)
    services.profile_update(
        user=candidate,
        data={"wanted_title": "Boulanger", "skills": ["Pétrir la pâte"], "radius_km": 50, "contract_types": ["cdi"]},
    )
    open_offer = Offer.objects.filter(status=OfferStatus.OPEN, title__icontains="boulang").order_by("-published_at")[0]
    closed = Offer.objects.filter(status=OfferStatus.OPEN).exclude(pk=open_offer.pk).order_by("id")[0]
    Offer.objects.filter(pk=closed.pk).update(status=OfferStatus.CLOSED, closed_at=timezone.now())
    longest = Offer.objects.annotate(size=Length("title")).order_by("-size")[0]  # the whole title on its page
    services.saved_offer_add(user=candidate, offer_id=open_offer.pk)
    search = alerts.saved_search_create(user=candidate, name="Boulanger", query={"q": "boulanger"}, frequency="daily")
    token = alerts.unsubscribe_token(user_id=candidate.pk, search_id=search.pk)
    pages = [
        SitePage("accueil", "/", "anonymous"),
        SitePage("offres", "/offres/", "anonymous"),
        SitePage("offres-recherche", "/offres/?q=boulanger&lieu=Nancy&rayon=50", "anonymous"),
        SitePage("offres-sans-resultat", "/offres/?q=zzqxwv", "anonymous"),
        SitePage("offres-erreur", "/offres/?salaire_min=-5&lieu=Nulle-Part-Sur-Mer", "anonymous"),
        SitePage("offre", f"/offres/{open_offer.pk}/", "anonymous"),
        SitePage("offre-fermee", f"/offres/{closed.pk}/", "anonymous"),
        SitePage("offre-autre", f"/offres/{longest.pk}/", "anonymous"),
        SitePage("marche", "/marche/", "anonymous"),
        SitePage("marche-recherche", "/marche/?q=boulanger", "anonymous"),
        SitePage("competences", "/competences/", "anonymous"),
        SitePage("competences-metier", "/competences/?metier=D1102", "anonymous"),
        SitePage("inscription", "/inscription/", "anonymous"),
        SitePage("connexion", "/connexion/", "anonymous"),
        SitePage("mot-de-passe-oublie", "/mot-de-passe/oublie/", "anonymous"),
        SitePage("mot-de-passe-envoye", "/mot-de-passe/oublie/envoye/", "anonymous"),
        SitePage("mot-de-passe-lien-invalide", "/mot-de-passe/nouveau/MQ/mauvais-jeton/", "anonymous"),
        SitePage("mot-de-passe-modifie", "/mot-de-passe/modifie/", "anonymous"),
        SitePage("recommandations-anonyme", "/recommandations/", "anonymous"),
        SitePage("confidentialite", "/confidentialite/", "anonymous"),
        SitePage("mentions-legales", "/mentions-legales/", "anonymous"),
        SitePage("sources", "/sources-et-licences/", "anonymous"),
        SitePage("desinscription", f"/alertes/desinscription/{token}/", "anonymous"),
        SitePage("desinscription-lien-invalide", "/alertes/desinscription/mauvais-lien/", "anonymous"),
        SitePage("page-introuvable", "/nulle-part/", "anonymous"),
        SitePage("profil", "/profil/", "candidate"),
        SitePage("profil-recherche", f"/profil/recherches/{search.pk}/", "candidate"),
        SitePage("supprimer-compte", "/profil/supprimer/", "candidate"),
        SitePage("recommandations", "/recommandations/", "candidate"),
        SitePage("offres-connecte", "/offres/?q=boulanger", "candidate"),
        SitePage("offre-connecte", f"/offres/{open_offer.pk}/", "candidate"),
        SitePage("marche-connecte", "/marche/", "candidate"),
        SitePage("tableau-de-bord", "/tableau-de-bord/", "staff"),
    ]
    return pages


def signed_in_cookies(role: str, base_url: str) -> list[dict[str, Any]]:
    """The session cookie of the candidate or the staff member (Django's test client logs in)."""
    if role == "anonymous":
        return []
    username = "camille@example.fr" if role == "candidate" else "staff@example.fr"
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": cookie.value, "url": base_url}]
