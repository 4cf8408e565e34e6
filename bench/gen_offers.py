# ruff: noqa: E501  (the reference tables keep one record per line; code lines stay within 120)
"""Realistic French job offers in the raw shapes of France Travail and Adzuna, for benchmarks and the demo.

Every benchmark and the demo data set come out of this module, so the payloads follow the real sources
closely (see ../shared/SOURCE_APIS.md): France Travail "Offres d'emploi v2" search results and Adzuna `fr`
job search results, quirks included (empty sub-objects, department-only places, salaries only as text,
partner reposts, truncated Adzuna descriptions, predicted salaries, unknown new fields...).

Contract with the ingestion side (`manage.py ingest --from-files DIR`):

    DIR/francetravail/page-00001.json  {"resultats": [<= 150 offers], "filtresPossibles": [...]}
    DIR/adzuna/page-00001.json         {"count": N, "mean": float, "results": [<= 50 jobs], "__CLASS__": ...}

Python use, without files:

    for source, payload in iter_offers(100_000, seed=42): ...
    for source, page in iter_pages(100_000, seed=42): ...
    for offer in iter_labelled_offers(...): ...   # + ground truth: job id, role, ugly case

Generation is deterministic for a given (n, seed, now, config), streaming (constant memory) and cheap:
all reference tables are built once at import and each offer costs a few dozen random draws.
The module depends on nothing outside the standard library: the communes and ROME labels it uses are
hard-coded below (taken from the official INSEE and ROME v4.60 open data) so that it never needs
../shared/data.

CLI:
    python -m bench.gen_offers --n 1000000 --out bench/out/1m --seed 42
    python -m bench.gen_offers --n 100000                     # generate only, print throughput
    python -m bench.gen_offers --demo ingestion/demo          # the demo payloads (fixed seed and date)
"""

from __future__ import annotations

import argparse
import base64
import bisect
import itertools
import json
import math
import random
import sys
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

FRANCE_TRAVAIL = "francetravail"
ADZUNA = "adzuna"
SOURCES = (FRANCE_TRAVAIL, ADZUNA)

# The real per-call page limits of both APIs.
FT_PAGE_SIZE = 150
ADZUNA_PAGE_SIZE = 50

# --------------------------------------------------------------------------------------------------------------
# Places: regions, départements, ~180 communes (INSEE code, name, dept, region, postcodes, lat, lon, weight,
# the "zone" Adzuna puts between département and commune in location.area).
# --------------------------------------------------------------------------------------------------------------

REGIONS: dict[str, str] = {
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
}
METROPOLITAN_REGIONS = tuple(code for code in REGIONS if len(code) == 2 and code >= "11")

DEPARTEMENTS: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude", "12": "Aveyron",
    "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente", "17": "Charente-Maritime",
    "18": "Cher", "19": "Corrèze", "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne",
    "25": "Doubs", "26": "Drôme", "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "2A": "Corse-du-Sud",
    "2B": "Haute-Corse", "30": "Gard", "31": "Haute-Garonne", "32": "Gers", "33": "Gironde", "34": "Hérault",
    "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire", "38": "Isère", "40": "Landes",
    "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique", "45": "Loiret",
    "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche", "51": "Marne",
    "53": "Mayenne", "54": "Meurthe-et-Moselle", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord",
    "60": "Oise", "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône",
    "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie", "75": "Paris",
    "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme",
    "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée", "86": "Vienne",
    "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort", "91": "Essonne",
    "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str
    name: str
    dept: str
    region: str
    postcodes: tuple[str, ...]
    lat: float
    lon: float
    weight: int
    zone: str


# fmt: off
_COMMUNE_ROWS: tuple[tuple[str, str, str, str, tuple[str, ...], float, float, int, str], ...] = (
    ('75101', 'Paris 1er Arrondissement', '75', '11', ('75001',), 48.86263, 2.336293, 3, 'Paris'),
    ('75102', 'Paris 2e Arrondissement', '75', '11', ('75002',), 48.867903, 2.344107, 3, 'Paris'),
    ('75108', 'Paris 8e Arrondissement', '75', '11', ('75008',), 48.872527, 2.312583, 6, 'Paris'),
    ('75109', 'Paris 9e Arrondissement', '75', '11', ('75009',), 48.876896, 2.33746, 4, 'Paris'),
    ('75110', 'Paris 10e Arrondissement', '75', '11', ('75010',), 48.876029, 2.361113, 3, 'Paris'),
    ('75111', 'Paris 11e Arrondissement', '75', '11', ('75011',), 48.859415, 2.378741, 3, 'Paris'),
    ('75112', 'Paris 12e Arrondissement', '75', '11', ('75012',), 48.835156, 2.419807, 3, 'Paris'),
    ('75113', 'Paris 13e Arrondissement', '75', '11', ('75013',), 48.828718, 2.362468, 3, 'Paris'),
    ('75115', 'Paris 15e Arrondissement', '75', '11', ('75015',), 48.840155, 2.293559, 4, 'Paris'),
    ('75116', 'Paris 16e Arrondissement', '75', '11', ('75116',), 48.860399, 2.2621, 2, 'Paris'),
    ('75117', 'Paris 17e Arrondissement', '75', '11', ('75017',), 48.887337, 2.307486, 3, 'Paris'),
    ('75118', 'Paris 18e Arrondissement', '75', '11', ('75018',), 48.892735, 2.348712, 2, 'Paris'),
    ('75119', 'Paris 19e Arrondissement', '75', '11', ('75019',), 48.886869, 2.384694, 2, 'Paris'),
    ('75120', 'Paris 20e Arrondissement', '75', '11', ('75020',), 48.863187, 2.40082, 2, 'Paris'),
    ('92012', 'Boulogne-Billancourt', '92', '11', ('92100',), 48.836584, 2.239136, 3, 'Nanterre'),
    ('92050', 'Nanterre', '92', '11', ('92000',), 48.89607, 2.206713, 2, 'Nanterre'),
    ('92026', 'Courbevoie', '92', '11', ('92400',), 48.89845, 2.255706, 3, 'Nanterre'),
    ('92040', 'Issy-les-Moulineaux', '92', '11', ('92130',), 48.823474, 2.264498, 2, 'Nanterre'),
    ('93048', 'Montreuil', '93', '11', ('93100',), 48.863318, 2.448162, 2, 'Bobigny'),
    ('93066', 'Saint-Denis', '93', '11', ('93200',), 48.929565, 2.359243, 2, 'Saint-Denis'),
    ('94028', 'Créteil', '94', '11', ('94000',), 48.78374, 2.454635, 2, 'Créteil'),
    ('94081', 'Vitry-sur-Seine', '94', '11', ('94400',), 48.788283, 2.394127, 1, 'Créteil'),
    ('94065', 'Rungis', '94', '11', ('94150',), 48.749482, 2.352818, 1, "L'Haÿ-les-Roses"),
    ('95018', 'Argenteuil', '95', '11', ('95100',), 48.951134, 2.241041, 1, 'Argenteuil'),
    ('95127', 'Cergy', '95', '11', ('95800',), 49.040113, 2.050821, 1, 'Pontoise'),
    ('95527', 'Roissy-en-France', '95', '11', ('95700',), 49.006604, 2.514177, 2, 'Sarcelles'),
    ('78646', 'Versailles', '78', '11', ('78000',), 48.802567, 2.117893, 2, 'Versailles'),
    ('78423', 'Montigny-le-Bretonneux', '78', '11', ('78180',), 48.779659, 2.029522, 1, 'Versailles'),
    ('91228', 'Évry-Courcouronnes', '91', '11', ('91080',), 48.629483, 2.440082, 1, 'Évry'),
    ('91377', 'Massy', '91', '11', ('91300',), 48.72779, 2.275131, 1, 'Palaiseau'),
    ('77284', 'Meaux', '77', '11', ('77100',), 48.957063, 2.900031, 1, 'Meaux'),
    ('77288', 'Melun', '77', '11', ('77000',), 48.544472, 2.657958, 1, 'Melun'),
    ('69382', 'Lyon 2e Arrondissement', '69', '84', ('69002',), 45.749256, 4.82617, 3, 'Lyon'),
    ('69383', 'Lyon 3e Arrondissement', '69', '84', ('69003',), 45.753355, 4.869185, 4, 'Lyon'),
    ('69386', 'Lyon 6e Arrondissement', '69', '84', ('69006',), 45.772851, 4.852079, 2, 'Lyon'),
    ('69387', 'Lyon 7e Arrondissement', '69', '84', ('69007',), 45.73341, 4.837585, 3, 'Lyon'),
    ('69389', 'Lyon 9e Arrondissement', '69', '84', ('69009',), 45.781781, 4.808183, 2, 'Lyon'),
    ('69266', 'Villeurbanne', '69', '84', ('69100',), 45.77077, 4.888458, 3, 'Lyon'),
    ('69259', 'Vénissieux', '69', '84', ('69200',), 45.703773, 4.881377, 1, 'Lyon'),
    ('69290', 'Saint-Priest', '69', '84', ('69800',), 45.701467, 4.948821, 1, 'Lyon'),
    ('38185', 'Grenoble', '38', '84', ('38000', '38100'), 45.182122, 5.721331, 4, 'Grenoble'),
    ('42218', 'Saint-Étienne', '42', '84', ('42000', '42100'), 45.430124, 4.37914, 3, 'Saint-Étienne'),
    ('63113', 'Clermont-Ferrand', '63', '84', ('63000', '63100'), 45.785649, 3.115545, 3, 'Clermont-Ferrand'),
    ('74010', 'Annecy', '74', '84', ('74370',), 45.890643, 6.125518, 2, 'Annecy'),
    ('74012', 'Annemasse', '74', '84', ('74100',), 46.190973, 6.242507, 1, 'Saint-Julien-en-Genevois'),
    ('73065', 'Chambéry', '73', '84', ('73000',), 45.583183, 5.909034, 2, 'Chambéry'),
    ('26362', 'Valence', '26', '84', ('26000',), 44.922981, 4.91444, 2, 'Valence'),
    ('01053', 'Bourg-en-Bresse', '01', '84', ('01000',), 46.205152, 5.246021, 1, 'Bourg-en-Bresse'),
    ('42187', 'Roanne', '42', '84', ('42300',), 46.044911, 4.079705, 1, 'Roanne'),
    ('15014', 'Aurillac', '15', '84', ('15000',), 44.924523, 2.441625, 1, 'Aurillac'),
    ('43157', 'Le Puy-en-Velay', '43', '84', ('43000',), 45.027637, 3.895352, 1, 'Le Puy-en-Velay'),
    ('03310', 'Vichy', '03', '84', ('03200',), 46.130005, 3.424421, 1, 'Vichy'),
    ('13201', 'Marseille 1er Arrondissement', '13', '93', ('13001',), 43.299901, 5.382279, 3, 'Marseille'),
    ('13202', 'Marseille 2e Arrondissement', '13', '93', ('13002',), 43.312696, 5.36365, 2, 'Marseille'),
    ('13206', 'Marseille 6e Arrondissement', '13', '93', ('13006',), 43.287099, 5.381048, 2, 'Marseille'),
    ('13208', 'Marseille 8e Arrondissement', '13', '93', ('13008',), 43.241727, 5.374644, 3, 'Marseille'),
    ('13210', 'Marseille 10e Arrondissement', '13', '93', ('13010',), 43.275516, 5.426811, 2, 'Marseille'),
    ('13213', 'Marseille 13e Arrondissement', '13', '93', ('13013',), 43.349278, 5.433722, 2, 'Marseille'),
    ('13215', 'Marseille 15e Arrondissement', '13', '93', ('13015',), 43.358795, 5.363408, 2, 'Marseille'),
    ('13001', 'Aix-en-Provence', '13', '93', ('13080', '13090', '13100', '13290', '13540'), 43.536071, 5.398574, 3, 'Aix-en-Provence'),
    ('13056', 'Martigues', '13', '93', ('13500',), 43.379892, 5.049454, 1, 'Istres'),
    ('13117', 'Vitrolles', '13', '93', ('13127',), 43.449783, 5.263578, 1, 'Aix-en-Provence'),
    ('13004', 'Arles', '13', '93', ('13104',), 43.546869, 4.662156, 1, 'Arles'),
    ('06088', 'Nice', '06', '93', ('06000', '06100', '06200', '06300'), 43.711999, 7.238269, 4, 'Nice'),
    ('06029', 'Cannes', '06', '93', ('06400',), 43.55262, 7.004276, 2, 'Grasse'),
    ('06004', 'Antibes', '06', '93', ('06160',), 43.587465, 7.106354, 2, 'Grasse'),
    ('83137', 'Toulon', '83', '93', ('83000', '83100', '83200'), 43.136159, 5.932396, 3, 'Toulon'),
    ('83061', 'Fréjus', '83', '93', ('83600',), 43.471956, 6.763616, 1, 'Draguignan'),
    ('84007', 'Avignon', '84', '93', ('84000',), 43.935245, 4.840716, 2, 'Avignon'),
    ('05061', 'Gap', '05', '93', ('05000',), 44.57986, 6.064861, 1, 'Gap'),
    ('04070', 'Digne-les-Bains', '04', '93', ('04000',), 44.090872, 6.235903, 1, 'Digne-les-Bains'),
    ('31555', 'Toulouse', '31', '76', ('31000', '31100', '31200', '31300', '31400', '31500'), 43.596381, 1.431673, 7, 'Toulouse'),
    ('31069', 'Blagnac', '31', '76', ('31700',), 43.642187, 1.378869, 2, 'Toulouse'),
    ('31149', 'Colomiers', '31', '76', ('31770',), 43.611552, 1.327002, 1, 'Toulouse'),
    ('34172', 'Montpellier', '34', '76', ('34000', '34070', '34080', '34090'), 43.613441, 3.868517, 5, 'Montpellier'),
    ('34032', 'Béziers', '34', '76', ('34500',), 43.347588, 3.230768, 1, 'Béziers'),
    ('34301', 'Sète', '34', '76', ('34200',), 43.391771, 3.647051, 1, 'Montpellier'),
    ('34145', 'Lunel', '34', '76', ('34400',), 43.682048, 4.135665, 1, 'Montpellier'),
    ('30189', 'Nîmes', '30', '76', ('30000', '30900'), 43.844938, 4.348068, 2, 'Nîmes'),
    ('66136', 'Perpignan', '66', '76', ('66000',), 42.696595, 2.89937, 2, 'Perpignan'),
    ('11262', 'Narbonne', '11', '76', ('11100',), 43.16524, 3.020239, 1, 'Narbonne'),
    ('11069', 'Carcassonne', '11', '76', ('11000',), 43.20938, 2.343989, 1, 'Carcassonne'),
    ('81004', 'Albi', '81', '76', ('81000',), 43.925821, 2.146863, 1, 'Albi'),
    ('65440', 'Tarbes', '65', '76', ('65000',), 43.234786, 0.066009, 1, 'Tarbes'),
    ('12202', 'Rodez', '12', '76', ('12000',), 44.358243, 2.567279, 1, 'Rodez'),
    ('82121', 'Montauban', '82', '76', ('82000',), 44.022259, 1.364086, 1, 'Montauban'),
    ('48095', 'Mende', '48', '76', ('48000',), 44.529451, 3.480869, 1, 'Mende'),
    ('48137', 'Saint-Bauzile', '48', '76', ('48000',), 44.469074, 3.491439, 1, 'Mende'),
    ('32013', 'Auch', '32', '76', ('32000',), 43.65343, 0.57519, 1, 'Auch'),
    ('46042', 'Cahors', '46', '76', ('46000',), 44.450737, 1.440758, 1, 'Cahors'),
    ('09122', 'Foix', '09', '76', ('09000',), 42.96585, 1.610375, 1, 'Foix'),
    ('33063', 'Bordeaux', '33', '75', ('33000', '33100', '33200', '33300', '33800'), 44.857245, -0.573697, 6, 'Bordeaux'),
    ('33281', 'Mérignac', '33', '75', ('33700',), 44.832295, -0.681733, 2, 'Bordeaux'),
    ('33318', 'Pessac', '33', '75', ('33600',), 44.791599, -0.676303, 1, 'Bordeaux'),
    ('87085', 'Limoges', '87', '75', ('87000', '87100', '87280'), 45.854255, 1.248758, 2, 'Limoges'),
    ('86194', 'Poitiers', '86', '75', ('86000',), 46.583921, 0.359948, 2, 'Poitiers'),
    ('64445', 'Pau', '64', '75', ('64000',), 43.320019, -0.350338, 2, 'Pau'),
    ('64102', 'Bayonne', '64', '75', ('64100',), 43.492225, -1.466077, 1, 'Bayonne'),
    ('64122', 'Biarritz', '64', '75', ('64200',), 43.469585, -1.553099, 1, 'Bayonne'),
    ('17300', 'La Rochelle', '17', '75', ('17000',), 46.162064, -1.174657, 2, 'La Rochelle'),
    ('16015', 'Angoulême', '16', '75', ('16000',), 45.647259, 0.145145, 1, 'Angoulême'),
    ('79191', 'Niort', '79', '75', ('79000',), 46.32826, -0.465353, 1, 'Niort'),
    ('24322', 'Périgueux', '24', '75', ('24000',), 45.19187, 0.711826, 1, 'Périgueux'),
    ('47001', 'Agen', '47', '75', ('47000',), 44.202814, 0.625584, 1, 'Agen'),
    ('40192', 'Mont-de-Marsan', '40', '75', ('40000',), 43.899361, -0.490723, 1, 'Mont-de-Marsan'),
    ('19031', 'Brive-la-Gaillarde', '19', '75', ('19100',), 45.143583, 1.519368, 1, 'Brive-la-Gaillarde'),
    ('23096', 'Guéret', '23', '75', ('23000',), 46.163212, 1.870787, 1, 'Guéret'),
    ('67482', 'Strasbourg', '67', '44', ('67000', '67100', '67200'), 48.571268, 7.767527, 5, 'Strasbourg'),
    ('51454', 'Reims', '51', '44', ('51100',), 49.251491, 4.04023, 2, 'Reims'),
    ('51108', 'Châlons-en-Champagne', '51', '44', ('51000',), 48.964089, 4.378835, 1, 'Châlons-en-Champagne'),
    ('57463', 'Metz', '57', '44', ('57000',), 49.108113, 6.195525, 2, 'Metz'),
    ('57672', 'Thionville', '57', '44', ('57100',), 49.375972, 6.129283, 1, 'Thionville'),
    ('68224', 'Mulhouse', '68', '44', ('68200',), 47.749163, 7.3257, 2, 'Mulhouse'),
    ('68066', 'Colmar', '68', '44', ('68000',), 48.109941, 7.384687, 1, 'Colmar'),
    ('54395', 'Nancy', '54', '44', ('54000',), 48.6902, 6.175883, 2, 'Nancy'),
    ('10387', 'Troyes', '10', '44', ('10000',), 48.29671, 4.07828, 1, 'Troyes'),
    ('08105', 'Charleville-Mézières', '08', '44', ('08000',), 49.775297, 4.717247, 1, 'Charleville-Mézières'),
    ('88160', 'Épinal', '88', '44', ('88000',), 48.16312, 6.479893, 1, 'Épinal'),
    ('59350', 'Lille', '59', '32', ('59000', '59160', '59260', '59777', '59800'), 50.631718, 3.047833, 6, 'Lille'),
    ('59512', 'Roubaix', '59', '32', ('59100',), 50.687977, 3.182584, 2, 'Lille'),
    ('59599', 'Tourcoing', '59', '32', ('59200',), 50.725442, 3.158828, 1, 'Lille'),
    ('59009', "Villeneuve-d'Ascq", '59', '32', ('59650',), 50.632437, 3.153526, 2, 'Lille'),
    ('59183', 'Dunkerque', '59', '32', ('59140',), 51.030723, 2.337524, 1, 'Dunkerque'),
    ('59606', 'Valenciennes', '59', '32', ('59300',), 50.358867, 3.515677, 1, 'Valenciennes'),
    ('80021', 'Amiens', '80', '32', ('80000', '80080', '80090'), 49.900953, 2.290074, 2, 'Amiens'),
    ('62193', 'Calais', '62', '32', ('62100',), 50.950207, 1.875756, 1, 'Calais'),
    ('62041', 'Arras', '62', '32', ('62000',), 50.289896, 2.765873, 1, 'Arras'),
    ('62498', 'Lens', '62', '32', ('62300',), 50.437426, 2.821059, 1, 'Lens'),
    ('62160', 'Boulogne-sur-Mer', '62', '32', ('62200',), 50.727133, 1.607563, 1, 'Boulogne-sur-Mer'),
    ('60057', 'Beauvais', '60', '32', ('60000',), 49.436552, 2.086161, 1, 'Beauvais'),
    ('60159', 'Compiègne', '60', '32', ('60200',), 49.39906, 2.853172, 1, 'Compiègne'),
    ('02691', 'Saint-Quentin', '02', '32', ('02100',), 49.847234, 3.277695, 1, 'Saint-Quentin'),
    ('35238', 'Rennes', '35', '53', ('35000', '35200', '35700'), 48.111979, -1.681864, 4, 'Rennes'),
    ('35288', 'Saint-Malo', '35', '53', ('35400',), 48.640044, -1.980606, 1, 'Saint-Malo'),
    ('29019', 'Brest', '29', '53', ('29200',), 48.4005, -4.502791, 2, 'Brest'),
    ('29232', 'Quimper', '29', '53', ('29000',), 47.997143, -4.091119, 1, 'Quimper'),
    ('56121', 'Lorient', '56', '53', ('56100',), 47.750049, -3.378232, 1, 'Lorient'),
    ('56260', 'Vannes', '56', '53', ('56000',), 47.659749, -2.757143, 1, 'Vannes'),
    ('22278', 'Saint-Brieuc', '22', '53', ('22000',), 48.514981, -2.761546, 1, 'Saint-Brieuc'),
    ('22113', 'Lannion', '22', '53', ('22300',), 48.74335, -3.461598, 1, 'Lannion'),
    ('76540', 'Rouen', '76', '28', ('76000',), 49.441346, 1.092568, 3, 'Rouen'),
    ('76351', 'Le Havre', '76', '28', ('76600', '76610', '76620'), 49.498453, 0.140154, 2, 'Le Havre'),
    ('76217', 'Dieppe', '76', '28', ('76370',), 49.92225, 1.086812, 1, 'Dieppe'),
    ('14118', 'Caen', '14', '28', ('14000',), 49.184794, -0.369802, 2, 'Caen'),
    ('50129', 'Cherbourg-en-Cotentin', '50', '28', ('50130',), 49.633412, -1.633902, 1, 'Cherbourg'),
    ('50502', 'Saint-Lô', '50', '28', ('50000',), 49.109962, -1.077556, 1, 'Saint-Lô'),
    ('27229', 'Évreux', '27', '28', ('27000',), 49.020154, 1.141644, 1, 'Évreux'),
    ('61001', 'Alençon', '61', '28', ('61000',), 48.431819, 0.091541, 1, 'Alençon'),
    ('44109', 'Nantes', '44', '52', ('44000', '44100', '44200', '44300'), 47.231636, -1.54831, 5, 'Nantes'),
    ('44162', 'Saint-Herblain', '44', '52', ('44800',), 47.224376, -1.634348, 1, 'Nantes'),
    ('44184', 'Saint-Nazaire', '44', '52', ('44600',), 47.280286, -2.253799, 1, 'Saint-Nazaire'),
    ('49007', 'Angers', '49', '52', ('49000', '49100'), 47.476837, -0.556126, 2, 'Angers'),
    ('49099', 'Cholet', '49', '52', ('49300',), 47.04544, -0.877886, 1, 'Cholet'),
    ('72181', 'Le Mans', '72', '52', ('72000', '72100'), 47.988526, 0.20003, 2, 'Le Mans'),
    ('85191', 'La Roche-sur-Yon', '85', '52', ('85000',), 46.667526, -1.407795, 1, 'La Roche-sur-Yon'),
    ('53130', 'Laval', '53', '52', ('53000',), 48.060857, -0.766006, 1, 'Laval'),
    ('37261', 'Tours', '37', '24', ('37000', '37100', '37200'), 47.398638, 0.696526, 2, 'Tours'),
    ('45234', 'Orléans', '45', '24', ('45100',), 47.882863, 1.916104, 2, 'Orléans'),
    ('18033', 'Bourges', '18', '24', ('18000',), 47.074957, 2.404171, 1, 'Bourges'),
    ('41018', 'Blois', '41', '24', ('41000',), 47.581701, 1.306256, 1, 'Blois'),
    ('28085', 'Chartres', '28', '24', ('28000',), 48.447146, 1.505706, 1, 'Chartres'),
    ('36044', 'Châteauroux', '36', '24', ('36000',), 46.802962, 1.693998, 1, 'Châteauroux'),
    ('21231', 'Dijon', '21', '27', ('21000',), 47.322944, 5.037888, 2, 'Dijon'),
    ('25056', 'Besançon', '25', '27', ('25000',), 47.255387, 6.019487, 2, 'Besançon'),
    ('25388', 'Montbéliard', '25', '27', ('25200',), 47.515517, 6.791481, 1, 'Montbéliard'),
    ('90010', 'Belfort', '90', '27', ('90000',), 47.647154, 6.845412, 1, 'Belfort'),
    ('71076', 'Chalon-sur-Saône', '71', '27', ('71100',), 46.790029, 4.851916, 1, 'Chalon-sur-Saône'),
    ('71270', 'Mâcon', '71', '27', ('71000',), 46.320551, 4.818425, 1, 'Mâcon'),
    ('89024', 'Auxerre', '89', '27', ('89000',), 47.793488, 3.581683, 1, 'Auxerre'),
    ('58194', 'Nevers', '58', '27', ('58000',), 46.988119, 3.156891, 1, 'Nevers'),
    ('2A004', 'Ajaccio', '2A', '94', ('20167',), 41.934793, 8.701323, 1, 'Ajaccio'),
    ('2B033', 'Bastia', '2B', '94', ('20200',), 42.686477, 9.425021, 1, 'Bastia'),
    ('2A247', 'Porto-Vecchio', '2A', '94', ('20137',), 41.592493, 9.253631, 1, 'Sartène'),
    ('97411', 'Saint-Denis', '974', '04', ('97400', '97417', '97490'), -20.932971, 55.446867, 2, 'Saint-Denis'),
    ('97416', 'Saint-Pierre', '974', '04', ('97410',), -21.312324, 55.493616, 1, 'Saint-Pierre'),
    ('97209', 'Fort-de-France', '972', '02', ('97200',), 14.641111, -61.069189, 1, 'Fort-de-France'),
    ('97101', 'Les Abymes', '971', '01', ('97139',), 16.272779, -61.501704, 1, 'Pointe-à-Pitre'),
    ('97302', 'Cayenne', '973', '03', ('97300',), 5.021737, -52.501251, 1, 'Cayenne'),
)
# fmt: on


