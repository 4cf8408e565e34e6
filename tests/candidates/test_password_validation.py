"""Passwords French users pick first are refused, with one message; unpredictable ones pass."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from candidates.passwords import breached_passwords, french_words, password_core

REFUSED = [
    # The audit's four.
    "aaaaaaaaaaaa",
    "motdepasse123",
    "azertyuiop123",
    "Password123!",
    # Their kind: breached, French words and names run together, keyboard rows, repetitions, leetspeak.
    "P@ssw0rd2024",
    "Soleil2024!!",
    "jetaime12345",
    "Marseille13013",
    "qsdfghjklm12",
    "wxcvbn123456",
    "abcabcabcabc",
    "Boulangerie2024",
    "chat chien poisson",
    "Mot-De-Passe-2025",
    "987654321098",
    "Azerty123456!",
]
ACCEPTED = [
    "K9#mq2Lz!vR8pw",
    "un mot de passe solide 2026",
    "tigre vélocité océan 7",
    "correct horse battery staple",
    "Framboise-Escalier-Nuage-Tambour-42",
]


@pytest.mark.parametrize("password", REFUSED)
def test_a_common_or_guessable_password_is_refused_with_a_french_message(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any("trop courant" in message for message in refused.value.messages)


@pytest.mark.parametrize("password", ACCEPTED)
def test_an_unpredictable_password_or_a_long_phrase_passes(password):
    validate_password(password)


def test_the_bundled_lists_are_large_and_folded():
    assert len(breached_passwords()) > 40_000 and len(french_words()) > 30_000
    assert {"123456", "azerty", "motdepasse"} <= breached_passwords()
    assert {"soleil", "boulangerie", "camille"} <= french_words()
    assert password_core("Élève-2024!") == "eleve"


@pytest.mark.django_db
def test_signing_up_with_a_common_password_is_refused_next_to_the_field(client):
    response = client.post(
        "/inscription/",
        {"email": "camille@example.fr", "password": "motdepasse123", "password_confirmation": "motdepasse123"},
    )
    assert "trop courant" in response.content.decode()
