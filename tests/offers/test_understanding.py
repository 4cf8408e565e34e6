"""The skill and occupation readers of offers/understanding: whole words, synonyms both ways, typos, gender."""

from __future__ import annotations

import pytest

from offers.understanding.occupations import OccupationReader, close_occupations, title_key
from offers.understanding.phonetic import phonetic_key
from offers.understanding.skills import skill_reader


@pytest.mark.parametrize(
    ("skill", "listed", "text", "covered"),
    [
        # Whole words: Java is not JavaScript, either way.
        ("Java", ["JavaScript", "Python"], "", False),
        ("Développer en JavaScript", ["Java"], "", False),
        # A concept meets its synonyms and acronyms, both ways.
        ("Utiliser un outil de gestion de versions (Git)", ["Git"], "", True),
        ("Git", [], "J'utilise un outil de gestion de versions au quotidien", True),
        ("Déployer des conteneurs Docker", ["Docker", "Kubernetes"], "", True),
        ("Orchestrer avec Kubernetes", ["Docker"], "", False),
        ("Écrire des requêtes SQL", ["PostgreSQL"], "", True),
        # A licence holds those it requires, never a higher one; a level, the lower ones.
        ("Permis de conduire catégorie C", ["Permis CE"], "", True),
        ("Permis de conduire catégorie CE", ["Permis C"], "", False),
        ("Permis B", ["Permis C"], "", True),
        ("Service de Sécurité Incendie et d'Assistance à Personnes (SSIAP2)", ["SSIAP 1"], "", False),
        ("SSIAP 1", ["SSIAP 2"], "", True),
        ("Intervenir sur un départ de feu", ["SSIAP 1"], "", True),
        ("SSIAP 1", [], "Formation incendie, rondes, contrôle d'accès", False),
        ("Formation Initiale Minimum Obligatoire (FIMO)", ["FCO à jour"], "", True),
        ("Formation Initiale Minimum Obligatoire (FIMO)", ["Carte conducteur"], "", False),
        # A product names its family of tools, not the other way round, nor a sibling product.
        ("Utiliser un outil de gestion de versions (Git)", ["GitLab"], "", True),
        ("GitLab", ["Git"], "", False),
        ("MySQL", ["SQL - PostgreSQL"], "", False),
        ("Symfony", ["PHP"], "", False),
        ("PHP", ["Symfony"], "", True),
        ("Cegid", ["Sage"], "", False),
        ("Revit", ["AutoCAD"], "", False),
        ("PowerPoint", ["Word, Excel"], "", False),
        # "Sage-femme" is a midwife, no accounting software.
        ("Maîtrise des logiciels de comptabilité", [], "Sage-femme libérale depuis 10 ans", False),
        ("Réaliser des tableaux de bord Power BI", ["Power BI"], "", True),
        ("Conduire un chariot élévateur", [], "cariste, caces 3, conduite de chariots élévateurs", True),
        ("CACES R489 catégorie 3", ["CACES 5"], "", False),
        # A licence written once before its categories holds each of them; CACES 3 and 5 are forklifts'.
        ("CACES R489 catégorie 3", ["CACES 1 3 5"], "", True),
        ("CACES R489 catégorie 5", [], "Cariste, CACES® R489 cat. 1, 3 et 5 à jour", True),
        ("Conduire un chariot élévateur", ["CACES R489 catégories 1, 3 et 5"], "", True),
        ("Conduire un chariot élévateur", ["CACES 1"], "", False),
        ("Permis C", [], "Permis B et C, FIMO", True),
        ("Permis C", [], "Permis B, ce poste vous attend", False),
        ("Permis D", [], "Permis B et d'une voiture", False),
        # The parts of a listed item that joins several skills never claim one ("sécurité" of "Hygiène et sécurité").
        ("Assurer la sécurité des enfants", ["Hygiène et sécurité"], "", False),
        # A specialisation is not its general licence: basic ADR is no tank ADR, which holds it.
        ("Certificat de formation ADR Citerne", ["ADR base"], "", False),
        ("Certificat de formation ADR", ["ADR citerne"], "", True),
        # A director's diploma (BAFD) is no animator's (BAFA), but holds it.
        ("Habilitation BAFD", ["BAFA"], "", False),
        ("Habilitation BAFA", ["BAFD"], "", True),
        # Trade words and tools ROME's labels name otherwise.
        ("Réaliser une coloration", ["Couleurs et mèches"], "", True),
        ("Utilisation de logiciels de gestion hôtelière", ["Opera PMS"], "", True),
        ("Maîtrise des logiciels de comptabilité", ["Sage"], "", True),
        ("Techniques de soudage", ["Soudure TIG et MIG-MAG"], "", True),
        ("Techniques de coupes de cheveux", ["Coupe homme / femme"], "", True),
        ("Techniques de coupes de cheveux", ["Coupe de bois"], "", False),
        # An action and its noun are one word, irregular ones too; a verb made on a noun in "-ion" is that noun.
        ("Réceptionner des marchandises", ["Réception marchandises"], "", True),
        ("Sélectionner des candidats", [], "sélection des candidats sur CV", True),
        ("Confectionner des pâtisseries", [], "confection de pâtisseries fines", True),
        ("Planter des végétaux", ["Plantations de végétaux"], "", True),
        ("Intervenir sur une panne", [], "interventions sur panne chez les clients", True),
        ("Vendre des produits", ["Vente de produits"], "", True),
        ("Réduire les coûts", ["Réduction des coûts"], "", True),
        ("Traduire des documents", [], "traduction de documents techniques", True),
        ("Anglais courant", [], "Langues : English (fluent)", True),
        # A language at the level the label states, at least.
        ("Anglais courant", ["Notions d'anglais"], "", False),
        ("Anglais professionnel", ["Anglais scolaire"], "", False),
        ("Anglais", ["Notions d'anglais"], "", True),
        ("Anglais professionnel", [], "Langues : anglais courant, espagnol notions", True),
        ("Espagnol courant", [], "Langues : anglais courant, espagnol notions", False),
        ("Anglais niveau avancé B2", ["Anglais bilingue"], "", True),
        # What the language is used for is no level where one goes before its name: basic professional English.
        ("Notions d'anglais professionnel", ["Anglais A2"], "", True),
        ("Anglais professionnel", ["Anglais A2"], "", False),
        # Two languages joined before one plural level share it; after a comma they do not.
        ("Anglais courant", ["Anglais et allemand courants"], "", True),
        ("Allemand courant", [], "Je parle anglais et allemand courants.", True),
        ("Espagnol courant", ["Anglais et allemand courants"], "", False),
        ("Anglais courant", ["Anglais, espagnol notions"], "", False),
        ("Permis C", ["Permis B"], "", False),
        # Words of the label inside one statement of the candidate, inflections aside.
        ("Pétrir la pâte", [], "je pétris la pâte tous les jours", True),
        ("Tenir une caisse", [], "Encaissement et relation client", True),
        ("Gestion de stocks", [], "inventaires et gestion des stocks", True),
        ("Nettoyer les chambres", [], "nettoyage des bureaux", False),
        ("Conduite de chariot élévateur", [], "boulanger", False),
        # A skill the candidate listed is never missing, whatever its case and accents.
        ("Façonner les pâtons", ["façonner les PATONS"], "", True),
        ("Contrôler la fermentation", ["Fermentation"], "", True),
        # A label named by a part of a concept is read by its own words: no sibling stands in for it...
        ("Utiliser une autolaveuse", [], "Nettoyage des bureaux et des sanitaires", False),
        ("Arrimer une cargaison", [], "Chargement et déchargement des camions", False),
        ("Réaliser un enduit", [], "Travaux de peinture intérieure", False),
        # ... while a text naming the part shows the whole.
        ("Nettoyer les locaux", [], "Passage de l'autolaveuse dans les locaux", True),
        ("Utiliser une autolaveuse", [], "Conduite d'une autolaveuse autoportée", True),
        ("Entretien des locaux", ["Utiliser une autolaveuse"], "", True),
        # Shifts: 3x8, 2x8 or night work are shifted hours; shifted hours are not night work, teamwork no shift.
        ("Capacité à travailler en horaires décalés", ["Travail en 3x8"], "", True),
        ("Capacité à travailler en horaires décalés", [], "Travail posté en 2x8 sur ligne de conditionnement", True),
        ("Capacité à travailler en horaires décalés", ["Travail de nuit"], "", True),
        ("Travail de nuit", ["Horaires décalés"], "", False),
        ("Capacité à travailler en horaires décalés", ["Travail en équipe"], "", False),
        # The noun and the verb of one root meet; words that only start alike do not.
        ("Arrimer une cargaison", [], "Arrimage de la cargaison avant le départ", True),
        ("Accueillir la clientèle", [], "Vous accueillez les clients avec le sourire", True),
        ("Entretenir le fournil", [], "Entretien du fournil en fin de service", True),
        ("Nettoyer les parties communes", [], "Communication interne", False),
        # Irregular verbs' forms and short roots before "-age" (data: word_synonyms, text.MIN_ROOT_BEFORE).
        ("Lire un plan", [], "Vous lisez les plans et les schémas électriques", True),
        ("Prendre les commandes", [], "Vous prenez les commandes en salle", True),
        ("Doser les produits d'entretien", [], "Vous respectez les dosages des produits d'entretien", True),
        ("Procéder à l'encaissement", [], "Vous encaissez les clients au comptoir", True),
        # A welding process is named by its acronym or by its definition (ISO 4063): MIG/MAG melts its electrode,
        # TIG's does not.
        (
            "Utiliser des techniques de soudage à l'arc sous protection gazeuse avec électrode fusible",
            [],
            "Soudage MIG acier sur tubes et tôles",
            True,
        ),
        (
            "Utiliser des techniques de soudage à l'arc sous protection gazeuse avec électrode fusible",
            [],
            "Soudage TIG inox sur tubes et tôles",
            False,
        ),
        ("Souder à l'électrode réfractaire", [], "Soudage TIG en position", True),
        # "Dressage" alone is plates or tables: the tables are no plating.
        ("Dresser des assiettes", [], "Mise en place de la salle et dressage des tables", False),
        ("Dresser des assiettes", [], "Dressage des assiettes avant l'envoi", True),
        # A listed skill that names the label's object covers it: the action may be left out, or said as a noun
        # ("soudure" for "souder", "conception" for "concevoir"), light words too ("travaux", "produits")...
        ("Préparer les déclarations de TVA", ["Déclarations de TVA"], "", True),
        ("Souder en TIG", ["soudure TIG"], "", True),
        ("Concevoir un support pédagogique", ["Conception de supports pédagogiques"], "", True),
        ("Réaliser des travaux de peinture", ["peinture"], "", True),
        ("Réaliser des petits travaux d'électricité", ["électricité"], "", True),
        ("Proposer des produits d'épargne", ["épargne"], "", True),
        ("Gérer un portefeuille clients", ["portefeuil client"], "", True),
        # ... but the whole object: cleaning is not the rooms, welding is not checking welds.
        ("Nettoyer les chambres", ["nettoyage"], "", False),
        ("Contrôler une soudure", ["soudure TIG"], "", False),
        ("Gérer la communauté", ["communication"], "", False),
        ("Préparer des viennoiseries", ["pâtisseries"], "", False),
    ],
)
def test_a_skill_is_read_the_same_way_in_a_list_and_in_a_text(skill, listed, text, covered):
    reader = skill_reader()
    assert reader.covered(skill, reader.profile(skills=listed, text=text)) is covered


