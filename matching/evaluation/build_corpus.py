"""Builds `offers.json`, the fixed offer corpus of the evaluation (run once; the JSON is committed).

    python -m matching.evaluation.build_corpus

Each occupation below is written by hand (ROME code and label, job titles as employers
word them, skills, sentences of descriptions). Offers combine them with a fixed seed, then
add what real offers carry and that says nothing about the job: a company pitch, a
location, working hours. Ten offers per occupation; the profiles in `profiles.json` name
the occupations whose offers they should find.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OCCUPATIONS: dict[str, dict] = {
    "boulanger": {
        "rome": ("D1102", "Boulangerie - viennoiserie"),
        "titles": ["Boulanger H/F", "Ouvrier boulanger (H/F)", "Boulanger tourier", "Chef boulanger", "Aide boulanger"],
        "skills": [
            "Pétrir la pâte",
            "Façonner les pâtons",
            "Cuire les pains",
            "Réaliser des viennoiseries",
            "Contrôler la fermentation",
            "Respecter les règles d'hygiène HACCP",
        ],
        "sentences": [
            "Vous assurez la fabrication du pain et des viennoiseries pour nos deux magasins.",
            "Vous travaillez de nuit, à partir de 3 heures du matin, au fournil.",
            "Vous maîtrisez le pain au levain, les baguettes de tradition et les croissants.",
            "Vous gérez la pousse et la cuisson au four à sole.",
            "Le CAP boulanger est demandé, une première expérience en fournil est appréciée.",
        ],
    },
    "patissier": {
        "rome": ("D1104", "Pâtisserie, confiserie, chocolaterie et glacerie"),
        "titles": ["Pâtissier H/F", "Commis pâtissier", "Chef pâtissier", "Pâtissier chocolatier"],
        "skills": [
            "Réaliser des entremets",
            "Préparer des pâtes sucrées",
            "Tempérer le chocolat",
            "Décorer des gâteaux",
            "Réaliser des crèmes et mousses",
        ],
        "sentences": [
            "Vous réalisez les entremets, tartes et petits gâteaux de la vitrine.",
            "Vous préparez les pâtes feuilletées, sablées et la crème pâtissière.",
            "Vous travaillez le chocolat et réalisez les décors des pièces montées.",
            "Le CAP pâtissier est exigé.",
            "Vous participez à la création des gâteaux de saison avec le chef.",
        ],
    },
    "cuisinier": {
        "rome": ("G1602", "Personnel de cuisine"),
        "titles": [
            "Cuisinier H/F",
            "Commis de cuisine",
            "Chef de partie",
            "Second de cuisine",
            "Cuisinier en restauration collective",
        ],
        "skills": [
            "Préparer les entrées et les plats",
            "Dresser les assiettes",
            "Gérer les stocks de denrées",
            "Appliquer les normes HACCP",
            "Élaborer des menus",
        ],
        "sentences": [
            "Vous préparez les plats de la carte et participez à la mise en place.",
            "Vous dressez les assiettes pendant le coup de feu du midi et du soir.",
            "Vous veillez à la propreté de la cuisine et au respect des normes d'hygiène.",
            "Cuisine traditionnelle à base de produits frais et de saison.",
            "Vous réceptionnez les marchandises et contrôlez les dates de péremption.",
        ],
    },
    "serveur": {
        "rome": ("G1803", "Service en restauration"),
        "titles": ["Serveur H/F", "Serveuse en brasserie", "Chef de rang", "Commis de salle", "Runner"],
        "skills": [
            "Accueillir les clients",
            "Prendre les commandes",
            "Servir à table",
            "Encaisser les règlements",
            "Dresser les tables",
        ],
        "sentences": [
            "Vous accueillez la clientèle, prenez les commandes et assurez le service en salle et en terrasse.",
            "Vous conseillez les clients sur les vins et les plats du jour.",
            "Vous assurez la mise en place de la salle et le débarrassage.",
            "Service en coupure, deux jours de repos consécutifs.",
            "Une bonne présentation et le sens du contact sont indispensables.",
        ],
    },
    "aide_soignant": {
        "rome": ("J1501", "Soins d'hygiène, de confort du patient"),
        "titles": [
            "Aide-soignant H/F",
            "Aide soignante en EHPAD",
            "Aide-soignant de nuit",
            "Aide-soignant en service de médecine",
        ],
        "skills": [
            "Réaliser les soins d'hygiène et de confort",
            "Aider à la prise des repas",
            "Surveiller l'état de santé du patient",
            "Transmettre les observations à l'équipe soignante",
            "Mobiliser un patient",
        ],
        "sentences": [
            "Vous accompagnez les résidents dans les actes de la vie quotidienne : toilette, habillage, repas.",
            "Sous la responsabilité de l'infirmier, vous assurez les soins d'hygiène et de confort.",
            "Vous participez aux transmissions et à la surveillance des patients.",
            "Le diplôme d'État d'aide-soignant (DEAS) est obligatoire.",
            "Travail en 12 heures, un week-end sur deux.",
        ],
    },
    "infirmier": {
        "rome": ("J1506", "Soins infirmiers généralistes"),
        "titles": [
            "Infirmier H/F",
            "Infirmière diplômée d'État",
            "IDE de nuit",
            "Infirmier en bloc opératoire",
            "Infirmier coordinateur",
        ],
        "skills": [
            "Administrer les traitements",
            "Réaliser des pansements",
            "Effectuer des prélèvements sanguins",
            "Assurer le suivi du dossier de soins",
            "Encadrer les aides-soignants",
        ],
        "sentences": [
            "Vous réalisez les soins techniques sur prescription médicale : injections, pansements, perfusions.",
            "Vous préparez et distribuez les médicaments et tenez à jour le dossier de soins.",
            "Vous coordonnez l'équipe d'aides-soignants du service.",
            "Le diplôme d'État d'infirmier est exigé.",
            "Vous travaillez en lien avec les médecins et les familles des patients.",
        ],
    },
    "auxiliaire_puericulture": {
        "rome": ("J1304", "Aide en puériculture"),
        "titles": [
            "Auxiliaire de puériculture H/F",
            "Auxiliaire de puériculture en crèche",
            "Auxiliaire de puériculture en maternité",
        ],
        "skills": [
            "Assurer les soins d'hygiène du nourrisson",
            "Préparer les biberons",
            "Animer des activités d'éveil",
            "Observer le développement de l'enfant",
            "Accueillir les parents",
        ],
        "sentences": [
            "Vous prenez soin des enfants de 3 mois à 3 ans accueillis dans la crèche.",
            "Vous proposez des activités d'éveil adaptées à l'âge de chaque enfant.",
            "Vous assurez les repas, les changes et les temps de sieste.",
            "Le diplôme d'État d'auxiliaire de puériculture est requis.",
            "Vous échangez chaque jour avec les parents sur la journée de leur enfant.",
        ],
    },
    "developpeur": {
        "rome": ("M1805", "Études et développement informatique"),
        "titles": [
            "Développeur web H/F",
            "Développeur Python Django",
            "Développeuse full stack JavaScript",
            "Ingénieur logiciel",
            "Développeur back-end Java",
        ],
        "skills": ["Python", "Django", "JavaScript", "React", "SQL", "Git", "Tests automatisés", "API REST"],
        "sentences": [
            "Vous développez de nouvelles fonctionnalités sur notre application web.",
            "Vous concevez des API REST et écrivez des tests automatisés.",
            "Vous participez aux revues de code et aux rituels agiles de l'équipe.",
            "Stack : Python, Django, PostgreSQL, React, Docker.",
            "Vous maintenez le code existant et améliorez les performances.",
        ],
    },
    "data_analyst": {
        "rome": ("M1403", "Études et prospectives socio-économiques"),
        "titles": ["Data analyst H/F", "Analyste de données", "Chargé d'études statistiques", "Business analyst data"],
        "skills": ["SQL", "Python", "Power BI", "Statistiques", "Tableaux de bord", "Excel avancé"],
        "sentences": [
            "Vous analysez les données de vente et produisez des tableaux de bord pour la direction.",
            "Vous réalisez des études statistiques et présentez vos conclusions aux équipes métier.",
            "Vous construisez des indicateurs de performance sous Power BI.",
            "Vous maîtrisez SQL et Python pour extraire et nettoyer les données.",
            "Une formation en statistiques ou en économie est attendue.",
        ],
    },
    "support_informatique": {
        "rome": ("I1401", "Maintenance informatique et bureautique"),
        "titles": [
            "Technicien support informatique H/F",
            "Technicien helpdesk",
            "Technicien de proximité",
            "Administrateur systèmes et réseaux junior",
        ],
        "skills": [
            "Diagnostiquer les pannes",
            "Installer des postes de travail",
            "Gérer les comptes utilisateurs",
            "Windows",
            "Réseaux TCP/IP",
            "Assistance aux utilisateurs",
        ],
        "sentences": [
            "Vous assurez le support de niveau 1 et 2 auprès des utilisateurs.",
            "Vous installez et configurez les postes de travail et les imprimantes.",
            "Vous traitez les tickets d'incident et tenez à jour la documentation.",
            "Vous gérez les comptes Active Directory et les droits d'accès.",
            "Un bac+2 en informatique est souhaité.",
        ],
    },
    "comptable": {
        "rome": ("M1203", "Comptabilité"),
        "titles": [
            "Comptable H/F",
            "Comptable général",
            "Aide-comptable",
            "Assistant comptable",
            "Comptable fournisseurs",
        ],
        "skills": [
            "Saisir les écritures comptables",
            "Rapprochements bancaires",
            "Déclarations de TVA",
            "Préparer le bilan",
            "Sage",
            "Excel",
        ],
        "sentences": [
            "Vous tenez la comptabilité générale de plusieurs sociétés du groupe.",
            "Vous saisissez les factures fournisseurs et clients et réalisez les rapprochements bancaires.",
            "Vous préparez les déclarations de TVA et participez aux clôtures.",
            "Vous maîtrisez le logiciel Sage et Excel.",
            "Un BTS comptabilité gestion ou un DCG est demandé.",
        ],
    },
    "assistant_administratif": {
        "rome": ("M1602", "Opérations administratives"),
        "titles": [
            "Assistant administratif H/F",
            "Secrétaire administrative",
            "Agent administratif",
            "Assistante de direction",
            "Secrétaire médicale",
        ],
        "skills": [
            "Accueil téléphonique",
            "Gestion du courrier",
            "Rédiger des courriers",
            "Classement et archivage",
            "Tenue d'agenda",
            "Pack Office",
        ],
        "sentences": [
            "Vous assurez l'accueil téléphonique et physique des visiteurs.",
            "Vous gérez le courrier, le classement et l'archivage des dossiers.",
            "Vous rédigez les comptes rendus et tenez l'agenda de la direction.",
            "Vous maîtrisez Word, Excel et Outlook.",
            "Rigueur et discrétion sont indispensables.",
        ],
    },
    "commercial": {
        "rome": ("D1407", "Relation technico-commerciale"),
        "titles": [
            "Commercial terrain H/F",
            "Technico-commercial B2B",
            "Attaché commercial",
            "Business developer",
            "Chargé d'affaires",
        ],
        "skills": [
            "Prospecter de nouveaux clients",
            "Négocier des contrats",
            "Suivre un portefeuille clients",
            "Établir des devis",
            "CRM Salesforce",
        ],
        "sentences": [
            "Vous développez un portefeuille de clients professionnels sur votre secteur.",
            "Vous prospectez de nouveaux clients et négociez les contrats.",
            "Vous établissez les devis et assurez le suivi après-vente.",
            "Rémunération fixe plus variable sur objectifs, véhicule de fonction.",
            "Vous avez le goût du challenge et une première expérience de la vente B2B.",
        ],
    },
    "vendeur": {
        "rome": ("D1214", "Vente en habillement et accessoires de la personne"),
        "titles": [
            "Vendeur en prêt-à-porter H/F",
            "Conseillère de vente",
            "Vendeur en magasin",
            "Conseiller de vente chaussures",
        ],
        "skills": [
            "Conseiller les clients",
            "Mettre en rayon",
            "Réaliser l'encaissement",
            "Merchandising",
            "Gérer les stocks en boutique",
        ],
        "sentences": [
            "Vous accueillez et conseillez les clients de la boutique.",
            "Vous participez à la mise en valeur des collections et au merchandising.",
            "Vous assurez l'encaissement et la réception des livraisons.",
            "Vous travaillez le samedi, repos en semaine.",
            "Le sens du service et un bon relationnel sont essentiels.",
        ],
    },
    "caissier": {
        "rome": ("D1505", "Personnel de caisse"),
        "titles": ["Hôte de caisse H/F", "Caissière en supermarché", "Employé de libre-service", "Caissier polyvalent"],
        "skills": [
            "Enregistrer les achats",
            "Encaisser les paiements",
            "Accueillir les clients",
            "Mettre en rayon",
            "Tenir la caisse",
        ],
        "sentences": [
            "Vous enregistrez les achats des clients et encaissez les paiements.",
            "Vous assurez l'accueil et le renseignement de la clientèle en magasin.",
            "Vous participez à la mise en rayon et au facing.",
            "Contrat de 25 heures par semaine, horaires variables.",
            "Débutant accepté, formation assurée en interne.",
        ],
    },
    "magasinier": {
        "rome": ("N1103", "Magasinage et préparation de commandes"),
        "titles": [
            "Préparateur de commandes H/F",
            "Magasinier cariste",
            "Cariste CACES 1-3-5",
            "Agent logistique",
            "Réceptionnaire",
        ],
        "skills": [
            "Préparer les commandes",
            "Conduire un chariot élévateur",
            "Réceptionner les marchandises",
            "Utiliser un scanner",
            "Gérer les stocks",
            "CACES R489",
        ],
        "sentences": [
            "Vous préparez les commandes à l'aide d'un scanner et d'un transpalette électrique.",
            "Vous réceptionnez, contrôlez et rangez les marchandises en entrepôt.",
            "Le CACES R489 catégories 1, 3 et 5 est exigé.",
            "Travail en équipes alternées, matin et après-midi.",
            "Vous participez aux inventaires de l'entrepôt.",
        ],
    },
    "chauffeur_pl": {
        "rome": ("N4101", "Conduite de transport de marchandises sur longue distance"),
        "titles": [
            "Chauffeur poids lourd H/F",
            "Conducteur routier SPL",
            "Chauffeur PL régional",
            "Conducteur super lourd",
        ],
        "skills": [
            "Conduire un poids lourd",
            "Permis C et CE",
            "FIMO / FCO",
            "Arrimer le chargement",
            "Utiliser le chronotachygraphe",
        ],
        "sentences": [
            "Vous effectuez des livraisons régionales au volant d'un semi-remorque.",
            "Vous chargez et déchargez la marchandise chez nos clients.",
            "Permis CE, FIMO ou FCO à jour et carte conducteur obligatoires.",
            "Découchés deux nuits par semaine, retour le week-end.",
            "Vous veillez à l'entretien courant de votre véhicule.",
        ],
    },
    "livreur": {
        "rome": ("N4105", "Conduite et livraison par tournées sur courte distance"),
        "titles": ["Livreur H/F", "Chauffeur livreur VL", "Livreur de colis", "Coursier"],
        "skills": [
            "Livrer les colis",
            "Organiser sa tournée",
            "Permis B",
            "Charger le véhicule",
            "Faire signer les bons de livraison",
        ],
        "sentences": [
            "Vous livrez les colis aux particuliers et aux professionnels sur une tournée définie.",
            "Vous chargez votre véhicule utilitaire au dépôt chaque matin.",
            "Le permis B est obligatoire.",
            "Vous faites signer les bons de livraison et gérez les retours.",
            "Poste du lundi au vendredi, de 7 heures à 15 heures.",
        ],
    },
    "electricien": {
        "rome": ("F1602", "Électricité bâtiment"),
        "titles": [
            "Électricien du bâtiment H/F",
            "Électricien en tertiaire",
            "Chef d'équipe électricien",
            "Électricien de maintenance",
        ],
        "skills": [
            "Tirer des câbles",
            "Poser des tableaux électriques",
            "Lire des schémas électriques",
            "Habilitation électrique",
            "Installer des luminaires",
        ],
        "sentences": [
            "Vous réalisez les installations électriques de logements neufs et de bureaux.",
            "Vous tirez les câbles, posez les tableaux et raccordez les équipements.",
            "Vous lisez les plans et schémas électriques.",
            "Les habilitations électriques B1V, B2V et BR sont un plus.",
            "Le CAP ou le bac pro électricité est demandé.",
        ],
    },
    "plombier": {
        "rome": ("F1603", "Installation d'équipements sanitaires et thermiques"),
        "titles": [
            "Plombier chauffagiste H/F",
            "Plombier",
            "Installateur thermique et sanitaire",
            "Chauffagiste dépanneur",
        ],
        "skills": [
            "Installer des sanitaires",
            "Souder le cuivre",
            "Poser des chaudières",
            "Dépanner une installation de chauffage",
            "Raccorder les réseaux d'eau",
        ],
        "sentences": [
            "Vous installez les réseaux de plomberie et les équipements sanitaires.",
            "Vous posez et mettez en service des chaudières et pompes à chaleur.",
            "Vous intervenez en dépannage chez les particuliers.",
            "Vous maîtrisez la soudure du cuivre et le multicouche.",
            "Véhicule de service et outillage fournis.",
        ],
    },
    "macon": {
        "rome": ("F1703", "Maçonnerie"),
        "titles": ["Maçon H/F", "Maçon coffreur", "Ouvrier en gros œuvre", "Chef d'équipe maçonnerie"],
        "skills": [
            "Monter des murs en parpaings",
            "Couler une dalle",
            "Réaliser des coffrages",
            "Lire un plan",
            "Poser des linteaux",
        ],
        "sentences": [
            "Vous réalisez les travaux de gros œuvre sur des chantiers de maisons individuelles.",
            "Vous montez les murs, coulez les dalles et réalisez les coffrages.",
            "Vous lisez les plans et implantez les ouvrages.",
            "Chantiers dans un rayon de 50 kilomètres, déplacements indemnisés.",
            "Le CAP maçon est souhaité.",
        ],
    },
    "mecanicien_auto": {
        "rome": ("I1604", "Mécanique automobile et entretien de véhicules"),
        "titles": [
            "Mécanicien automobile H/F",
            "Technicien de maintenance automobile",
            "Mécanicien poids lourd",
            "Mécanicien réparateur",
        ],
        "skills": [
            "Diagnostiquer une panne",
            "Réaliser les vidanges",
            "Remplacer les freins",
            "Utiliser la valise de diagnostic",
            "Réparer les moteurs",
        ],
        "sentences": [
            "Vous réalisez l'entretien et les réparations des véhicules de la clientèle.",
            "Vous diagnostiquez les pannes avec la valise de diagnostic.",
            "Vous effectuez vidanges, changements de plaquettes et distributions.",
            "Le CAP maintenance des véhicules est demandé.",
            "Garage concessionnaire, atelier équipé.",
        ],
    },
    "agent_entretien": {
        "rome": ("K2204", "Nettoyage de locaux"),
        "titles": ["Agent d'entretien H/F", "Agent de propreté", "Agent de nettoyage", "Femme de ménage en entreprise"],
        "skills": [
            "Nettoyer les locaux",
            "Utiliser une autolaveuse",
            "Respecter les protocoles de nettoyage",
            "Vider les poubelles",
            "Doser les produits d'entretien",
        ],
        "sentences": [
            "Vous assurez le nettoyage des bureaux et des parties communes.",
            "Vous utilisez une autolaveuse et respectez les protocoles de désinfection.",
            "Horaires tôt le matin, de 6 heures à 9 heures.",
            "Débutant accepté.",
            "Vous videz les corbeilles et approvisionnez les sanitaires.",
        ],
    },
    "coiffeur": {
        "rome": ("D1202", "Coiffure"),
        "titles": ["Coiffeur H/F", "Coiffeuse mixte", "Coiffeur barbier", "Manager de salon de coiffure"],
        "skills": [
            "Réaliser des coupes",
            "Réaliser des colorations",
            "Faire des brushings",
            "Conseiller la clientèle",
            "Tailler la barbe",
        ],
        "sentences": [
            "Vous réalisez les coupes, colorations et brushings de la clientèle du salon.",
            "Vous conseillez les clients et vendez les produits capillaires.",
            "Le BP coiffure est un plus.",
            "Salon mixte en centre-ville, ouvert du mardi au samedi.",
            "Vous suivez les tendances et les techniques de coupe.",
        ],
    },
    "estheticienne": {
        "rome": ("D1208", "Soins esthétiques et corporels"),
        "titles": [
            "Esthéticienne H/F",
            "Praticienne en soins esthétiques",
            "Esthéticienne en spa",
            "Prothésiste ongulaire",
        ],
        "skills": [
            "Réaliser des soins du visage",
            "Épilations",
            "Modelages",
            "Pose de vernis semi-permanent",
            "Vendre des produits cosmétiques",
        ],
        "sentences": [
            "Vous réalisez les soins du visage et du corps, épilations et modelages.",
            "Vous conseillez la clientèle et vendez les produits de la marque.",
            "Le CAP ou le BP esthétique est exigé.",
            "Institut de beauté en centre commercial.",
            "Vous assurez aussi la pose de vernis semi-permanent.",
        ],
    },
    "agent_securite": {
        "rome": ("K2503", "Sécurité et surveillance privées"),
        "titles": [
            "Agent de sécurité H/F",
            "Agent de prévention et de sécurité",
            "Agent SSIAP 1",
            "Agent de surveillance",
        ],
        "skills": [
            "Surveiller les accès",
            "Effectuer des rondes",
            "Carte professionnelle CNAPS",
            "SSIAP 1",
            "Rédiger des rapports",
        ],
        "sentences": [
            "Vous contrôlez les accès et effectuez des rondes de surveillance.",
            "Vous intervenez en cas d'incident et rédigez les rapports de main courante.",
            "La carte professionnelle CNAPS est obligatoire.",
            "Travail de jour comme de nuit, week-ends compris.",
            "Le SSIAP 1 est un plus pour ce site.",
        ],
    },
    "formateur": {
        "rome": ("K2111", "Formation professionnelle"),
        "titles": ["Formateur H/F", "Formateur pour adultes", "Formatrice en bureautique", "Formateur FLE"],
        "skills": [
            "Concevoir des séquences pédagogiques",
            "Animer des formations",
            "Évaluer les acquis",
            "Accompagner les stagiaires",
            "Ingénierie pédagogique",
        ],
        "sentences": [
            "Vous animez des sessions de formation auprès d'un public d'adultes en reconversion.",
            "Vous concevez les supports et les séquences pédagogiques.",
            "Vous évaluez les acquis des stagiaires et suivez leur progression.",
            "Une expérience de l'animation de groupes est demandée.",
            "Le titre professionnel de formateur pour adultes est apprécié.",
        ],
    },
    "recruteur": {
        "rome": ("M1502", "Développement des ressources humaines"),
        "titles": ["Chargé de recrutement H/F", "Chargée de ressources humaines", "Talent acquisition", "Assistant RH"],
        "skills": [
            "Rédiger des offres d'emploi",
            "Mener des entretiens",
            "Sourcing de candidats",
            "Gestion administrative du personnel",
            "Droit du travail",
        ],
        "sentences": [
            "Vous gérez les recrutements de la rédaction de l'annonce à l'intégration.",
            "Vous sourcez les candidats sur les jobboards et LinkedIn et menez les entretiens.",
            "Vous participez à la gestion administrative du personnel.",
            "Une formation en ressources humaines est attendue.",
            "Vous connaissez les bases du droit du travail.",
        ],
    },
    "soudeur": {
        "rome": ("H2913", "Soudage manuel"),
        "titles": ["Soudeur H/F", "Soudeur TIG", "Soudeur MIG MAG", "Chaudronnier soudeur"],
        "skills": [
            "Souder au TIG",
            "Souder au MIG/MAG",
            "Lire des plans de fabrication",
            "Meuler et ajuster les pièces",
            "Contrôler les soudures",
        ],
        "sentences": [
            "Vous réalisez des soudures sur acier et inox selon les plans de fabrication.",
            "Vous maîtrisez les procédés TIG et MIG/MAG.",
            "Vous préparez les pièces, pointez, soudez et contrôlez la qualité.",
            "Atelier de chaudronnerie industrielle.",
            "Une qualification de soudeur est appréciée.",
        ],
    },
    "paysagiste": {
        "rome": ("A1203", "Aménagement et entretien des espaces verts"),
        "titles": [
            "Jardinier paysagiste H/F",
            "Ouvrier paysagiste",
            "Agent d'entretien des espaces verts",
            "Chef d'équipe paysagiste",
        ],
        "skills": [
            "Tondre les pelouses",
            "Tailler les haies",
            "Planter des végétaux",
            "Utiliser une débroussailleuse",
            "Créer des massifs",
        ],
        "sentences": [
            "Vous entretenez les espaces verts de nos clients particuliers et des collectivités.",
            "Vous réalisez la tonte, la taille des haies et le désherbage.",
            "Vous participez à la création de jardins : plantations, engazonnement, dallage.",
            "Le permis B est nécessaire pour se rendre sur les chantiers.",
            "Un CAPA travaux paysagers est apprécié.",
        ],
    },
    "marketing_digital": {
        "rome": ("E1101", "Animation de site multimédia"),
        "titles": [
            "Community manager H/F",
            "Chargé de marketing digital",
            "Chargée de communication web",
            "Social media manager",
        ],
        "skills": [
            "Animer les réseaux sociaux",
            "Créer du contenu",
            "Référencement SEO",
            "Google Analytics",
            "Campagnes publicitaires en ligne",
        ],
        "sentences": [
            "Vous animez nos comptes Instagram, LinkedIn et TikTok et créez les contenus.",
            "Vous pilotez les campagnes publicitaires en ligne et suivez les statistiques.",
            "Vous optimisez le référencement naturel du site.",
            "Vous maîtrisez Canva et la suite Adobe.",
            "Une formation en communication ou en marketing est attendue.",
        ],
    },
    "assistant_maternel": {
        "rome": ("K1303", "Assistance auprès d'enfants"),
        "titles": ["Garde d'enfants à domicile H/F", "Nounou", "Baby-sitter périscolaire", "Auxiliaire parentale"],
        "skills": [
            "Garder des enfants",
            "Préparer les repas des enfants",
            "Accompagner aux devoirs",
            "Aller chercher les enfants à l'école",
            "Proposer des jeux",
        ],
        "sentences": [
            "Vous gardez deux enfants de 4 et 7 ans au domicile de la famille.",
            "Vous allez chercher les enfants à l'école et les aidez pour les devoirs.",
            "Vous préparez le goûter et le repas du soir.",
            "Une expérience de garde d'enfants est demandée.",
            "Horaires périscolaires, de 16 h 30 à 19 h.",
        ],
    },
}

# Filler every real offer carries: it says nothing about the job, and tests robustness to it.
PITCHES = [
    "Entreprise familiale fondée en 1987, nous comptons aujourd'hui 45 collaborateurs.",
    "Rejoignez un groupe en pleine croissance, présent dans toute la France.",
    "Notre structure place le bien-être de ses salariés au cœur de son projet.",
    "Mutuelle d'entreprise, tickets restaurant et prime annuelle.",
    "Poste à pourvoir immédiatement.",
    "Nous privilégions la promotion interne et la formation continue.",
]
CITIES = [
    ("Montpellier", 43.6119, 3.8772),
    ("Lyon", 45.764, 4.8357),
    ("Paris", 48.8566, 2.3522),
    ("Nantes", 47.2184, -1.5536),
    ("Lille", 50.6292, 3.0573),
    ("Toulouse", 43.6047, 1.4442),
]
CONTRACTS = ["cdi", "cdi", "cdi", "cdd", "interim", "apprentissage"]
OFFERS_PER_OCCUPATION = 10


def build(seed: int = 2026) -> list[dict]:
    rng = random.Random(seed)
    offers = []
    for key, spec in OCCUPATIONS.items():
        code, label = spec["rome"]
        for index in range(OFFERS_PER_OCCUPATION):
            city, lat, lon = rng.choice(CITIES)
            sentences = rng.sample(spec["sentences"], k=min(3, len(spec["sentences"])))
            description = " ".join([rng.choice(PITCHES), *sentences, rng.choice(PITCHES)])
            offers.append(
                {
                    "id": f"{key}-{index:02d}",
                    "occupation": key,
                    "title": spec["titles"][index % len(spec["titles"])],
                    "rome_code": code,
                    "rome_label": label,
                    "skills": rng.sample(spec["skills"], k=min(len(spec["skills"]), rng.randint(2, 4))),
                    "description": description,
                    "city": city,
                    "latitude": lat,
                    "longitude": lon,
                    "contract_type": rng.choice(CONTRACTS),
                }
            )
    return offers


if __name__ == "__main__":
    target = Path(__file__).with_name("offers.json")
    target.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target}")
