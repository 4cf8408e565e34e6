"""Small pure text helpers shared by the normalisers."""

from __future__ import annotations

import re
import unicodedata

_COMBINING_RE = re.compile("[\u0300-\u036f]")
_LOWER_WORDS = {"de", "du", "des", "la", "le", "les", "sur", "en", "et", "aux", "au", "sous", "lès"}


def fold(text: str) -> str:
    """Lower case without accents: 'Hérault' -> 'herault'."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    # Drop the combining accents only (C speed), keeping symbols such as "€" that parsers read.
    return _COMBINING_RE.sub("", decomposed)


def clean(text: str, *, max_length: int | None = None, keep_newlines: bool = False) -> str:
    # PostgreSQL text columns cannot hold NUL characters: a payload carrying one would
    # otherwise make the whole batch fail.
    text = text.replace("\x00", "")
    # Runs of spaces of any kind (str.isspace(): tabs, no-break and thin spaces...) become one
    # space. split() does it five times faster than a regular expression, and this runs on
    # every field of every payload.
    if keep_newlines:
        text = "\n".join(" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
    else:
        text = " ".join(text.split())
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def place_title(name: str) -> str:
    """'ST BAUZILE' -> 'St Bauzile', 'SAINT-JEAN-DE-VEDAS' -> 'Saint-Jean-de-Vedas'; mixed case is kept."""
    if not name or name != name.upper():
        return name
    words = re.split(r"([\s\-']+)", name.lower())
    out = []
    for index, word in enumerate(words):
        if index > 0 and word in _LOWER_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return "".join(out)