@pytest.mark.parametrize(
    ("skill", "listed", "partly"),
    [
        # A distinctive action said as a noun, without the object: the candidate may have it.
        ("Nettoyer les chambres", ["nettoyage"], True),
        # The driving times are the tachograph's, which a driver card holds.
        ("Gérer les pauses et les temps de conduite conformément à la réglementation", ["Carte conducteur"], True),
        ("Cueillir des fruits", ["cueillette"], True),
        # The whole object, with more: "soudure TIG" is no weld inspection, nor a sure lack of it.
        ("Contrôler une soudure", ["soudure TIG"], True),
        ("Élaborer un budget", ["Budget et reforecast"], True),
        # A common action ("préparer") says nothing of the object; light words are no object.
        ("Préparer les repas", ["Préparation de commandes"], False),
        ("Emballer les produits", ["Vente de produits d'épargne"], False),
        # An irregular verb's noun is its action too ("transmission" of "transmettre", "cuisson" of "cuire").
        ("Transmettre les observations à l'équipe soignante", ["Transmissions"], True),
        ("Cuire des pâtons", ["Cuisson au four"], True),
        # Part of the object and nothing else but a head ("Gestion", "Lecture", "Préparation": words that begin
        # many of ROME's labels): the candidate named what the skill is done on.
        ("Gérer les stocks de médicaments", ["Gestion des stocks"], True),
        ("Lire un plan de fabrication", ["lecture de plan"], True),
        ("Changer le linge de lit", ["linge"], True),
        ("Contrôler la conformité d'une commande", ["Préparation de commandes"], True),
        # Another part of the object with words of its own: the meals are no part of the children's safety.
        ("Assurer la sécurité des enfants", ["Repas des enfants"], False),
        # (Its concept, reading plans, is theirs all the same: neither claimed nor called missing.)
        ("Lire un plan de fabrication", ["lecture de plan isométrique"], True),
        # The skill's concept is theirs, its other words unsaid.
        ("Réaliser des soins d'hygiène corporelle, de confort et de prévention", ["Toilette"], True),
        # One listed item that joins several skills: each part says what it says.
        ("Passer des commandes fournisseurs", ["Commandes et gestion des stocks"], True),
        ("Préparer les goûters et les repas", ["repas et bain"], True),
        ("Préparer les goûters et les repas", ["Repas des enfants, bain"], True),  # "repas", a rare word
        ("Préparer les goûters et les repas", ["Garde des enfants, bain"], False),
        # A label that begins with a head, no action: the rest is its object.
        ("Qualification soudage à l'arc", ["Soudure à l'arc, TIG"], True),
        ("Planification des tournées de livraison", ["Tournées"], True),
        # A word of the object that few skills have: "éveil" is this skill's, "enfants" is every nanny's.
        ("Animer des activités d'éveil", ["Éveil musical des bébés"], True),
        ("Instruire un dossier de crédit", ["Crédit à la consommation"], True),
        ("Assurer la sécurité des enfants", ["Repas des enfants, goûters"], False),
        # A label that begins with a generic word ("Techniques"), no action: read by its object all the same.
        ("Techniques de taille de fructification", ["Taille guyot et cordon"], True),
        ("Techniques de taille de fructification", ["Techniques de vente"], False),
        # A product of a family of tools they have: they may know it.
        ("GitLab", ["Git"], True),
        ("MySQL", ["SQL"], True),
        ("Cegid", ["Sage"], True),
        # A language whose level they do not say, for a label that states one.
        ("Anglais courant", ["Anglais"], True),
        ("Anglais courant", ["Anglais, Excel avancé"], True),
        ("Anglais courant", ["Anglais débutant"], False),
        # Not a language, nor a licence: a CACES 5 holds no CACES 3.
        ("Java", ["JavaScript"], False),
        ("CACES R489 catégorie 3", ["CACES 5"], False),
        # A head alone names no object.
        ("Gérer les stocks de médicaments", ["Gestion"], False),
        ("Planification des tournées de livraison", ["Planification"], False),
        # Tools, licences and languages are had or not.
        ("Programmer en Java", ["Développement JavaScript"], False),
    ],
)
def test_a_listed_skill_that_says_part_of_a_label_neither_covers_it_nor_leaves_it_missing(skill, listed, partly):
    reader = skill_reader()
    profile = reader.profile(skills=listed, text="")
    assert reader.partly(skill, profile) is partly
    assert not reader.covered(skill, profile)


