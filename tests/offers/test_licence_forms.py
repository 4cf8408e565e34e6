"""A CACES by its recommendation and category, an electrical habilitation by its symbol, however they are written
(offers/understanding/licence_forms.py)."""

from __future__ import annotations

import pytest

from offers.understanding.licence_forms import licence_lists_spelled
from offers.understanding.skills import skill_reader

R489_1A = (
    "Transpalettes et préparateurs sans élévation du poste de conduite (h < ou = à 1,20 m) (CACES R 489-1A) - "
    "Depuis le 01/01/2020"
)
R489_1B = "Gerbeurs à conducteur porté (hauteur de levée > 1.20 m) (CACES R 489-1B - Depuis le 01/01/2020"
R389_1 = "Transpalettes à conducteur porté et préparateurs de commandes au sol (CACES R 389-1)"
R389_3 = "Chariots élévateurs en porte-à-faux de capacité inférieure ou égale à 6000 kg (CACES R 389-3)"
R389_4 = "Chariots élévateurs en porte-à-faux de capacité supérieure à 6000 kg (CACES R 389-4)"
R482_A = "Engins compacts (CACES R 482-A) - Depuis le 01/01/2020"
R386 = "Plates-formes élévatrices mobiles de personnes ou PEMP (CACES R 386)"
R486_B = "PEMP du groupe B (CACES R 486-B) - Depuis le 01/01/2020"
R489_5_LONG = (
    "Certificat d'aptitude à la conduite en sécurité R489 chariots de manutention automoteurs à conducteur porté "
    "catégorie 5 chariots élévateurs à mât rétractable"
)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("CACES 1, 3 et 5", "CACES R489 1, CACES R489 3, CACES R489 5"),
        ("Cariste, CACES® R489 cat. 1, 3 et 5 à jour", "Cariste, CACES R489 1, CACES R489 3, CACES R489 5 à jour"),
        ("CACES 1 3 5", "CACES R489 1, CACES R489 3, CACES R489 5"),
        ("CACES R489 catégories 1A/1B", "CACES R489 1a, CACES R489 1b"),
        ("R489 catégorie 5", "CACES R489 5"),
        # The old recommendations are read as the ones that replaced them in 2020.
        ("(CACES R 389-4)", "(CACES R489 4)"),
        ("Grues (CACES R 377)", "Grues (CACES R487)"),
        # A category by letter only after its recommendation.
        ("Engins (CACES R 482-B1) - Depuis", "Engins (CACES R482 b1) - Depuis"),
        (
            "Certificat d'aptitude à la conduite en sécurité R482 engins de chantier catégorie F chariots tout-terrain",
            "CACES R482 f engins de chantier chariots tout-terrain",
        ),
        ("CACES cariste", "CACES cariste"),
        ("Le CACES n'est pas exigé", "Le CACES n'est pas exigé"),
        ("Permis B et C", "Permis B, Permis C"),
        # Electrical habilitations, by symbol; "H0B0" is two.
        ("Habilitation électrique B1V, BR", "Habilitation électrique b1v, Habilitation électrique br"),
        (
            "habilitations électriques : H0B0 / B2V",
            "Habilitation électrique h0, Habilitation électrique b0, Habilitation électrique b2v",
        ),  # fmt: skip
        ("Habilitation électrique NF C18-510 B1V-BR", "Habilitation électrique b1v, Habilitation électrique br"),
        ("habilité B1V", "Habilitation électrique b1v"),
        ("B2V", "Habilitation électrique b2v"),
        (
            "French electrical clearance B2V BR.",
            "French electrical clearance Habilitation électrique b2v, Habilitation électrique br.",
        ),  # fmt: skip
        # Alone, "BR" and "BC" are a receipt and an order form; "B1" a language level.
        ("Gestion des BR et BC", "Gestion des BR et BC"),
        ("Anglais niveau B1", "Anglais niveau B1"),
        ("Habilitation électrique à jour", "Habilitation électrique à jour"),
    ],
)
def test_a_licence_is_read_in_one_canonical_form(written, read):
    assert licence_lists_spelled(written) == read


def _verdict(label: str, listed: list[str]) -> str:
    reader = skill_reader()
    profile = reader.profile(skills=listed)
    if reader.covered(label, profile):
        return "claimed"
    return "neither" if reader.partly(label, profile) else "missing"