COMMUNES: tuple[Commune, ...] = tuple(Commune(*row) for row in _COMMUNE_ROWS)

# --------------------------------------------------------------------------------------------------------------
# Soft skills: the France Travail list of "savoir-être professionnels" (libellés as the offers carry them;
# descriptions written for this project).
# --------------------------------------------------------------------------------------------------------------

QUALITES_PROFESSIONNELLES: tuple[tuple[str, str], ...] = (
    ("Travailler en équipe", "Capacité à coopérer et à se coordonner avec ses collègues pour atteindre un objectif commun."),
    ("Être à l'écoute", "Capacité à prêter attention à son interlocuteur, à comprendre son besoin et à en tenir compte."),
    ("Faire preuve de curiosité", "Capacité à s'intéresser à ce qui est nouveau et à chercher à comprendre au-delà de l'évident."),
    ("Faire preuve de leadership", "Capacité à entraîner une équipe vers un objectif partagé et à susciter son adhésion."),
    ("Faire preuve de réactivité", "Capacité à agir vite face à un imprévu en distinguant l'urgent de l'important."),
    ("Organiser son travail selon les priorités et les objectifs", "Capacité à planifier et ordonner ses tâches selon les délais, les moyens et les objectifs."),
    ("Faire preuve d'autonomie", "Capacité à mener son activité sans encadrement permanent et à demander de l'aide au bon moment."),
    ("S'adapter aux changements", "Capacité à ajuster sa façon de travailler à une situation, une organisation ou un interlocuteur nouveau."),
    ("Prendre des initiatives et être force de proposition", "Capacité à proposer des idées et des solutions pour résoudre un problème ou améliorer une situation."),
    ("Gérer son stress", "Capacité à garder son calme et à rester efficace dans les situations tendues ou imprévues."),
    ("Faire preuve de persévérance", "Capacité à maintenir ses efforts jusqu'au bout d'une tâche malgré les difficultés."),
    ("Faire preuve de rigueur et de précision", "Capacité à exécuter un travail exact en respectant les règles, les consignes et les procédures."),
    ("Inspirer, donner du sens", "Capacité à faire partager une vision et à expliquer le pourquoi d'une action."),
    ("Avoir le sens du service", "Capacité à repérer et anticiper les besoins d'un client ou d'un usager pour y répondre au mieux."),
    ("Respecter ses engagements, assumer ses responsabilités", "Capacité à tenir parole, à rendre compte de ses actions et à signaler les difficultés."),
    ("Faire preuve de créativité, d'inventivité", "Capacité à imaginer des solutions, des produits ou des façons de faire nouvelles."),
)  # fmt: skip
_Q = {label: i for i, (label, _description) in enumerate(QUALITES_PROFESSIONNELLES)}
# Short nouns used inside description sentences ("Vous êtes reconnu(e) pour votre ...").
_SOFT_NOUNS = (
    "esprit d'équipe", "écoute", "curiosité", "leadership", "réactivité", "sens de l'organisation", "autonomie",
    "capacité d'adaptation", "sens de l'initiative", "calme", "persévérance", "rigueur", "capacité à fédérer",
    "sens du service", "fiabilité", "créativité",
)  # fmt: skip

QUALIFICATIONS: dict[str, str] = {
    "1": "Manoeuvre",
    "2": "Ouvrier spécialisé",
    "3": "Ouvrier qualifié (P1,P2)",
    "4": "Ouvrier qualifié (P3,P4,OHQ)",
    "5": "Employé non qualifié",
    "6": "Employé qualifié",
    "7": "Technicien",
    "8": "Agent de maîtrise",
    "9": "Cadre",
}

# Adzuna's own job categories (tag, French label); "unknown" is frequent in real answers.
ADZUNA_CATEGORIES: dict[str, str] = {
    "it-jobs": "Emplois Informatique",
    "healthcare-nursing-jobs": "Emplois Santé et Soins infirmiers",
    "hospitality-catering-jobs": "Emplois Hospitalité et Restauration",
    "sales-jobs": "Emplois Vente",
    "retail-jobs": "Emplois Commerce de détail",
    "logistics-warehouse-jobs": "Emplois Logistique et Entrepôt",
    "trade-construction-jobs": "Emplois Métiers manuels et Construction",
    "accounting-finance-jobs": "Emplois Comptabilité et Finance",
    "admin-jobs": "Emplois Administration",
    "teaching-jobs": "Emplois Enseignement",
    "social-work-jobs": "Emplois Travail social",
    "engineering-jobs": "Emplois Ingénierie",
    "manufacturing-jobs": "Emplois Production industrielle",
    "maintenance-jobs": "Emplois Maintenance",
    "hr-jobs": "Emplois RH et Recrutement",
    "pr-advertising-marketing-jobs": "Emplois Marketing, Publicité et RP",
    "domestic-help-cleaning-jobs": "Emplois Aide à domicile et Nettoyage",
    "customer-services-jobs": "Emplois Service client",
    "property-jobs": "Emplois Immobilier",
    "other-general-jobs": "Emplois Autres / Général",
    "unknown": "Unknown",
}


@dataclass(frozen=True, slots=True)
class Occupation:
    """One ROME occupation with what employers actually write about it."""

    rome_code: str
    rome_label: str  # ROME v4.60 label, as France Travail's romeLibelle
    weight: int  # share of the job market (relative)
    titles: tuple[str, ...]  # base job titles as employers write them, without the H/F decoration
    appellations: tuple[str, ...]  # real ROME appellations (short labels), for appellationlibelle
    skills: tuple[str, ...]  # savoir-faire listed in `competences`
    missions: tuple[str, ...]  # mission lines for descriptions
    naf: tuple[str, str, str]  # codeNAF, secteurActivite, secteurActiviteLibelle
    qualification: str  # qualificationCode
    salary: tuple[int, int]  # usual gross monthly range (EUR) for a full-time job
    category: str  # Adzuna category tag
    diploma: tuple[str, str]  # formations[].domaineLibelle, niveauLibelle
    soft: tuple[int, ...]  # indexes into QUALITES_PROFESSIONNELLES the job favours
    employers: str  # key of EMPLOYER_PATTERNS
    remote: bool = False  # office job where télétravail is plausible
    seasonal: bool = False  # SAI contracts are common
    permit: bool = False  # driving licence asked


def _soft(*labels: str) -> tuple[int, ...]:
    return tuple(_Q[label] for label in labels)


_TEAM, _LISTEN, _CURIOUS, _LEAD, _REACT, _ORG, _AUTO, _ADAPT, _INIT, _STRESS, _PERSEV, _RIGOUR, _SENSE, _SERVICE, _ENGAGE, _CREATIVE = (
    label for label, _d in QUALITES_PROFESSIONNELLES
)  # fmt: skip