@pytest.mark.parametrize(
    ("skill", "listed"),
    [
        # Words a stemmer joins to a word of another meaning (`homographs`): no claim, no part of a skill.
        ("Réaliser un massage", ["Masse salariale"]),
        ("Mener une négociation commerciale", ["Ménage"]),
        ("Entretenir les équipements", ["Gestion d'équipe"]),
        ("Cuire des viandes", ["Travail du cuir"]),
        ("Régler une machine", ["Règles d'hygiène"]),
        ("Lire un plan", ["Changement des lits"]),
        # A phrase that holds a concept's term but names something else (`not_terms`): e-mail is no parcel.
        ("Messagerie électronique ThunderBird", ["Livraison de colis en messagerie"]),
        ("Clôture des comptes annuels", ["Bilans de compétences"]),
    ],
)
def test_a_homograph_says_nothing_of_a_skill_of_another_word(skill, listed):
    reader = skill_reader()
    profile = reader.profile(skills=listed, text="")
    assert not reader.covered(skill, profile)
    assert not reader.partly(skill, profile)


def test_a_text_names_a_licence_only_by_its_name():
    # A candidate with the permit C has the B; an offer asking for the C does not list the B.
    reader = skill_reader()
    assert reader.find("Permis C et FIMO exigés", ["Permis B", "Permis C"]) == ["Permis C"]
    assert reader.covered("Permis B", reader.profile(text="Permis C et FIMO"))
    assert reader.find("CACES R489 catégorie 3 à jour", ["Conduire un chariot élévateur"]) == [
        "Conduire un chariot élévateur"
    ]


