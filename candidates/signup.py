"""Sign-up that neither reveals accounts nor lets anyone hold another person's address.

`candidate_signup` gives the same answer whether the address has an account or not: a new
address gets an account whose e-mail is still to confirm (no CV, no API token until then) and
a confirmation link; a known address gets no account, only an e-mail to its owner saying that
someone tried, with the way to log in or reset the password. Both are counted per client
address and per e-mail address (`candidates.login_limit`), so that sign-up can neither create
accounts in bulk nor flood a mailbox.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from candidates import login_limit
from candidates.models import CandidateProfile
from candidates.services import CandidateError, normalize_email


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """A link valid until the address is confirmed or the password changes (Django's reset token scheme)."""

    key_salt = "candidates.signup.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        profile = CandidateProfile.objects.filter(user=user).first()
        pending = profile.email_confirmation_pending if profile else False
        return f"{user.pk}{user.password}{pending}{timestamp}{user.email}"


email_confirmation_tokens = EmailConfirmationTokenGenerator()


def _confirmation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_confirmation_tokens.make_token(user)
    return settings.SITE_URL.rstrip("/") + reverse("candidates:email_confirm", args=[uid, token])


def _send(email: str, subject: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(template, {"site_url": settings.SITE_URL.rstrip("/"), **context})
    send_mail(subject, body, None, [email])


def confirmation_send(*, user: User) -> None:
    _send(
        user.email,
        _("Confirmez votre adresse e-mail sur JobMarket"),
        "emails/signup_confirm.txt",
        {"link": _confirmation_link(user)},
    )


def candidate_signup(*, email: str, password: str, ip: str | None) -> None:
    """Sign up, or mail the owner of a known address; the caller shows the same answer either way.

    Raises `CandidateError` only for what the person can fix without learning anything about the
    address: a malformed address, a weak password, too many sign-ups.
    """
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise CandidateError(_("Saisissez une adresse e-mail valide."), field="email") from None
    candidate = get_user_model()(username=email, email=email)
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as exc:
        raise CandidateError(" ".join(exc.messages), field="password", code="password") from None
    if not login_limit.signup_allowed(email=email, ip=ip):
        raise CandidateError(
            _("Trop d'inscriptions depuis cette connexion ou pour cette adresse : réessayez dans une heure."),
            code="throttled",
        )
    existing = get_user_model().objects.filter(username__iexact=email).first()
    if existing is None:
        candidate.set_password(password)
        try:
            with transaction.atomic():
                candidate.save()
                CandidateProfile.objects.create(user=candidate, email_confirmation_pending=True)
        except IntegrityError:  # two sign-ups with the same address at the same moment
            existing = get_user_model().objects.filter(username__iexact=email).first()
        else:
            confirmation_send(user=candidate)
            return
    # The hashing a new account costs, spent here too: the answer takes the same time either way.
    make_password(password)
    if existing is not None:
        _send(
            existing.email,
            _("Une inscription a été tentée avec votre adresse sur JobMarket"),
            "emails/signup_existing.txt",
            {
                "login_link": settings.SITE_URL.rstrip("/") + reverse("candidates:login"),
                "reset_link": settings.SITE_URL.rstrip("/") + reverse("candidates:password_reset"),
            },
        )


def confirmation_link_account(*, uidb64: str, token: str) -> User | None:
    """The account this confirmation link is for, while it is valid (None: wrong, expired or used)."""
    try:
        user = get_user_model().objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, OverflowError, TypeError, get_user_model().DoesNotExist):
        return None
    return user if email_confirmation_tokens.check_token(user, token) else None


def email_confirmation_proven(*, user: User) -> None:
    """A password reset link was opened: the mailbox is the account's, so its address is confirmed."""
    CandidateProfile.objects.filter(user=user, email_confirmation_pending=True).update(email_confirmation_pending=False)
