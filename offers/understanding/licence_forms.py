"""Licences as texts write them, spelled in one canonical form before the skill reader looks for its concepts
(`skill_data`, `skills.SkillReader`): a driving licence as ROME writes it, a licence written once before several
categories, every CACES by its recommendation and category, every electrical habilitation by its symbol.
"""

from __future__ import annotations

import re

# A licence written once before several of its categories ("Permis B et C"): each category is read as if written with
# it ("Permis B, Permis C"), since a comma ends a statement. Read on the text as written: a licence's letters only in
# capitals ("Permis B, ce poste..." lists no "CE").
_SEPARATOR = r"\s*(?:,|/|-|\+|&|\bet\b|\bou\b)?\s*"
_PERMIT_FAMILY = r"(?i:permis)(?:\s+(?i:cat(?:[ée]gorie)?s?)\.?)?"
_PERMIT_ITEM = r"(?:B96|BE|B|C1E|C1|CE|C|D1E|D1|DE|D)"
_PERMIT_LIST = re.compile(
    rf"\b(?P<family>{_PERMIT_FAMILY})\s+(?P<items>{_PERMIT_ITEM}(?:{_SEPARATOR}{_PERMIT_ITEM})+)(?![\w'’])"
)
# A CACES as texts write it ("CACES 1, 3 et 5", "CACES® R489 cat. 1A/1B", "CACES R 389-3", "R489 catégorie 5",
# "CACES R 482-B1"), read as one canonical "CACES R489 1a" per category: the recommendation that replaced the old
# one in 2020 (R389 -> R489: a category 1 of the R389 is the R489's 1A, its heir), R489 when none is written (the
# forklifts', by far the most asked); a category's letter is kept ("1B", gerbeurs, is no "1A", pallet trucks).
_CACES_SUCCESSORS = {"389": "489", "372": "482", "383": "483", "386": "486", "390": "490", "377": "487", "318": "484"}
_CACES_ITEM = r"(?:\d{1,2}[a-cA-C]?|[A-G]\d?)(?![\w'’])"
_CACES = re.compile(
    r"\b(?:(?i:caces?)(?:\s*®)?(?:\s*(?i:r)\s*-?\s*(?P<rec>\d{3}))?|(?i:r)\s*-?\s*(?P<bare>4[89]\d|3[789]\d))"
    rf"(?P<items>\s*[-–:]?\s*(?:(?i:cat(?:[ée]gorie)?s?)\.?\s*)?{_CACES_ITEM}(?:{_SEPARATOR}{_CACES_ITEM})*)?"
)
# ROME's long form: "Certificat d'aptitude à la conduite en sécurité R489 chariots de manutention automoteurs à
# conducteur porté catégorie 5 chariots élévateurs à mât rétractable", its category after the machines' family: read
# as "CACES R489 5 chariots de manutention ..." before the CACES above are read.
_CACES_LONG = re.compile(
    r"\b(?i:certificat\s+d['’]aptitude\s+[àa]\s+la\s+conduite\s+en\s+s[ée]curit[ée])\s+(?i:r)\s*(?P<rec>\d{3})\b"
    r"(?P<middle>[^.;]{0,100}?)\s(?i:cat(?:[ée]gorie)?)\.?\s+(?P<category>\d[a-cA-C]?|[A-G]\d?)(?![\w'’])"
)
_CACES_CATEGORY = re.compile(r"\d{1,2}[a-cA-C]?|\b[A-G]\d?\b")
_CATEGORY = re.compile(r"[0-9A-Za-z]+")
# An electrical habilitation (NF C18-510) as texts write it ("Habilitation électrique B1V, BR", "habilitations
# électriques : H0B0 / B2V", "habilité B1V", "B2V" alone), read as one canonical "Habilitation électrique b1v" per
# symbol ("H0B0" is two: H0 and B0). A symbol is its domain (B low voltage, H high), its level (0 non-electrical work,
# 1 executing, 2 in charge of the work, C isolating, R general and S elementary intervention, E specific operations,
# P photovoltaic) and what extends it (V near live parts, T live working, N live cleaning). Alone, only the symbols
# nothing else writes so ("B1V", "H2V", "B2T"; not "BR", a receipt, nor "BC", an order form), and a list one of them
# opens ("clearance B2V BR").
_HABILITATION_SYMBOL = r"(?:H0B0|B0H0|B2XL|[BH](?:[012][VTN]?|[CREPS]))(?![\w'’])"
_HABILITATION = re.compile(
    r"\b(?i:habilitations?\s+[ée]lectriques?|habilit[ée]e?s?)(?:\s+(?i:nf\s*c\s*18[-\s]?510))?(?:\s*[:–-])?\s+"
    rf"(?P<items>(?i:{_HABILITATION_SYMBOL}(?:{_SEPARATOR}{_HABILITATION_SYMBOL})*))"
)
# A list that such a symbol opens is one of habilitations ("B2V BR", "B1V/BR/BC").
_BARE_HABILITATION = re.compile(
    r"(?<!lectrique )\b(?P<items>(?:(?i:H0B0|B0H0)|[BH][012][VTN])(?![\w'’])"
    rf"(?:{_SEPARATOR}(?i:{_HABILITATION_SYMBOL}))*)"
)
_HABILITATION_ITEM = re.compile(rf"(?i:{_HABILITATION_SYMBOL})")
# ROME's wording of a driving licence ("Permis de conduire catégorie C", "Permis de conduire E"): read as the short
# one ("Permis C") that the concepts and the lists above know.
_DRIVING_LICENCE = re.compile(r"\b(?i:permis\s+de\s+conduire)(?:\s+(?i:cat(?:[ée]gorie)?s?)\.?)?\s+(?=[A-Z]{1,2}\d?\b)")