def test_the_forms_of_a_homograph_group_meet_each_other():
    # "ménage" is not "mener", but it is the "ménagère" of "tâches ménagères".
    reader = skill_reader()
    assert reader.label("Ménage").words == reader.label("ménagères").words != reader.label("Mener").words
    assert reader.covered("Tâches ménagères", reader.profile(text="Tâches ménagères, repassage"))


@pytest.mark.parametrize(
    ("skill", "text", "partly"),
    [
        # Their text names the whole object: they may have the skill, and are not told they lack it.
        ("Établir un bilan", "Je saisis les factures et je prépare le bilan avec l'expert-comptable.", True),
        ("Installer un poste de travail", "Support N1/N2 : tickets GLPI, installation de postes Windows.", True),
        # Not in a statement about the job they seek, nor with part of the object only.
        ("Installer un poste de travail", "Vendeur 7 ans, je cherche un poste de technicien help desk.", False),
        ("Nettoyer les chambres d'hôtel", "Réceptionniste de nuit, 40 chambres.", False),
    ],
)
def test_a_text_that_names_a_skill_s_whole_object_says_part_of_it(skill, text, partly):
    reader = skill_reader()
    profile = reader.profile(skills=[], text=text)
    assert reader.partly(skill, profile) is partly
    assert not reader.covered(skill, profile)


