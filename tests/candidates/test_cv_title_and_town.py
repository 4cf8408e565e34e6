"""The title and the town a CV proposes are the ones a recruiter reads in it (`candidates.cv_title`,
`candidates.cv_town`), on the real ROME referential and communes file of ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from candidates.cv_title import cv_title
from candidates.cv_town import cv_town
from offers.reference_data import rome_load
from offers.understanding.occupations import occupation_reader
from tests.geography.conftest import commune_rows, france  # noqa: F401 (fixtures)

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"


@pytest.fixture
def occupations(db):
    assert ROME.is_dir(), "the tests read the ROME referential of ../shared/data"
    rome_load(folder=ROME)
    return occupation_reader()


def _cv(*lines: str) -> str:
    return "\n".join(lines)


# --- town -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        # Beside the phone number and the e-mail, whatever the separator.
        (_cv("Mamadou SYLLA", "Meaux - 06 33 41 78 20", "Agent de quai"), "77284"),
        (_cv("Nadia H.", "nadia.h@gmail.com — 06 45 90 12 77 — Saint-Brieuc"), "22278"),
        (_cv("KEVIN DUBOIS", "Monteur", "Lille (59)   07 62 18 33 05"), "59350"),
        (_cv("Camille R.", "Panazol (87) - camille.r87@gmail.com - 06 58 12 77 40"), "87114"),
        # An arrondissement is its city's.
        (_cv("Hugo LAMBERT", "Paris 11e", "hugo@proton.me"), "75056"),
        (_cv("Léa M.", "Lyon 3ème · 06 11 22 33 44"), "69123"),
        # With its postcode, after or before the name; a postcode the communes file does not hold ("80000": Amiens
        # is filed under 80080) is read by its département.
        (_cv("Yanis HADDAD", "Maisons-Alfort (94700)", "06 11 48 26 93"), "94046"),
        (_cv("Antonio P.", "Tournefeuille 31170 | 06 33 48 15 90"), "31557"),
        (_cv("Sabrina M.", "80000 Amiens — 07 45 12 88 63"), "80021"),
        (_cv("Dr L. B.", "Médecin généraliste", "13008 Marseille"), "13055"),
        # A département by its name; a commune renamed since, by its postcode ("Cherbourg" is Cherbourg-en-Cotentin).
        (_cv("Paul M.", "Ébéniste", "Autun (Saône-et-Loire) — 06 09 52 71 38"), "71014"),
        (_cv("Paul M.", "Cherbourg (50130)", "06 09 52 71 38"), "50129"),
        # After a label, anywhere; on a contact line, anywhere (a name that starts like a label: "Villejuif").
        (_cv("Julie N.", "EXPÉRIENCE", "2020-2024 Serveuse", "Résidant à Tours"), "37261"),
        (_cv("Julie N.", "EXPÉRIENCE", "2020-2024 Serveuse", "Domicile : Rennes"), "35238"),
        (_cv("Thomas L.", "Habite Villeneuve-d'Ascq (59) – 06 62 90 31 45"), "59009"),
        (
            _cv("Alex D.", "EXPÉRIENCE", "2020-2024 Ingénieur méthodes", "Villejuif — 06 57 40 83 12 — a.d@mail.fr"),
            "94076",
        ),
    ],
)
def test_the_town_is_read_where_a_cv_writes_it(france, text, insee):  # noqa: F811
    commune = cv_town(text, france)
    assert commune is not None and commune.insee == insee


@pytest.mark.parametrize(
    "text",
    [
        # The towns of the experiences are where they worked.
        _cv("Marie DUPONT", "06 12 34 56 78", "EXPÉRIENCE", "2019-2024 Aide-soignante, EHPAD, Montauban"),
        _cv("Marie DUPONT", "2019-2024 Aide-soignante - Montauban", "2015-2019 ASH"),
        # A name several communes share, without its postcode or département.
        _cv("Karim B.", "Saint-Denis - 06 12 34 56 78"),
        # No town at all.
        _cv("Karim B.", "karim@mail.fr | 06 12 34 56 78", "Cuisinier"),
    ],
)
def test_no_town_is_proposed_where_the_cv_gives_none(france, text):  # noqa: F811
    assert cv_town(text, france) is None


# --- title ------------------------------------------------------------------------------------------------------


def _family(occupations, code: str) -> str:
    return occupations.family(code) if code else ""


@pytest.mark.parametrize(
    ("text", "written", "expected_code"),
    [
        # The headline, not the older job the experiences name first.
        (
            _cv(
                "Amandine FAURE",
                "42400 Saint-Chamond",
                "AUXILIAIRE DE PUÉRICULTURE",
                "EXPÉRIENCES",
                "2019 – 2022 Agent de service hospitalier, maternité",
                "2017 – 2019 Téléconseillère, centre d'appels",
            ),
            "Auxiliaire de puériculture",
            "J1304",
        ),
        # The latest dated job, not an older one nor the one a diploma is named after.
        (
            _cv(
                "Sandrine BOYER",
                "06 71 25 48 93",
                "PARCOURS PROFESSIONNEL",
                "2019 - 2025  Directrice de magasin, supérette de centre-ville",
                "2011 - 2014  Employée libre-service, supermarché",
                "FORMATION",
                "BTS Management des unités commerciales (2011)",
            ),
            "Directrice de magasin",
            "D1504",
        ),
        (
            _cv(
                "Sébastien MOREL",
                "EXPÉRIENCE PROFESSIONNELLE",
                "2019 - 2025  Enseignant de la conduite automobile - Auto-école du Stade",
                "2014 - 2018  Chauffeur VTC (indépendant)",
            ),
            "Enseignant de la conduite automobile",
            "K2110",
        ),
        # Experiences written oldest first: the latest is the one still held; a diploma's date is no job.
        (
            _cv(
                "Lucas BERNARD",
                "Expériences",
                "2016 – 2017 : Commis de salle, hôtel",
                "2019 – 2022 : Serveur, brasserie",
                "2022 – aujourd'hui : Chef de rang, restaurant gastronomique",
                "FORMATION",
                "2024 : CAP Cuisine",
            ),
            "Chef de rang",
            "G1810",
        ),
        # The job sought, over the headline and the latest job.
        (
            _cv(
                "Rachid B.",
                "Chauffeur VTC",
                "Objectif : conducteur de bus",
                "2019 - 2025  Chauffeur VTC, indépendant",
            ),
            "Conducteur de bus",
            "N4103",
        ),
        # The holder's name is no headline, even when it is a trade's ("BOULANGER").
        (
            _cv("Marie BOULANGER", "06 12 34 56 78", "EXPÉRIENCE", "2018-2024 Serveuse, brasserie du Port"),
            "Serveuse",
            "G1803",
        ),
    ],
)
def test_the_title_is_the_job_sought_the_headline_or_the_latest_job(occupations, text, written, expected_code):
    title, code = cv_title(text, occupations)
    assert title == written
    assert _family(occupations, code) == _family(occupations, expected_code)


@pytest.mark.parametrize(
    ("text", "proposed"),
    [
        # "Vendeuse": clothes, shoes, food? A code would hide the offers of the others; the title goes alone.
        (
            _cv(
                "Léa BERTRAND",
                "71000 Mâcon",
                "Expérience professionnelle",
                "Sept. 2022 – aujourd'hui : Vendeuse, enseigne de prêt-à-porter femme, Mâcon",
                "Été 2021 : Serveuse (saisonnière), camping",
            ),
            ("Vendeuse", ""),
        ),
        # Known titles hold its words ("Adjoint administratif / Adjointe administrative ..."): a title, without a code.
        (
            _cv(
                "Céline D.",
                "EXPÉRIENCE",
                "Depuis 2019 : Adjointe administrative – Mairie de Lambersart, état civil",
                "2012 - 2019 : Agent d'accueil – CCAS",
            ),
            ("Adjointe administrative", ""),
        ),
        # No title names the latest job: no older job's title, nor a diploma's.
        (
            _cv(
                "Claire V.",
                "92100 Boulogne-Billancourt",
                "EXPÉRIENCE",
                "2019 - 2025  Responsable adjointe clientèle, agence",
                "2016 - 2019  Chargée d'accueil, même agence",
                "FORMATION",
                "BTS Management des unités commerciales",
            ),
            ("", ""),
        ),
        # An employer on the latest dated line is no title.
        (
            _cv(
                "Sébastien M.",
                "EXPÉRIENCE",
                "2019 - 2025 : Auto-école du Stade, Saint-Denis",
                "Leçons de conduite, préparation au code",
                "2014 - 2018 : Chauffeur VTC",
            ),
            ("", ""),
        ),
    ],
)
def test_a_latest_job_read_unsurely_goes_without_a_code_and_no_title_without_a_job(occupations, text, proposed):
    assert cv_title(text, occupations) == proposed


def test_a_town_in_the_head_is_no_title(occupations):
    text = _cv("Hugo LAMBERT", "Paris 11e", "hugo@proton.me", "PROFIL", "2020-2025 Vendeur cycles, Paris")
    title, _ = cv_title(text, occupations)
    assert title == "Vendeur cycles"


# --- skills -----------------------------------------------------------------------------------------------------


def _skills(text: str, vocabulary: list[str]) -> tuple[str, ...]:
    from candidates.cv_proposals import cv_proposals_read
    from offers.geography.gazetteer import Gazetteer
    from offers.understanding.skills import skill_reader

    return cv_proposals_read(
        text, vocabulary=vocabulary, skills=skill_reader(), occupations=occupation_reader(), places=Gazetteer()
    ).skills


def test_the_skills_proposed_are_those_the_cv_says_of_its_work(occupations):
    vocabulary = [
        "Réaliser les courses",
        "Manager une équipe commerciale",
        "Réaliser un merchandising",
        "Utiliser un transpalette",
        "Préparer des commandes",
    ]
    text = _cv(
        "Yann L.",
        "EXPÉRIENCES",
        "2019 - 2024 Préparateur de commandes, entrepôt : préparation des commandes, transpalette",
        "2018 Site vitrine pour une association (HTML/CSS, WordPress)",
        "FORMATION",
        "2017 BTS Management des unités commerciales",
        "2019 CACES R489 catégorie 1",
        "Habilitation électrique B1V",
        "CENTRES D'INTÉRÊT",
        "Course à pied, sortie des containers du club le samedi",
    )
    proposed = _skills(text, vocabulary)
    assert {"Préparer des commandes", "Utiliser un transpalette", "Habilitation électrique B1V"} <= set(proposed)
    # Not a hobby's words, a diploma's name, a web site's "vitrine", bins called containers, nor a licence unnamed
    # (the B1V holder's B0: the recommendations read it as held, the CV does not say it).
    for unsaid in (
        "Réaliser les courses",
        "Manager une équipe commerciale",
        "Réaliser un merchandising",
        "Docker",
        "Habilitation électrique B0",
    ):
        assert unsaid not in proposed
