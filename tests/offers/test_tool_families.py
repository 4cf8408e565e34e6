"""Tool families and their products (`skill_concepts.json`): a product claims its family, never the other way round,
nor a sibling product; a product's or a family's terms name no label of another trade."""

from __future__ import annotations

import pytest

from offers.understanding.skills import skill_reader


@pytest.mark.parametrize(
    ("label", "family", "listed"),
    [
        ("Utiliser un logiciel de gestion d'entrepôt", "wms", ["WMS Reflex", "Zabbix"]),
        ("Utilisation de logiciels de gestion d'entrepôt", "wms", ["Generix"]),
        ("Systèmes de gestion des transports (Transport Management System - TMS)", "tms", ["Dashdoc"]),
        ("Utilisation de logiciels de gestion de flotte de véhicules", "fleet_telematics", ["Masternaut"]),
        ("Utilisation de logiciels de gestion de maintenance", "gmao", ["Coswin"]),
        ("Progiciels de gestion intégrée d'entreprise (ERP)", "erp", ["SAP"]),
        ("Logiciel de paie", "payroll_software", ["Silae"]),
        ("Système d'Information de Gestion des Ressources Humaines (SIRH)", "sirh", ["Workday"]),
        ("Utilisation de logiciels de gestion de pharmacie", "pharmacy_software", ["Winpharma"]),
        ("Utilisation de logiciels de caisse", "pos_software", ["Lightspeed"]),
        ("Utilisation de logiciels de gestion de cabinet médical", "medical_software", ["Weda"]),
        ("Utilisation d'outils informatiques de supervision", "it_monitoring", ["Zabbix"]),
        ("Gestion des sauvegardes et des restaurations", "backup", ["Veeam"]),
        ("Configuration de pare-feu et de systèmes de prévention d'intrusion", "firewall", ["FortiGate"]),
        ("Virtualisation des serveurs", "virtualisation", ["Proxmox"]),
        ("Utilisation de logiciels de gestion de tickets", "ticketing", ["GLPI"]),
        ("Gestion des campagnes d'emailing", "emailing", ["Brevo"]),
        ("Utilisation de logiciels de gestion de contenu", "cms", ["WordPress"]),
        ("Publication Assistée par Ordinateur (PAO)", "graphic_design", ["Canva"]),
        ("Utiliser un logiciel de chiffrage", "estimating_software", ["Batiprix"]),
        ("Logiciels de prise de rendez-vous", "booking_software", ["Doctolib"]),
    ],
)
def test_a_listed_product_claims_the_label_that_names_its_family(label, family, listed):
    reader = skill_reader()
    assert family in reader.label(label).concepts
    assert reader.covered(label, reader.profile(skills=listed))


@pytest.mark.parametrize(
    ("product", "listed"),
    [
        # The family: they may use this product, their words do not say.
        ("Reflex WMS", ["Logiciel de gestion d'entrepôt"]),
        ("Zabbix", ["Outils de supervision"]),
        ("Silae", ["Logiciel de paie"]),
        ("Winpharma", ["LGO"]),
        ("Coswin", ["GMAO"]),
        # A sibling product.
        ("Zabbix", ["Centreon"]),
        ("Winpharma", ["LGPI"]),
        ("VMware", ["Hyper-V"]),
        ("GLPI", ["ServiceNow"]),
        ("Mailchimp", ["Brevo"]),
        ("Photoshop", ["Canva"]),
        ("Batiprix", ["Multidevis"]),
        # A cashier may have used a till software (`held_with`).
        ("Utilisation de logiciels de caisse", ["Encaissement"]),
    ],
)
def test_a_listed_family_or_sibling_product_neither_claims_a_product_nor_leaves_it_missing(product, listed):
    reader = skill_reader()
    profile = reader.profile(skills=listed)
    assert not reader.covered(product, profile)
    assert reader.partly(product, profile)


@pytest.mark.parametrize(
    ("label", "concept"),
    [
        # Surface-mounted components, no content management system.
        (
            "Positionner des cartes équipées de Composants Montés en Surface (CMS) dans un four à refusion et régler "
            "les paramètres",
            "cms",
        ),
        # Établissements recevant du public, no ERP.
        ("Réglementation des ERP", "erp"),
        ("Agent de sécurité ERP/IGH", "erp"),
        ("Plan d'occupation des sols (POS)", "pos_software"),
        ("Réseaux de localisation (GPS, Galileo)", "galileo_gds"),
        ("Brevet de Technicien des Métiers du Spectacle (BTMS) Ebéniste option conception et fabrication", "tms"),
        ("Logiciel professionnel d'exploitation de transport de personnes", "tms"),
        ("Négocier avec les fournisseurs de systèmes de paie", "payroll_software"),
        ("Participer à une action ou mission de sauvegarde maritime", "backup"),
        ("Techniques de sauvegarde et de mise en valeur du patrimoine naturel", "backup"),
        ("Supervision d'équipe technique", "it_monitoring"),
        ("Gestion de projet informatique", "project_software"),
        ("Logiciels de gestion de projets de traduction", "project_software"),
        ("Suite Adobe Creative Cloud", "cloud"),
    ],
)
def test_a_tool_term_names_no_unrelated_label(label, concept):
    reader = skill_reader()
    assert concept not in reader.label(label).concepts
    assert concept not in reader.concepts_in(label)