@pytest.mark.parametrize(
    ("label", "action"),
    [
        ("Préparer les déclarations de TVA", "prepar"),  # ROME begins skills with it
        ("Meuler une pièce", "meul"),  # written like an infinitive, never a noun in ROME
        ("Dossier fournisseurs", ""),  # a first word of ROME's knowledge labels: a noun
        ("Conseiller clientèle", "conseil"),  # ROME begins skills with "Conseiller" too
        ("Peinture en bâtiment", ""),
    ],
)
def test_a_label_s_action_is_its_first_word_when_that_is_a_verb(label, action):
    assert skill_reader().label(label).action == action


def test_the_extractor_lists_the_skills_a_text_states_and_the_tools_it_names():
    reader = skill_reader()
    cv = "Compétences : Python, Django, Git, PostgreSQL. CACES R489 catégorie 3. Anglais courant. Permis B."
    assert reader.find(cv, ["Utiliser Git", "Java", "Programmation en Python", "Conduire un poids lourd"]) == [
        "Utiliser Git",
        "Programmation en Python",
    ]
    assert {"Python", "Git", "SQL", "CACES 3", "Anglais", "Permis B"} <= set(reader.concept_labels(cv))
    assert "Java" not in reader.concept_labels(cv)


@pytest.fixture
def occupations() -> OccupationReader:
    return OccupationReader(
        titles=[
            ("Boulanger / Boulangère", "D1102"),
            ("Infirmier / Infirmière en soins généraux (IDE)", "J1506"),
            ("Infirmier / Infirmière de bloc opératoire", "J1506"),
            ("Infirmier anesthésiste / Infirmière anesthésiste", "J1506"),
            ("Aide-soignant / Aide-soignante", "J1501"),
            ("Commis / Commise de cuisine", "G1602"),
            ("Cuisinier / Cuisinière", "G1609"),
            ("Comptable", "M1203"),
            ("Développeur / Développeuse web", "M1855"),
            ("Préparateur / Préparatrice en pharmacie", "J1307"),
            ("Préparateur / Préparatrice de commandes", "N1103"),
            ("Peintre en bâtiment", "F1606"),
            ("Opérateur / Opératrice de production", "H2909"),
            ("Mécanicien / Mécanicienne de maintenance industrielle", "I1310"),
            ("Mécanicien / Mécanicienne de maintenance automobile, véhicule industriel", "I1613"),
        ],
        aliases=[("software developer", "M1805"), ("ide", "J1506"), ("pharmacy technician", "J1307")],
        labels={"D1102": "Boulanger", "J1506": "Infirmier", "J1501": "Aide-soignant", "G1602": "Commis de cuisine"},
        parents={"G1609": "G1602", "M1855": "M1805"},
        close={"D1102": {"D1104"}, "D1104": {"D1102"}},
    )


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Boulangère", "D1102"),  # the other gender
        ("boulangé", "D1102"),  # a typo
        ("BOULANGER DE NUIT H/F", "D1102"),  # the known title inside a longer one
        ("comis de cuisine", "G1602"),
        ("develloppeuse web", "M1855"),
        ("Infirmière", "J1506"),  # part of longer titles only
        ("Software developer", "M1805"),  # English
        # Written as it sounds: the whole title with its typo, not a part of it as written.
        ("preparatrice en farmacie", "J1307"),
        ("peintre en batiman", "F1606"),
        ("Apprenti opérateur de production", "H2909"),  # how the trade is learnt, then the trade
        ("mecanicien de maintenence industriel", "I1310"),  # an agreement and a typo: the title it sounds like
    ],
)
def test_a_title_is_read_with_typos_gender_and_english(occupations, title, code):
    assert occupations.from_title(title)[0].code == code


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Vendeur en boulangerie (H/F) - Saint-Denis", "D1106"),  # decorated after a dash
        ("Technicien de maintenance industrielle en équipe 3x8", "I1304"),  # trailing words no title has
        ("Chauffeur super poids lourd SPL", "N4101"),  # a head noun of many titles, guided by the others
    ],
)
def test_a_title_line_is_read_by_the_title_it_starts_with(title, code):
    reader = OccupationReader(
        titles=[
            ("Vendeur / Vendeuse en épicerie", "D1106"),
            ("Vendeur / Vendeuse en boulangerie-pâtisserie", "D1106"),
            ("Vendeur / Vendeuse en équipement de la maison", "D1212"),
            ("Vendeur / Vendeuse en électroménager", "D1212"),
            ("Vendeur / Vendeuse en articles de sport", "D1211"),
            ("Technicien / Technicienne de maintenance industrielle", "I1304"),
            ("Technicien / Technicienne de maintenance informatique", "I1401"),
            ("Chauffeur / Chauffeuse de poids lourd", "N4101"),
            ("Chauffeur / Chauffeuse de bus", "N4102"),
            ("Chauffeur / Chauffeuse de car", "N4102"),
        ],
        labels={},
        parents={},
        close={},
    )
    assert reader.from_title(title)[0].code == code