# fmt: off
OCCUPATIONS: tuple[Occupation, ...] = (
    Occupation(
        "D1102", "Boulanger / Boulangère", 5,
        ("Boulanger", "Boulanger-pâtissier", "Ouvrier boulanger", "Aide-boulanger", "Boulanger de nuit", "Chef boulanger"),
        ("Boulanger / Boulangère", "Boulanger-pâtissier / Boulangère-pâtissière", "Ouvrier boulanger / Ouvrière boulangère",
         "Aide-boulanger / Aide-boulangère", "Boulanger(ère)-pâtissier(ère)-traiteur(se)"),
        ("Pétrir une pâte", "Façonner des pâtons", "Cuire des pâtons", "Réaliser des pains spéciaux", "Préparer des viennoiseries",
         "Conduire un four", "Contrôler la fermentation", "Appliquer les règles d'hygiène HACCP", "Peser et doser les ingrédients",
         "Entretenir le fournil"),
        ("Préparer les pâtes à pain et à viennoiserie selon les recettes de la maison",
         "Façonner, enfourner et cuire les pains traditionnels et spéciaux",
         "Gérer la fermentation et adapter les temps de pousse",
         "Assurer la production de viennoiseries pour l'ouverture du magasin",
         "Nettoyer et ranger le fournil en fin de production",
         "Former et accompagner l'apprenti de l'équipe"),
        ("10.71C", "10", "Boulangerie et boulangerie-pâtisserie"), "4", (1850, 2400), "hospitality-catering-jobs",
        ("Boulangerie", "CAP, BEP et équivalents"), _soft(_TEAM, _RIGOUR, _AUTO, _ORG, _CREATIVE), "boulangerie",
    ),
    Occupation(
        "D1101", "Boucher / Bouchère", 2,
        ("Boucher", "Boucher-charcutier", "Boucher traiteur", "Second boucher", "Boucher en grande surface"),
        ("Boucher / Bouchère", "Boucher-charcutier / Bouchère-charcutière", "Second boucher / Seconde bouchère",
         "Boucher-traiteur / Bouchère-traiteuse"),
        ("Désosser des pièces de viande", "Parer et ficeler les viandes", "Préparer des commandes clients", "Conseiller la clientèle",
         "Respecter la chaîne du froid", "Mettre en valeur l'étal", "Appliquer les règles d'hygiène HACCP", "Utiliser une scie à os"),
        ("Réceptionner et contrôler les carcasses et les pièces de viande",
         "Découper, désosser et parer les viandes",
         "Préparer les produits élaborés (brochettes, farces, rôtis)",
         "Conseiller les clients sur les morceaux et les cuissons",
         "Tenir le rayon propre et attractif"),
        ("47.22Z", "47", "Commerce de détail de viandes et de produits à base de viande en magasin spécialisé"), "4", (1900, 2600),
        "retail-jobs", ("Boucherie", "CAP, BEP et équivalents"), _soft(_SERVICE, _RIGOUR, _TEAM, _REACT), "alimentation",
    ),
    Occupation(
        "D1106", "Vendeur / Vendeuse en épicerie", 4,
        ("Vendeur en boulangerie", "Vendeuse en boulangerie-pâtisserie", "Vendeur en fromagerie", "Vendeur primeur",
         "Employé de vente en alimentation", "Vendeur en épicerie fine"),
        ("Vendeur / Vendeuse en boulangerie-pâtisserie", "Vendeur / Vendeuse en alimentation générale",
         "Vendeur / Vendeuse de fruits et légumes", "Vendeur / Vendeuse en crèmerie"),
        ("Accueillir la clientèle", "Tenir une caisse", "Mettre en place les produits", "Emballer les produits",
         "Conseiller un client", "Contrôler les dates de péremption", "Appliquer les règles d'hygiène HACCP"),
        ("Accueillir et servir les clients avec le sourire",
         "Mettre en place la vitrine et les produits à l'ouverture",
         "Encaisser les ventes et tenir la caisse",
         "Veiller à la fraîcheur des produits et à la propreté du magasin",
         "Réceptionner les livraisons et ranger la réserve"),
        ("47.11D", "47", "Supermarchés"), "5", (1801, 1950), "sales-jobs",
        ("Commerce", "CAP, BEP et équivalents"), _soft(_SERVICE, _LISTEN, _REACT, _TEAM), "alimentation",
    ),
    Occupation(
        "D1214", "Vendeur / Vendeuse en prêt-à-porter", 3,
        ("Vendeur en prêt-à-porter", "Conseiller de vente mode", "Vendeur en chaussures", "Vendeuse en lingerie",
         "Conseiller de vente bijouterie", "Responsable de boutique prêt-à-porter"),
        ("Vendeur / Vendeuse en chaussures", "Vendeur / Vendeuse en lingerie", "Vendeur / Vendeuse en bijouterie",
         "Vendeur / Vendeuse en prêt-à-porter"),
        ("Accueillir la clientèle", "Présenter les caractéristiques d'un produit", "Réaliser un merchandising",
         "Encaisser un paiement", "Réaliser un inventaire", "Atteindre des objectifs de vente", "Gérer les retouches"),
        ("Accueillir les clients et les conseiller selon leur style",
         "Participer à la mise en valeur des collections en magasin",
         "Réaliser les ventes et les encaissements",
         "Assurer le réassort depuis la réserve",
         "Participer aux inventaires et aux opérations commerciales"),
        ("47.71Z", "47", "Commerce de détail d'habillement en magasin spécialisé"), "6", (1801, 2100), "retail-jobs",
        ("Commerce", "Bac ou équivalent"), _soft(_SERVICE, _LISTEN, _INIT, _TEAM), "commerce",
    ),
    Occupation(
        "D1507", "Employé / Employée de rayon libre-service", 5,
        ("Employé de rayon", "Employé libre-service", "Employé polyvalent de magasin", "Équipier de magasin",
         "Employé de rayon fruits et légumes", "Employé commercial"),
        ("Employé / Employée de rayon", "Employé / Employée de libre-service",
         "Employé polyvalent / Employée polyvalente de libre-service", "Employé / Employée de rayon libre-service"),
        ("Approvisionner un rayon", "Réaliser l'étiquetage", "Contrôler les dates de péremption", "Utiliser un transpalette",
         "Renseigner un client", "Réaliser un inventaire", "Assurer la rotation des produits"),
        ("Mettre en rayon les produits et assurer le facing",
         "Contrôler les dates de péremption et retirer les produits non conformes",
         "Étiqueter les produits et vérifier les prix",
         "Renseigner et orienter les clients dans le magasin",
         "Réceptionner les marchandises et tenir la réserve en ordre"),
        ("47.11F", "47", "Hypermarchés"), "5", (1801, 1900), "retail-jobs",
        ("Commerce", "CAP, BEP et équivalents"), _soft(_TEAM, _REACT, _ORG, _SERVICE), "alimentation",
    ),
    Occupation(
        "D1505", "Hôte / Hôtesse de caisse", 3,
        ("Hôte de caisse", "Hôtesse de caisse", "Caissier", "Caissière", "Employé de caisse polyvalent"),
        ("Hôte / Hôtesse de caisse", "Caissier / Caissière", "Caissier / Caissière en libre-service"),
        ("Encaisser un paiement", "Accueillir la clientèle", "Tenir une caisse", "Effectuer un rendu monnaie",
         "Traiter les retours produits", "Appliquer les procédures de contrôle anti-fraude"),
        ("Accueillir les clients en caisse et enregistrer leurs achats",
         "Encaisser les paiements et contrôler le fond de caisse",
         "Renseigner les clients sur les promotions et la carte de fidélité",
         "Veiller à la propreté du poste de caisse"),
        ("47.11D", "47", "Supermarchés"), "5", (1801, 1850), "retail-jobs",
        ("Commerce", "Aucun diplôme"), _soft(_SERVICE, _RIGOUR, _STRESS, _LISTEN), "alimentation",
    ),
    Occupation(
        "D1211", "Vendeur / Vendeuse d'articles de sport et loisirs", 1,
        ("Vendeur en articles de sport", "Conseiller de vente sport", "Libraire", "Vendeur cycles"),
        ("Vendeur / Vendeuse en articles de sport", "Libraire", "Vendeur / Vendeuse en articles de librairie papeterie"),
        ("Conseiller un client", "Présenter les caractéristiques d'un produit", "Réaliser un merchandising",
         "Encaisser un paiement", "Réceptionner les commandes", "Animer un espace de vente"),
        ("Conseiller les sportifs dans le choix de leur équipement",
         "Tenir le rayon et assurer le réassort",
         "Réaliser les ventes et fidéliser la clientèle",
         "Participer aux animations commerciales du magasin"),
        ("47.64Z", "47", "Commerce de détail d'articles de sport en magasin spécialisé"), "6", (1801, 2100), "retail-jobs",
        ("Commerce", "Bac ou équivalent"), _soft(_SERVICE, _CURIOUS, _TEAM, _INIT), "commerce",
    ),
    Occupation(
        "D1301", "Gérant / Gérante de magasin d'alimentation générale", 1,
        ("Gérant de supérette", "Responsable de magasin", "Manager de magasin de proximité", "Directeur de magasin"),
        ("Gérant / Gérante de supérette", "Responsable de supérette", "Gérant / Gérante de magasin d'alimentation"),
        ("Manager une équipe", "Analyser des indicateurs de vente", "Gérer les stocks", "Élaborer un planning",
         "Recruter du personnel", "Passer des commandes fournisseurs", "Tenir un compte d'exploitation"),
        ("Piloter l'activité commerciale du magasin et atteindre les objectifs",
         "Animer et organiser une équipe de 5 à 15 collaborateurs",
         "Gérer les commandes, les stocks et la démarque",
         "Garantir la bonne tenue du magasin et la satisfaction des clients"),
        ("47.11C", "47", "Supérettes"), "8", (2300, 3200), "retail-jobs",
        ("Commerce", "Bac+2 ou équivalents"), _soft(_LEAD, _ORG, _ENGAGE, _REACT), "alimentation",
    ),
    Occupation(
        "G1602", "Commis / Commise de cuisine", 5,
        ("Commis de cuisine", "Cuisinier", "Chef de partie", "Second de cuisine", "Aide de cuisine", "Cuisinier en collectivité"),
        ("Commis / Commise de cuisine", "Aide de cuisine", "Agent / Agente de cuisine",
         "Commis de cuisine tournant / Commise de cuisine tournante"),
        ("Préparer les légumes", "Réaliser des préparations froides", "Cuire des viandes et des poissons", "Dresser des assiettes",
         "Appliquer les règles d'hygiène HACCP", "Réceptionner les marchandises", "Élaborer des sauces", "Entretenir le poste de travail"),
        ("Réaliser la mise en place avant le service",
         "Préparer les entrées, les plats et les desserts selon les fiches techniques",
         "Assurer le dressage des assiettes pendant le coup de feu",
         "Réceptionner et ranger les livraisons",
         "Nettoyer la cuisine et le matériel en fin de service",
         "Respecter les normes d'hygiène et la traçabilité"),
        ("56.10A", "56", "Restauration traditionnelle"), "6", (1801, 2300), "hospitality-catering-jobs",
        ("Cuisine", "CAP, BEP et équivalents"), _soft(_TEAM, _REACT, _STRESS, _RIGOUR, _CREATIVE), "restauration",
        seasonal=True,
    ),
    Occupation(
        "G1603", "Equipier polyvalent / Equipière polyvalente de restauration rapide", 4,
        ("Équipier polyvalent", "Équipier de restauration rapide", "Employé polyvalent de restauration",
         "Préparateur de sandwichs", "Équipier polyvalent restauration"),
        ("Equipier(ère) polyvalent(e) de restauration rapide", "Employé polyvalent / Employée polyvalente de restauration",
         "Préparateur-vendeur / Préparatrice-vendeuse de sandwichs"),
        ("Préparer des produits de restauration rapide", "Accueillir la clientèle", "Encaisser un paiement",
         "Nettoyer les locaux", "Appliquer les règles d'hygiène HACCP", "Mettre en place les produits"),
        ("Préparer les commandes dans le respect des standards de qualité",
         "Accueillir les clients, prendre les commandes et encaisser",
         "Assurer la propreté de la salle et de la cuisine",
         "Participer à la réception des livraisons"),
        ("56.10C", "56", "Restauration de type rapide"), "5", (1801, 1850), "hospitality-catering-jobs",
        ("Restauration", "Aucun diplôme"), _soft(_TEAM, _REACT, _SERVICE, _STRESS), "restauration",
    ),
    Occupation(
        "G1803", "Serveur / Serveuse en restauration", 5,
        ("Serveur", "Serveuse", "Chef de rang", "Commis de salle", "Serveur en brasserie", "Barman", "Runner"),
        ("Serveur / Serveuse de restaurant", "Commis / Commise de salle", "Serveur / Serveuse de bar-brasserie",
         "Serveur / Serveuse de bar", "Garçon / Serveuse de restaurant"),
        ("Accueillir la clientèle", "Dresser les tables", "Prendre les commandes", "Servir à l'assiette",
         "Conseiller les clients sur les vins", "Encaisser un paiement", "Débarrasser une table", "Préparer des boissons chaudes"),
        ("Accueillir et installer les clients",
         "Prendre les commandes et conseiller sur les plats et les vins",
         "Assurer le service en salle et en terrasse",
         "Dresser et débarrasser les tables",
         "Encaisser les additions"),
        ("56.10A", "56", "Restauration traditionnelle"), "6", (1801, 2100), "hospitality-catering-jobs",
        ("Service en salle", "CAP, BEP et équivalents"), _soft(_SERVICE, _TEAM, _REACT, _STRESS), "restauration",
        seasonal=True,
    ),
    Occupation(
        "G1501", "Employé / Employée d'étage", 2,
        ("Femme de chambre", "Valet de chambre", "Employé d'étage", "Gouvernante d'hôtel", "Équipier d'étage"),
        ("Valet / Femme de chambre", "Employé / Employée d'étage", "Employé / Employée d'étage en hôtellerie"),
        ("Nettoyer les chambres", "Changer le linge de lit", "Réapprovisionner les produits d'accueil",
         "Contrôler l'état des chambres", "Utiliser des produits d'entretien"),
        ("Nettoyer et remettre en état les chambres et les parties communes",
         "Faire les lits et changer le linge",
         "Réapprovisionner les produits d'accueil",
         "Signaler les anomalies à la gouvernante"),
        ("55.10Z", "55", "Hôtels et hébergement similaire"), "5", (1801, 1900), "hospitality-catering-jobs",
        ("Hôtellerie", "Aucun diplôme"), _soft(_RIGOUR, _AUTO, _ORG, _TEAM), "hotel", seasonal=True,
    ),
    Occupation(
        "G1703", "Réceptionniste", 2,
        ("Réceptionniste", "Réceptionniste de nuit", "Night auditor", "Réceptionniste tournant", "Agent de réception"),
        ("Réceptionniste en hôtellerie", "Réceptionniste de nuit", "Night auditor", "Réceptionniste"),
        ("Accueillir la clientèle", "Gérer les réservations", "Utiliser un logiciel de gestion hôtelière",
         "Encaisser un paiement", "Parler anglais", "Traiter les réclamations"),
        ("Accueillir les clients à leur arrivée et à leur départ",
         "Gérer les réservations et le planning des chambres",
         "Encaisser les séjours et faire la clôture de caisse",
         "Renseigner les clients sur la ville et les services de l'hôtel"),
        ("55.10Z", "55", "Hôtels et hébergement similaire"), "6", (1801, 2100), "hospitality-catering-jobs",
        ("Hôtellerie", "Bac ou équivalent"), _soft(_SERVICE, _LISTEN, _STRESS, _ADAPT), "hotel", seasonal=True,
    ),
    Occupation(
        "G1101", "Agent / Agente d'accueil touristique", 1,
        ("Agent d'accueil touristique", "Conseiller en séjour", "Hôte d'accueil office de tourisme"),
        ("Agent / Agente d'accueil touristique", "Conseiller / Conseillère en séjour touristique",
         "Hôte / Hôtesse d'accueil tourisme"),
        ("Accueillir la clientèle", "Parler anglais", "Renseigner sur l'offre touristique", "Vendre des billets",
         "Mettre à jour une base documentaire"),
        ("Accueillir et renseigner les visiteurs français et étrangers",
         "Promouvoir les activités et les hébergements du territoire",
         "Vendre la billetterie et les visites guidées"),
        ("84.13Z", "84", "Administration publique (tutelle) des activités économiques"), "6", (1801, 2000),
        "customer-services-jobs", ("Tourisme", "Bac+2 ou équivalents"), _soft(_SERVICE, _LISTEN, _CURIOUS), "public",
        seasonal=True,
    ),
    Occupation(
        "J1501", "Aide-soignant / Aide-soignante", 7,
        ("Aide-soignant", "Aide-soignante", "Aide-soignant de nuit", "Aide-soignant en EHPAD", "Aide-soignant en gériatrie"),
        ("Aide-soignant / Aide-soignante", "Aide-soignant / Aide-soignante en gériatrie"),
        ("Réaliser les soins d'hygiène et de confort", "Aider à la prise des repas", "Surveiller l'état de santé du patient",
         "Transmettre les observations à l'équipe soignante", "Réaliser des transferts de patients", "Appliquer les protocoles d'hygiène",
         "Accompagner la personne dans les gestes de la vie quotidienne", "Prévenir les escarres"),
        ("Dispenser les soins d'hygiène et de confort aux résidents",
         "Aider à l'alimentation et surveiller l'hydratation",
         "Observer l'état de santé et transmettre les informations à l'infirmier",
         "Participer à l'animation et à la vie sociale de l'établissement",
         "Assurer la traçabilité des soins dans le dossier de soins informatisé"),
        ("87.10A", "87", "Hébergement médicalisé pour personnes âgées"), "6", (1850, 2300), "healthcare-nursing-jobs",
        ("Santé", "Diplôme d'État d'aide-soignant (DEAS)"), _soft(_LISTEN, _TEAM, _SERVICE, _RIGOUR, _STRESS), "sante",
    ),
    Occupation(
        "J1506", "Infirmier / Infirmière en soins généraux (IDE)", 5,
        ("Infirmier", "Infirmière", "Infirmier diplômé d'État", "IDE de nuit", "Infirmier en EHPAD", "Infirmier coordinateur"),
        ("Infirmier / Infirmière de soins généraux", "Infirmier / Infirmière en gériatrie",
         "Infirmier / Infirmière en Médecine Chirurgie Obstétrique", "Infirmier / Infirmière psychiatrique"),
        ("Réaliser des soins infirmiers", "Administrer les traitements", "Préparer les piluliers", "Surveiller les constantes",
         "Tenir le dossier de soins", "Encadrer les aides-soignants", "Réaliser des prélèvements sanguins", "Réaliser des pansements"),
        ("Réaliser les soins prescrits et assurer la surveillance clinique",
         "Préparer et administrer les traitements médicamenteux",
         "Coordonner le travail des aides-soignants de l'unité",
         "Tenir à jour le dossier de soins et les transmissions",
         "Accompagner les patients et leurs familles"),
        ("86.10Z", "86", "Activités hospitalières"), "7", (2300, 3000), "healthcare-nursing-jobs",
        ("Soins infirmiers", "Diplôme d'État d'infirmier"), _soft(_RIGOUR, _STRESS, _LISTEN, _TEAM, _REACT), "sante",
    ),
    Occupation(
        "J1301", "Agent / Agente de service hospitalier (ASH)", 3,
        ("Agent de service hospitalier", "ASH", "Agent hôtelier hospitalier", "Agent de bio-nettoyage"),
        ("Agent / Agente des services hospitaliers", "Agent hôtelier hospitalier / Agente hôtelière hospitalière",
         "Agente / Agent de bio-nettoyage"),
        ("Réaliser le bio-nettoyage", "Distribuer les repas", "Entretenir le linge", "Appliquer les protocoles d'hygiène",
         "Évacuer les déchets de soins"),
        ("Assurer l'entretien des chambres et des locaux selon les protocoles",
         "Distribuer les repas et les collations",
         "Participer au confort des résidents au quotidien"),
        ("87.10A", "87", "Hébergement médicalisé pour personnes âgées"), "5", (1801, 1900), "healthcare-nursing-jobs",
        ("Santé", "Aucun diplôme"), _soft(_RIGOUR, _TEAM, _LISTEN), "sante",
    ),
    Occupation(
        "J1304", "Auxiliaire de puériculture", 2,
        ("Auxiliaire de puériculture", "Auxiliaire de puériculture en crèche", "Auxiliaire de puériculture en maternité"),
        ("Auxiliaire de puériculture",),
        ("Réaliser les soins d'hygiène du jeune enfant", "Préparer les biberons et les repas", "Animer des activités d'éveil",
         "Observer le développement de l'enfant", "Accueillir les parents"),
        ("Accueillir les enfants et leurs familles",
         "Assurer les soins d'hygiène et de confort des enfants",
         "Proposer des activités d'éveil adaptées à l'âge",
         "Participer à l'élaboration du projet pédagogique"),
        ("88.91A", "88", "Accueil de jeunes enfants"), "6", (1850, 2200), "healthcare-nursing-jobs",
        ("Puériculture", "Diplôme d'État d'auxiliaire de puériculture"), _soft(_LISTEN, _TEAM, _CREATIVE, _STRESS), "social",
    ),
    Occupation(
        "J1307", "Préparateur / Préparatrice en pharmacie", 2,
        ("Préparateur en pharmacie", "Préparatrice en pharmacie", "Préparateur en pharmacie d'officine",
         "Préparateur en pharmacie hospitalière"),
        ("Préparateur / Préparatrice en pharmacie", "Préparateur / Préparatrice en pharmacie d'officine",
         "Préparateur / Préparatrice en pharmacie hospitalière"),
        ("Délivrer des médicaments sur ordonnance", "Conseiller un client", "Réaliser des préparations magistrales",
         "Gérer les stocks de médicaments", "Utiliser un logiciel de gestion d'officine", "Tiers payant"),
        ("Délivrer les ordonnances sous le contrôle du pharmacien",
         "Conseiller les patients en parapharmacie",
         "Réceptionner les commandes et gérer les stocks",
         "Réaliser les préparations"),
        ("47.73Z", "47", "Commerce de détail de produits pharmaceutiques en magasin spécialisé"), "6", (1900, 2400),
        "healthcare-nursing-jobs", ("Pharmacie", "BP préparateur en pharmacie"), _soft(_RIGOUR, _SERVICE, _LISTEN), "sante",
    ),
    Occupation(
        "J1404", "Kinésithérapeute", 1,
        ("Masseur-kinésithérapeute", "Kinésithérapeute", "Kinésithérapeute libéral"),
        ("Kinésithérapeute", "Masseur / Masseuse kinésithérapeute"),
        ("Réaliser un bilan kinésithérapique", "Mettre en œuvre des techniques de rééducation", "Réaliser des massages",
         "Éduquer le patient à l'autonomie", "Rédiger un compte rendu de séance"),
        ("Réaliser les bilans et les séances de rééducation",
         "Prendre en charge des patients en rééducation orthopédique et neurologique",
         "Travailler en lien avec l'équipe médicale"),
        ("86.90E", "86", "Activités des professionnels de la rééducation, de l'appareillage et des pédicures-podologues"),
        "9", (2800, 4000), "healthcare-nursing-jobs", ("Kinésithérapie", "Diplôme d'État de masseur-kinésithérapeute"),
        _soft(_LISTEN, _AUTO, _PERSEV), "sante",
    ),
    Occupation(
        "J1102", "Médecin généraliste", 1,
        ("Médecin généraliste", "Médecin coordonnateur", "Médecin salarié en centre de santé"),
        ("Médecin généraliste", "Médecin praticien"),
        ("Établir un diagnostic", "Prescrire un traitement", "Assurer le suivi médical", "Rédiger des certificats médicaux",
         "Coordonner un parcours de soins"),
        ("Assurer les consultations de médecine générale",
         "Participer aux actions de prévention du centre de santé",
         "Coordonner les prises en charge avec les autres professionnels"),
        ("86.21Z", "86", "Activité des médecins généralistes"), "9", (6000, 9000), "healthcare-nursing-jobs",
        ("Médecine", "Doctorat en médecine"), _soft(_LISTEN, _ENGAGE, _STRESS), "sante",
    ),
    Occupation(
        "K1302", "Assistant / Assistante de vie dépendance", 6,
        ("Auxiliaire de vie", "Assistant de vie", "Aide à domicile", "Auxiliaire de vie sociale", "Accompagnant éducatif et social"),
        ("Assistant / Assistante de vie auprès de personnes âgées", "Aide aux personnes âgées",
         "Assistant / Assistante de vie dépendance", "Auxiliaire familiale et sanitaire"),
        ("Accompagner la personne dans les gestes de la vie quotidienne", "Préparer les repas", "Entretenir le logement",
         "Aider à la toilette", "Stimuler l'autonomie de la personne", "Réaliser les courses", "Rédiger un cahier de liaison"),
        ("Accompagner les personnes âgées ou en situation de handicap à leur domicile",
         "Aider au lever, au coucher et à la toilette",
         "Préparer les repas et aider à leur prise",
         "Entretenir le cadre de vie et le linge",
         "Proposer des activités et des sorties"),
        ("88.10A", "88", "Aide à domicile"), "5", (1801, 1950), "social-work-jobs",
        ("Sanitaire et social", "CAP, BEP et équivalents"), _soft(_LISTEN, _AUTO, _ENGAGE, _ADAPT), "aide_domicile",
        permit=True,
    ),
    Occupation(
        "K1303", "Garde d'enfant", 2,
        ("Garde d'enfants à domicile", "Baby-sitter", "Garde d'enfants périscolaire", "Nounou à domicile"),
        ("Garde d'enfant à domicile", "Baby-sitter", "Garde d'enfant"),
        ("Assurer la sécurité des enfants", "Accompagner les enfants à l'école", "Aider aux devoirs",
         "Préparer les goûters et les repas", "Proposer des activités ludiques"),
        ("Récupérer les enfants à la sortie de l'école",
         "Accompagner les devoirs et proposer des jeux",
         "Préparer le goûter et donner le bain"),
        ("88.91B", "88", "Accueil ou accompagnement sans hébergement d'enfants handicapés"), "5", (900, 1400),
        "domestic-help-cleaning-jobs", ("Petite enfance", "Aucun diplôme"), _soft(_ENGAGE, _LISTEN, _CREATIVE),
        "aide_domicile",
    ),
    Occupation(
        "K1304", "Employé familial / Employée familiale", 2,
        ("Aide ménagère", "Employé de ménage à domicile", "Employé familial", "Aide à domicile ménage"),
        ("Aide à domicile", "Employé / Employée de ménage", "Employé familial / Employée familiale"),
        ("Entretenir le logement", "Repasser le linge", "Utiliser des produits d'entretien", "Réaliser les courses", "Respecter la confidentialité"),
        ("Réaliser l'entretien courant du logement de nos clients",
         "Assurer le repassage et l'entretien du linge",
         "Respecter les habitudes et les consignes de chaque foyer"),
        ("81.21Z", "81", "Nettoyage courant des bâtiments"), "5", (1801, 1850), "domestic-help-cleaning-jobs",
        ("Services aux personnes", "Aucun diplôme"), _soft(_AUTO, _RIGOUR, _ENGAGE), "aide_domicile",
    ),
    Occupation(
        "K2204", "Agent / Agente de nettoyage industriel", 6,
        ("Agent de nettoyage", "Agent d'entretien", "Agent de propreté", "Agent de nettoyage industriel",
         "Chef d'équipe propreté", "Laveur de vitres"),
        ("Agent / Agente de nettoyage industriel", "Agent / Agente d'entretien de nettoyage industriel",
         "Chef / Cheffe d'équipe propreté", "Agent / Agente machiniste en propreté"),
        ("Nettoyer les locaux", "Utiliser une autolaveuse", "Doser les produits d'entretien", "Vider les corbeilles",
         "Appliquer les consignes de sécurité", "Trier les déchets", "Entretenir les sanitaires"),
        ("Assurer le nettoyage des bureaux, des sanitaires et des parties communes",
         "Utiliser les machines de nettoyage (autolaveuse, monobrosse)",
         "Vider les corbeilles et trier les déchets",
         "Respecter les protocoles et le cahier des charges du client"),
        ("81.21Z", "81", "Nettoyage courant des bâtiments"), "5", (1801, 1900), "domestic-help-cleaning-jobs",
        ("Propreté", "Aucun diplôme"), _soft(_AUTO, _RIGOUR, _ORG), "proprete",
    ),
    Occupation(
        "K2503", "Agent / Agente de prévention et de sécurité", 3,
        ("Agent de sécurité", "Agent de sécurité SSIAP 1", "Agent de prévention et de sécurité", "Agent cynophile",
         "Chef d'équipe sécurité incendie SSIAP 2"),
        ("Agent / Agente de sécurité", "Agent / Agente de sécurité SSIAP 1", "Agent / Agente de prévention et de sécurité",
         "Agent / Agente de surveillance"),
        ("Contrôler les accès", "Effectuer des rondes", "Surveiller les écrans de vidéoprotection", "Intervenir sur un départ de feu",
         "Rédiger une main courante", "Porter assistance aux personnes"),
        ("Contrôler les accès du site et accueillir les visiteurs",
         "Effectuer des rondes de surveillance et de prévention",
         "Surveiller les écrans du PC sécurité",
         "Intervenir en cas d'incident et rédiger les rapports"),
        ("80.10Z", "80", "Activités de sécurité privée"), "6", (1801, 2100), "other-general-jobs",
        ("Sécurité", "CQP Agent de prévention et de sécurité"), _soft(_REACT, _STRESS, _RIGOUR, _ENGAGE), "securite",
    ),
    Occupation(
        "K2111", "Formateur / Formatrice", 2,
        ("Formateur", "Formateur pour adultes", "Formateur en bureautique", "Formateur FLE", "Formateur sécurité SST"),
        ("Formateur / Formatrice", "Formateur / Formatrice d'adultes", "Formateur / Formatrice de formation professionnelle",
         "Formateur / Formatrice secourisme"),
        ("Concevoir un support pédagogique", "Animer une formation", "Évaluer les acquis des stagiaires",
         "Adapter une pédagogie au public", "Utiliser une plateforme e-learning"),
        ("Animer les sessions de formation en présentiel et à distance",
         "Concevoir et mettre à jour les supports pédagogiques",
         "Évaluer les acquis et suivre les stagiaires"),
        ("85.59A", "85", "Formation continue d'adultes"), "7", (2100, 2800), "teaching-jobs",
        ("Formation", "Bac+2 ou équivalents"), _soft(_LISTEN, _SENSE, _ADAPT, _CREATIVE), "formation", remote=True,
    ),
    Occupation(
        "K2110", "Enseignant / Enseignante de la conduite et de la sécurité routière", 1,
        ("Moniteur d'auto-école", "Enseignant de la conduite", "Moniteur poids lourds"),
        ("Moniteur / Monitrice d'auto-école", "Enseignant(e) de la conduite et de la sécurité routière",
         "Moniteur / Monitrice poids lourds"),
        ("Dispenser des leçons de conduite", "Préparer à l'examen du code de la route", "Évaluer le niveau d'un élève",
         "Présenter un élève à l'examen", "Utiliser un véhicule à double commande"),
        ("Dispenser les leçons de conduite pratiques",
         "Animer les séances de code",
         "Accompagner les élèves le jour de l'examen"),
        ("85.53Z", "85", "Enseignement de la conduite"), "6", (1900, 2400), "teaching-jobs",
        ("Enseignement de la conduite", "Titre professionnel ECSR"), _soft(_LISTEN, _STRESS, _PERSEV), "formation",
        permit=True,
    ),
    Occupation(
        "K1207", "Educateur spécialisé / Educatrice spécialisée", 2,
        ("Éducateur spécialisé", "Éducatrice spécialisée", "Moniteur-éducateur", "Éducateur en internat"),
        ("Educateur spécialisé / Educatrice spécialisée",),
        ("Accompagner un projet personnalisé", "Animer des activités éducatives", "Rédiger des écrits professionnels",
         "Travailler en lien avec les familles", "Gérer des situations de crise"),
        ("Accompagner au quotidien des jeunes accueillis en internat",
         "Élaborer et suivre les projets personnalisés",
         "Travailler en lien avec les familles et les partenaires",
         "Rédiger les écrits professionnels (bilans, rapports)"),
        ("87.90A", "87", "Hébergement social pour enfants en difficultés"), "7", (2000, 2600), "social-work-jobs",
        ("Travail social", "Diplôme d'État d'éducateur spécialisé"), _soft(_LISTEN, _STRESS, _TEAM, _PERSEV), "social",
    ),
    Occupation(
        "K1801", "Conseiller / Conseillère en insertion professionnelle", 1,
        ("Conseiller en insertion professionnelle", "Chargé d'accompagnement emploi", "Conseiller emploi formation"),
        ("Conseiller / Conseillère en insertion professionnelle", "Conseiller / Conseillère emploi formation",
         "Conseiller / Conseillère à l'emploi"),
        ("Conduire un entretien individuel", "Élaborer un parcours d'insertion", "Animer un atelier collectif",
         "Prospecter des entreprises", "Utiliser un logiciel de suivi de parcours"),
        ("Accompagner un portefeuille de demandeurs d'emploi",
         "Animer des ateliers de techniques de recherche d'emploi",
         "Développer un réseau d'entreprises partenaires"),
        ("88.99B", "88", "Action sociale sans hébergement n.c.a."), "7", (2000, 2500), "social-work-jobs",
        ("Insertion professionnelle", "Bac+2 ou équivalents"), _soft(_LISTEN, _ORG, _ADAPT), "social", remote=True,
    ),
    Occupation(
        "N4101", "Conducteur / Conductrice de poids lourd", 5,
        ("Chauffeur poids lourd", "Conducteur routier", "Chauffeur PL", "Chauffeur super lourd SPL", "Conducteur routier national"),
        ("Chauffeur / Chauffeuse de poids lourd", "Conducteur / Conductrice de poids lourd", "Conducteur routier / Conductrice routière",
         "Conducteur routier régional / Conductrice routière régionale"),
        ("Conduire un poids lourd", "Arrimer une cargaison", "Utiliser un chronotachygraphe", "Remplir une lettre de voiture",
         "Réaliser les contrôles du véhicule", "Manipuler un hayon élévateur", "Respecter la réglementation des transports"),
        ("Assurer le transport de marchandises en régional ou en national",
         "Charger, arrimer et décharger les marchandises",
         "Vérifier l'état du véhicule avant chaque départ",
         "Renseigner les documents de transport"),
        ("49.41A", "49", "Transports routiers de fret interurbains"), "4", (2100, 2700), "logistics-warehouse-jobs",
        ("Transport", "Permis C / CE + FIMO"), _soft(_AUTO, _RIGOUR, _ENGAGE), "transport", permit=True,
    ),
    Occupation(
        "N4105", "Conducteur-livreur / Conductrice-livreuse", 4,
        ("Chauffeur livreur", "Livreur", "Chauffeur livreur VL", "Livreur colis", "Chauffeur livreur permis B"),
        ("Chauffeur-livreur / Chauffeuse-livreuse", "Livreur / Livreuse", "Conducteur-livreur / Conductrice-livreuse",
         "Livreur / Livreuse de marchandises à domicile"),
        ("Conduire un véhicule utilitaire", "Charger et décharger des colis", "Optimiser une tournée", "Utiliser un terminal de livraison",
         "Encaisser un paiement"),
        ("Effectuer les tournées de livraison sur votre secteur",
         "Charger le véhicule en respectant l'ordre de tournée",
         "Remettre les colis et faire signer les bons de livraison"),
        ("53.20Z", "53", "Autres activités de poste et de courrier"), "3", (1801, 2000), "logistics-warehouse-jobs",
        ("Transport", "Aucun diplôme"), _soft(_AUTO, _ORG, _SERVICE), "transport", permit=True,
    ),
    Occupation(
        "N4103", "Conducteur / Conductrice de bus", 2,
        ("Conducteur de bus", "Conducteur receveur", "Conducteur de car scolaire", "Chauffeur de bus"),
        ("Conducteur / Conductrice de bus", "Conducteur / Conductrice d'autobus", "Chauffeur / Chauffeuse de bus"),
        ("Conduire un autobus", "Accueillir les voyageurs", "Vendre des titres de transport", "Réaliser les contrôles du véhicule", "Gérer un conflit avec un usager"),
        ("Assurer le transport de voyageurs sur les lignes urbaines",
         "Accueillir et renseigner les usagers",
         "Veiller à la sécurité des passagers"),
        ("49.31Z", "49", "Transports urbains et suburbains de voyageurs"), "6", (2000, 2500), "logistics-warehouse-jobs",
        ("Transport de voyageurs", "Permis D + FIMO voyageurs"), _soft(_SERVICE, _STRESS, _RIGOUR), "transport", permit=True,
    ),
    Occupation(
        "N1103", "Préparateur / Préparatrice de commandes", 6,
        ("Préparateur de commandes", "Préparateur de commandes CACES 1", "Agent logistique", "Opérateur logistique",
         "Préparateur de commandes en entrepôt frais"),
        ("Préparateur / Préparatrice de commandes", "Préparateur / Préparatrice logistique en entrepôt"),
        ("Préparer des commandes", "Utiliser un scanner", "Conduire un transpalette électrique", "Filmer une palette",
         "Contrôler la conformité d'une commande", "Respecter les règles de sécurité en entrepôt"),
        ("Préparer les commandes à l'aide d'un terminal de commande vocale",
         "Contrôler et filmer les palettes",
         "Charger les camions selon le plan de chargement",
         "Participer aux inventaires"),
        ("52.10B", "52", "Entreposage et stockage non frigorifique"), "2", (1801, 1950), "logistics-warehouse-jobs",
        ("Logistique", "Aucun diplôme"), _soft(_REACT, _TEAM, _RIGOUR), "logistique",
    ),
    Occupation(
        "N1101", "Cariste", 4,
        ("Cariste", "Cariste CACES 3", "Cariste CACES 5", "Cariste magasinier", "Cariste d'entrepôt"),
        ("Cariste", "Cariste d'entrepôt", "Cariste manutentionnaire", "Cariste réceptionnaire"),
        ("Conduire un chariot élévateur", "Charger et décharger les camions", "Stocker des palettes en hauteur",
         "Utiliser un logiciel de gestion d'entrepôt", "Réaliser un inventaire", "CACES R489 catégorie 3"),
        ("Charger et décharger les camions au chariot élévateur",
         "Approvisionner les lignes et les zones de stockage",
         "Mettre en stock et déstocker les palettes en hauteur",
         "Saisir les mouvements dans le logiciel de gestion d'entrepôt"),
        ("52.10B", "52", "Entreposage et stockage non frigorifique"), "3", (1801, 2100), "logistics-warehouse-jobs",
        ("Logistique", "CACES R489"), _soft(_RIGOUR, _REACT, _ENGAGE), "logistique",
    ),
    Occupation(
        "N1105", "Manutentionnaire", 3,
        ("Manutentionnaire", "Agent de quai", "Manutentionnaire polyvalent", "Déménageur"),
        ("Manutentionnaire", "Chargeur / Chargeuse manutentionnaire", "Manœuvre manutentionnaire"),
        ("Charger et décharger des marchandises", "Trier des colis", "Porter des charges", "Utiliser un transpalette manuel", "Appliquer les gestes et postures"),
        ("Décharger les camions et trier les colis",
         "Ranger les marchandises dans les zones de stockage",
         "Participer au chargement des expéditions"),
        ("52.24B", "52", "Manutention non portuaire"), "1", (1801, 1850), "logistics-warehouse-jobs",
        ("Logistique", "Aucun diplôme"), _soft(_TEAM, _REACT, _PERSEV), "logistique",
    ),
    Occupation(
        "F1703", "Maçon / Maçonne", 4,
        ("Maçon", "Maçon qualifié", "Maçon VRD", "Chef d'équipe maçon", "Aide-maçon", "Maçon coffreur"),
        ("Maçon / Maçonne", "Chapiste", "Cimentier / Cimentière"),
        ("Monter des murs en parpaings", "Couler une dalle", "Lire un plan", "Réaliser des enduits", "Poser des éléments préfabriqués",
         "Réaliser un coffrage", "Respecter les règles de sécurité sur chantier"),
        ("Réaliser les fondations et les dalles",
         "Monter les murs en parpaings, briques ou pierres",
         "Réaliser les enduits et les finitions",
         "Participer à la rénovation de bâtiments anciens"),
        ("43.99C", "43", "Travaux de maçonnerie générale et gros œuvre de bâtiment"), "4", (2000, 2700),
        "trade-construction-jobs", ("Maçonnerie", "CAP, BEP et équivalents"), _soft(_TEAM, _RIGOUR, _PERSEV), "btp",
        permit=True,
    ),
    Occupation(
        "F1701", "Coffreur / Coffreuse", 1,
        ("Coffreur bancheur", "Coffreur", "Coffreur béton armé"),
        ("Coffreur / Coffreuse", "Coffreur bancheur / Coffreuse bancheuse", "Coffreur / Coffreuse béton armé"),
        ("Réaliser un coffrage", "Couler du béton", "Poser des armatures", "Lire un plan", "Utiliser des banches"),
        ("Mettre en place les banches et les coffrages",
         "Positionner les armatures et couler le béton",
         "Décoffrer et nettoyer le matériel"),
        ("42.99Z", "42", "Construction d'autres ouvrages de génie civil n.c.a."), "4", (2000, 2600),
        "trade-construction-jobs", ("Gros œuvre", "CAP, BEP et équivalents"), _soft(_TEAM, _RIGOUR), "btp",
    ),
    Occupation(
        "F1603", "Plombier / Plombière sanitaire", 3,
        ("Plombier", "Plombier chauffagiste", "Plombier sanitaire", "Technicien de maintenance plomberie", "Aide plombier"),
        ("Plombier / Plombière", "Plombier / Plombière sanitaire", "Installateur / Installatrice en sanitaire",
         "Aide plombier / Aide plombière"),
        ("Poser des équipements sanitaires", "Raccorder des réseaux d'eau", "Souder au chalumeau", "Lire un plan",
         "Diagnostiquer une fuite", "Installer une chaudière", "Façonner des tubes cuivre et PER"),
        ("Installer les réseaux d'eau et les équipements sanitaires en neuf et en rénovation",
         "Réaliser les dépannages chez les particuliers",
         "Poser et raccorder les chaudières et les chauffe-eau",
         "Conseiller les clients sur les solutions adaptées"),
        ("43.22A", "43", "Travaux d'installation d'eau et de gaz en tous locaux"), "4", (2100, 2800),
        "trade-construction-jobs", ("Plomberie", "CAP, BEP et équivalents"), _soft(_AUTO, _RIGOUR, _SERVICE), "btp",
        permit=True,
    ),
    Occupation(
        "F1602", "Electricien / Electricienne du bâtiment", 4,
        ("Électricien", "Électricien du bâtiment", "Électricien tertiaire", "Électricien de chantier", "Chef de chantier électricité"),
        ("Electricien / Electricienne du bâtiment", "Electricien / Electricienne tertiaire",
         "Electricien / Electricienne de chantier", "Monteur électricien / Monteuse électricienne"),
        ("Lire un schéma électrique", "Tirer des câbles", "Raccorder un tableau électrique", "Poser des chemins de câbles",
         "Réaliser une mise en service", "Respecter la norme NF C 15-100", "Habilitation électrique B1V BR"),
        ("Réaliser les installations électriques en logements et en bâtiments tertiaires",
         "Poser les chemins de câbles et tirer les câbles",
         "Raccorder les tableaux et les équipements",
         "Effectuer les essais et la mise en service"),
        ("43.21A", "43", "Travaux d'installation électrique dans tous locaux"), "4", (2100, 2800),
        "trade-construction-jobs", ("Électricité", "CAP, BEP et équivalents"), _soft(_RIGOUR, _AUTO, _TEAM), "btp",
        permit=True,
    ),
    Occupation(
        "F1606", "Peintre en bâtiment", 3,
        ("Peintre en bâtiment", "Peintre", "Peintre finisseur", "Peintre décorateur", "Peintre plaquiste"),
        ("Peintre en bâtiment", "Peintre finisseur / Peintre finisseuse", "Peintre décorateur / Peintre décoratrice",
         "Peintre d'intérieur"),
        ("Préparer un support", "Appliquer une peinture", "Poser du papier peint", "Réaliser un enduit", "Poser un revêtement de sol",
         "Protéger le chantier"),
        ("Préparer les supports (lessivage, ponçage, rebouchage)",
         "Appliquer les peintures et les revêtements muraux",
         "Réaliser les finitions soignées",
         "Laisser le chantier propre"),
        ("43.34Z", "43", "Travaux de peinture et vitrerie"), "4", (1900, 2500), "trade-construction-jobs",
        ("Peinture", "CAP, BEP et équivalents"), _soft(_RIGOUR, _AUTO, _CREATIVE), "btp",
    ),
    Occupation(
        "F1502", "Monteur / Monteuse en structures métalliques", 1,
        ("Monteur en charpente métallique", "Monteur bardeur", "Monteur levageur"),
        ("Monteur / Monteuse en charpente métallique", "Monteur bardeur / Monteuse bardeuse",
         "Monteur-levageur / Monteuse-levageuse"),
        ("Assembler des structures métalliques", "Lire un plan", "Travailler en hauteur", "Utiliser une nacelle", "Boulonner"),
        ("Monter les charpentes et les bardages métalliques",
         "Travailler en hauteur avec les équipements de sécurité",
         "Lire les plans de montage"),
        ("43.99B", "43", "Travaux de montage de structures métalliques"), "4", (2000, 2600), "trade-construction-jobs",
        ("Métallerie", "CAP, BEP et équivalents"), _soft(_TEAM, _RIGOUR), "btp",
    ),
    Occupation(
        "F1106", "Ingénieur / Ingénieure d'études de prix BTP", 1,
        ("Ingénieur études de prix", "Ingénieur travaux", "Ingénieur bâtiment", "Chargé d'études de prix"),
        ("Ingénieur / Ingénieure d'études BTP", "Ingénieur / Ingénieure bâtiment", "Ingénieur / Ingénieure d'études de prix BTP"),
        ("Chiffrer un projet", "Réaliser un métré", "Analyser un dossier de consultation", "Consulter des sous-traitants",
         "Utiliser un logiciel de chiffrage", "Lire un plan"),
        ("Analyser les dossiers de consultation des entreprises",
         "Chiffrer les projets et rédiger les offres",
         "Consulter les fournisseurs et les sous-traitants"),
        ("41.20A", "41", "Construction de maisons individuelles"), "9", (3300, 4600), "engineering-jobs",
        ("Génie civil", "Bac+5 et plus ou équivalents"), _soft(_RIGOUR, _ORG, _INIT), "btp", remote=True,
    ),
    Occupation(
        "A1203", "Agent / Agente d'entretien des espaces verts", 3,
        ("Jardinier paysagiste", "Ouvrier paysagiste", "Agent d'entretien des espaces verts", "Chef d'équipe paysagiste",
         "Jardinier"),
        ("Ouvrier / Ouvrière paysagiste", "Agent / Agente d'entretien des parcs et jardins", "Aide jardinier / Aide jardinière",
         "Ouvrier / Ouvrière des espaces verts"),
        ("Tondre une pelouse", "Tailler des haies", "Planter des végétaux", "Utiliser un débroussailleur", "Poser un arrosage automatique",
         "Réaliser des travaux de maçonnerie paysagère"),
        ("Entretenir les espaces verts de nos clients particuliers et professionnels",
         "Tondre, tailler et désherber",
         "Réaliser les plantations et les créations de massifs",
         "Entretenir le matériel"),
        ("81.30Z", "81", "Services d'aménagement paysager"), "3", (1801, 2100), "trade-construction-jobs",
        ("Aménagement paysager", "CAP, BEP et équivalents"), _soft(_AUTO, _TEAM, _CREATIVE), "agri",
        seasonal=True, permit=True,
    ),
    Occupation(
        "A1401", "Cueilleur / Cueilleuse de fruits", 2,
        ("Cueilleur de fruits", "Vendangeur", "Saisonnier agricole", "Ouvrier agricole cueillette"),
        ("Cueilleur / Cueilleuse de fruits", "Vendangeur / Vendangeuse", "Cueilleur / Cueilleuse de pommes"),
        ("Cueillir des fruits", "Trier des fruits", "Conditionner des fruits", "Utiliser un sécateur", "Porter une hotte de vendange"),
        ("Récolter les fruits selon les consignes de maturité",
         "Trier et conditionner la récolte",
         "Participer aux vendanges"),
        ("01.21Z", "01", "Culture de la vigne"), "1", (1801, 1801), "other-general-jobs",
        ("Agriculture", "Aucun diplôme"), _soft(_TEAM, _PERSEV), "agri", seasonal=True,
    ),
    Occupation(
        "A1414", "Horticulteur / Horticultrice", 1,
        ("Ouvrier horticole", "Horticulteur", "Chef de culture horticole"),
        ("Horticulteur / Horticultrice", "Ouvrier / Ouvrière horticole", "Chef de culture horticole"),
        ("Réaliser des semis", "Rempoter des plants", "Arroser les cultures", "Préparer des commandes de végétaux", "Traiter les cultures"),
        ("Réaliser les semis, les bouturages et les rempotages",
         "Assurer le suivi des cultures sous serre",
         "Préparer les commandes des clients"),
        ("01.19Z", "01", "Autres cultures non permanentes"), "3", (1801, 2000), "other-general-jobs",
        ("Horticulture", "CAP, BEP et équivalents"), _soft(_RIGOUR, _AUTO), "agri", seasonal=True,
    ),
    Occupation(
        "I1304", "Technicien / Technicienne de maintenance industrielle", 4,
        ("Technicien de maintenance", "Technicien de maintenance industrielle", "Électromécanicien", "Automaticien de maintenance",
         "Technicien de maintenance en équipe 3x8"),
        ("Technicien / Technicienne de maintenance industrielle", "Agent / Agente de maintenance industrielle",
         "Electromécanicien(ne) de maintenance industrielle"),
        ("Diagnostiquer une panne", "Réaliser une maintenance préventive", "Lire un schéma électrique", "Programmer un automate",
         "Remplacer une pièce mécanique", "Utiliser une GMAO", "Habilitation électrique BR", "Analyser un dysfonctionnement"),
        ("Réaliser la maintenance préventive et curative des lignes de production",
         "Diagnostiquer les pannes électriques, mécaniques et pneumatiques",
         "Proposer des améliorations pour fiabiliser les équipements",
         "Renseigner les interventions dans la GMAO"),
        ("28.99B", "28", "Fabrication d'autres machines spécialisées"), "7", (2200, 3000), "maintenance-jobs",
        ("Maintenance industrielle", "Bac+2 ou équivalents"), _soft(_REACT, _RIGOUR, _INIT, _AUTO), "industrie",
    ),
    Occupation(
        "I1310", "Mécanicien / Mécanicienne de maintenance industrielle", 1,
        ("Mécanicien de maintenance", "Mécanicien industriel", "Mécanicien d'entretien"),
        ("Mécanicien / Mécanicienne de maintenance industrielle", "Mécanicien / Mécanicienne d'entretien industriel"),
        ("Démonter et remonter un ensemble mécanique", "Régler une machine", "Réaliser un graissage", "Lire un plan mécanique", "Diagnostiquer une panne"),
        ("Intervenir sur les pannes mécaniques des machines",
         "Réaliser les opérations de maintenance préventive",
         "Remplacer les pièces d'usure"),
        ("25.62B", "25", "Mécanique industrielle"), "4", (2000, 2700), "maintenance-jobs",
        ("Mécanique", "Bac ou équivalent"), _soft(_RIGOUR, _REACT), "industrie",
    ),
    Occupation(
        "I1604", "Mécanicien / Mécanicienne automobile", 3,
        ("Mécanicien automobile", "Mécanicien auto", "Technicien automobile", "Mécanicien polyvalent", "Mécanicien poids lourds"),
        ("Mécanicien / Mécanicienne automobile", "Technicien / Technicienne en maintenance automobile",
         "Mécanicien / Mécanicienne de maintenance automobile", "Garagiste"),
        ("Diagnostiquer une panne", "Réaliser une vidange", "Remplacer les freins", "Utiliser une valise de diagnostic",
         "Réaliser la distribution", "Monter des pneumatiques", "Entretenir la climatisation"),
        ("Réaliser l'entretien et les réparations des véhicules",
         "Diagnostiquer les pannes à l'aide des outils électroniques",
         "Remplacer les pièces d'usure et les organes mécaniques",
         "Conseiller les clients sur les interventions"),
        ("45.20A", "45", "Entretien et réparation de véhicules automobiles légers"), "4", (1900, 2600),
        "maintenance-jobs", ("Maintenance automobile", "CAP, BEP et équivalents"), _soft(_RIGOUR, _AUTO, _SERVICE), "garage",
    ),
    Occupation(
        "I1203", "Agent / Agente d'entretien du bâtiment", 2,
        ("Agent d'entretien du bâtiment", "Agent de maintenance des bâtiments", "Homme toutes mains", "Technicien polyvalent du bâtiment"),
        ("Agent / Agente d'entretien du bâtiment", "Agent / Agente de maintenance des bâtiments",
         "Technicien polyvalent / Technicienne polyvalente du bâtiment"),
        ("Réaliser des petits travaux de plomberie", "Réaliser des petits travaux d'électricité", "Réaliser des travaux de peinture",
         "Entretenir les espaces extérieurs", "Contrôler les installations"),
        ("Assurer l'entretien courant et les petites réparations des bâtiments",
         "Intervenir en plomberie, électricité, peinture et serrurerie",
         "Suivre les interventions des prestataires"),
        ("68.32A", "68", "Administration d'immeubles et autres biens immobiliers"), "6", (1801, 2200), "maintenance-jobs",
        ("Bâtiment", "CAP, BEP et équivalents"), _soft(_AUTO, _REACT, _SERVICE), "public", permit=True,
    ),
    Occupation(
        "H2913", "Soudeur / Soudeuse", 2,
        ("Soudeur", "Soudeur TIG", "Soudeur MIG MAG", "Soudeur tuyauteur", "Soudeur à l'arc"),
        ("Soudeur / Soudeuse", "Soudeur / Soudeuse à l'arc semi-automatique", "Soudeur / Soudeuse à l'arc électrique"),
        ("Souder en TIG", "Souder en MIG MAG", "Lire un plan de fabrication", "Préparer les pièces à souder", "Contrôler une soudure",
         "Meuler et ébavurer"),
        ("Réaliser les soudures sur acier, inox et aluminium",
         "Lire les plans et préparer les pièces",
         "Contrôler la qualité des soudures"),
        ("25.11Z", "25", "Fabrication de structures métalliques et de parties de structures"), "4", (2000, 2700),
        "manufacturing-jobs", ("Soudage", "CAP, BEP et équivalents"), _soft(_RIGOUR, _AUTO, _PERSEV), "industrie",
    ),
    Occupation(
        "H2909", "Assembleur monteur / Assembleuse monteuse", 2,
        ("Opérateur de montage", "Monteur assembleur", "Agent de montage", "Opérateur de production"),
        ("Assembleur monteur / Assembleuse monteuse", "Agent / Agente de montage mécanique", "Monteur / Monteuse de pièces"),
        ("Assembler des pièces", "Lire un plan de montage", "Utiliser une visseuse", "Contrôler la conformité d'un produit", "Respecter une cadence"),
        ("Assembler les sous-ensembles selon les gammes de montage",
         "Contrôler la conformité des produits",
         "Renseigner les documents de production"),
        ("28.29B", "28", "Fabrication d'autres machines d'usage général"), "2", (1801, 2100), "manufacturing-jobs",
        ("Mécanique", "CAP, BEP et équivalents"), _soft(_RIGOUR, _TEAM), "industrie",
    ),
    Occupation(
        "H3302", "Agent / Agente de conditionnement", 3,
        ("Agent de conditionnement", "Opérateur de conditionnement", "Agent de production agroalimentaire", "Emballeur"),
        ("Agent / Agente de conditionnement", "Opérateur / Opératrice de conditionnement manuel",
         "Agent(e) de fabrication polyvalent(e) en industrie"),
        ("Conditionner des produits", "Étiqueter des produits", "Contrôler la qualité des produits", "Alimenter une ligne",
         "Respecter les règles d'hygiène"),
        ("Conditionner et emballer les produits en sortie de ligne",
         "Contrôler visuellement la qualité",
         "Préparer les palettes"),
        ("10.13A", "10", "Préparation industrielle de produits à base de viande"), "2", (1801, 1900), "manufacturing-jobs",
        ("Agroalimentaire", "Aucun diplôme"), _soft(_TEAM, _RIGOUR, _REACT), "industrie",
    ),
    Occupation(
        "H2102", "Conducteur / Conductrice de ligne en industrie alimentaire", 2,
        ("Conducteur de ligne", "Conducteur de ligne agroalimentaire", "Pilote de ligne de production"),
        ("Conducteur / Conductrice de ligne de production alimentaire", "Conducteur(trice) de machines en industrie alimentaire"),
        ("Régler une machine", "Conduire une ligne de production", "Réaliser un changement de format", "Contrôler la qualité",
         "Appliquer les règles d'hygiène HACCP"),
        ("Conduire la ligne de production et en assurer le bon fonctionnement",
         "Réaliser les changements de format et les réglages",
         "Effectuer les contrôles qualité en cours de production"),
        ("10.71A", "10", "Fabrication industrielle de pain et de pâtisserie fraîche"), "3", (1900, 2300),
        "manufacturing-jobs", ("Agroalimentaire", "Bac ou équivalent"), _soft(_RIGOUR, _REACT, _TEAM), "industrie",
    ),
    Occupation(
        "H1206", "Ingénieur / Ingénieure R&D en industrie", 1,
        ("Ingénieur R&D", "Ingénieur mécanique", "Chef de projet R&D", "Ingénieur d'études"),
        ("Chef / Cheffe de projet études industrielles", "Ingénieur / Ingénieure R&D en industrie"),
        ("Concevoir un produit", "Piloter un projet", "Rédiger un cahier des charges", "Utiliser un logiciel de CAO",
         "Réaliser des essais", "Analyser des résultats de tests"),
        ("Concevoir et développer de nouveaux produits",
         "Piloter les essais et analyser les résultats",
         "Rédiger les spécifications techniques"),
        ("71.12B", "71", "Ingénierie, études techniques"), "9", (3500, 5000), "engineering-jobs",
        ("Ingénierie", "Bac+5 et plus ou équivalents"), _soft(_CREATIVE, _CURIOUS, _RIGOUR), "industrie", remote=True,
    ),
    Occupation(
        "M1805", "Développeur / Développeuse informatique", 5,
        ("Développeur web", "Développeur full stack", "Développeur back-end", "Développeur front-end", "Dev Python",
         "Développeur Java", "Ingénieur logiciel", "Développeur PHP Symfony", "Développeur mobile"),
        ("Développeur / Développeuse informatique", "Analyste développeur / Analyste développeuse",
         "Programmeur / Programmeuse informatique", "Informaticien / Informaticienne de développement"),
        ("Python", "Django", "JavaScript", "TypeScript", "React", "Java", "Spring Boot", "PHP", "Symfony", "SQL", "PostgreSQL",
         "Git", "Docker", "API REST", "Tests unitaires"),
        ("Concevoir et développer de nouvelles fonctionnalités",
         "Écrire des tests automatisés et participer aux revues de code",
         "Maintenir et faire évoluer les applications existantes",
         "Participer aux choix d'architecture avec l'équipe",
         "Rédiger la documentation technique"),
        ("62.01Z", "62", "Programmation informatique"), "9", (3000, 4600), "it-jobs",
        ("Informatique", "Bac+5 et plus ou équivalents"), _soft(_CURIOUS, _TEAM, _AUTO, _RIGOUR, _INIT), "it", remote=True,
    ),
    Occupation(
        "M1811", "Data engineer", 2,
        ("Data engineer", "Ingénieur data", "Data analyst", "Ingénieur big data", "Data scientist"),
        ("Data engineer", "Data manager", "Big data engineer", "Ingénieur / Ingénieure big data"),
        ("Python", "SQL", "Spark", "Airflow", "dbt", "Modélisation de données", "Power BI", "AWS", "Kafka", "Data visualisation"),
        ("Concevoir et maintenir les pipelines de données",
         "Modéliser les données et garantir leur qualité",
         "Industrialiser les traitements et les modèles",
         "Produire des tableaux de bord pour les métiers"),
        ("62.02A", "62", "Conseil en systèmes et logiciels informatiques"), "9", (3300, 5000), "it-jobs",
        ("Informatique", "Bac+5 et plus ou équivalents"), _soft(_CURIOUS, _RIGOUR, _AUTO), "it", remote=True,
    ),
    Occupation(
        "M1801", "Administrateur / Administratrice de systèmes d'information (SI)", 2,
        ("Administrateur systèmes et réseaux", "Administrateur système Linux", "Ingénieur systèmes", "Administrateur réseau"),
        ("Administrateur / Administratrice systèmes et réseaux", "Administrateur / Administratrice système informatique",
         "Administrateur / Administratrice d'infrastructure"),
        ("Linux", "Windows Server", "Active Directory", "VMware", "Réseaux TCP/IP", "Sauvegarde", "Supervision", "Ansible",
         "Sécurité informatique"),
        ("Administrer les serveurs et l'infrastructure réseau",
         "Assurer la sécurité et les sauvegardes",
         "Automatiser les déploiements",
         "Assurer le support de niveau 3"),
        ("62.03Z", "62", "Gestion d'installations informatiques"), "7", (2700, 3800), "it-jobs",
        ("Informatique", "Bac+2 ou équivalents"), _soft(_RIGOUR, _REACT, _AUTO), "it", remote=True,
    ),
    Occupation(
        "M1810", "Technicien / Technicienne d'exploitation informatique", 2,
        ("Technicien support informatique", "Technicien helpdesk", "Technicien informatique de proximité", "Technicien d'exploitation"),
        ("Technicien / Technicienne d'exploitation informatique", "Gestionnaire du parc informatique",
         "Agent / Agente d'exploitation informatique"),
        ("Installer un poste de travail", "Diagnostiquer un incident informatique", "Utiliser un outil de ticketing",
         "Gérer un parc informatique", "Windows", "Office 365"),
        ("Assurer le support utilisateurs de niveau 1 et 2",
         "Installer et configurer les postes de travail",
         "Gérer le parc informatique et les stocks de matériel"),
        ("62.02A", "62", "Conseil en systèmes et logiciels informatiques"), "7", (2000, 2600), "it-jobs",
        ("Informatique", "Bac+2 ou équivalents"), _soft(_SERVICE, _REACT, _LISTEN), "it",
    ),
    Occupation(
        "M1806", "Consultant fonctionnel / Consultante fonctionnelle des systèmes d'information", 1,
        ("Consultant fonctionnel", "Consultant ERP", "Consultant SIRH", "Chef de projet fonctionnel"),
        ("Consultant(e) fonctionnel(le) des systèmes d'information", "Consultant / Consultante ERP - Enterprise Resource Planning",
         "Consultant / Consultante SIRH ressources humaines"),
        ("Recueillir les besoins métiers", "Rédiger des spécifications fonctionnelles", "Paramétrer un ERP", "Animer des ateliers",
         "Conduire le changement", "SAP"),
        ("Recueillir et analyser les besoins des utilisateurs",
         "Paramétrer la solution et rédiger les spécifications",
         "Former les utilisateurs et accompagner le déploiement"),
        ("62.02A", "62", "Conseil en systèmes et logiciels informatiques"), "9", (3200, 4500), "it-jobs",
        ("Systèmes d'information", "Bac+5 et plus ou équivalents"), _soft(_LISTEN, _ORG, _ADAPT), "it", remote=True,
    ),
    Occupation(
        "M1607", "Secrétaire", 3,
        ("Secrétaire", "Assistant administratif", "Secrétaire médicale", "Secrétaire polyvalente", "Assistante administrative"),
        ("Secrétaire", "Assistant administratif / Assistante administrative", "Secrétaire polyvalent / Secrétaire polyvalente"),
        ("Accueillir la clientèle", "Gérer un agenda", "Rédiger un courrier", "Classer des documents", "Utiliser les logiciels de bureautique",
         "Réaliser la saisie de données", "Traiter le courrier"),
        ("Accueillir les visiteurs et gérer le standard téléphonique",
         "Rédiger et mettre en forme les courriers",
         "Gérer les agendas et organiser les réunions",
         "Classer et archiver les documents"),
        ("82.11Z", "82", "Services administratifs combinés de bureau"), "6", (1801, 2200), "admin-jobs",
        ("Secrétariat", "Bac ou équivalent"), _soft(_ORG, _RIGOUR, _LISTEN), "tertiaire", remote=True,
    ),
    Occupation(
        "M1203", "Comptable", 3,
        ("Comptable", "Comptable général", "Assistant comptable", "Comptable fournisseurs", "Collaborateur comptable"),
        ("Comptable", "Comptable général / Comptable générale", "Comptable fournisseurs"),
        ("Saisir des écritures comptables", "Réaliser des rapprochements bancaires", "Préparer les déclarations de TVA",
         "Établir un bilan", "Utiliser un logiciel comptable", "Excel", "Sage"),
        ("Saisir et contrôler les écritures comptables",
         "Réaliser les rapprochements bancaires et le lettrage",
         "Préparer les déclarations fiscales",
         "Participer aux clôtures mensuelles et annuelles"),
        ("69.20Z", "69", "Activités comptables"), "6", (2100, 2900), "accounting-finance-jobs",
        ("Comptabilité", "Bac+2 ou équivalents"), _soft(_RIGOUR, _ORG, _AUTO), "tertiaire", remote=True,
    ),
    Occupation(
        "M1204", "Contrôleur / Contrôleuse de gestion", 1,
        ("Contrôleur de gestion", "Contrôleur de gestion industriel", "Analyste financier"),
        ("Contrôleur / Contrôleuse de gestion", "Contrôleur / Contrôleuse budgétaire", "Contrôleur / Contrôleuse de gestion d'usine"),
        ("Élaborer un budget", "Analyser des écarts", "Construire un tableau de bord", "Excel", "Power BI",
         "Réaliser des prévisions financières"),
        ("Élaborer les budgets et suivre les réalisations",
         "Analyser les écarts et proposer des actions correctives",
         "Construire les tableaux de bord de la direction"),
        ("70.22Z", "70", "Conseil pour les affaires et autres conseils de gestion"), "9", (3200, 4500),
        "accounting-finance-jobs", ("Gestion", "Bac+5 et plus ou équivalents"), _soft(_RIGOUR, _CURIOUS, _ORG), "tertiaire",
        remote=True,
    ),
    Occupation(
        "M1501", "Assistant / Assistante Ressources Humaines (RH)", 2,
        ("Assistant RH", "Assistant ressources humaines", "Gestionnaire paie", "Chargé de recrutement"),
        ("Assistant / Assistante ressources humaines", "Assistant / Assistante de gestion du personnel",
         "Assistant(e) de gestion administrative du personnel"),
        ("Rédiger un contrat de travail", "Préparer les éléments de paie", "Suivre les absences", "Organiser un entretien d'embauche",
         "Gérer les formations", "Connaître le droit du travail"),
        ("Gérer l'administration du personnel (contrats, absences, mutuelle)",
         "Préparer les éléments variables de paie",
         "Participer au recrutement et à l'intégration des nouveaux salariés"),
        ("78.30Z", "78", "Autre mise à disposition de ressources humaines"), "6", (2100, 2700), "hr-jobs",
        ("Ressources humaines", "Bac+2 ou équivalents"), _soft(_LISTEN, _RIGOUR, _ORG), "tertiaire", remote=True,
    ),
    Occupation(
        "M1705", "Responsable marketing", 1,
        ("Chargé de marketing", "Responsable marketing", "Chef de projet marketing digital", "Assistant marketing"),
        ("Responsable marketing", "Chargé / Chargée de projet marketing", "Assistant / Assistante marketing"),
        ("Élaborer un plan marketing", "Analyser un marché", "Piloter une campagne", "Réseaux sociaux", "Google Analytics",
         "Rédiger un brief"),
        ("Définir et déployer le plan marketing",
         "Piloter les campagnes digitales et analyser leurs résultats",
         "Animer les réseaux sociaux de la marque"),
        ("73.11Z", "73", "Activités des agences de publicité"), "9", (2800, 4200), "pr-advertising-marketing-jobs",
        ("Marketing", "Bac+5 et plus ou équivalents"), _soft(_CREATIVE, _CURIOUS, _INIT), "tertiaire", remote=True,
    ),
    Occupation(
        "E1103", "Chargé / Chargée des relations publiques", 1,
        ("Chargé de communication", "Attaché de presse", "Assistant de communication"),
        ("Assistant / Assistante de communication", "Attaché / Attachée de presse", "Conseiller / Conseillère en communication"),
        ("Rédiger un communiqué de presse", "Animer les réseaux sociaux", "Organiser un événement", "Créer des supports de communication", "Canva"),
        ("Concevoir les supports de communication interne et externe",
         "Gérer les relations avec la presse",
         "Organiser les événements"),
        ("70.21Z", "70", "Conseil en relations publiques et communication"), "7", (2300, 3200),
        "pr-advertising-marketing-jobs", ("Communication", "Bac+3 ou équivalents"), _soft(_CREATIVE, _LISTEN, _ORG),
        "tertiaire", remote=True,
    ),
    Occupation(
        "D1402", "Commercial / Commerciale grands comptes et entreprises", 3,
        ("Commercial BtoB", "Attaché commercial", "Technico-commercial", "Business developer", "Chargé d'affaires"),
        ("Attaché(e) commercial(e) en biens consommation entreprises", "Commercial(e) biens de consommation auprès des entreprises",
         "Attaché(e) commercial(e) en transport-logistique"),
        ("Prospecter de nouveaux clients", "Négocier un contrat", "Réaliser une présentation commerciale", "Utiliser un CRM",
         "Suivre un portefeuille clients", "Élaborer une proposition commerciale"),
        ("Développer un portefeuille de clients professionnels sur votre secteur",
         "Prospecter et négocier les contrats",
         "Assurer le suivi et la fidélisation des clients",
         "Réaliser le reporting de votre activité dans le CRM"),
        ("46.69B", "46", "Commerce de gros (commerce interentreprises) de fournitures et équipements industriels divers"),
        "7", (2500, 3800), "sales-jobs", ("Commerce", "Bac+2 ou équivalents"), _soft(_PERSEV, _AUTO, _LISTEN, _INIT),
        "tertiaire", remote=True, permit=True,
    ),
    Occupation(
        "D1403", "Conseiller commercial / Conseillère commerciale auprès des particuliers", 3,
        ("Conseiller commercial", "Commercial terrain", "Conseiller de vente à domicile", "Commercial sédentaire"),
        ("Conseiller(ère) commercial(e) auprès des particuliers", "Commercial / Commerciale auprès des particuliers",
         "Attaché(e) commercial(e) auprès des particuliers"),
        ("Prospecter de nouveaux clients", "Réaliser une vente", "Présenter les caractéristiques d'un produit",
         "Conseiller un client", "Atteindre des objectifs de vente"),
        ("Présenter nos solutions aux particuliers sur rendez-vous",
         "Conseiller les clients et conclure les ventes",
         "Suivre les dossiers jusqu'à l'installation"),
        ("43.29A", "43", "Travaux d'isolation"), "6", (2000, 3500), "sales-jobs",
        ("Commerce", "Bac ou équivalent"), _soft(_PERSEV, _LISTEN, _INIT), "commerce", permit=True,
    ),
    Occupation(
        "D1401", "Assistant commercial / Assistante commerciale", 2,
        ("Assistant commercial", "Assistante commerciale", "Assistant ADV", "Gestionnaire administration des ventes"),
        ("Assistant commercial / Assistante commerciale", "Assistant(e) administratif(ve) et commercial(e)",
         "Assistant commercial / Assistante commerciale sédentaire"),
        ("Saisir les commandes", "Établir un devis", "Suivre la facturation", "Relancer les clients", "Utiliser un ERP"),
        ("Saisir et suivre les commandes clients",
         "Établir les devis et les factures",
         "Assurer l'interface entre les clients, les commerciaux et la logistique"),
        ("46.90Z", "46", "Commerce de gros (commerce interentreprises) non spécialisé"), "6", (1900, 2400), "admin-jobs",
        ("Commerce", "Bac+2 ou équivalents"), _soft(_ORG, _RIGOUR, _SERVICE), "tertiaire", remote=True,
    ),
    Occupation(
        "D1406", "Directeur / Directrice des ventes", 1,
        ("Directeur commercial", "Directeur régional des ventes", "Responsable des ventes"),
        ("Directeur / Directrice des ventes", "Directeur régional / Directrice régionale des ventes"),
        ("Définir une stratégie commerciale", "Manager une équipe commerciale", "Analyser des indicateurs de vente",
         "Négocier avec des grands comptes", "Utiliser un CRM"),
        ("Définir et déployer la stratégie commerciale de la région",
         "Manager et faire progresser l'équipe de commerciaux",
         "Négocier avec les comptes stratégiques"),
        ("46.69B", "46", "Commerce de gros (commerce interentreprises) de fournitures et équipements industriels divers"),
        "9", (4500, 6500), "sales-jobs", ("Commerce", "Bac+5 et plus ou équivalents"), _soft(_LEAD, _SENSE, _PERSEV),
        "tertiaire", permit=True,
    ),
    Occupation(
        "C1102", "Conseiller / Conseillère en assurances", 2,
        ("Conseiller en assurances", "Chargé de clientèle assurance", "Gestionnaire sinistres", "Conseiller clientèle IARD"),
        ("Conseiller / Conseillère en assurances", "Chargé / Chargée de clientèle en assurances",
         "Conseiller / Conseillère gestion sinistres"),
        ("Analyser les besoins d'un client", "Proposer un contrat d'assurance", "Gérer un sinistre", "Utiliser un CRM",
         "Connaître la réglementation des assurances"),
        ("Accueillir et conseiller les clients en agence et par téléphone",
         "Proposer les contrats adaptés à leurs besoins",
         "Gérer les déclarations de sinistres"),
        ("65.12Z", "65", "Autres assurances"), "6", (2000, 2800), "accounting-finance-jobs",
        ("Assurance", "Bac+2 ou équivalents"), _soft(_LISTEN, _SERVICE, _PERSEV), "finance", remote=True,
    ),
    Occupation(
        "C1206", "Conseiller / Conseillère de clientèle bancaire", 2,
        ("Conseiller clientèle bancaire", "Chargé de clientèle particuliers", "Conseiller bancaire", "Chargé d'accueil bancaire"),
        ("Conseiller / Conseillère de clientèle bancaire", "Chargé / Chargée de clientèle particuliers de banque",
         "Chargé / Chargée de clientèle bancaire"),
        ("Gérer un portefeuille clients", "Proposer des produits d'épargne", "Instruire un dossier de crédit",
         "Analyser une situation financière", "Respecter la conformité bancaire"),
        ("Gérer et développer un portefeuille de clients particuliers",
         "Proposer les solutions d'épargne, de crédit et d'assurance",
         "Accueillir les clients en agence"),
        ("64.19Z", "64", "Autres intermédiations monétaires"), "6", (2200, 3000), "accounting-finance-jobs",
        ("Banque", "Bac+2 ou équivalents"), _soft(_LISTEN, _PERSEV, _ENGAGE), "finance",
    ),
    Occupation(
        "C1504", "Conseiller / Conseillère immobilier", 2,
        ("Conseiller immobilier", "Agent immobilier", "Négociateur immobilier", "Mandataire immobilier"),
        ("Conseiller / Conseillère immobilier", "Agent / Agente immobilier", "Agent commercial / Agente commerciale en immobilier"),
        ("Estimer un bien immobilier", "Prospecter des mandats", "Organiser des visites", "Négocier une vente",
         "Rédiger un compromis de vente"),
        ("Prospecter et rentrer des mandats de vente",
         "Estimer les biens et organiser les visites",
         "Accompagner vendeurs et acquéreurs jusqu'à la signature"),
        ("68.31Z", "68", "Agences immobilières"), "6", (1801, 4000), "property-jobs",
        ("Immobilier", "Bac+2 ou équivalents"), _soft(_PERSEV, _AUTO, _LISTEN), "immobilier", permit=True,
    ),
    Occupation(
        "D1202", "Coiffeur / Coiffeuse", 2,
        ("Coiffeur", "Coiffeuse", "Coiffeur mixte", "Coiffeur confirmé", "Manager de salon de coiffure"),
        ("Coiffeur / Coiffeuse", "Coiffeur / Coiffeuse mixte", "Coloriste permanentiste"),
        ("Réaliser une coupe", "Réaliser une coloration", "Réaliser un brushing", "Conseiller un client", "Vendre des produits capillaires"),
        ("Accueillir et conseiller la clientèle",
         "Réaliser les coupes, les couleurs et les coiffages",
         "Vendre les produits et les soins capillaires"),
        ("96.02A", "96", "Coiffure"), "6", (1801, 2200), "other-general-jobs",
        ("Coiffure", "BP coiffure"), _soft(_SERVICE, _CREATIVE, _LISTEN), "beaute",
    ),
    Occupation(
        "D1208", "Esthéticien / Esthéticienne", 1,
        ("Esthéticienne", "Esthéticien", "Praticienne spa", "Prothésiste ongulaire"),
        ("Esthéticien / Esthéticienne", "Esthéticien-cosméticien / Esthéticienne-cosméticienne"),
        ("Réaliser un soin du visage", "Réaliser une épilation", "Réaliser un modelage", "Vendre des produits cosmétiques", "Poser du vernis semi-permanent"),
        ("Réaliser les soins esthétiques du visage et du corps",
         "Conseiller les clientes et vendre les produits",
         "Tenir la cabine propre et accueillante"),
        ("96.02B", "96", "Soins de beauté"), "6", (1801, 2100), "other-general-jobs",
        ("Esthétique", "CAP, BEP et équivalents"), _soft(_SERVICE, _LISTEN, _RIGOUR), "beaute",
    ),
    Occupation(
        "G1202", "Animateur / Animatrice d'atelier artistique ou ludique", 1,
        ("Animateur périscolaire", "Animateur BAFA", "Animateur de centre de loisirs", "Animateur socioculturel"),
        ("Animateur / Animatrice d'activités culturelles et de loisirs", "Animateur / Animatrice d'activités ludiques (jeux, jouets)"),
        ("Animer des activités", "Encadrer un groupe d'enfants", "Concevoir un programme d'activités", "Assurer la sécurité des enfants", "BAFA"),
        ("Encadrer les enfants sur les temps périscolaires",
         "Proposer et animer des activités adaptées",
         "Participer au projet pédagogique de la structure"),
        ("93.29Z", "93", "Autres activités récréatives et de loisirs"), "5", (1000, 1900), "social-work-jobs",
        ("Animation", "BAFA"), _soft(_CREATIVE, _LISTEN, _TEAM), "public", seasonal=True,
    ),
)
# fmt: on

