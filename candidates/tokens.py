"""Named API tokens: creation, listing and revocation (the keys themselves are never stored)."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils.crypto import constant_time_compare

from candidates.models import ApiToken

# An account keeps at most this many tokens: beyond, the least recently used go (a script that logs in
# at every run must not pile up tokens).
MAX_TOKENS_PER_ACCOUNT = 20


def api_token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the account, and its key (shown once: only its digest is kept)."""
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API",
        key_digest=api_token_digest(key),
        key_prefix=key[:8],
        password_fingerprint=user.get_session_auth_hash(),
    )
    recent_first = Coalesce("last_used_at", "created_at").desc()
    kept = ApiToken.objects.filter(user=user).order_by(recent_first, "-id").values_list("pk", flat=True)
    ApiToken.objects.filter(user=user).exclude(pk__in=list(kept[:MAX_TOKENS_PER_ACCOUNT])).delete()
    return token, key


def api_tokens_for_user(*, user: User) -> list[ApiToken]:
    """The account's valid tokens (those issued under an earlier password are gone for good)."""
    fingerprint = user.get_session_auth_hash()
    tokens = list(ApiToken.objects.filter(user=user))
    stale = [token.pk for token in tokens if not constant_time_compare(token.password_fingerprint, fingerprint)]
    if stale:
        ApiToken.objects.filter(pk__in=stale).delete()
    return [token for token in tokens if token.pk not in stale]


def api_token_revoke(*, user: User, token_id: int) -> bool:
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)


def api_tokens_revoke_all(*, user: User) -> int:
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return deleted