def test_a_title_the_offers_teach_followed_by_its_domain_is_read_as_that_title():
    reader = OccupationReader(
        titles=[
            ("Technicien / Technicienne études de prix BTP", "F1106"),
            ("Chargé / Chargée d'études marketing", "M1403"),
        ],
        taught={title_key("Chargé d'étude de prix (H/F)"): "F1106"},
        labels={},
        parents={},
        close={},
    )
    # ROME has no "chargé d'études de prix"; an offer taught it. The domain after it ("BTP") is none of its words.
    for title in ("Chargé d'étude de prix BTP", "charger d'etude de prix btp"):
        guesses = reader.from_title(title)
        assert [guess.code for guess in guesses] == ["F1106"], title
        assert 0.5 < guesses[0].confidence < 0.8  # a part of a title: read, not named


def test_an_offer_title_whose_head_says_little_is_read_by_its_rarest_known_word():
    from offers.understanding.offer_occupation import offer_occupation_read

    reader = OccupationReader(
        titles=[
            ("Monteur / Monteuse en plomberie chauffage", "F1603"),
            ("Entrepreneur / Entrepreneuse en plomberie sanitaire", "F1603"),
            ("Vendeur / Vendeuse en plomberie sanitaire", "D1212"),
            ("Technicien / Technicienne de maintenance industrielle", "I1304"),
            ("Technicien / Technicienne de maintenance informatique", "I1401"),
            ("Technicien / Technicienne de maintenance en génie climatique", "I1306"),
            ("Agent / Agente de maintenance des bâtiments", "I1203"),
        ],
        aliases=[],
        labels={},
        parents={},
        close={},
    )
    # No known title holds "technicien de maintenance plomberie"; "plomberie", its rarest word known to titles,
    # is mostly plumbers' (2 of 3 titles): the offer is a plumber's, surely enough to be stored.
    assert reader.from_title("Technicien de maintenance plomberie H/F") == []
    code, sure = offer_occupation_read(reader, "Technicien de maintenance plomberie H/F", "")
    assert (code, sure >= 0.4) == ("F1603", True)
    # A candidate's title is not read that way: a rare word misleads more than it tells there.
    assert reader.from_title("Assistant maintenance plomberie") == []
    # Nor when the rare word's titles are split between families.
    assert offer_occupation_read(reader, "Chargé de maintenance", "")[0] == ""


def test_a_career_changer_is_read_as_the_job_they_want_not_the_one_they_leave(occupations):
    text = "Aide-soignante pendant 8 ans, je viens d'obtenir mon diplôme d'infirmière et je cherche un poste d'IDE."
    assert occupations.from_text(text)[0].code == "J1506"
    text = "Ancienne comptable, j'ai passé mon CAP et je veux devenir boulangère."
    assert occupations.from_text(text)[0].code == "D1102"


def test_relations_follow_rome_parents_and_mobility(occupations):
    assert occupations.relation("G1609", "G1602") == "same"  # a v4.60 child and its parent
    assert occupations.relation("D1102", "D1104") == "close"
    assert occupations.relation("D1102", "M1805") == "other"


def test_a_family_s_members_are_its_parent_then_its_children_whichever_member_is_asked():
    reader = OccupationReader(
        titles=[],
        labels={},
        parents={"G1609": "G1602", "M1855": "M1805", "G1610": "G1602"},
        close={},
    )
    for code in ("G1602", "G1609", "G1610"):
        assert reader.family_members(code) == ["G1602", "G1609", "G1610"]
    assert reader.family_members("M1855") == ["M1805", "M1855"]
    assert reader.family_members("D1102") == ["D1102"]  # no child: the occupation alone