# Partner offers are sometimes filed under a ROME code that does not fit the job (a data analyst under a sports
# analyst code, as seen in real data); these are the misfiled codes the "odd_rome" ugly case uses.
ODD_ROME_CODES: tuple[tuple[str, str, str], ...] = (
    ("G1211", "Analyste de la performance sportive", "Data analyst de la performance"),
    ("M1302", "Responsable de Petite ou Moyenne Entreprise -PME-", "Responsable d'agence commerciale"),
    ("K2112", "Conseiller / Conseillère d'orientation", "Conseiller / Conseillère d'orientation en entreprise"),
    ("J1412", "Psychomotricien / Psychomotricienne", "Psychomotricien / Psychomotricienne"),
    ("N4102", "Conducteur / Conductrice de transport de particuliers", "Conducteur / Conductrice de voiture particulière"),
    ("K1305", "Technicien / Technicienne d'Intervention Sociale et Familiale (TISF)", "Technicie(ne) d'Intervention Sociale et Familiale"),
)  # fmt: skip

# --------------------------------------------------------------------------------------------------------------
# Employers: patterns per sector; {n} = surname, {x} = a made-up brand word, {v} = the commune's name.
# --------------------------------------------------------------------------------------------------------------

SURNAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
    "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
    "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
    "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Nguyen", "Boyer", "Denis",
    "Lemaire", "Duval", "Joly", "Roche", "Meyer", "Lucas", "Meunier", "Perez", "Marchand", "Dufour", "Blanchard",
    "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Renard", "Arnaud", "Caron",
    "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Lacroix",
    "Fabre", "Dupuis", "Olivier", "Hubert", "Guillot", "Rivière", "Le Gall", "Adam", "Rey", "Moulin", "Berger",
    "Lecomte", "Fleury", "Carpentier", "Maillard", "Aubry", "Vasseur", "Le Roux", "Jacquet", "Collet", "Prévost",
    "Poirier", "Charpentier", "Huet", "Baron", "Pons", "Breton", "Rémy", "Schneider", "Guyot", "Marty", "Cousin",
    "Ferrand", "Tessier", "Lebrun", "Bailly", "Hoarau", "Payet", "Grondin", "Le Bihan", "Kerboul", "Santoni",
)  # fmt: skip
BRAND_WORDS = (
    "Atlas", "Horizon", "Azur", "Arcadia", "Boréal", "Vega", "Nova", "Émeraude", "Cèdre", "Oméga", "Les Oliviers",
    "Grand Ouest", "Hélios", "Iris", "Lumière", "Opale", "Rivage", "Altitude", "Kairos", "Orion", "Sirius",
    "Les Tilleuls", "Océane", "Trident", "Archipel", "Les Glycines", "Magnolia", "Sequoia", "Alizé", "Mistral",
    "Tramontane", "Equinoxe", "Zénith", "Phénix", "Cassiopée", "Ariane", "Les Coteaux", "Val Fleuri", "Bel Air",
    "Saint-Exupéry", "Les Lilas", "Pégase", "Hermine", "Cap Nord", "Terre de Sienne", "Ondine", "Lys", "Ambre",
    "Estérel", "Vauban", "Colbert", "Jaurès", "Optima", "Synergie Plus", "Novalis", "Dynamis", "Axiome", "Prisme",
)  # fmt: skip
EMPLOYER_PATTERNS: dict[str, tuple[str, ...]] = {
    "boulangerie": ("BOULANGERIE {N}", "Boulangerie Pâtisserie {n}", "AU FOURNIL DE {V}", "Maison {n}", "LE PAIN DE {V}",
                    "SARL {N} BOULANGERIE", "Les Délices de {v}"),
    "alimentation": ("SUPERMARCHÉ {X} {V}", "SAS {N} DISTRIBUTION", "Épicerie {x}", "PRIMEUR {N}", "{X} MARKET",
                     "SAS {X} ALIMENTATION", "Fromagerie {n}", "HYPER {X} {V}"),
    "commerce": ("{X} SPORT", "BOUTIQUE {X}", "{X} MODE", "Maison {n}", "SAS {N} DISTRIBUTION", "{X} Habitat",
                 "Librairie {x}", "{X} CHAUSSURES"),
    "restauration": ("RESTAURANT LE {X}", "Brasserie {x}", "SARL {N} RESTAURATION", "Le Bistrot de {v}",
                     "CAFÉ DE LA GARE", "{X} BURGER", "La Table de {n}", "Crêperie {x}", "SAS {X} RESTAURATION"),
    "hotel": ("HÔTEL {X} {V}", "Résidence {x}", "CAMPING LES {X}", "Hôtel du Parc", "Village Vacances {x}",
              "SAS {X} HÔTELLERIE"),
    "sante": ("CENTRE HOSPITALIER DE {V}", "EHPAD {X}", "CLINIQUE {X}", "Résidence {x}", "Pharmacie {n}",
              "CENTRE DE SANTÉ {X}", "Polyclinique de {v}", "Pharmacie du Centre"),
    "aide_domicile": ("ASSOCIATION AIDE À DOMICILE DE {V}", "{X} Services à la personne", "CCAS DE {V}",
                      "SAS {X} DOMICILE", "{X} Familles", "Les Petites Mains de {v}"),
    "proprete": ("{N} PROPRETÉ", "SAS {X} NETTOYAGE", "{X} SERVICES", "{X} Multiservices", "ENTREPRISE {N} NETTOYAGE"),
    "transport": ("TRANSPORTS {N}", "{N} LOGISTIQUE", "SAS {N} ET FILS", "{X} EXPRESS", "TRANSPORTS {X}",
                  "Régie des transports de {v}"),
    "logistique": ("{X} LOGISTIQUE", "PLATEFORME {X} {V}", "SAS {X} SUPPLY CHAIN", "ENTREPÔTS {N}"),
    "btp": ("{N} BÂTIMENT", "SARL {N} ET FILS", "ENTREPRISE {N}", "{N} CONSTRUCTION", "{X} TP",
            "{X} Rénovation", "SAS {N} ÉLECTRICITÉ", "{N} PLOMBERIE CHAUFFAGE"),
    "industrie": ("{X} INDUSTRIES", "{N} MÉCANIQUE", "SAS {X} TECHNOLOGIES", "FONDERIE DE {V}", "{X} Plastiques",
                  "{X} AGRO", "Conserverie {x}"),
    "garage": ("GARAGE {N}", "GARAGE DU CENTRE", "{X} AUTOMOBILES", "SARL {N} AUTO", "Centre auto {x}"),
    "it": ("{X} Consulting", "{X} Digital", "{X} Software", "{X} Tech", "ESN {X}", "{X} Data", "{x} Labs", "{X} Cloud"),
    "tertiaire": ("CABINET {N}", "{N} & ASSOCIÉS", "{X} CONSEIL", "{X} GROUPE", "SAS {X}", "Fiduciaire {x}",
                  "{X} Expertise"),
    "finance": ("{X} ASSURANCES", "Mutuelle {x}", "BANQUE {X}", "CRÉDIT {X}", "Cabinet {n} Assurances"),
    "immobilier": ("{X} IMMOBILIER", "AGENCE {N} IMMOBILIER", "{V} IMMO", "{X} Transactions"),
    "social": ("ASSOCIATION {X}", "IME {X}", "FOYER {X}", "MAISON D'ENFANTS {X}", "CRÈCHE {X}", "Micro-crèche {x}"),
    "formation": ("{X} FORMATION", "CENTRE DE FORMATION {X}", "AUTO-ÉCOLE {N}", "{X} Campus", "GRETA {V}"),
    "beaute": ("SALON {N}", "{X} COIFFURE", "INSTITUT {X}", "L'Atelier de {n}", "{X} Beauté"),
    "agri": ("EARL {N}", "GAEC {X}", "DOMAINE {N}", "SCEA {X}", "PÉPINIÈRES {N}", "Vergers de {v}", "{N} PAYSAGES"),
    "securite": ("{X} SÉCURITÉ", "{X} PROTECTION", "SAS {N} SURVEILLANCE", "{X} Gardiennage"),
    "public": ("MAIRIE DE {V}", "COMMUNAUTÉ D'AGGLOMÉRATION DE {V}", "OFFICE DE TOURISME DE {V}", "{X} Loisirs",
               "Centre social {x}"),
}  # fmt: skip
# Temporary-work agencies publish a large share of intérim offers under their own name.
AGENCY_PATTERNS = ("{X} INTERIM", "INTERIM {V}", "{X} Travail Temporaire", "{X} EMPLOI", "AGENCE {X} RH")

