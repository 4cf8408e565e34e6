"""A CV that names no job title but describes its tasks proposes the ROME occupation they describe, when one
stands clearly above the others; a doubtful reading proposes nothing (the candidate confirms in any case).

The cases below are the measured ones `occupation_tasks.MIN_MARGIN` and `MIN_SHARED` were chosen on (real ROME
v4.60 definitions). Proposals (same family / close family / unrelated / none) by margin: 1.1: 9/1/1/3,
1.2: 8/1/0/5, 1.3: 7/1/0/6, 1.4: 6/1/0/7, 1.5: 4/1/0/9. 1.3 keeps a step above the first unrelated reading
(the office cleaner read as a hospital service agent, 1.15); the plumber-heating engineer is read as
"Chauffagiste", a close occupation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates import cv_services
from candidates.cv_proposals import cv_proposals_read
from offers.geography.loading import gazetteer
from offers.reference_data import rome_load
from offers.understanding.occupation_tasks import task_reader
from offers.understanding.occupations import occupation_reader
from offers.understanding.skills import skill_reader
from tests.candidates.documents import pdf_with_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"

# (the CV's ROME code, what the CV says it did), no job title in the text.
TASK_ONLY_CVS = [
    (
        "D1102",
        "Expérience 2019-2024 Maison Martin, Lyon. Pétrissage, façonnage et cuisson des pains et des "
        "viennoiseries, gestion de la fermentation, travail de nuit, préparation des commandes des restaurants.",
    ),
    (
        "G1803",
        "Brasserie du Port 2021-2023 : accueil et placement des clients en salle, prise de commande, service à "
        "table, conseil sur les vins, encaissement, dressage et débarrassage des tables.",
    ),
    (
        "M1805",
        "Depuis 2020 chez DataSoft : conception et développement d'applications web en Python et JavaScript, "
        "écriture de tests unitaires, revue de code, mise en production, maintenance des API.",
    ),
    (
        "J1501",
        "EHPAD Les Lilas (2018-2024) : toilettes et soins d'hygiène des résidents, aide aux repas, change, "
        "prévention des escarres, transmissions à l'équipe infirmière.",
    ),
    (
        "N1103",
        "Entrepôt Logistique Sud : préparation de commandes au scanner, conditionnement et emballage des "
        "colis, chargement des camions, inventaires. CACES 1.",
    ),
    (
        "K2204",
        "Propreté Plus : nettoyage des bureaux et des sanitaires, vidage des poubelles, lavage des sols à "
        "l'autolaveuse, respect des protocoles.",
    ),
    (
        "M1203",
        "Cabinet Durand 2017-2024 : tenue de la comptabilité de 40 clients, saisie des écritures, "
        "rapprochements bancaires, déclarations de TVA, préparation des bilans.",
    ),
    (
        "F1603",
        "Artisan 2015-2024 : installation et dépannage de chauffe-eau, pose de sanitaires, raccordement des "
        "réseaux d'eau, entretien de chaudières gaz.",
    ),
    (
        "D1505",
        "Supermarché Casino : tenue de caisse, encaissement des achats, accueil des clients, ouverture et "
        "fermeture de caisse, comptage du fond de caisse.",
    ),
    (
        "N4101",
        "Transports Rapides : livraisons régionales en semi-remorque, chargement et arrimage des "
        "marchandises, respect des temps de conduite, documents de transport.",
    ),
    (
        "G1602",
        "Restaurant Le Saint-Jean : préparation des entrées, plats et desserts, mise en place du poste, "
        "élaboration des menus du jour, respect des normes HACCP.",
    ),
    (
        "D1202",
        "Salon Tendance : coupes hommes et femmes, colorations, mèches, brushings, conseil aux clientes, "
        "vente de produits capillaires.",
    ),
    (
        "M1607",
        "PME Batiplus : accueil téléphonique, classement, saisie de devis et de factures, gestion des "
        "agendas, rédaction de courriers.",
    ),
    (
        "A1203",
        "Mairie de Saint-Priest : tonte des pelouses, taille des haies, plantation des massifs, arrosage, "
        "entretien des espaces verts.",
    ),
]


@pytest.fixture
def rome():
    assert ROME.is_dir(), "the tests read the ROME referential of ../shared/data"
    rome_load(folder=ROME)


def _title(text: str) -> tuple[str, str]:
    proposals = cv_proposals_read(
        text,
        vocabulary=[],
        skills=skill_reader(),
        occupations=occupation_reader(),
        places=gazetteer(),
        tasks=task_reader(),
    )
    return proposals.title, proposals.rome_code


def test_task_only_cvs_get_their_occupation_or_nothing_never_an_unrelated_one(rome):
    occupations = occupation_reader()
    right = unrelated = 0
    for code, text in TASK_ONLY_CVS:
        title, proposed = _title(text)
        if not proposed:
            assert title == ""
            continue
        assert title == occupations.label(proposed), (text, title)
        if occupations.relation(code, proposed) in ("same", "close"):
            right += 1
        else:
            unrelated += 1
    assert unrelated == 0
    assert right >= 8


def test_a_cv_naming_its_title_keeps_it_as_written(rome):
    title, code = _title(
        "Léa Bernard\nJe recherche un poste de pâtissière.\nExpérience : montage des entremets, pâtes feuilletées."
    )
    assert (title, code) == ("Pâtissière", "D1104")


TASK_ONLY_CV = [
    "Nadia Benali",
    "nadia.benali@example.fr",
    "Expériences",
    "2019-2024 Maison Martin, Lyon : pétrissage, façonnage et cuisson des pains et des viennoiseries,",
    "gestion de la fermentation, travail de nuit, préparation des commandes des restaurants.",
    "Formation : CAP obtenu en 2018.",
]


@pytest.mark.parametrize(("kept", "code"), [("Boulangère", "D1102"), ("Serveuse", "")])
def test_a_cv_describing_tasks_only_proposes_the_rome_label_and_the_candidate_confirms_it(client, rome, kept, code):
    user = UserFactory(username="nadia@example.fr")
    upload = cv_services.cv_upload_start(user=user, upload=SimpleUploadedFile("cv.pdf", pdf_with_text(TASK_ONLY_CV)))
    assert (upload.proposals["title"], upload.proposals["rome_code"]) == ("Boulanger / Boulangère", "D1102")
    assert upload.proposals["title_from_tasks"] is True
    # The profile page says where the title comes from: deduced, not read.
    client.force_login(user)
    page = client.get("/profil/").content.decode()
    assert "Métier déduit des missions décrites dans votre CV" in page
    assert 'name="cv-title" value="Boulanger / Boulangère"' in page
    # The candidate may edit the title: the code follows only an edit that names the same occupation.
    profile = cv_services.cv_proposals_accept(user=user, upload_id=upload.pk, title=kept, place_insee="", skills=[])
    assert (profile.wanted_title, profile.rome_code) == (kept, code)


def test_an_english_cv_proposes_the_title_it_names_and_nothing_from_tasks_it_cannot_read(rome):
    assert _title("Sam Taylor\nLooking for a position as a software developer.\nPython, Django, React.")[1] == "M1805"
    assert _title(
        "Sam Taylor\n2019-2024 Bakery Smith: kneading dough, shaping loaves, baking bread and pastries, night shifts."
    ) == ("", "")


@pytest.mark.parametrize(
    "text",
    [
        # Says nothing of a job: one rare word in common with a definition ("polyvalent") is not enough.
        "Dynamique et polyvalent, j'ai travaillé dans plusieurs entreprises. Permis B. Disponible rapidement.",
        # The tasks of a job the candidate leaves are not the job they want.
        "Ancien boulanger, je me reconvertis. Pétrissage, façonnage et cuisson des pains, travail de nuit.",
    ],
)
def test_a_vague_cv_or_the_tasks_of_a_job_left_behind_propose_no_title(rome, text):
    assert _title(text) == ("", "")