@pytest.mark.parametrize(
    ("text", "vocabulary", "found"),
    [
        # A ROME label said in other words: nouns for verbs, plurals, its examples in brackets not required.
        (
            "Missions : nettoyage et désinfection des chambres et des sanitaires après le départ des patients",
            ["Nettoyer, désinfecter et ranger la chambre et l'installation sanitaire"],
            ["Nettoyer, désinfecter et ranger la chambre et l'installation sanitaire"],
        ),
        (
            "Fabrication des pâtes sucrées et feuilletées pour la pâtisserie",
            ["Préparer une pâte de pâtisserie"],
            ["Préparer une pâte de pâtisserie"],
        ),
        (
            "Réception et contrôle des marchandises livrées par les fournisseurs",
            ["Réceptionner des marchandises"],
            ["Réceptionner des marchandises"],
        ),
        (
            "Vous planifiez les interventions des techniciens chez les clients",
            ["Planifier les interventions"],
            ["Planifier les interventions"],
        ),
        # Noun and verb pairs no stemmer joins are data (word_synonyms): "rédaction" / "rédiger".
        (
            "Rédaction des comptes rendus de réunion du comité de direction",
            ["Rédiger des comptes rendus de réunions"],
            ["Rédiger des comptes rendus de réunions"],
        ),
        # The label's own action must be there when it is a specific one: the cold room is kept clean, not built.
        ("Entretien de la chambre froide en fin de journée", ["Réaliser des agencements de chambres froides"], []),
        # The employer's voice names no skill: "recrute" is not a recruitment interview.
        ("Notre entreprise recrute un agent d'entretien", ["Conduire un entretien de recrutement"], []),
        # A benefit is not a task: meals paid for are no help with meals.
        ("Avantages : repas pris en charge par l'employeur", ["Aider à la prise des repas"], []),
        # The general skill said in full does not stand for a narrower label that adds its own words.
        ("Savoir lire un plan", ["Lire un plan", "Lire un plan mécanique"], ["Lire un plan"]),
        # Two labels of one language: the one the text says in full, not its sibling.
        ("Anglais courant exigé", ["Anglais courant", "Anglais professionnel"], ["Anglais courant"]),
        ("Bac+5, anglais professionnel", ["Anglais courant", "Anglais professionnel"], ["Anglais professionnel"]),
        # A language label that states a level is read only where the text states it.
        ("Anglais technique lu", ["Anglais", "Anglais courant", "Anglais professionnel"], ["Anglais"]),
        # A homograph is read as written: "traite" is the milking, "traitez" and "traitement" process things.
        ("Vous traitez les réclamations des clients", ["Réaliser la traite"], []),
        ("Traitement des commandes de la saisie à la facturation", ["Réaliser la traite"], []),
        ("Vous assurez la traite du troupeau matin et soir", ["Réaliser la traite"], ["Réaliser la traite"]),
    ],
)
def test_the_extractor_reads_skill_labels_said_in_other_words_and_only_them(text, vocabulary, found):
    assert skill_reader().find(text, vocabulary) == found


def test_a_mobility_link_counts_both_ways_except_towards_a_hub():
    # Five trades lead to "Formateur" (K2111), one of them also to a close trade.
    links = [(code, "K2111") for code in ("D1102", "D1104", "G1602", "F1703", "M1805")] + [("D1102", "D1104")]
    close = close_occupations(links, hub=4)
    assert close["D1102"] == {"K2111", "D1104"}  # a baker may become a trainer, or a pastry cook
    assert close["D1104"] == {"K2111", "D1102"}  # and a pastry cook a baker: the link counts back
    assert "K2111" not in close  # a trainer is not close to every trade that may become one
    assert close_occupations(links, hub=5)["K2111"] == {"D1102", "D1104", "G1602", "F1703", "M1805"}


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("farmacie", "pharmacie"),
        ("batiman", "bâtiment"),
        ("asembleur", "assembleur"),
        ("électrisien", "électricien"),
        ("boulangé", "boulanger"),
        ("plonbier", "plombier"),
        ("chofeur", "chauffeur"),
        ("magazinier", "magasinier"),
        ("oxiliaire", "auxiliaire"),
    ],
)
def test_words_written_as_they_sound_share_a_key(written, meant):
    assert phonetic_key(written) == phonetic_key(meant)


@pytest.mark.parametrize(("one", "other"), [("boulanger", "boucher"), ("serveur", "soudeur"), ("peintre", "plombier")])
def test_words_that_sound_apart_keep_apart(one, other):
    assert phonetic_key(one) != phonetic_key(other)