PARTNERS: tuple[tuple[str, str], ...] = (
    ("HELLOWORK", "https://www.hellowork.com/fr-fr/emplois/{id}.html"),
    ("METEOJOB", "https://www.meteojob.com/jobs/{id}?utm_source=pole-emploi&utm_medium=aggregator-free"),
    ("JOBINLIVE", "https://www.jobinlive.fr/offre/{id}#utm_source=PoleEmploi"),
    ("STAFFSANTE", "https://www.staffsante.fr/offre-emploi/{id}"),
    ("BEETWEEN", "https://www.beetween.com/job/{id}"),
)

# --------------------------------------------------------------------------------------------------------------
# Description building blocks (France Travail descriptions are free text written by employers or partners).
# --------------------------------------------------------------------------------------------------------------

INTROS = (
    "{company} recrute un(e) {title} pour son établissement de {city}.",
    "Implantée à {city} depuis {years} ans, notre entreprise ({sector}) renforce son équipe et recherche un(e) {title}.",
    "Nous recherchons pour notre client, acteur reconnu du secteur ({sector}), un(e) {title} sur le secteur de {city}.",
    "Au sein d'une structure à taille humaine située à {city}, vous rejoignez une équipe de {team} personnes.",
    "Rejoignez {company} ! Acteur de référence ({sector}), nous accompagnons nos clients sur toute la région.",
    "Dans le cadre de son développement, {company} recherche son/sa futur(e) {title}.",
    "Vous souhaitez donner du sens à votre travail ? {company} vous attend à {city}.",
    "Entreprise familiale de {team} salariés, nous recrutons un(e) {title} motivé(e) pour compléter notre équipe.",
    "Poste à pourvoir rapidement à {city} : {company} recherche un(e) {title}.",
)
MISSION_HEADERS = ("Vos missions :", "Missions principales :", "Au quotidien, vous serez chargé(e) de :",
                   "Vous aurez notamment pour missions de :", "Description du poste :")  # fmt: skip
