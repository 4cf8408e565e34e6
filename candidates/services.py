"""Writes on candidate accounts, profiles and saved offers.

The HTML views and the API call these same functions. After every profile change
`candidates.signals.profile_changed` is sent once the transaction commits.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidates import login_limit, selectors
from candidates.alerts import alert_state_ensure
from candidates.backends import client_ip
from candidates.models import CandidateProfile, CvUpload, RemotePreference, SavedOffer, cv_storage
from candidates.signals import profile_changed, profile_deleted
from offers.models import ContractType, Offer, Seniority

MAX_SKILLS = 60
MAX_SKILL_LENGTH = 120
MAX_RADIUS_KM = 500


class CandidateError(Exception):
    """A request a candidate can fix; `field` names the input at fault (None: the whole request)."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class LoginBlocked(CandidateError):
    pass


class OfferNotFound(CandidateError):
    pass


def normalize_email(email: str) -> str:
    # The whole address is lower-cased: it is the login, and users do not remember their capitals.
    return email.strip().lower()


# --- Accounts ---------------------------------------------------------------------------


def login_wait_message(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    wait = (
        ngettext("%(n)d seconde", "%(n)d secondes", seconds) % {"n": seconds}
        if seconds < 60
        else ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    )
    return _(
        "Trop de tentatives de connexion échouées depuis cette adresse. Réessayez dans %(wait)s, "
        "ou réinitialisez votre mot de passe."
    ) % {"wait": wait}


def candidate_authenticate(*, request: HttpRequest | None, email: str, password: str) -> User:
    """The account for these credentials. Failures are counted by the authentication backend."""
    email = normalize_email(email)
    wait = login_limit.login_wait_seconds(email=email, ip=client_ip(request))
    if wait:
        raise LoginBlocked(login_wait_message(wait), code="throttled")
    user = authenticate(request, username=email, password=password)
    if user is None:
        raise CandidateError(_("Adresse e-mail ou mot de passe incorrect."), code="invalid_credentials")
    return user


def candidate_password_confirm(*, request: HttpRequest | None, user: User, password: str) -> None:
    """Check the account's own password before a grave action (account deletion), counted like a
    login: a stolen session or token cannot try passwords faster than the login page allows."""
    email, ip = user.get_username(), client_ip(request)
    wait = login_limit.login_wait_seconds(email=email, ip=ip)
    if wait:
        raise LoginBlocked(login_wait_message(wait), field="password", code="throttled")
    if not user.check_password(password):
        login_limit.login_failure_record(email=email, ip=ip)
        raise CandidateError(_("Mot de passe incorrect."), field="password", code="invalid_password")


def candidate_delete(*, user: User) -> None:
    """RGPD erasure: the account and everything attached (profile, CV file, saved offers, API token)."""
    profile = selectors.profile_for_user(user=user)
    cv_names = [profile.cv_file.name] if profile and profile.cv_file else []
    cv_names += [name for name in CvUpload.objects.filter(user=user).values_list("stored_name", flat=True) if name]
    profile_id = profile.pk if profile else None
    user_id = user.pk
    with transaction.atomic():
        # Profile, saved offers, token and admin log rows go with the user (CASCADE).
        user.delete()

        def after_commit() -> None:
            for name in set(cv_names):
                cv_storage().delete(name)
            if profile_id is not None:
                profile_deleted.send(sender=CandidateProfile, profile_id=profile_id, user_id=user_id)

        transaction.on_commit(after_commit)


# --- Profile ----------------------------------------------------------------------------


def profile_get_or_create(*, user: User) -> CandidateProfile:
    profile, _created = CandidateProfile.objects.get_or_create(user=user)
    return profile


PROFILE_FIELDS = {
    "wanted_title",
    "rome_code",
    "skills",
    "presentation",
    "commune_insee",
    "radius_km",
    "contract_types",
    "seniority",
    "remote_preference",
    "salary_min",
}


def _clean_skills(skills: Any) -> list[str]:
    if not isinstance(skills, list | tuple):
        raise CandidateError(_("Les compétences doivent être une liste."), field="skills")
    cleaned: list[str] = []
    seen: set[str] = set()
    for skill in skills:
        if not isinstance(skill, str):
            raise CandidateError(_("Chaque compétence doit être un texte."), field="skills")
        skill = " ".join(skill.split())
        if len(skill) > MAX_SKILL_LENGTH:
            raise CandidateError(
                _("Une compétence fait au plus %(n)d caractères.") % {"n": MAX_SKILL_LENGTH}, field="skills"
            )
        if skill and skill.lower() not in seen:
            seen.add(skill.lower())
            cleaned.append(skill)
    if len(cleaned) > MAX_SKILLS:
        raise CandidateError(_("Indiquez au plus %(n)d compétences.") % {"n": MAX_SKILLS}, field="skills")
    return cleaned


def _apply(profile: CandidateProfile, data: Mapping[str, Any]) -> None:
    unknown = set(data) - PROFILE_FIELDS
    if unknown:
        raise CandidateError(_("Champ inconnu."), field=sorted(unknown)[0])
    if "wanted_title" in data:
        title = " ".join(str(data["wanted_title"] or "").split())
        if len(title) > 255:
            raise CandidateError(_("Le poste recherché fait au plus 255 caractères."), field="wanted_title")
        title_changed = title != profile.wanted_title
        profile.wanted_title = title
        if title_changed and "rome_code" not in data:
            # The ROME code follows the title when the title is a known one (the suggestion the form shows).
            occupation = selectors.occupation_for_title(title=title)
            profile.rome_code = occupation.code if occupation else ""
    if "rome_code" in data:
        code = str(data["rome_code"] or "").strip().upper()
        if code and not (len(code) == 5 and code[0].isalpha() and code[1:].isdigit()):
            raise CandidateError(_("Un code ROME s'écrit comme « D1102 »."), field="rome_code")
        profile.rome_code = code
    if "skills" in data:
        profile.skills = _clean_skills(data["skills"] or [])
    if "presentation" in data:
        presentation = str(data["presentation"] or "").strip()
        if len(presentation) > 5000:
            raise CandidateError(_("La présentation fait au plus 5000 caractères."), field="presentation")
        profile.presentation = presentation
    if "commune_insee" in data:
        code = str(data["commune_insee"] or "").strip()
        if code:
            commune = selectors.commune_by_insee(insee_code=code)
            if commune is None:
                raise CandidateError(_("Commune inconnue : choisissez-la dans la liste."), field="commune_insee")
            profile.commune_insee = commune.insee_code
            profile.place_name = str(commune)
            profile.latitude, profile.longitude = commune.latitude, commune.longitude
        else:
            profile.commune_insee, profile.place_name = "", ""
            profile.latitude = profile.longitude = None
    if "radius_km" in data:
        radius = data["radius_km"]
        if not isinstance(radius, int) or isinstance(radius, bool) or not 0 <= radius <= MAX_RADIUS_KM:
            raise CandidateError(
                _("Le rayon est un nombre de kilomètres entre 0 et %(max)d.") % {"max": MAX_RADIUS_KM},
                field="radius_km",
            )
        profile.radius_km = radius
    if "contract_types" in data:
        values = data["contract_types"] or []
        if not isinstance(values, list | tuple) or any(value not in ContractType.values for value in values):
            raise CandidateError(_("Type de contrat inconnu."), field="contract_types")
        profile.contract_types = list(dict.fromkeys(values))
    if "seniority" in data:
        seniority = data["seniority"] or ""
        if seniority and seniority not in Seniority.values:
            raise CandidateError(_("Niveau d'expérience inconnu."), field="seniority")
        profile.seniority = seniority
    if "remote_preference" in data:
        remote = data["remote_preference"] or RemotePreference.ANY
        if remote not in RemotePreference.values:
            raise CandidateError(_("Préférence de télétravail inconnue."), field="remote_preference")
        profile.remote_preference = remote
    if "salary_min" in data:
        salary = data["salary_min"]
        if salary is not None and (not isinstance(salary, int) or isinstance(salary, bool) or not 0 <= salary <= 10**7):
            raise CandidateError(_("Le salaire minimum est un montant annuel en euros."), field="salary_min")
        profile.salary_min = salary


def profile_text_compose(profile: CandidateProfile) -> str:
    """What matching embeds: the wanted job first, then skills, presentation and CV."""
    parts = [profile.wanted_title, ", ".join(profile.skills), profile.presentation, profile.cv_text]
    return "\n\n".join(part for part in parts if part)


def _announce(profile: CandidateProfile) -> None:
    profile_id = profile.pk
    transaction.on_commit(lambda: profile_changed.send(sender=CandidateProfile, profile_id=profile_id))


@transaction.atomic
def profile_update(*, user: User, data: Mapping[str, Any]) -> CandidateProfile:
    """Change the given fields of the user's profile (a partial update); all or nothing."""
    profile = profile_get_or_create(user=user)
    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    _apply(profile, data)
    profile.profile_text = profile_text_compose(profile)
    profile.save()
    _announce(profile)
    return profile


def email_unconfirmed_message(action: str) -> str:
    return _(
        "Confirmez d'abord votre adresse e-mail pour %(action)s : ouvrez le lien reçu à l'inscription "
        "(votre profil permet de le renvoyer)."
    ) % {"action": action}


# --- Saved offers -------------------------------------------------------------------------


def saved_offer_add(*, user: User, offer_id: int) -> SavedOffer:
    if not Offer.objects.filter(pk=offer_id).exists():
        raise OfferNotFound(_("Cette offre n'existe pas."), field="offer_id", code="not_found")
    saved, _created = SavedOffer.objects.get_or_create(user=user, offer_id=offer_id)
    # The digest tells a candidate when a saved offer closes: it needs the candidate's position in the feed.
    alert_state_ensure(user=user)
    return saved


def saved_offer_remove(*, user: User, offer_id: int) -> bool:
    deleted, _rows = SavedOffer.objects.filter(user=user, offer_id=offer_id).delete()
    return bool(deleted)
