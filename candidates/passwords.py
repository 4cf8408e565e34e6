"""Password validation against what French users actually pick (an AUTH_PASSWORD_VALIDATORS entry).

A password is refused when, once its digits and symbols at either end are set aside and its
letters folded (lower case, no accents, `@`→a, `0`→o, `3`→e...), what remains ("the core"):
- is a password found in public breaches (`data/breached-passwords.txt.gz`), or a French word or
  first name (`data/french-words.txt.gz`), or two or three French words run together
  ("motdepasse"), or
- is a run of a keyboard row or of the alphabet ("azertyuiop", "qwerty", "abcdef"), or one short
  unit repeated ("aaaaaaaaaaaa", "abcabcabc").
`Password123!`, `motdepasse123`, `azertyuiop123` and `aaaaaaaaaaaa` are refused; a phrase of four
or more words, or anything less predictable, is not. Sources of the lists: `data/README.md`.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA = Path(__file__).resolve().parent / "data"
LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "3": "e", "1": "i", "!": "i", "$": "s", "5": "s", "7": "t"})
RUNS = ("azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "01234567890")
# Parts of a run-together phrase: at most this many words, each of at least two letters.
MAX_COMPOUND_WORDS = 3


@cache
def _words(name: str) -> frozenset[str]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def breached_passwords() -> frozenset[str]:
    return _words("breached-passwords.txt.gz")


def french_words() -> frozenset[str]:
    return _words("french-words.txt.gz")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def password_core(password: str) -> str:
    """'P@ssw0rd123!' -> 'password': folded, digits and symbols at both ends set aside, leetspeak undone."""
    folded = _fold(password)
    trimmed = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", folded)
    return re.sub(r"[^a-z0-9]", "", trimmed.translate(LEET))


def _is_pattern(core: str) -> bool:
    if re.fullmatch(r"(.{1,4}?)\1+", core):
        return True
    return len(core) >= 3 and any(core in run or core in run[::-1] for run in RUNS)


def _is_compound(core: str, words: frozenset[str]) -> bool:
    """Two or three known words run together: 'motdepasse' = 'mot' + 'de' + 'passe'."""

    @cache
    def parts_needed(start: int) -> int:
        if start == len(core):
            return 0
        best = MAX_COMPOUND_WORDS + 1
        for end in range(start + 2, len(core) + 1):
            if core[start:end] in words:
                best = min(best, 1 + parts_needed(end))
        return best

    return parts_needed(0) <= MAX_COMPOUND_WORDS


def password_is_common(password: str) -> bool:
    lowered = _fold(password)
    breached = breached_passwords()
    if lowered in breached or re.sub(r"[\W_]+", "", lowered) in breached:
        return True
    core = password_core(password)
    if not core or _is_pattern(core) or _is_pattern(re.sub(r"[^a-z]", "", _fold(password))):
        return True
    words = french_words()
    return core in breached or core in words or _is_compound(core, words)


class FrenchCommonPasswordValidator:
    """Refuses breached passwords, French words and names, keyboard runs and repetitions (see the module)."""

    def validate(self, password: str, user: Any = None) -> None:
        if password_is_common(password):
            raise ValidationError(self.get_help_text(), code="password_too_common")

    def get_help_text(self) -> str:
        return _(
            "Ce mot de passe est trop courant : il figure parmi les mots de passe divulgués, ou se devine "
            "(mot ou prénom français, suite de clavier, répétition). Choisissez plutôt une phrase de "
            "plusieurs mots sans rapport entre eux."
        )