PROFILE_HEADERS = ("Profil recherché :", "Votre profil :", "Profil :", "Ce que nous attendons de vous :")
EXPERIENCE_SENTENCES = {
    "D": ("Débutant(e) accepté(e) : vous serez formé(e) par nos équipes.",
          "Le poste est ouvert aux débutants motivés.",
          "Aucune expérience n'est exigée, seule la motivation compte."),
    "S": ("Une première expérience sur un poste similaire est souhaitée.",
          "Une expérience de {years} dans le métier serait un plus."),
    "E": ("Vous justifiez d'une expérience de {years} minimum sur un poste similaire.",
          "Expérience confirmée exigée ({years} minimum)."),
}  # fmt: skip
PERKS = (
    "Mutuelle d'entreprise et tickets restaurant.", "Prime de fin d'année et participation.",
    "Possibilité d'évolution rapide au sein du groupe.", "Planning communiqué 3 semaines à l'avance.",
    "Véhicule de service fourni.", "Repas pris en charge.", "Comité d'entreprise et chèques vacances.",
    "Formation assurée à la prise de poste.", "Prime de panier et indemnités de trajet.",
)  # fmt: skip
REMOTE_SENTENCES = (
    "Télétravail possible 2 jours par semaine.",
    "Poste ouvert au télétravail partiel après la période d'intégration.",
    "Télétravail jusqu'à 3 jours par semaine selon l'organisation de l'équipe.",
    "Full remote possible, avec un déplacement par mois au siège.",
)
HOURS = (
    ("35H/semaine", "Temps plein", "full_time"),
    ("35H/semaine\nTravail en journée", "Temps plein", "full_time"),
    ("39H/semaine", "Temps plein", "full_time"),
    ("35H/semaine\nTravail en horaires décalés", "Temps plein", "full_time"),
    ("35H/semaine\nTravail les week-ends et jours fériés", "Temps plein", "full_time"),
    ("35H/semaine\nTravail de nuit", "Temps plein", "full_time"),
    ("24H/semaine", "Temps partiel", "part_time"),
    ("28H/semaine\nTravail en horaires fractionnés", "Temps partiel", "part_time"),
    ("30H/semaine", "Temps partiel", "part_time"),
)
HORAIRES_CONTEXT = (
    "Travail du lundi au vendredi", "Travail en équipe 2x8", "Travail selon un rythme irrégulier et des pics d'activité",
    "Travail en horaires décalés", "Travail les week-ends et jours fériés", "Travail en journée",
)  # fmt: skip
CONDITIONS_EXERCICE = (
    "Port de charges lourdes", "Station debout prolongée", "Déplacements fréquents", "Travail en extérieur",
    "Travail en hauteur", "Travail au froid",
)  # fmt: skip
SALARY_COMPLEMENTS = ("Mutuelle", "Chèque repas", "Titre-restaurant / Prime de panier", "Prime", "Véhicule",
                      "Participation / Intéressement", "Primes", "Indemnités de déplacement")  # fmt: skip
SALARY_COMMENTS_ONLY = ("% du SMIC selon l'âge ", "Selon profil", "Selon expérience", "A négocier",
                        "Selon convention collective", "Salaire attractif + primes")  # fmt: skip
LONG_TITLE_TAIL = (
    " - CDI 35h - Débutant accepté - Prime + mutuelle + tickets restaurant - Poste à pourvoir immédiatement - "
    "Rejoignez une équipe dynamique et passionnée dans une entreprise en pleine croissance - Formation assurée en "
    "interne - Possibilité d'évolution rapide - Candidatures étudiées au fil de l'eau"
)
UNKNOWN_FT_FIELDS: tuple[dict[str, Any], ...] = (
    {"indicateurTeletravail": {"code": "TT2", "libelle": "Télétravail partiel"}},
    {"offreEnCoursDeModeration": False, "scoreAttractivite": 0.73},
    {"complementExercice": "Poste soumis à astreintes", "nouveauChampExperimental": [1, 2, 3]},
    {"entrepriseInclusive": True, "labelsEmployeur": ["Egalité", "Diversité"]},
)
UNKNOWN_ADZUNA_FIELDS: tuple[dict[str, Any], ...] = (
    {"salary_currency": "EUR", "job_score": 0.42},
    {"remote_policy": "hybrid"},
    {"company_logo_url": None, "sponsored": "0"},
)

FT_CONTRACTS: tuple[tuple[str, int], ...] = (("CDI", 50), ("CDD", 25), ("MIS", 15), ("SAI", 5), ("LIB", 3), ("FRA", 2))
FT_EXPERIENCE: tuple[tuple[str, int], ...] = (("D", 45), ("S", 30), ("E", 25))
SMIC_MONTHLY = 1801.80  # gross monthly minimum wage, 35 h, since 2024-11-01
SMIC_HOURLY = 11.88

# --------------------------------------------------------------------------------------------------------------
# Pre-computed lookups (built once at import so that the per-offer path stays cheap).
# --------------------------------------------------------------------------------------------------------------


def _strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _ft_upper_name(name: str) -> str:
    """France Travail's own offers spell places like "48 - ST BAUZILE" or "75 - PARIS 08"."""
    plain = _strip_accents(name).upper().replace("-", " ").replace("'", " ")
    words = plain.split()
    if len(words) == 3 and words[2] == "ARRONDISSEMENT":
        number = "".join(ch for ch in words[1] if ch.isdigit())
        return f"{words[0]} {int(number):02d}"
    return " ".join("ST" if w == "SAINT" else "STE" if w == "SAINTE" else w for w in words)


class _Place(NamedTuple):
    commune: Commune
    ft_upper: str  # "75 - PARIS 08"
    ft_plain: str  # "75 - Paris 8e Arrondissement"
    dept_only: str  # "34 - Hérault"
    adzuna_area: list[str]
    adzuna_display: str