@pytest.mark.parametrize(
    ("label", "listed", "verdict"),
    [
        # An old category 1 is the R489's 1A: pallet trucks.
        (R489_1A, ["CACES 1"], "claimed"),
        (R389_1, ["CACES R489 1A"], "claimed"),
        ("Utiliser un transpalette", ["CACES 1"], "claimed"),
        # The 1B (gerbeurs) may come with an old category 1, it is not the 1A.
        (R489_1B, ["CACES 1"], "neither"),
        (R489_1B, ["CACES R489 1A et 3"], "neither"),
        (R489_1A, ["CACES 1B"], "missing"),
        # A category is had or not: a 3 and a 5 hold no 4, nor any other recommendation's CACES.
        (R389_3, ["CACES R489 cat 3 et 5"], "claimed"),
        (R389_4, ["CACES R489 cat 3 et 5"], "missing"),
        (R482_A, ["CACES 1, 3, 5"], "missing"),
        (R386, ["CACES 3"], "missing"),
        (R386, ["CACES R486 nacelle"], "claimed"),
        (R482_A, ["CACES R372 cat 1"], "claimed"),
        # ROME's long form, its category after the machines' family.
        (R489_5_LONG, ["CACES R489 cat 3"], "missing"),
        (R489_5_LONG, ["CACES 5"], "claimed"),
        # Every recommendation's categories are had or not; the recommendation alone, or another category, may come
        # with it.
        (R486_B, ["CACES R486 cat A"], "neither"),
        (R486_B, ["CACES nacelle"], "neither"),
        (R486_B, ["CACES R486 B"], "claimed"),
        (R486_B, ["CACES R489 cat 3"], "missing"),
        # Scaffolding recommendations are their own, never any CACES.
        ("CACES R457 échafaudages roulants", ["Echafaudage R408", "CACES R486 cat A"], "missing"),
        ("Montage, utilisation et démontage des échafaudages roulants (R457)", ["CACES R457"], "claimed"),
    ],
)
def test_a_caces_label_is_claimed_only_for_its_category(label, listed, verdict):
    assert _verdict(label, listed) == verdict


B2V = "Habilitation électrique B2V chargé de travaux électriques au voisinage, basse tension"
H1 = "Habilitation électrique H1 exécutant électricien, haute tension"
BS = "Habilitation électrique BS chargé d'intervention élémentaire, basse tension"
LIVE = "Habilitations électriques de travaux sous tension"


@pytest.mark.parametrize(
    ("label", "listed", "verdict"),
    [
        # A symbol holds those below it in its domain, never the other domain's nor live working.
        (BS, ["Habilitation électrique B1V BR"], "claimed"),
        ("Habilitation électrique", ["Habilitation électrique B1V BR"], "claimed"),
        (B2V, ["Habilitation électrique B1V BR"], "missing"),
        (H1, ["Habilitation électrique B1V BR"], "missing"),
        (LIVE, ["Habilitation électrique B1V BR"], "missing"),
        ("Habilitation électrique B1V exécutant", ["habilitation electrique b2v"], "claimed"),
        (B2V, ["B2V"], "claimed"),
    ],
)
def test_an_electrical_habilitation_is_claimed_only_for_its_symbol(label, listed, verdict):
    assert _verdict(label, listed) == verdict


LINUX_CERTIFICATE = "Certificat complémentaire de spécialisation administrer les serveurs Linux"


@pytest.mark.parametrize(
    ("label", "listed", "verdict"),
    [
        # Using a tool is no certificate on it: neither claimed nor called missing.
        (LINUX_CERTIFICATE, ["Linux Debian"], "neither"),
        (LINUX_CERTIFICATE, ["Linux", "Certification LPIC"], "claimed"),
        (LINUX_CERTIFICATE, ["Windows Server"], "missing"),
        ("Administration Linux", ["Linux Debian"], "claimed"),
        # A licence is a certificate itself: read by its category.
        (R489_5_LONG, ["CACES R489 cat 5"], "claimed"),
    ],
)
def test_a_certificate_on_a_tool_is_claimed_only_where_one_is_said(label, listed, verdict):
    assert _verdict(label, listed) == verdict
