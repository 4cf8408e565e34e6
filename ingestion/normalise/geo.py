"""French départements: codes, names, and the département of a postcode or INSEE code.

Pure lookups (no database): the normalisers must work on a payload alone.
"""

from __future__ import annotations

import re

from ingestion.normalise.text import fold

# Official names (COG). Adzuna gives the département by name in `location.area`,
# France Travail sometimes only as "34 - Hérault".
DEPARTEMENTS: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
    "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
    "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
    "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
    "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire",
    "38": "Isère", "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire",
    "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère",
    "49": "Maine-et-Loire", "50": "Manche", "51": "Marne", "52": "Haute-Marne", "53": "Mayenne",
    "54": "Meurthe-et-Moselle", "55": "Meuse", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord",
    "60": "Oise", "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône",
    "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie",
    "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres",
    "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée",
    "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort",
    "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte",
}  # fmt: skip

_BY_FOLDED_NAME = {re.sub(r"[^a-z0-9]+", " ", fold(name)).strip(): code for code, name in DEPARTEMENTS.items()}
_BY_FOLDED_NAME["reunion"] = "974"
_BY_FOLDED_NAME["corse du sud"] = "2A"

POSTCODE_RE = re.compile(r"^\d{5}$")
INSEE_RE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")


def departement_from_name(name: str) -> str:
    """'Hérault' -> '34'; '' when the name is not a département."""
    return _BY_FOLDED_NAME.get(re.sub(r"[^a-z0-9]+", " ", fold(name)).strip(), "")


def departement_from_insee(code: str) -> str:
    if not INSEE_RE.match(code):
        return ""
    candidate = code[:3] if code.startswith("97") else code[:2]
    return candidate if candidate in DEPARTEMENTS else ""


def departement_from_postcode(postcode: str) -> str:
    if not POSTCODE_RE.match(postcode):
        return ""
    if postcode.startswith("20"):
        # Corsica shares the 20 prefix: 200xx-201xx is Corse-du-Sud, 202xx-206xx Haute-Corse.
        return "2A" if postcode < "20200" else "2B"
    candidate = postcode[:3] if postcode.startswith("97") else postcode[:2]
    return candidate if candidate in DEPARTEMENTS else ""


def is_departement_code(code: str) -> bool:
    return code in DEPARTEMENTS
