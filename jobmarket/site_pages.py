"""Every page of the site, with the data that fills it: the accessibility tests walk them
(tests/e2e/test_accessibility.py) and `manage.py screenshots` photographs them.

The pages are found in the current database (the demo of `make run`, or a test's); two demo
accounts see the signed-in pages: a candidate with a profile, a saved offer, a saved search and
what a CV read for them proposes, and the staff member of `make run` (its admin)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.functions import Length
from django.test import Client

from candidates import alerts, services
from candidates.cv_proposals import CvProposals
from candidates.models import CvUpload, CvUploadStatus
from offers.models import Commune, Offer, OfferStatus

DEMO_CANDIDATE = "candidat@jobmarket.localhost"
DEMO_STAFF = "admin@jobmarket.localhost"
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


def demo_accounts() -> tuple[Any, Any]:
    """The demo candidate (made once, without a password: only these tools sign in as it) and the
    staff member (the admin of `make run`, made here when missing)."""
    users = get_user_model()
    candidate, created = users.objects.get_or_create(username=DEMO_CANDIDATE, defaults={"email": DEMO_CANDIDATE})
    if created:
        candidate.set_unusable_password()
        candidate.save(update_fields=["password"])
        services.profile_update(
            user=candidate,
            data={
                "wanted_title": "Boulanger",
                "skills": ["Pétrir la pâte"],
                "radius_km": 50,
                "contract_types": ["cdi"],
            },
        )
    staff = users.objects.filter(username=DEMO_STAFF).first()
    if staff is None:
        staff = users.objects.create_user(username=DEMO_STAFF, email=DEMO_STAFF, is_staff=True, is_superuser=True)
    return candidate, staff


def site_pages() -> list[SitePage]:
    """The pages, from what the database holds (pages that need what it lacks are left out)."""
    candidate, _staff = demo_accounts()
    open_offers = Offer.objects.filter(status=OfferStatus.OPEN)
    offer = open_offers.filter(title__icontains="boulang").order_by("-published_at").first() or open_offers.first()
    closed = Offer.objects.filter(status=OfferStatus.CLOSED).order_by("-closed_at").first()
    longest = open_offers.annotate(size=Length("title")).order_by("-size").first()  # whole on its page
    search = alerts.saved_searches_for_user(user=candidate).first()
    if search is None:
        search = alerts.saved_search_create(
            user=candidate, name="Boulanger", query={"q": "boulanger"}, frequency="daily"
        )
    if offer is not None:
        services.saved_offer_add(user=candidate, offer_id=offer.pk)
    _cv_proposals_pending(candidate)
    token = alerts.unsubscribe_token(user_id=candidate.pk, search_id=search.pk)
    pages = [
        SitePage("accueil", "/", "anonymous"),
        SitePage("offres", "/offres/", "anonymous"),
        SitePage("offres-recherche", "/offres/?q=boulanger&lieu=Nancy&rayon=50", "anonymous"),
        SitePage("offres-sans-resultat", "/offres/?q=zzqxwv", "anonymous"),
        SitePage("offres-erreur", "/offres/?salaire_min=-5&lieu=Nulle-Part-Sur-Mer", "anonymous"),
        *([SitePage("offre", f"/offres/{offer.pk}/", "anonymous")] if offer else []),
        *([SitePage("offre-fermee", f"/offres/{closed.pk}/", "anonymous")] if closed else []),
        *([SitePage("offre-titre-long", f"/offres/{longest.pk}/", "anonymous")] if longest else []),
        SitePage("marche", "/marche/", "anonymous"),
        SitePage("marche-recherche", "/marche/?q=boulanger", "anonymous"),
        SitePage("competences", "/competences/", "anonymous"),
        SitePage("competences-metier", "/competences/?metier=D1102", "anonymous"),
        SitePage("inscription", "/inscription/", "anonymous"),
        SitePage("inscription-lien-invalide", "/inscription/confirmer/MQ/mauvais-jeton/", "anonymous"),
        SitePage("connexion", "/connexion/", "anonymous"),
        SitePage("connexion-suite", "/connexion/?next=/profil/", "anonymous"),
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
        *([SitePage("offre-connecte", f"/offres/{offer.pk}/", "candidate")] if offer else []),
        SitePage("marche-connecte", "/marche/", "candidate"),
        SitePage("tableau-de-bord", "/tableau-de-bord/", "staff"),
    ]
    return pages


def _cv_proposals_pending(candidate: Any) -> None:
    """The profile page with the form of what a CV proposes (title, town, skills), not yet answered."""
    if CvUpload.objects.filter(user=candidate).exists():
        return
    commune = Commune.objects.filter(is_district=False).order_by("insee_code").first()
    proposals = CvProposals(
        title="Pâtissière",
        rome_code="D1104",
        commune_insee=commune.insee_code if commune else "",
        place_name=str(commune) if commune else "",
        skills=("Façonner des pâtons", "Permis B"),
    )
    CvUpload.objects.create(
        user=candidate, original_name="cv-demo.pdf", status=CvUploadStatus.READ, proposals=proposals.as_json()
    )


def session_cookies(role: str, base_url: str) -> list[dict[str, Any]]:
    """The session cookie of the demo candidate or staff member, for a browser context."""
    if role == "anonymous":
        return []
    candidate, staff = demo_accounts()
    client = Client()
    client.force_login(candidate if role == "candidate" else staff)
    return [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]


# Routes that are not pages of their own: actions (POST), fragments drawn inside a page listed
# above, files and JSON. Every other route of the site must be in `site_pages()`.
NOT_PAGES = {
    "healthz": "JSON",
    "favicon": "a redirect to the icon",
    "place_options": "suggestions inside the search form",
    "job_title_options": "suggestions inside the search form",
    "occupation_options": "suggestions inside the soft skills form",
    "suggestions": "suggestions inside the profile form",
    "similar_offers": "part of the offer page, loaded by it",
    "drift": "part of the dashboard, loaded by it",
    "cv_state": "part of the profile page, polled by it",
    "logout": "POST",
    "email_confirmation_resend": "POST",
    "cv_upload": "POST (its refusals: tests/e2e/test_errors_where_the_user_looks.py)",
    "cv_remove": "POST",
    "cv_proposals": "POST (its form is on the profile page: the demo candidate has a CV's proposals)",
    "cv_download": "the CV file",
    "export": "JSON",
    "api_token_create": "POST",
    "api_token_revoke": "POST",
    "saved_offer_toggle": "POST",
    "saved_search_create": "POST (its refusal: tests/e2e/test_errors_where_the_user_looks.py)",
    "saved_search_pause": "POST",
    "saved_search_delete": "POST",
    "alert_recommendations": "POST",
    "hide_offer": "POST",
}