def _place(c: Commune) -> _Place:
    dept_name = DEPARTEMENTS[c.dept]
    area = ["France", REGIONS[c.region], dept_name]
    if c.zone not in (dept_name, c.name):
        area.append(c.zone)
    area.append(c.name)
    display = f"{c.name}, {c.zone}" if c.zone != c.name else f"{c.name}, {dept_name}"
    return _Place(
        c, f"{c.dept} - {_ft_upper_name(c.name)}", f"{c.dept} - {c.name}", f"{c.dept} - {dept_name}", area, display
    )


PLACES: tuple[_Place, ...] = tuple(_place(c) for c in COMMUNES)


class _Weighted:
    """Weighted choice by bisection over cumulative weights: much cheaper than random.choices per call."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs: Iterable[tuple[Any, float]]) -> None:
        self.items: list[Any] = []
        self.cum: list[float] = []
        total = 0.0
        for item, weight in pairs:
            total += weight
            self.items.append(item)
            self.cum.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


_PLACE_CHOICE = _Weighted((p, p.commune.weight) for p in PLACES)
_PLACES_BY_REGION: dict[str, _Weighted] = {
    region: _Weighted((p, p.commune.weight) for p in PLACES if p.commune.region == region)
    for region in {p.commune.region for p in PLACES}
}
_OCCUPATION_CHOICE = _Weighted((o, o.weight) for o in OCCUPATIONS)
_CONTRACT_CHOICE = _Weighted(FT_CONTRACTS)
_EXPERIENCE_CHOICE = _Weighted(FT_EXPERIENCE)
_SKILL_CODES: dict[str, str] = {
    skill: str(100000 + zlib.crc32(skill.encode()) % 90000) for occ in OCCUPATIONS for skill in occ.skills
}
_FORMATION_CODES: dict[str, str] = {
    occ.diploma[0]: str(21000 + zlib.crc32(occ.diploma[0].encode()) % 1000) for occ in OCCUPATIONS
}
_OCCUPATIONS_BY_EMPLOYER: dict[str, tuple[Occupation, ...]] = {
    key: tuple(o for o in OCCUPATIONS if o.employers == key) for key in EMPLOYER_PATTERNS
}
_PERMITS = {
    "N4101": {"libelle": "CE - Poids lourd + remorque", "exigence": "E"},
    "N4103": {"libelle": "D - Transport en commun", "exigence": "E"},
}
_PERMIT_B = {"libelle": "B - Véhicule léger", "exigence": "E"}
_SALARY_FORMS = _Weighted(
    (
        ("absent", 20),
        ("annual_range", 10),
        ("annual_single", 5),
        ("annual_k", 3),
        ("monthly_single", 18),
        ("monthly_range", 16),
        ("hourly", 10),
        ("comment_only", 12),
    )
)
_FT_TITLE_SUFFIX = _Weighted(((" (H/F)", 60), (" H/F", 15), (" (F/H)", 8), ("", 10), (" h/f", 3), (" F/H", 4)))
_ADZUNA_TITLE_SUFFIX = (" H/F", " (H/F)", " F/H", " - H/F", "", " (F/H)")
_NATURE_CODES = {"Contrat travail": "E1", "Contrat apprentissage": "E2", "Contrat de professionnalisation": "FS"}
_EXPERIENCE_FILTER = {"D": "1", "S": "2", "E": "3"}
_CONTRACT_SENTENCE = {
    "CDI": "Poste en CDI",
    "CDD": "CDD de {months} mois",
    "MIS": "Mission d'intérim de {months} mois, renouvelable",
    "SAI": "Contrat saisonnier de {months} mois",
    "LIB": "Statut indépendant",
    "FRA": "Reprise d'un point de vente en franchise",
}
_ADZUNA_CONTRACT = {"CDI": "permanent", "LIB": "permanent", "FRA": "permanent"}

FT_UGLY_KINDS = (
    "entreprise_empty",
    "salaire_empty",
    "contact_empty",
    "lieu_departement_only",
    "unknown_fields",
    "odd_rome",
    "empty_description",
    "long_title",
)
ADZUNA_UGLY_KINDS = (
    "no_contract",
    "category_unknown",
    "salary_predicted",
    "empty_description",
    "long_title",
    "no_company",
    "no_coordinates",
    "unknown_fields",
)


# --------------------------------------------------------------------------------------------------------------
# Configuration and output records
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GenConfig:
    """Shares of the awkward situations a benchmark or the demo wants (all per job or per payload)."""

    ft_share: float = 0.68  # share of single-source jobs published on France Travail (the rest on Adzuna)
    cross_source_rate: float = 0.08  # jobs posted on BOTH sources (one payload each)
    same_source_rate: float = 0.02  # France Travail jobs reposted by a partner board (origine "2")
    sibling_rate: float = 0.02  # jobs followed by a DIFFERENT job of the same employer in the same commune
    ugly_rate: float = 0.05  # payloads carrying one ugly case (kinds cycle, see FT_UGLY_KINDS / ADZUNA_UGLY_KINDS)
    cover_all: bool = False  # the first jobs walk through every occupation and region (small demo sets)

    def __post_init__(self) -> None:
        for name in ("ft_share", "cross_source_rate", "same_source_rate", "sibling_rate", "ugly_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        if self.cross_source_rate + self.same_source_rate + self.sibling_rate > 1.0:
            raise ValueError("cross_source_rate + same_source_rate + sibling_rate must not exceed 1")

    def adzuna_fraction(self) -> float:
        """Expected share of Adzuna payloads among all payloads (used for the Adzuna `count` field)."""
        single = 1.0 - self.cross_source_rate - self.same_source_rate - self.sibling_rate
        adzuna = single * (1 - self.ft_share) + self.cross_source_rate + self.sibling_rate * 2 * (1 - self.ft_share)
        payloads = single + 2 * (self.cross_source_rate + self.same_source_rate + self.sibling_rate)
        return adzuna / payloads


DEFAULT_CONFIG = GenConfig()
DEMO_SEED = 20261123
DEMO_SIZE = 350
DEMO_CONFIG = GenConfig(
    ft_share=0.65, cross_source_rate=0.095, same_source_rate=0.02, sibling_rate=0.02, ugly_rate=0.11, cover_all=True
)


class LabelledOffer(NamedTuple):
    """A payload plus the ground truth a deduplication or quality benchmark needs."""

    source: str  # "francetravail" | "adzuna"
    payload: dict[str, Any]
    job_id: int  # payloads of the same real job share it (cross-source duplicates, partner reposts)
    role: str  # "primary" | "cross_source_duplicate" | "repost" | "sibling"
    ugly: str | None  # the ugly case this payload carries, if any
    rome_code: str = ""  # the job's true ROME occupation (partner offers may file it under another code)


@dataclass(slots=True)
class _Job:
    """What every payload of one real job shares."""

    job_id: int
    occ: Occupation
    base_title: str
    company: str
    place: _Place
    contract: str
    months: int
    nature: str
    experience: str
    exp_years: int
    hours: tuple[str, str, str]
    salary_form: str
    salary_lo: float  # gross monthly EUR (full-time equivalent)
    salary_hi: float
    created: float  # epoch seconds
    remote: bool
    text: str  # the employer's full description
    lat: float
    lon: float
    skills: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------------------


def _iso_ms(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}Z"


def _iso_s(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class _Rng(random.Random):
    """random.Random with cheaper choice/sample/randint for the hot path (one C call to random() each).

    The stdlib versions go through _randbelow (several Python calls); the tiny bias of int(random() * n) is
    irrelevant for synthetic data.
    """

    def choice(self, seq: Sequence[Any]) -> Any:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def sample(self, population: Sequence[Any], k: int, *, counts: None = None) -> list[Any]:  # type: ignore[override]
        pool = list(population)
        n = len(pool)
        rnd = self.random
        for i in range(k):
            j = i + int(rnd() * (n - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


class _IdMint:
    """Unique, random-looking ids from a counter: an affine bijection modulo the id space."""

    __slots__ = ("_a", "_b", "_m", "_next")

    def __init__(self, space: int, rng: random.Random) -> None:
        self._m = space
        a = rng.randrange(space // 3, space - 1)
        while math.gcd(a, space) != 1:
            a += 1
        self._a = a
        self._b = rng.randrange(space)
        self._next = 0

    def take(self) -> int:
        value = (self._a * self._next + self._b) % self._m
        self._next += 1
        return value


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _ft_id(value: int) -> str:
    """France Travail's own ids look like "212JJSJ": 3 digits and 4 capital letters."""
    digits, rest = divmod(value, 26**4)
    letters = []
    for _ in range(4):
        rest, r = divmod(rest, 26)
        letters.append(_LETTERS[r])
    return f"{digits + 100:03d}{''.join(letters)}"


def _company_name(rng: _Rng, patterns: Sequence[str], commune: Commune) -> str:
    pattern = rng.choice(patterns)
    surname = rng.choice(SURNAMES)
    brand = rng.choice(BRAND_WORDS)
    return pattern.format(
        N=surname.upper(), n=surname, X=brand.upper(), x=brand, V=commune.name.upper(), v=commune.name
    )


def _fmt_amount(value: float, style: int) -> str:
    """The three ways France Travail writes amounts: "2000.0", "1801,80", "2000"."""
    if style == 0:
        return f"{value:.1f}"
    if style == 1:
        return f"{value:.2f}".replace(".", ",")
    return f"{round(value)}"


def _decorate_ft_title(rng: random.Random, base: str) -> str:
    title = base + _FT_TITLE_SUFFIX.pick(rng)
    r = rng.random()
    if r < 0.10:
        return title.upper()
    return title


def _decorate_adzuna_title(rng: random.Random, base: str) -> str:
    """The same job as written on another board: other H/F form, sometimes capitals, sometimes no accents."""
    title = base + rng.choice(_ADZUNA_TITLE_SUFFIX)
    r = rng.random()
    if r < 0.2:
        title = title.upper()
    elif r < 0.35:
        title = _strip_accents(title)
    return title


def _flatten(text: str) -> str:
    return " ".join(text.split())


def _adzuna_description(text: str) -> str:
    """Adzuna serves descriptions on one line, cut at 500 characters with a final ellipsis."""
    flat = _flatten(text)
    if len(flat) > 500:
        return flat[:499] + "…"
    return flat