def licence_lists_spelled(text: str) -> str:
    """A text with every licence written once before several categories written in full for each ("Permis B et
    C" -> "Permis B, Permis C"), every CACES in its canonical form ("CACES® R389 cat. 1, 3 et 5" -> "CACES R489 1,
    CACES R489 3, CACES R489 5"), every electrical habilitation too ("habilitation électrique B1V/BR" ->
    "Habilitation électrique b1v, Habilitation électrique br"), ROME's "Permis de conduire catégorie C" read as
    "Permis C"."""
    text = _DRIVING_LICENCE.sub("Permis ", text)
    text = _CACES_LONG.sub(lambda match: f"CACES R{match['rec']} {match['category']}{match['middle']}", text)
    text = _CACES.sub(_caces_spelled, text)
    text = _HABILITATION.sub(_habilitations_spelled, text)
    text = _BARE_HABILITATION.sub(_habilitations_spelled, text)
    return _PERMIT_LIST.sub(_spelled, text)


def _spelled(match: re.Match[str]) -> str:
    family = " ".join(match["family"].replace(".", " ").replace("®", " ").split())
    categories = [item for item in _CATEGORY.findall(match["items"]) if item.lower() not in ("et", "ou")]
    return ", ".join(f"{family} {category}" for category in categories)


def _caces_spelled(match: re.Match[str]) -> str:
    recommendation = match["rec"] or match["bare"] or ""
    recommendation = _CACES_SUCCESSORS.get(recommendation, recommendation)
    spelled = [
        f"CACES R{recommendation or '489'} {category.lower()}"
        for category in _CACES_CATEGORY.findall(match["items"] or "")
        # A category by letter only after its recommendation ("R482 B1"); by number, R489's when none is written.
        if category[0].isdigit() or recommendation
    ]
    if spelled:
        return ", ".join(spelled)
    return f"CACES R{recommendation}" if recommendation else "CACES"


def _habilitations_spelled(match: re.Match[str]) -> str:
    symbols: list[str] = []
    for item in _HABILITATION_ITEM.findall(match["items"]):
        item = item.lower()
        symbols.extend(("h0", "b0") if item in ("h0b0", "b0h0") else (item,))
    return ", ".join(f"Habilitation électrique {symbol}" for symbol in dict.fromkeys(symbols))
