"""How place names are compared: case, accents, hyphens, apostrophes, "St"/"Saint" and "Cedex" do not matter.

`place_key("ST-JEAN-DE-VÉDAS CEDEX 2")` and `place_key("Saint Jean de Vedas")` are both
"saint jean de vedas": every look-up of a place by name goes through this key (the
communes file's NORMALIZED column is the same form, without the saint expansion).
"""

from __future__ import annotations

import re
import unicodedata

# Abbreviations people and sources write for words of commune names.
_WORDS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_WORD = re.compile(r"[a-z0-9]+")
# "Paris 19e", "PARIS 08", "Lyon 3ème arrondissement", "Marseille 1er arr", "Paris XIXe".
_ARRONDISSEMENT = re.compile(
    r"^(?P<city>[a-z][a-z ]*?) (?:(?P<number>\d{1,2})|(?P<roman>[ivx]{1,5}?))"
    r"(?: ?(?:e|er|re|eme|ieme|em))?(?: (?:arr|arrt|arrdt|arrondissement))?$"
)
_ROMAN = {"i": 1, "v": 5, "x": 10}


def fold(text: str) -> str:
    """Lower case without accents ('Œuvre' -> 'oeuvre')."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def place_key(text: str) -> str:
    """The comparable form of a place name: 'Saint-Étienne' ~ 'ST ETIENNE' ~ 'saint etienne cedex 1'."""
    words = _WORD.findall(fold(text))
    if "cedex" in words:
        words = words[: words.index("cedex")]  # "Montpellier Cedex 2": the sorting office is no place
    return " ".join(_WORDS.get(word, word) for word in words)


def arrondissement_parts(key: str) -> tuple[str, int] | None:
    """('paris', 19) for 'paris 19e' or 'paris xixe'; None when the key names no arrondissement number."""
    match = _ARRONDISSEMENT.match(key)
    if match is None:
        return None
    number = int(match.group("number")) if match.group("number") else _roman(match.group("roman"))
    return (match.group("city"), number) if number else None


def _roman(text: str) -> int:
    values = [_ROMAN[char] for char in text]
    total = sum(-value if index + 1 < len(values) and value < values[index + 1] else value
                for index, value in enumerate(values))  # fmt: skip
    return total if 0 < total <= 20 else 0