# --------------------------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, seed: int, now: datetime, config: GenConfig) -> None:
        self.rng = _Rng(seed)
        self.config = config
        self.now = now.timestamp()
        self.ft_ids = _IdMint(900 * 26**4, self.rng)
        self.partner_ids = _IdMint(9_000_000, self.rng)
        self.adzuna_ids = _IdMint(5_000_000_000, self.rng)
        self.job_counter = 0
        self.ugly_counter = {FRANCE_TRAVAIL: 0, ADZUNA: 0}
        rng = random.Random(seed ^ 0x5EED)
        self.cover_occupations = list(OCCUPATIONS)
        rng.shuffle(self.cover_occupations)
        self.cover_regions = [*METROPOLITAN_REGIONS, "04", "02"]

    # ---- jobs -------------------------------------------------------------------------------------------------

    def _new_job(
        self, occ: Occupation | None = None, base_title: str | None = None, sibling_of: _Job | None = None
    ) -> _Job:
        rng = self.rng
        job_id = self.job_counter
        self.job_counter += 1
        cover = self.config.cover_all
        if occ is None:
            if cover and job_id < len(self.cover_occupations):
                occ = self.cover_occupations[job_id]
            else:
                occ = _OCCUPATION_CHOICE.pick(rng)
        if base_title is None:
            base_title = rng.choice(occ.titles)
        if sibling_of is not None:
            place = sibling_of.place
        elif cover and job_id < len(self.cover_regions):
            place = _PLACES_BY_REGION[self.cover_regions[job_id]].pick(rng)
        else:
            place = _PLACE_CHOICE.pick(rng)
        commune = place.commune

        contract = _CONTRACT_CHOICE.pick(rng)
        if contract == "SAI" and not occ.seasonal:
            contract = "CDD"
        elif contract == "LIB" and occ.employers not in ("immobilier", "sante", "beaute"):
            contract = "CDI"
        elif contract == "FRA" and occ.employers not in ("commerce", "alimentation", "immobilier", "beaute"):
            contract = "CDD"
        months = 0
        if contract in ("CDD", "MIS", "SAI"):
            months = rng.choice((1, 2, 3, 3, 6, 6, 6, 12, 18))
        nature = "Contrat travail"
        if contract in ("CDI", "CDD") and occ.qualification not in ("8", "9") and rng.random() < 0.07:
            nature = rng.choice(("Contrat apprentissage", "Contrat de professionnalisation"))
            base_title = "Apprenti " + base_title[0].lower() + base_title[1:]

        if sibling_of is not None:
            company = sibling_of.company
        elif contract == "MIS" and rng.random() < 0.6:
            company = _company_name(rng, AGENCY_PATTERNS, commune)
        else:
            company = _company_name(rng, EMPLOYER_PATTERNS[occ.employers], commune)

        experience = _EXPERIENCE_CHOICE.pick(rng)
        if occ.qualification == "9" and experience == "D" and rng.random() < 0.6:
            experience = "E"
        exp_years = 0 if experience == "D" else rng.choice((1, 1, 2, 2, 3, 5))
        hours = rng.choice(HOURS) if rng.random() < 0.35 else HOURS[0]

        lo_base, hi_base = occ.salary
        lo = lo_base + (hi_base - lo_base) * rng.random() * 0.6
        hi = lo + (hi_base - lo) * rng.random()
        if nature != "Contrat travail":
            lo = hi = SMIC_MONTHLY * rng.choice((0.53, 0.65, 0.78))
        salary_form = _SALARY_FORMS.pick(rng)
        if salary_form == "hourly" and occ.qualification == "9":
            salary_form = "annual_range"

        if sibling_of is not None:
            created = max(sibling_of.created - rng.random() * 5 * 86400, self.now - 60 * 86400)
        else:
            # Employers publish during working hours: a day in the last 60, then a time between 6:00 and 20:00 UTC.
            created = self.now - rng.randint(1, 60) * 86400 + (6 + rng.random() * 14) * 3600
        created = min(created, self.now - 60)
        remote = occ.remote and rng.random() < 0.35
        lat = commune.lat + (rng.random() - 0.5) * 0.02
        lon = commune.lon + (rng.random() - 0.5) * 0.02
        job = _Job(
            job_id, occ, base_title, company, place, contract, months, nature, experience, exp_years, hours,
            salary_form, lo, hi, created, remote, "", round(lat, 6), round(lon, 6),
        )  # fmt: skip
        k = min(len(occ.skills), rng.randint(3, 8))
        job.skills = rng.sample(occ.skills, k)
        job.text = self._description(job)
        return job

    def _salary_sentence(self, job: _Job) -> str:
        form = job.salary_form
        if form in ("absent", "comment_only"):
            return "Rémunération selon profil et expérience."
        if form == "hourly":
            return f"Rémunération : {SMIC_HOURLY:.2f} € brut de l'heure.".replace(".", ",", 1)
        lo, hi = round(job.salary_lo, -1), round(job.salary_hi, -1)
        if lo == hi:
            return f"Rémunération : {lo:.0f} € brut mensuel."
        return f"Rémunération : entre {lo:.0f} € et {hi:.0f} € brut mensuel."

    def _description(self, job: _Job) -> str:
        rng = self.rng
        occ = job.occ
        city = job.place.commune.name
        title = job.base_title.lower()
        intro = rng.choice(INTROS).format(
            company=job.company,
            title=title,
            city=city,
            sector=occ.naf[2].lower(),
            years=rng.randint(5, 60),
            team=rng.randint(3, 40),
        )
        n_missions = min(len(occ.missions), rng.randint(3, 5))
        missions = "\n- ".join(rng.sample(occ.missions, n_missions))
        years = max(job.exp_years, 1)
        exp = rng.choice(EXPERIENCE_SENTENCES[job.experience]).format(years=f"{years} an{'s' if years > 1 else ''}")
        soft = rng.sample(occ.soft, min(2, len(occ.soft)))
        domain, level = occ.diploma
        if level == "Aucun diplôme":
            diploma = "Aucun diplôme n'est exigé."
        elif level.endswith("équivalents") or level.startswith("Bac"):
            diploma = f"Formation souhaitée : {level} en {domain.lower()}."
        else:
            diploma = f"{level} exigé."
        profile = (
            f"{exp} {diploma} Vous êtes reconnu(e) pour votre {_SOFT_NOUNS[soft[0]]} et votre {_SOFT_NOUNS[soft[-1]]}."
        )
        if rng.random() < 0.5:
            profile += " Maîtrise appréciée : " + ", ".join(job.skills[:3]) + "."
        if job.nature != "Contrat travail":
            contract = f"Contrat en alternance ({job.nature.lower()}) avec un CFA partenaire"
        else:
            contract = _CONTRACT_SENTENCE[job.contract].format(months=job.months)
        hours_line = job.hours[0].split("\n")[0].replace("H/semaine", " h par semaine")
        conditions = f"{contract}, {hours_line}. {self._salary_sentence(job)} {rng.choice(PERKS)}"
        if job.remote:
            conditions += " " + rng.choice(REMOTE_SENTENCES)
        elif rng.random() < 0.03:
            # A negative mention on purpose: a naive "télétravail" keyword match would flag it as remote.
            conditions += " Télétravail non possible sur ce poste."
        return (
            f"{intro}\n\n{rng.choice(MISSION_HEADERS)}\n- {missions}\n\n"
            f"{rng.choice(PROFILE_HEADERS)}\n{profile}\n\nConditions :\n{conditions}"
        )

    def _sibling(self, job: _Job) -> _Job:
        """A different job of the same employer in the same commune: must never be merged with `job`."""
        rng = self.rng
        base = job.base_title.lower()
        same_employer = _OCCUPATIONS_BY_EMPLOYER[job.occ.employers]
        preferred = job.occ if rng.random() < 0.5 else rng.choice(same_employer)
        # Titles that are variants of this one ("Aide-soignant" / "Aide-soignant de nuit") would make the
        # two jobs look identical; fall back to the employer's other occupations, then to any occupation.
        for occ in (preferred, *same_employer, *OCCUPATIONS):
            candidates = [t for t in occ.titles if not (t.lower().startswith(base) or base.startswith(t.lower()))]
            if candidates:
                return self._new_job(occ=occ, base_title=rng.choice(candidates), sibling_of=job)
        raise AssertionError("unreachable: occupations have distinct titles")

    # ---- payloads ---------------------------------------------------------------------------------------------

    def _ugly(self, source: str) -> str | None:
        if self.rng.random() >= self.config.ugly_rate:
            return None
        kinds = FT_UGLY_KINDS if source == FRANCE_TRAVAIL else ADZUNA_UGLY_KINDS
        count = self.ugly_counter[source]
        self.ugly_counter[source] = count + 1
        return kinds[count % len(kinds)]

    def _ft_salary(self, job: _Job, partner: bool) -> dict[str, str] | None:
        rng = self.rng
        form = job.salary_form
        style = int(rng.random() * 3)
        lo_m, hi_m = job.salary_lo, job.salary_hi
        months = rng.choice((12, 12, 12, 13))
        if form == "absent":
            return None
        if form == "comment_only":
            if job.nature != "Contrat travail":
                return {"commentaire": "% du SMIC selon l'âge "}
            return {"commentaire": rng.choice(SALARY_COMMENTS_ONLY[1:])}
        if form in ("annual_range", "annual_single", "annual_k"):
            lo_y = round(lo_m * months, -2)
            hi_y = round(hi_m * months, -2)
            if form == "annual_k":
                salary = {"libelle": f"Annuel de {round(lo_y / 1000)} k€"}
            elif form == "annual_single" or lo_y == hi_y:
                salary = {"libelle": f"Annuel de {_fmt_amount(lo_y, style)} Euros sur {months}.0 mois"}
            else:
                salary = {"libelle": f"Annuel de {_fmt_amount(lo_y, 0)} Euros à {_fmt_amount(hi_y, 0)} Euros"}
                if partner:
                    salary["commentaire"] = f"De {lo_y:.1f} à {hi_y:.1f} EUR par an"
        elif form == "monthly_single":
            amount = SMIC_MONTHLY if job.occ.salary[0] <= SMIC_MONTHLY and rng.random() < 0.5 else round(lo_m, -1)
            sep = ".0" if style == 0 else ""
            salary = {
                "libelle": f"Mensuel de {_fmt_amount(amount, 1 if amount == SMIC_MONTHLY else style)} Euros sur {months}{sep} mois"
            }
        elif form == "monthly_range":
            lo_r, hi_r = round(lo_m, -1), round(max(hi_m, lo_m + 100), -1)
            sep = ".0" if style == 0 else ""
            salary = {
                "libelle": f"Mensuel de {_fmt_amount(lo_r, style)} Euros à {_fmt_amount(hi_r, style)} Euros sur {months}{sep} mois"
            }
        else:  # hourly
            lo_h = max(SMIC_HOURLY, round(lo_m / 151.67, 2))
            if rng.random() < 0.5:
                salary = {"libelle": f"Horaire de {_fmt_amount(lo_h, 1)} Euros"}
            else:
                salary = {"libelle": f"Horaire de {lo_h:.1f} Euros à {lo_h + 1.5:.1f} Euros"}
        if rng.random() < 0.3:
            salary["complement1"] = rng.choice(SALARY_COMPLEMENTS)
            if rng.random() < 0.5:
                salary["complement2"] = rng.choice(SALARY_COMPLEMENTS)
        return salary

    def francetravail(
        self, job: _Job, *, repost: bool = False, ugly: str | None = None, decorate: bool = False
    ) -> dict[str, Any]:
        rng = self.rng
        occ = job.occ
        place = job.place
        commune = place.commune
        partner = repost or ugly == "odd_rome" or rng.random() < 0.12
        if partner:
            offer_id = str(1_000_000 + self.partner_ids.take())
            created = min(job.created + rng.random() * 3 * 86400, self.now - 30) if repost else job.created
            title = _decorate_ft_title(rng, job.base_title)
            text = "Description du poste :\n\n" + job.text if rng.random() < 0.5 else job.text
        else:
            offer_id = _ft_id(self.ft_ids.take())
            created = job.created
            title = _decorate_ft_title(rng, job.base_title)
            text = job.text
        if ugly == "long_title":
            title = title + LONG_TITLE_TAIL
        elif decorate and not partner and rng.random() < 0.05:
            title = f"{title} - {commune.name}"
        updated = min(created + rng.random() * 10 * 86400, self.now - 1) if rng.random() < 0.4 else created

        if ugly == "lieu_departement_only":
            lieu: dict[str, Any] = {"libelle": place.dept_only}
        elif partner and rng.random() < 0.5:
            lieu = {"libelle": place.ft_plain, "codePostal": rng.choice(commune.postcodes), "commune": commune.insee}
        else:
            lieu = {
                "libelle": place.ft_plain if partner else place.ft_upper,
                "latitude": job.lat,
                "longitude": job.lon,
                "codePostal": rng.choice(commune.postcodes),
                "commune": commune.insee,
            }
        if ugly == "odd_rome":
            rome_code, rome_label, appellation = rng.choice(ODD_ROME_CODES)
        else:
            rome_code, rome_label, appellation = occ.rome_code, occ.rome_label, rng.choice(occ.appellations)

        contract = job.contract
        if contract == "CDI":
            contract_label = "CDI" if rng.random() < 0.6 else "Contrat à durée indéterminée"
        elif contract == "CDD":
            contract_label = f"Contrat à durée déterminée - {job.months} Mois"
        elif contract == "MIS":
            contract_label = (
                f"Mission intérimaire - {job.months} Mois" if job.months > 1 else "Mission intérimaire - 15 Jour(s)"
            )
        elif contract == "SAI":
            contract_label = f"Contrat travail saisonnier - {job.months} Mois"
        elif contract == "LIB":
            contract_label = "Profession libérale"
        else:
            contract_label = "Franchise"
        if job.experience == "D":
            exp_label = "Débutant accepté"
        elif job.experience == "S":
            exp_label = f"Expérience souhaitée de {job.exp_years} An(s)"
        else:
            exp_label = "Expérience exigée" if partner else f"Expérience exigée de {job.exp_years} An(s)"

        payload: dict[str, Any] = {
            "id": offer_id,
            "intitule": title,
            "description": "" if ugly == "empty_description" else text,
            "dateCreation": _iso_ms(created),
            "dateActualisation": _iso_ms(updated),
            "lieuTravail": lieu,
            "romeCode": rome_code,
            "romeLibelle": rome_label,
            "appellationlibelle": appellation,
        }
        if ugly == "entreprise_empty":
            payload["entreprise"] = {}
        else:
            entreprise: dict[str, Any] = {"nom": job.company}
            if rng.random() < 0.25:
                entreprise["description"] = (
                    f"{job.company} emploie {rng.randint(3, 400)} personnes ({occ.naf[2].lower()})."
                )
            entreprise["entrepriseAdaptee"] = False
            payload["entreprise"] = entreprise
        payload["typeContrat"] = contract
        payload["typeContratLibelle"] = contract_label
        payload["natureContrat"] = job.nature
        payload["experienceExige"] = job.experience
        payload["experienceLibelle"] = exp_label
        if rng.random() < 0.5:
            payload["formations"] = [
                {
                    "codeFormation": _FORMATION_CODES[occ.diploma[0]],
                    "domaineLibelle": occ.diploma[0],
                    "niveauLibelle": occ.diploma[1],
                    "exigence": "E" if rng.random() < 0.4 else "S",
                }
            ]
        if occ.employers in ("hotel", "it") and rng.random() < 0.4:
            payload["langues"] = [{"libelle": "Anglais", "exigence": "S"}]
        if occ.permit and rng.random() < 0.6:
            payload["permis"] = [_PERMITS.get(occ.rome_code, _PERMIT_B)]
        if not partner or rng.random() < 0.3:
            payload["competences"] = [
                {"code": _SKILL_CODES[s], "libelle": s, "exigence": "E" if rng.random() < 0.3 else "S"}
                for s in job.skills
            ]
        if ugly == "salaire_empty":
            payload["salaire"] = {}
        else:
            salary = self._ft_salary(job, partner)
            if salary is not None:
                payload["salaire"] = salary
        if not partner:
            payload["dureeTravailLibelle"] = job.hours[0]
            payload["dureeTravailLibelleConverti"] = job.hours[1]
        payload["alternance"] = job.nature != "Contrat travail"
        if ugly == "contact_empty":
            payload["contact"] = {}
        elif not partner and rng.random() < 0.55:
            url = f"https://candidat.francetravail.fr/offres/recherche/detail/{offer_id}"
            payload["contact"] = {
                "nom": f"{job.company} - {rng.choice(('M.', 'Mme'))} {rng.choice(SURNAMES).upper()}",
                "courriel": f"Pour postuler, utiliser le lien suivant : {url}",
                "urlPostulation": url,
            }
        if not partner:
            payload["agence"] = (
                {"courriel": f"ape.{commune.dept.lower()}{rng.randint(0, 99):03d}@francetravail.fr"}
                if rng.random() < 0.3
                else {}
            )
        payload["nombrePostes"] = 1 if rng.random() < 0.9 else rng.randint(2, 5)
        payload["accessibleTH"] = rng.random() < 0.15
        if rng.random() < 0.2:
            payload["deplacementCode"], payload["deplacementLibelle"] = rng.choice(
                (("1", "Jamais"), ("2", "Ponctuels"), ("3", "Fréquents"))
            )
        payload["qualificationCode"] = occ.qualification
        payload["qualificationLibelle"] = QUALIFICATIONS[occ.qualification]
        if not partner:
            payload["codeNAF"] = occ.naf[0]
            payload["secteurActivite"] = occ.naf[1]
            payload["secteurActiviteLibelle"] = occ.naf[2]
        if not partner and rng.random() < 0.85:
            payload["qualitesProfessionnelles"] = [
                {"libelle": QUALITES_PROFESSIONNELLES[i][0], "description": QUALITES_PROFESSIONNELLES[i][1]}
                for i in rng.sample(occ.soft, min(3, len(occ.soft)))
            ]
        if rng.random() < 0.4:
            payload["trancheEffectifEtab"] = rng.choice(
                ("1 ou 2 salariés", "3 à 5 salariés", "6 à 9 salariés", "10 à 19 salariés", "20 à 49 salariés",
                 "50 à 99 salariés", "100 à 199 salariés", "250 à 499 salariés")
            )  # fmt: skip
        url_origine = f"https://candidat.francetravail.fr/offres/recherche/detail/{offer_id}"
        if partner:
            name, url = rng.choice(PARTNERS)
            payload["origineOffre"] = {
                "origine": "2",
                "urlOrigine": url_origine,
                "partenaires": [
                    {
                        "nom": name,
                        "url": url.format(id=rng.randint(10_000_000, 99_999_999)),
                        "logo": f"https://www.francetravail.fr/logos/img/partenaires/{name.lower()}80.png",
                    }
                ],
            }
        else:
            payload["origineOffre"] = {"origine": "1", "urlOrigine": url_origine}
        payload["offresManqueCandidats"] = rng.random() < 0.1
        if partner:
            payload["contexteTravail"] = {}
        else:
            context: dict[str, Any] = {"horaires": [job.hours[0], *rng.sample(HORAIRES_CONTEXT, rng.randint(0, 2))]}
            if rng.random() < 0.3:
                context["conditionsExercice"] = rng.sample(CONDITIONS_EXERCICE, rng.randint(1, 2))
            payload["contexteTravail"] = context
        payload["entrepriseAdaptee"] = False
        payload["employeurHandiEngage"] = rng.random() < 0.1
        if ugly == "unknown_fields":
            payload.update(rng.choice(UNKNOWN_FT_FIELDS))
        return payload

    def adzuna(self, job: _Job, *, duplicate: bool = False, ugly: str | None = None) -> dict[str, Any]:
        rng = self.rng
        occ = job.occ
        place = job.place
        adzuna_id = str(4_000_000_000 + self.adzuna_ids.take())
        created = job.created + (rng.random() - 0.5) * 4 * 86400 if duplicate else job.created
        created = min(created, self.now - 60)
        title = (
            _decorate_adzuna_title(rng, job.base_title)
            if duplicate
            else job.base_title + rng.choice(_ADZUNA_TITLE_SUFFIX)
        )
        if ugly == "long_title":
            title = title + LONG_TITLE_TAIL
        # Adzuna leaves many jobs uncategorised.
        tag = "unknown" if ugly == "category_unknown" or rng.random() < 0.4 else occ.category
        payload: dict[str, Any] = {
            "__CLASS__": "Adzuna::API::Response::Job",
            "id": adzuna_id,
            "title": title,
            "description": "" if ugly == "empty_description" else _adzuna_description(job.text),
            "created": _iso_s(created),
            "redirect_url": f"https://www.adzuna.fr/details/{adzuna_id}?utm_medium=api&utm_source=jobmarket",
            "company": {"__CLASS__": "Adzuna::API::Response::Company"}
            if ugly == "no_company"
            else {"__CLASS__": "Adzuna::API::Response::Company", "display_name": job.company},
            "location": {
                "__CLASS__": "Adzuna::API::Response::Location",
                "area": place.adzuna_area,
                "display_name": place.adzuna_display,
            },
            "category": {"__CLASS__": "Adzuna::API::Response::Category", "tag": tag, "label": ADZUNA_CATEGORIES[tag]},
            "salary_is_predicted": "0",
        }
        if ugly != "no_coordinates":
            # Adzuna places jobs at the commune's centre, 4 decimals.
            payload["latitude"] = round(place.commune.lat, 4)
            payload["longitude"] = round(place.commune.lon, 4)
        if ugly != "no_contract":
            if rng.random() < 0.6:
                payload["contract_type"] = _ADZUNA_CONTRACT.get(job.contract, "contract")
            if rng.random() < 0.5:
                payload["contract_time"] = job.hours[2]
        if ugly == "salary_predicted":
            mid = (job.salary_lo + job.salary_hi) / 2 * 12
            payload["salary_min"] = round(mid * 0.9, 2)
            payload["salary_max"] = round(mid * 1.1, 2)
            payload["salary_is_predicted"] = "1"
        elif job.salary_form not in ("absent", "comment_only") and rng.random() < 0.55:
            unit = job.salary_form.split("_")[0]
            if unit == "annual":
                payload["salary_min"] = round(job.salary_lo * 12, -2)
                payload["salary_max"] = round(job.salary_hi * 12, -2)
            elif unit == "monthly":
                payload["salary_min"] = round(job.salary_lo)
                payload["salary_max"] = round(job.salary_hi)
            else:
                hourly = max(12, round(job.salary_lo / 151.67))
                payload["salary_min"] = hourly
                payload["salary_max"] = hourly
        if ugly == "unknown_fields":
            payload.update(rng.choice(UNKNOWN_ADZUNA_FIELDS))
        token = base64.urlsafe_b64encode(json.dumps({"s": rng.randbytes(8).hex(), "i": adzuna_id}).encode()).rstrip(
            b"="
        )
        signature = base64.urlsafe_b64encode(rng.randbytes(32)).rstrip(b"=")
        payload["adref"] = f"eyJhbGciOiJIUzI1NiJ9.{token.decode()}.{signature.decode()}"
        return payload

    # ---- the stream -------------------------------------------------------------------------------------------

    def stream(self) -> Iterator[LabelledOffer]:
        rng = self.rng
        config = self.config
        cross = config.cross_source_rate
        same = cross + config.same_source_rate
        sibling = same + config.sibling_rate
        while True:
            r = rng.random()
            job = self._new_job()
            if r < cross:
                ugly = self._ugly(FRANCE_TRAVAIL)
                yield LabelledOffer(
                    FRANCE_TRAVAIL, self.francetravail(job, ugly=ugly), job.job_id, "primary", ugly, job.occ.rome_code
                )
                ugly = self._ugly(ADZUNA)
                payload = self.adzuna(job, duplicate=True, ugly=ugly)
                yield LabelledOffer(ADZUNA, payload, job.job_id, "cross_source_duplicate", ugly, job.occ.rome_code)
            elif r < same:
                ugly = self._ugly(FRANCE_TRAVAIL)
                yield LabelledOffer(
                    FRANCE_TRAVAIL, self.francetravail(job, ugly=ugly), job.job_id, "primary", ugly, job.occ.rome_code
                )
                ugly = self._ugly(FRANCE_TRAVAIL)
                if ugly == "odd_rome":  # a repost is a partner offer already; keep its ROME code sane
                    ugly = None
                payload = self.francetravail(job, repost=True, ugly=ugly)
                yield LabelledOffer(FRANCE_TRAVAIL, payload, job.job_id, "repost", ugly, job.occ.rome_code)
            else:
                jobs = [(job, "primary")]
                if r < sibling:
                    jobs.append((self._sibling(job), "sibling"))
                for one, role in jobs:
                    source = FRANCE_TRAVAIL if rng.random() < config.ft_share else ADZUNA
                    ugly = self._ugly(source)
                    if source == FRANCE_TRAVAIL:
                        payload = self.francetravail(one, ugly=ugly, decorate=True)
                    else:
                        payload = self.adzuna(one, ugly=ugly)
                    yield LabelledOffer(source, payload, one.job_id, role, ugly, one.occ.rome_code)


def _default_now() -> datetime:
    """Today at midnight UTC: reruns on the same day give the same payloads."""
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def iter_labelled_offers(
    n: int, seed: int = 42, *, config: GenConfig = DEFAULT_CONFIG, now: datetime | None = None
) -> Iterator[LabelledOffer]:
    """N payloads with their ground truth, in generation order (the two sources interleaved).

    Deterministic for (seed, config, now); the first k offers do not depend on n.
    `now` is the collection date: publication dates fall in the 60 days before it.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    generator = _Generator(seed, now or _default_now(), config)
    return itertools.islice(generator.stream(), n)


def iter_offers(
    n: int, seed: int = 42, *, config: GenConfig = DEFAULT_CONFIG, now: datetime | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """N raw payloads as (source, payload), source being "francetravail" or "adzuna"."""
    for offer in iter_labelled_offers(n, seed, config=config, now=now):
        yield offer.source, offer.payload


def _ft_page(offers: list[dict[str, Any]]) -> dict[str, Any]:
    contracts = Counter(o.get("typeContrat") for o in offers)
    experience = Counter(_EXPERIENCE_FILTER.get(o.get("experienceExige", ""), "1") for o in offers)
    qualification = Counter("9" if o.get("qualificationCode") == "9" else "0" for o in offers)
    nature = Counter(_NATURE_CODES.get(o.get("natureContrat", ""), "E1") for o in offers)

    def aggregate(name: str, counts: Counter[Any]) -> dict[str, Any]:
        return {
            "filtre": name,
            "agregation": [{"valeurPossible": value, "nbResultats": count} for value, count in sorted(counts.items())],
        }

    return {
        "resultats": offers,
        "filtresPossibles": [
            aggregate("typeContrat", contracts),
            aggregate("experience", experience),
            aggregate("qualification", qualification),
            aggregate("natureContrat", nature),
        ],
    }


def _adzuna_page(jobs: list[dict[str, Any]], count: int) -> dict[str, Any]:
    salaries = [(j["salary_min"] + j["salary_max"]) / 2 for j in jobs if "salary_min" in j and "salary_max" in j]
    mean = round(sum(salaries) / len(salaries), 2) if salaries else 0.0
    return {"__CLASS__": "Adzuna::API::Response::JobSearchResults", "count": count, "mean": mean, "results": jobs}


def iter_pages(
    n: int,
    seed: int = 42,
    *,
    config: GenConfig = DEFAULT_CONFIG,
    now: datetime | None = None,
    ft_page_size: int = FT_PAGE_SIZE,
    adzuna_page_size: int = ADZUNA_PAGE_SIZE,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The N offers as API response bodies: (source, page), pages filled up to the API limits.

    Only the two pages being filled are held in memory. Adzuna's `count` is the expected number of Adzuna
    payloads in the whole set (the real field is the query's total), France Travail's `filtresPossibles`
    aggregates the page.
    """
    if not 1 <= ft_page_size <= FT_PAGE_SIZE or not 1 <= adzuna_page_size <= ADZUNA_PAGE_SIZE:
        raise ValueError(f"page sizes must be 1..{FT_PAGE_SIZE} (France Travail) and 1..{ADZUNA_PAGE_SIZE} (Adzuna)")
    adzuna_count = round(n * config.adzuna_fraction())
    ft_buffer: list[dict[str, Any]] = []
    adzuna_buffer: list[dict[str, Any]] = []
    for source, payload in iter_offers(n, seed, config=config, now=now):
        if source == FRANCE_TRAVAIL:
            ft_buffer.append(payload)
            if len(ft_buffer) == ft_page_size:
                yield FRANCE_TRAVAIL, _ft_page(ft_buffer)
                ft_buffer = []
        else:
            adzuna_buffer.append(payload)
            if len(adzuna_buffer) == adzuna_page_size:
                yield ADZUNA, _adzuna_page(adzuna_buffer, adzuna_count)
                adzuna_buffer = []
    if ft_buffer:
        yield FRANCE_TRAVAIL, _ft_page(ft_buffer)
    if adzuna_buffer:
        yield ADZUNA, _adzuna_page(adzuna_buffer, adzuna_count)


@dataclass(slots=True)
class WriteStats:
    pages: Counter[str] = field(default_factory=Counter)
    offers: Counter[str] = field(default_factory=Counter)
    bytes: int = 0


def page_path(out: Path, source: str, number: int) -> Path:
    return out / source / f"page-{number:05d}.json"


def write_pages(pages: Iterable[tuple[str, dict[str, Any]]], out: Path, *, indent: int | None = None) -> WriteStats:
    """Write pages as DIR/<source>/page-00001.json...; earlier generated pages (page-0xxxx) are removed first.

    Hand-written extra files are expected to use numbers from 90000 up and are left alone.
    """
    for source in SOURCES:
        folder = out / source
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("page-0????.json"):
            old.unlink()
    stats = WriteStats()
    for source, page in pages:
        stats.pages[source] += 1
        stats.offers[source] += len(page["resultats"] if source == FRANCE_TRAVAIL else page["results"])
        data = json.dumps(page, ensure_ascii=False, indent=indent).encode()
        page_path(out, source, stats.pages[source]).write_bytes(data + b"\n")
        stats.bytes += len(data) + 1
    return stats


# --------------------------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.gen_offers",
        description="Generate realistic France Travail / Adzuna payloads (streaming, seeded) and print throughput.",
    )
    parser.add_argument("--n", type=int, default=100_000, help="number of payloads (default 100000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--out", type=Path, help="write pages under OUT/francetravail and OUT/adzuna (else generate only)"
    )
    parser.add_argument("--now", help="collection date, ISO 8601 (default: today 00:00 UTC)")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print JSON (slower; default compact)")
    parser.add_argument("--ft-share", type=float, default=DEFAULT_CONFIG.ft_share)
    parser.add_argument("--cross-source-rate", type=float, default=DEFAULT_CONFIG.cross_source_rate)
    parser.add_argument("--same-source-rate", type=float, default=DEFAULT_CONFIG.same_source_rate)
    parser.add_argument("--sibling-rate", type=float, default=DEFAULT_CONFIG.sibling_rate)
    parser.add_argument("--ugly-rate", type=float, default=DEFAULT_CONFIG.ugly_rate)
    parser.add_argument(
        "--demo",
        type=Path,
        metavar="DIR",
        help=f"write the demo set into DIR: {DEMO_SIZE} offers, seed {DEMO_SEED}, every occupation and region, indent=1",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        now = datetime.fromisoformat(args.now) if args.now else _default_now()
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        if args.demo is not None:
            n, seed, config, out, indent = DEMO_SIZE, DEMO_SEED, DEMO_CONFIG, args.demo, 1
        else:
            config = GenConfig(
                ft_share=args.ft_share,
                cross_source_rate=args.cross_source_rate,
                same_source_rate=args.same_source_rate,
                sibling_rate=args.sibling_rate,
                ugly_rate=args.ugly_rate,
            )
            n, seed, out, indent = args.n, args.seed, args.out, args.indent
        if n < 0:
            raise ValueError("--n must be >= 0")
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    cpu_started = time.process_time()
    if out is None:
        per_source: Counter[str] = Counter()
        for source, _payload in iter_offers(n, seed, config=config, now=now):
            per_source[source] += 1
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        written = ""
    else:
        stats = write_pages(iter_pages(n, seed, config=config, now=now), out, indent=indent)
        per_source = stats.offers
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        written = (
            f"; wrote {stats.pages[FRANCE_TRAVAIL]} + {stats.pages[ADZUNA]} pages, "
            f"{stats.bytes / 1e6:.1f} MB under {out}"
        )
    # CPU time too: on a shared machine the wall clock says more about the neighbours than about us.
    rate = n / elapsed if elapsed > 0 else float("inf")
    cpu_rate = n / cpu if cpu > 0 else float("inf")
    print(
        f"gen_offers: {n} offers ({per_source[FRANCE_TRAVAIL]} France Travail, {per_source[ADZUNA]} Adzuna), "
        f"seed {seed}, in {elapsed:.2f} s wall / {cpu:.2f} s CPU = {rate:,.0f} offers/s wall, "
        f"{cpu_rate:,.0f} offers/s per CPU second (one process, one core){written}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
