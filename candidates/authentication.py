"""API authentication by named tokens (`Authorization: Token <key>`), see `candidates.models.ApiToken`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from candidates.models import ApiToken
from candidates.tokens import api_token_digest

# last_used_at is written at most this often per token: one UPDATE a minute, not one per request.
LAST_USE_PRECISION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(key_digest=api_token_digest(key)).first()
        if (
            token is None
            or not token.user.is_active
            # Issued under another password: the password was changed or reset since.
            or not constant_time_compare(token.password_fingerprint, token.user.get_session_auth_hash())
        ):
            raise exceptions.AuthenticationFailed(_("Jeton invalide ou révoqué."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USE_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
