"""The job of a CV's latest dated experience (`offers.understanding.latest_job`)."""

from __future__ import annotations

import pytest

from offers.understanding.latest_job import latest_job_family, latest_training
from offers.understanding.occupations import OccupationReader


@pytest.fixture
def reader() -> OccupationReader:
    return OccupationReader(
        titles=[
            ("Plongeur / Plongeuse", "G1605"),
            ("Agent / Agente d'entretien", "K2204"),
            ("Femme de chambre", "G1501"),
            ("Maçon / Maçonne", "F1703"),
        ],
        labels={},
        parents={},
        close={},
    )


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # The first dated line, not the postcode before it ("13240" is no year) nor the older job after it.
        (
            "Moussa DIALLO\n13240 Septèmes-les-Vallons\nEXPÉRIENCE\n2024 - 2025 Plongeur, brasserie du Vieux-Port\n"
            "2022 - 2024 Agent d'entretien (CDD), résidence étudiante",
            "G1605",
        ),
        ("Depuis 2022 : Agent d'entretien - Propreté Plus", "K2204"),
        ("Sept. 2022 – aujourd'hui : Agent d'entretien, lycée Jean Moulin", "K2204"),
        # The dates alone on their line: the title on the next one.
        ("EXPÉRIENCE\nJuin 2024 - Septembre 2025\nFemme de chambre, Hôtel des Arts\n", "G1501"),
        # "71000 Mâcon" is a town, not a mason's date.
        ("Léa B.\n71000 Mâcon\n2022 - 2025 Femme de chambre, Hôtel du Parc", "G1501"),
        # Written oldest first: the one still held, else the one that ended last.
        ("2015 - 2019 : Plongeur, brasserie\n2019 - aujourd'hui : Agent d'entretien, lycée", "K2204"),
        ("2012 - 2016 Maçon, entreprise Roux\n2016 - 2021 Plongeur, brasserie du Port", "G1605"),
        # A training section's dates are no job, wherever it stands ("E X P É R I E N C E" spaced out).
        ("FORMATION\n2024 Titre professionnel Maçon\nE X P É R I E N C E\n2019 - 2023 Plongeur, brasserie", "G1605"),
        # A line that opens with a section's word but says more is no heading.
        ("Expérience : 2019-2024 Femme de chambre, Hôtel du Parc", "G1501"),
    ],
)
def test_the_latest_job_is_the_title_of_the_latest_dated_line(reader, text, family):
    assert latest_job_family(text, reader) == family


@pytest.mark.parametrize(
    "text",
    [
        # The first dated line names an employer, not a title: nothing, not the job of an older line.
        "2019-2024 Maison Martin, Lyon : pétrissage et cuisson\n2015-2019 Plongeur, brasserie",
        "Plongeur depuis cinq ans, je cherche un poste à Lyon.",  # no dated line
        "",
    ],
)
def test_no_latest_job_without_a_title_on_the_latest_dated_line(reader, text):
    assert latest_job_family(text, reader) == ""


@pytest.mark.parametrize(
    ("text", "training"),
    [
        # A trade's diploma finished after the latest job: its name, not its school nor its dates.
        (
            "EXPÉRIENCE\n2014 – 2025 Agent logistique, plateforme de distribution\nFORMATION\n"
            "2022 – 2025 Diplôme d'État d'éducateur spécialisé (DEES), IFTS Échirolles\n2009 Bac STMG",
            "Diplôme d'État d'éducateur spécialisé",
        ),
        (
            "EXPÉRIENCE\n2018 - 2023 Comptable, cabinet Durand\nFORMATION\n2024 CAP Fleuriste, CFA de Rennes",
            "CAP Fleuriste",
        ),
        # An English CV.
        (
            "PROFESSIONAL EXPERIENCE\n2015 – 2024  Office administrator, building society, Belfast\n"
            "EDUCATION & TRAINING\n2024 – 2025  CAP Maintenance des véhicules, option voitures particulières\n"
            "2010  A-levels (Maths, Physics, French)",
            "CAP Maintenance des véhicules",
        ),
    ],
)
def test_a_diploma_finished_after_the_latest_job_is_the_latest_training(text, training):
    assert latest_training(text) == training


@pytest.mark.parametrize(
    "text",
    [
        # Older than the latest job, a certificate many trades ask for, a job still held, no job at all.
        "EXPÉRIENCE\n2016 - 2024 Plongeur, brasserie\nFORMATION\n2012 CAP cuisine",
        "EXPÉRIENCE\n2016 - 2024 Soudeur, chaudronnerie\nFORMATION\n2024 CACES R489 catégorie 3",
        "EXPÉRIENCE\nDepuis 2019 Vendeuse, boutique\nFORMATION\n2024 BTS MCO",
        "FORMATION\n2025 CAP Fleuriste",
    ],
)
def test_no_latest_training_where_none_follows_the_latest_job(text):
    assert latest_training(text) == ""
