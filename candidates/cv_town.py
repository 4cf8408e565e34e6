"""The town a CV says its holder lives in, read against the gazetteer (`offers.geography`).

A CV writes it in many ways, most often in its head beside the phone number and the e-mail:

- with its postcode, before or after the name ("12 rue des Tanneurs 69100 Villeurbanne", "Maisons-Alfort (94700)",
  "Tournefeuille 31170"): the first such place in the text;
- with its département ("Panazol (87)", "Lille (59)"), or an arrondissement ("Paris 13e", "Lyon 3ème"), or alone
  ("Meaux - 06 33 41 78 20", "Ville : Lyon", "Résidant à Tours"): in the CV's head (its first lines, before its
  first section or dated experience), or after a label; elsewhere a name such as "Orange" is more likely an
  employer than a town, and the towns of the experiences are where they worked.

A name several communes share ("Saint-Denis") is read only with its postcode or département. The town proposed is
the city (an arrondissement's city: "Paris"), as the profile's town field holds it.
"""

from __future__ import annotations

import re

from offers.geography.gazetteer import (
    CommunePlace,
    Gazetteer,
    departement_code,
    departement_named,
    departement_of_postcode,
)
from offers.geography.names import place_key
from offers.understanding.cv_layout import head_lines

_POSTCODE = re.compile(r"\b(\d{5})\b")
# What ends the words a town may be before its postcode ("Maisons-Alfort (94700)", "Tournefeuille 31170").
_BEFORE_POSTCODE = re.compile(r"\d|[|•·:;]|\s[-–—/]\s")
# A town with its département, by number or name: "Panazol (87)", "Beaune (Côte-d'Or)".
_WITH_DEPARTEMENT = re.compile(r"^(?P<name>[^\W\d_][^()]*?)\s*\((?P<departement>[^()]+)\)$")
_LINE_LABEL = re.compile(
    r"^\s*(?:adresse|ville|domicile|lieu|localisation|résidence|residence|(?:résid|resid|habit)(?:ant|ante|e)(?:\s+à)?"
    r"|bas[ée]e?\s+à|domicili[ée]e?(?:\s+à)?)(?!\w)\s*:?\s*",
    re.IGNORECASE,
)
# A contact line (an e-mail, a French phone number) is read as the CV's head is, wherever it stands.
_CONTACT = re.compile(r"@|(?:\+33\s*|\b0)[1-9](?:[\s.-]*\d{2}){4}\b")
# The parts of a line: "Meaux - 06 33 41 78 20 | mamadou@mail.fr", "Lille (59)   07 62 18 33 05".
_PARTS = re.compile(r"\s+[-–—/]\s+|\s*[|•·,;]\s*|\s{3,}|\s*[–—]\s*")


def cv_town(text: str, places: Gazetteer) -> CommunePlace | None:
    """The commune the CV says its holder lives in (a city for an arrondissement), or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    head = len(head_lines(lines))
    for number, line in enumerate(lines):
        found = _with_postcode(line, places)
        if found is None:
            labelled = _LINE_LABEL.match(line)
            if labelled or number < head or _CONTACT.search(line):
                found = _named(line[labelled.end() :] if labelled else line, places)
        if found is not None:
            return places.city_of(found)
    return None


def _with_postcode(line: str, places: Gazetteer) -> CommunePlace | None:
    """A commune named right after or right before one of its postcodes on the line: one the postcode holds, else
    the one of that name in the postcode's département (the communes list holds one postcode per commune: "80000
    Amiens" is filed under 80080)."""
    for match in _POSTCODE.finditer(line):
        communes = places.with_postcode(match.group(1))
        after = line[match.end() :].strip(" ,()")
        after_part = _PARTS.split(after)[0]
        before = _BEFORE_POSTCODE.split(line[: match.start()])[-1].strip(" ,(")
        after_key, before_key = place_key(after[:60]), " " + place_key(before)
        for commune in sorted(communes, key=lambda c: -len(place_key(c.name))):
            for name in {place_key(commune.name), place_key(places.city_of(commune).name)}:
                if name and (after_key == name or after_key.startswith(name + " ") or before_key.endswith(" " + name)):
                    return commune
        for words in (place_key(after_part), before_key.strip()):
            # A commune renamed since ("Saint-Ouen (93400)": Saint-Ouen-sur-Seine), the one of the postcode so named.
            longer = [commune for commune in communes if place_key(commune.name).startswith(words + " ")]
            if words and len(longer) == 1:
                return longer[0]
        departement = departement_of_postcode(match.group(1))
        for words in (after_part, before):
            named = [c for c in places.named(words, departement=departement) if not c.city_insee] if departement else []
            if len(named) == 1:
                return named[0]
    return None


def _named(line: str, places: Gazetteer) -> CommunePlace | None:
    """The one commune a part of the line names alone, with its département or as an arrondissement."""
    for part in _PARTS.split(line):
        part = part.strip(" ,;.-")
        if not part or "@" in part or len(part) > 60:
            continue
        with_departement = _WITH_DEPARTEMENT.match(part)
        if with_departement:
            written = with_departement["departement"].strip()
            departement = departement_code(written) or departement_named(written)
            named = places.named(with_departement["name"], departement=departement) if departement else []
        else:
            arrondissement = places.arrondissement(part)
            if arrondissement is not None:
                return arrondissement
            named = places.named(part)
        named = [commune for commune in named if not commune.city_insee]
        if len(named) == 1:
            return named[0]
    return None