def test_common_words_held_by_one_longer_title_alone_are_an_unsure_reading():
    # Every word common (held by more than 10 titles), but only one title holds them together, and it says
    # more: the trade is in the words the candidate did not write ("marchés financiers").
    fillers = [(f"Vendeur / Vendeuse en rayon {n}", "D1507") for n in range(11)]
    fillers += [(f"Chef / Cheffe de marché {n}", "M1703") for n in range(11)]
    fillers += [(f"Formateur / Formatrice en atelier {n}", "K2111") for n in range(11)]
    reader = OccupationReader(
        titles=[
            ("Vendeur / Vendeuse de produits sur les marchés financiers", "C1301"),
            ("Formateur / Formatrice en français langue étrangère FLE", "K2111"),
            *fillers,
        ],
        labels={},
        parents={},
        close={},
    )

    traded = reader.from_title("vendeur sur les marchés")
    assert traded[0].code == "C1301" and traded[0].confidence < 0.8
    # A rare word ("FLE") names its one title as well as the whole title would.
    teacher = reader.from_title("Formatrice FLE")
    assert teacher[0].code == "K2111" and teacher[0].confidence >= 0.8


def test_a_title_offers_teach_in_the_masculine_is_read_in_the_feminine_too():
    reader = OccupationReader(
        titles=[("Technicien / Technicienne de production énergie", "H2701"), ("Vendeur / Vendeuse", "D1214")],
        # Offers teach titles as employers write them: "Opérateur de production H/F" filed H2909.
        taught={("operateur", "production"): "H2909", ("commercial", "btob"): "D1402"},
        labels={},
        parents={},
        close={},
    )

    for typed, code in [("Opératrice de production", "H2909"), ("Commerciale BtoB", "D1402")]:
        read = reader.from_title(typed)
        assert (read[0].code, read[0].confidence) == (code, 0.9)
    # The referential's own titles are read as before, in both forms.
    assert [item.code for item in reader.from_title("Vendeuse")] == ["D1214"]


def test_a_title_is_not_read_by_its_first_word_when_its_other_words_are_no_titles():
    reader = OccupationReader(
        titles=[
            ("Infirmier / Infirmière de bloc opératoire", "J1503"),
            ("Infirmier / Infirmière anesthésiste", "J1503"),
            ("Agent / Agente de crèche", "K1303"),
        ],
        labels={},
        parents={},
        close={},
    )

    # French: the head noun first, its other words known to titles ("crèche"): read by its head.
    assert [item.code for item in reader.from_title("Infirmier crèche")] == ["J1503"]
    # English words after it: English puts the head last, the first word says nothing of the job.
    assert reader.from_title("Infirmier night shift lead") == []


def test_an_acronym_after_a_trades_head_qualifies_it():
    reader = OccupationReader(
        titles=[
            ("Électricien / Électricienne du bâtiment", "F1602"),
            ("Électricien / Électricienne d'équipement", "F1602"),
            ("Agent / Agente de sécurité", "K2503"),
            ("Agent / Agente de nettoyage", "K2204"),
            ("Agent / Agente de quai", "N1105"),
        ],
        aliases=[("CFO", "M1205"), ("ASH", "J1301")],
        labels={},
        parents={},
        close={},
    )

    # "CFO" is a chief financial officer's alias; after "Électricien" it says "courants forts".
    assert [item.code for item in reader.from_title("Electricien CFO CFA")] == ["F1602"]
    assert [item.code for item in reader.from_title("CFO")] == ["M1205"]
    # "Agent" heads the titles of many trades: the acronym says which one.
    assert [item.code for item in reader.from_title("Agent ASH")] == ["J1301"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "text", "claimed"),
    [
        # What a job seeker wishes to do is no skill they have, to the end of the sentence...
        (
            "Réaliser les courses",
            "Caissière 15 ans. Je veux m'occuper des personnes âgées : aide au lever, courses.",
            False,
        ),
        ("Préparer des commandes", "je cherche du boulot en entrepôt, préparation de commandes ou manutention", False),
        # ...or to the next statement in the first person.
        (
            "Préparer des commandes",
            "je cherche un poste en entrepôt, j'ai fait 5 ans de préparation de commandes",
            True,
        ),
        ("Réaliser les courses", "Je fais les courses et le ménage chez des personnes âgées. Je cherche un CDI.", True),
    ],
)
def test_a_job_seekers_wish_is_no_skill_they_have(label, text, claimed):
    reader = skill_reader()
    assert reader.covered(label, reader.profile(text=text, seeker=True)) is claimed
    # An offer's text is no job seeker's: "vous souhaitez..." states what the offer asks.
    assert reader.covered(label, reader.profile(text=text))
