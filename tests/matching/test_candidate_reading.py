"""What the matching reads of a candidate's job title (the referential's occupation, and the ones offers
file the same title under) and of an offer (the occupation read, and its source's code when both hold)."""

from __future__ import annotations

import pytest

from matching.occupation_fit import occupation_fit, offered_occupations, relation_tier
from matching.reading import CandidateOccupation, candidate_occupations, occupation_is_clear
from matching.services import offer_embeddings_refresh
from offers.understanding.occupations import OccupationReader, title_key
from tests.factories import OfferFactory


def _reader(taught: dict[str, str]) -> OccupationReader:
    return OccupationReader(
        titles=[
            ("Commercial / Commerciale", "D1410"),
            ("Boulanger / Boulangère", "D1102"),
            ("Commercial / Commerciale grands comptes et entreprises", "D1402"),
        ],
        taught={title_key(title): code for title, code in taught.items()},
        labels={"D1410": "Attaché commercial", "D1402": "Commercial grands comptes", "D1403": "Conseiller commercial"},
        parents={"D1410": "D1401"},
        close={},
    )


def test_a_title_the_offers_file_elsewhere_is_read_as_their_occupations_too():
    reader = _reader({"Commercial sédentaire (H/F)": "D1403", "Commercial BtoB": "D1402", "Boulanger de nuit": "D1102"})

    read = candidate_occupations(title="commercial", text="", reader=reader)

    assert [(item.code, item.source) for item in read] == [("D1410", "title"), ("D1402", "offers"), ("D1403", "offers")]
    assert read[1].confidence == read[2].confidence < read[0].confidence
    assert occupation_is_clear(read)


def test_a_title_the_offers_file_where_the_referential_does_is_read_alone():
    reader = _reader({"Boulanger de nuit": "D1102", "Boulanger tourier": "D1102", "Commercial BtoB": "D1402"})

    assert [item.code for item in candidate_occupations(title="Boulanger", text="", reader=reader)] == ["D1102"]
    # One offer title is not enough to say how offers file a title.
    assert [item.code for item in candidate_occupations(title="commercial", text="", reader=reader)] == ["D1410"]


def test_an_offer_counts_its_sources_code_when_rome_ties_it_to_its_title():
    reader = OccupationReader(titles=[], labels={}, parents={}, close={"M1715": {"D1406"}, "D1406": {"M1715"}})
    cleaner = [CandidateOccupation("K2204", "Agent de nettoyage", 1.0, "title")]
    driver = [CandidateOccupation("N4101", "Conducteur de poids lourd", 1.0, "title")]
    therapist = [CandidateOccupation("J1412", "Psychomotricien", 1.0, "title")]
    sales = [CandidateOccupation("D1406", "Directeur des ventes", 1.0, "title")]

    # "Laveur de vitres" filed K2204 by the source (ROME v3), read K2202 from its title (v4.60): both.
    assert offered_occupations(reader, "K2202", "K2204") == ("K2202", "K2204")
    assert occupation_fit(reader, cleaner, offered_occupations(reader, "K2202", "K2204")) == ("same", 1.0)
    # "Directeur commercial" filed D1406 (v3), read M1715 (v4.60), which ROME links to D1406: both.
    assert occupation_fit(reader, sales, offered_occupations(reader, "M1715", "D1406")) == ("same", 1.0)
    # "Conducteur routier" filed J1412 by a partner board: a misfiling ROME ties to nothing, the title only.
    assert offered_occupations(reader, "N4101", "J1412") == ("N4101",)
    assert occupation_fit(reader, driver, offered_occupations(reader, "N4101", "J1412")) == ("same", 1.0)
    assert occupation_fit(reader, therapist, offered_occupations(reader, "N4101", "J1412")) == ("other", 1.0)


def test_occupations_of_one_rome_subdomain_are_close_and_mobility_across_subdomains_is_linked():
    reader = OccupationReader(
        titles=[], labels={}, parents={}, close={"D1102": {"G1602"}, "G1602": {"D1102"}, "K2204": {"K2202"}}
    )
    assert relation_tier(reader, "D1102", "D1102") == "same"
    assert relation_tier(reader, "D1102", "D1106") == "close"  # bakers and food sellers: subdomain D11
    assert relation_tier(reader, "D1102", "G1602") == "linked"  # a ROME mobility link to a kitchen
    assert relation_tier(reader, "D1102", "M1805") == "other"


@pytest.mark.django_db
def test_a_loose_title_narrows_the_reading_to_the_occupations_its_words_name(active_model):
    reader = OccupationReader(
        titles=[
            ("Vendeur / Vendeuse en boulangerie-pâtisserie", "D1106"),
            ("Vendeur / Vendeuse en articles de sport", "D1211"),
            ("Boulanger / Boulangère", "D1102"),
        ],
        labels={"D1106": "Vente en alimentation", "D1211": "Vente en articles de sport", "D1102": "Boulangerie"},
        parents={},
        close={},
    )
    baker = OfferFactory(title="Boulanger H/F", rome_code="D1102", description="Pétrissage, façonnage, cuisson.")
    OfferFactory(title="Vendeur en boulangerie-pâtisserie H/F", rome_code="D1106", description="Vente du pain.")
    offer_embeddings_refresh()
    vector = active_model.offer_embeddings.get(offer=baker).vector  # nearest to the baker's offer

    def read(title):
        found = candidate_occupations(title=title, text="", vector=vector, model=active_model, reader=reader)
        return [item.code for item in found]

    # The offers nearest in meaning vote for the baker's trade; a candidate who typed "vendeuse" is a seller:
    # of the occupations whose titles hold "vendeuse", the vote picks the bakery's.
    assert read("")[0] == "D1102"
    assert reader.possible_families("vendeuse") == {"D1106", "D1211"}
    assert read("vendeuse")[0] == "D1106"
    assert "D1102" not in read("vendeuse")
    # A title no known title holds (English) narrows nothing.
    assert reader.possible_families("Shop assistant") == set()


def test_readings_of_one_title_in_sibling_occupations_are_one_clear_reading():
    # "Chef de rayon": ROME's food (D1502) and non-food (D1503) department managers, one subdomain.
    split = [
        CandidateOccupation("D1502", "Rayon alimentaire", 0.31, "title"),
        CandidateOccupation("D1503", "Rayon non alimentaire", 0.29, "title"),
    ]
    assert occupation_is_clear(split)
    # Split across subdomains, or between a title and the offers' vote, it is not.
    assert not occupation_is_clear([split[0], CandidateOccupation("G1602", "Cuisine", 0.29, "title")])
    assert not occupation_is_clear(
        [split[0], CandidateOccupation("D1503", "Rayon non alimentaire", 0.29, "neighbours")]
    )


# Texts that name no job title, only what the candidate does (none of them is an evaluation profile's).
DESCRIBED = [
    (
        "Dans un hôtel 3 étoiles, je nettoie et je remets en état les chambres, je change le linge de lit et je "
        "réassortis les produits d'accueil.",
        "G1501",
    ),
    (
        "Je taille les haies, je tonds les pelouses, je plante les massifs et j'entretiens les espaces verts de la "
        "commune.",
        "A1203",
    ),
    (
        "Je tiens la comptabilité d'une quarantaine de clients : saisie des écritures, rapprochements bancaires, "
        "déclarations de TVA, préparation des bilans.",
        "M1203",
    ),
]


@pytest.fixture
def rome_referential():
    from pathlib import Path

    from offers.reference_data import rome_load

    rome = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"
    assert rome.is_dir(), "the tests read the ROME referential of ../shared/data"
    rome_load(folder=rome)


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "code"), DESCRIBED)
def test_a_text_naming_no_title_is_read_by_the_tasks_it_describes(rome_referential, text, code):
    from offers.understanding.occupations import occupation_reader

    read = candidate_occupations(title="", text=text, reader=occupation_reader())

    assert [(item.code, item.source) for item in read] == [(code, "text")]
    assert occupation_is_clear(read)


@pytest.mark.django_db
def test_a_title_the_text_names_surely_is_not_overruled_by_the_tasks_it_describes(rome_referential):
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    text = f"Je recherche un poste de serveuse. {DESCRIBED[0][0]}"
    read = candidate_occupations(title="", text=text, reader=reader)

    # What the text's title says: the hotel room attendant its tasks describe is not read.
    assert [(item.code, item.source) for item in read] == [("G1803", "text")]


@pytest.mark.django_db
def test_a_vague_text_is_read_as_no_occupation(rome_referential):
    from offers.understanding.occupations import occupation_reader

    text = "Dynamique et polyvalent, j'ai travaillé dans plusieurs entreprises. Permis B. Disponible rapidement."
    assert candidate_occupations(title="", text=text, reader=occupation_reader()) == []


def _cv_reader() -> OccupationReader:
    return OccupationReader(
        titles=[
            ("Plongeur / Plongeuse", "G1605"),
            ("Agent / Agente d'entretien", "K2204"),
            ("Serveur / Serveuse", "G1803"),
        ],
        labels={},
        parents={},
        close={},
    )


CV = (
    "Moussa DIALLO\n13240 Septèmes-les-Vallons\nEXPÉRIENCE PROFESSIONNELLE\n"
    "2024 - 2025 Plongeur, brasserie du Vieux-Port, Marseille\n"
    "2022 - 2024 Agent d'entretien (CDD), résidence étudiante\n"
)


def test_a_cv_is_read_first_as_the_job_of_its_latest_dated_experience():
    read = candidate_occupations(title="", text=CV, reader=_cv_reader())

    # Both jobs are named; the latest one, on the first dated line, clearly.
    assert [item.code for item in read] == ["G1605", "K2204"]
    assert occupation_is_clear(read)


def test_the_job_a_text_says_is_sought_is_not_outweighed_by_the_latest_one():
    reader = _cv_reader()
    text = f"Je recherche un poste de serveur.\n\n{CV}"

    assert candidate_occupations(title="", text=text, reader=reader)[0].code == "G1803"


@pytest.fixture
def care_and_restaurant_offers(active_model, rome_referential):
    """Offers of a career changer's old trade (waitressing) and of the one she seeks (home care), one town."""
    carers = [
        OfferFactory(
            title=title,
            rome_code="K1302",
            rome_label="Assistant / Assistante de vie aux familles",
            description=description,
            skills=["Aider une personne à la toilette", "Préparer les repas"],
        )
        for title, description in (
            ("Auxiliaire de vie H/F", "Aide aux personnes âgées à leur domicile : lever, toilette, repas, courses."),
            (
                "Aide à domicile H/F",
                "Accompagnement de personnes âgées dépendantes chez elles, aide aux gestes du quotidien.",
            ),
        )
    ]
    waiters = [
        OfferFactory(
            title=title,
            rome_code="G1803",
            rome_label="Serveur / Serveuse en restauration",
            description="Service en salle et en terrasse, prise de commande, encaissement, dans une brasserie.",
            skills=["Prendre une commande", "Servir à table"],
        )
        for title in ("Serveur H/F", "Serveuse en brasserie H/F")
    ]
    # The other trades of a town's offers, which the nearest offers' vote is shared with.
    for title, code, description in (
        ("Cuisinier H/F", "G1602", "Préparation des entrées et des plats, cuisson, dressage."),
        ("Commis de cuisine H/F", "G1602", "Mise en place, épluchage, plonge."),
        ("Boulanger H/F", "D1102", "Pétrissage, façonnage et cuisson du pain."),
        ("Vendeur en boulangerie H/F", "D1106", "Vente du pain et des viennoiseries, encaissement."),
        ("Préparateur de commandes H/F", "N1103", "Préparation des commandes en entrepôt au scanner."),
        ("Cariste H/F", "N1101", "Chargement et déchargement des camions au chariot élévateur."),
        ("Agent de nettoyage H/F", "K2204", "Nettoyage de bureaux le matin, autolaveuse."),
        ("Chauffeur livreur H/F", "N4105", "Livraison de colis aux particuliers, permis B."),
        ("Hôte de caisse H/F", "D1505", "Encaissement des clients en hypermarché."),
        ("Comptable H/F", "M1203", "Saisie comptable, rapprochements bancaires, TVA."),
    ):
        OfferFactory(title=title, rome_code=code, rome_label="", description=description, skills=[])
    offer_embeddings_refresh()
    return {"carers": carers, "waiters": waiters}


# A career changer names the job she leaves as a title and the one she seeks in words (no evaluation profile's text).
LEAVING = (
    "Ancienne serveuse en brasserie pendant 7 ans, service en salle et en terrasse. Je veux travailler dans l'aide à "
    "la personne, m'occuper des personnes âgées à leur domicile : toilette, repas, courses."
)


def test_the_work_a_text_seeks_in_words_is_read_and_the_job_it_names_is_left(care_and_restaurant_offers, active_model):
    from matching.reading import SOUGHT, left_occupations
    from matching.services import encoder_for
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    vector = encoder_for(active_model).encode([LEAVING])[0]
    read = candidate_occupations(title="", text=LEAVING, vector=vector, model=active_model, reader=reader)

    assert read[0].code == "K1302" and read[0].source == SOUGHT
    assert "G1803" not in {item.code for item in read}
    assert left_occupations(LEAVING, read, reader, titled=False) == {"G1803"}
    # A waitress who stays in her trade: her job is what she seeks, nothing is left.
    staying = "Serveuse depuis 8 ans en brasserie, je cherche un nouveau poste en restauration, en salle."
    vector = encoder_for(active_model).encode([staying])[0]
    read = candidate_occupations(title="", text=staying, vector=vector, model=active_model, reader=reader)
    assert read[0].code == "G1803"
    assert left_occupations(staying, read, reader, titled=False) == frozenset()


# A waitress who says she changes trade without saying the work she seeks in words, and one who returns to her trade.
CHANGING = "Serveuse depuis 8 ans en brasserie. Je veux changer complètement de métier, je suis prête à me former."
RETURNING = "Ancienne serveuse en brasserie, j'ai arrêté 3 ans pour élever mes enfants et je reprends le travail."


def test_the_job_a_text_that_changes_trade_names_is_not_its_reading(care_and_restaurant_offers, active_model):
    from matching.reading import left_occupations
    from matching.services import encoder_for
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    encoder = encoder_for(active_model)
    read = candidate_occupations(
        title="", text=CHANGING, vector=encoder.encode([CHANGING])[0], model=active_model, reader=reader
    )
    assert "G1803" not in {item.code for item in read}
    assert left_occupations(CHANGING, read, reader, titled=False) == {"G1803"}
    # Typed, a title is what they seek: nothing they name is left out.
    assert left_occupations(CHANGING, read, reader, titled=True) == frozenset()

    read = candidate_occupations(
        title="", text=RETURNING, vector=encoder.encode([RETURNING])[0], model=active_model, reader=reader
    )
    assert read[0].code == "G1803"
    assert left_occupations(RETURNING, read, reader, titled=False) == frozenset()


def test_a_career_changer_is_not_shown_the_job_left_and_a_returner_is(care_and_restaurant_offers):
    from matching.ranking import recommendations_for_text

    waiters = {offer.pk for offer in care_and_restaurant_offers["waiters"]}
    changing = {item.offer.pk for item in recommendations_for_text(text=CHANGING, min_similarity=0)}
    returning = {item.offer.pk for item in recommendations_for_text(text=RETURNING, min_similarity=0)}

    assert not changing & waiters
    assert waiters <= returning


@pytest.fixture
def driving_offers(active_model, rome_referential):
    """Offers of a coach driver's trade and of trades whose offers speak of driving too, one town."""
    offers = {}
    for key, title, code, description in (
        ("coach", "Conducteur de car H/F", "N4103", "Conduite d'autocars sur lignes régulières, permis D et FIMO."),
        ("coach", "Conducteur de car scolaire H/F", "N4103", "Transport d'élèves en car, permis D, FIMO voyageurs."),
        ("other", "Moniteur auto-école H/F", "K2110", "Leçons de conduite du permis B, code de la route."),
        ("other", "Enseignant de la conduite H/F", "K2110", "Formation à la conduite, titre pro ECSR."),
        ("other", "Chauffeur livreur H/F", "N4105", "Livraison de colis en utilitaire, permis B."),
        ("other", "Cariste H/F", "N1101", "Conduite de chariot élévateur en entrepôt, CACES 3."),
        ("other", "Hôte de caisse H/F", "D1505", "Encaissement des clients en hypermarché."),
    ):
        offers.setdefault(key, []).append(
            OfferFactory(title=title, rome_code=code, rome_label="", description=description, skills=[])
        )
    offer_embeddings_refresh()
    return offers


@pytest.mark.django_db
def test_a_clause_read_loosely_is_the_reading_when_the_job_named_clearly_is_the_one_changed_from(
    active_model, rome_referential, monkeypatch
):
    from matching import reading
    from matching.reading import SOUGHT, _sought_reading
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    text = "Poissonnier depuis 15 ans. Je veux changer complètement et travailler dans l'accueil du public."
    # The whole text reads the job it names clearly; its clause splits between two welcome jobs.
    whole = [CandidateOccupation("D1107", "Poissonnier", 0.9, "text")]
    loose = [
        CandidateOccupation("G1703", "Réceptionniste", 0.22, "neighbours"),
        CandidateOccupation("G1101", "Agent d'accueil touristique", 0.2, "neighbours"),
    ]
    monkeypatch.setattr(reading, "candidate_occupations", lambda **_: loose)
    assert not occupation_is_clear(loose)
    fishmonger = {reader.family("D1107")}

    # Said to be changed from: the clause's reading, loose as it is, is what the text seeks.
    read = _sought_reading(text, active_model, reader, whole, fishmonger, fishmonger, changed=fishmonger)
    assert [(item.code, item.source) for item in read] == [("G1703", SOUGHT), ("G1101", SOUGHT)]
    # Named as past only ("Ancien poissonnier"), or not at all: the job named clearly may be the one sought, in words
    # the clause reads loosely.
    assert _sought_reading(text, active_model, reader, whole, fishmonger, fishmonger) == []
    assert _sought_reading(text, active_model, reader, whole, fishmonger, set()) == []


# A CV whose latest job is one trade and whose training under way leads to another it names too (no evaluation
# profile's text).
TRAINING_CV = (
    "Léa MARTIN\n59000 Lille\n\nEXPÉRIENCE\n2018 - 2025 Poissonnière, marché couvert de Wazemmes\n"
    "2015 - 2017 Réceptionniste de nuit, hôtel du centre\n\nFORMATION\n"
    "2025 - 2026 Titre professionnel réceptionniste en hôtellerie (en cours)\n2014 Bac pro commerce"
)


@pytest.mark.django_db
def test_a_training_under_way_is_the_work_sought_when_the_text_names_its_trade_too(
    active_model, rome_referential, monkeypatch
):
    from matching import reading
    from matching.reading import SOUGHT, _sought_reading
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    # The whole CV reads its latest job clearly; the training's clause reads the desk loosely.
    whole = [CandidateOccupation("D1107", "Poissonnier", 0.96, "text")]
    loose = [
        CandidateOccupation("G1703", "Réceptionniste", 0.3, "neighbours"),
        CandidateOccupation("G1101", "Agent d'accueil touristique", 0.2, "neighbours"),
    ]
    clauses = []

    def clause_read(**kwargs):
        clauses.append(kwargs["text"])
        return loose

    monkeypatch.setattr(reading, "candidate_occupations", clause_read)
    assert not occupation_is_clear(loose)
    named = {reader.family("D1107"), reader.family("G1703")}

    read = _sought_reading(TRAINING_CV, active_model, reader, whole, named, set())
    assert clauses == ["Titre professionnel réceptionniste en hôtellerie"]
    assert [(item.code, item.source) for item in read] == [("G1703", SOUGHT), ("G1101", SOUGHT)]
    # A training whose loose reading the CV names nowhere else is no reason to leave the job it reads clearly.
    assert _sought_reading(TRAINING_CV, active_model, reader, whole, {reader.family("D1107")}, set()) == []
    # A wish said in words is read with the training, which may say its trade ("je veux travailler dans l'aide à la
    # personne ... j'ai commencé le titre pro ADVF").
    clauses.clear()
    _sought_reading(f"Je veux travailler en cuisine.\n{TRAINING_CV}", active_model, reader, whole, named, set())
    assert clauses == ["travailler en cuisine. Titre professionnel réceptionniste en hôtellerie"]


@pytest.mark.django_db
def test_a_diploma_that_leads_to_one_trade_is_read_as_its_title(rome_referential):
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    for diploma, family in (
        ("BPJEPS loisirs tous publics", "G1202"),
        ("DEAP", "J1304"),
        ("ADVF", "K1302"),
        ("titre pro TAI", "I1401"),
        # Not the aide-soignant's DEAS, one letter away: the social worker's diploma.
        ("DEASS", "K1201"),
        ("ECSR", "K2110"),
    ):
        (guess, *_) = reader.from_title(diploma)
        assert (reader.family(guess.code), guess.confidence >= 0.8) == (family, True), diploma


def test_a_returner_who_wishes_to_take_up_the_job_named_as_past_is_shown_it(driving_offers):
    from matching.ranking import recommendations_for_text

    # "J'ai été" and "pendant 9 ans" name the past; the wish says it is the work sought again (no evaluation
    # profile's text).
    text = (
        "J'ai été conducteur de car pendant 9 ans. Après un arrêt maladie, je souhaite reprendre la conduite de "
        "cars, permis D et FIMO à jour."
    )
    shown = {item.offer.pk for item in recommendations_for_text(text=text, min_similarity=0)}

    assert {offer.pk for offer in driving_offers["coach"]} <= shown


def test_the_job_a_career_changer_leaves_is_not_recommended(care_and_restaurant_offers):
    from matching.ranking import recommendations_for_text

    shown = {item.offer.pk for item in recommendations_for_text(text=LEAVING, min_similarity=0)}

    assert {offer.pk for offer in care_and_restaurant_offers["carers"]} <= shown
    assert not shown & {offer.pk for offer in care_and_restaurant_offers["waiters"]}


def test_a_title_held_for_a_time_now_over_isjobs_left():
    reader = _cv_reader()

    (held,) = reader.mentions("Serveur pendant 7 ans en brasserie.")
    (current,) = reader.mentions("Serveur depuis 7 ans en brasserie.")
    (former,) = reader.mentions("Ancien serveur en brasserie.")

    assert held.left and former.left and not current.left
    assert held.weight == former.weight == 0.25 * current.weight


def test_a_role_sought_said_as_a_noun_names_its_title():
    reader = OccupationReader(
        titles=[("Directeur / Directrice de magasin", "D1301"), ("Gérant / Gérante de bar", "G1402")],
        labels={},
        parents={},
        close={},
    )

    (store,) = reader.mentions("Je veux évoluer et prendre la direction d'un magasin de proximité.")
    (bar,) = reader.mentions("Je souhaite reprendre la gérance d'un bar en centre-ville.")
    assert (store.code, store.sought, bar.code, bar.sought) == ("D1301", True, "G1402", True)
    # Not a role sought: the management one speaks of, a way one goes.
    assert reader.mentions("La direction du magasin m'a confié les commandes.") == []
    assert reader.mentions("Je cherche un poste en direction de Lyon.") == []
    # Nor a department one wishes to join.
    assert reader.mentions("Je veux intégrer la direction du magasin, au service des achats.") == []


def test_a_qualification_is_no_job_a_career_changer_leaves():
    from offers.understanding.sought_work import jobs_left

    reader = OccupationReader(
        titles=[
            ("Boulanger / Boulangère", "D1102"),
            ("Technicien / Technicienne d'assistance informatique", "I1404"),
            ("Monteur / Monteuse en installations sanitaires", "F1603"),
            ("Aide-soignant / Aide-soignante", "J1501"),
        ],
        taught={title_key("titre pro TAI"): "I1404"},
        labels={},
        parents={},
        close={},
    )
    text = (
        "Boulanger pendant 11 ans. Je me suis formé (titre pro TAI, stage de 2 mois) et je cherche mon premier poste."
    )

    baker, trained = reader.mentions(text)
    assert (baker.code, baker.qualification, trained.code, trained.qualification) == ("D1102", False, "I1404", True)
    # The job held is left; the trade trained for is not.
    assert jobs_left(text, [baker, trained]) == {"D1102"}
    # A diploma said before the title, or in it, is a qualification; a title held is not.
    for said, qualification in (
        ("J'ai eu mon CAP monteur en installations sanitaires en juin.", True),
        ("Titre pro TAI obtenu en 2024.", True),
        ("Après ma formation d'aide-soignante, j'ai travaillé en EHPAD.", True),
        ("Aide-soignante depuis 4 ans en EHPAD.", False),
    ):
        (mention,) = reader.mentions(said)
        assert mention.qualification is qualification, said


def test_a_career_changer_leaves_the_jobs_held_not_every_title_named():
    from offers.understanding.sought_work import jobs_left

    reader = OccupationReader(
        titles=[("Chauffeur livreur / Chauffeuse livreuse", "N4105"), ("Horticulteur / Horticultrice", "A1414")],
        labels={},
        parents={},
        close={},
    )
    text = "Chauffeur livreur depuis 6 ans, j'en ai marre de la route. Stage chez un horticulteur, ça m'a plu."

    # The first title, held for a time, is left; the one named as a training's place is the new trade.
    assert jobs_left(text, reader.mentions(text)) == {"N4105"}


def test_a_trade_the_text_names_is_surer_than_a_wish_read_loosely(care_and_restaurant_offers, active_model):
    from matching.reading import left_occupations
    from matching.services import encoder_for
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    # No evaluation profile's text: the wish clause ("bosser en journée, près de chez moi") says no trade clearly.
    text = (
        "Serveuse depuis 9 ans, les soirées ça me tue. J'ai fait une formation d'auxiliaire de vie l'hiver "
        "dernier, auxiliaire de vie c'est ce qui me va. Je veux bosser en journée, près de chez moi."
    )
    read = candidate_occupations(
        title="", text=text, vector=encoder_for(active_model).encode([text])[0], model=active_model, reader=reader
    )

    assert reader.family(read[0].code) == reader.family("K1302")
    # Nor is the job left a lesser reading: it is left.
    assert "G1803" not in {item.code for item in read}
    assert left_occupations(text, read, reader, titled=False) == {"G1803"}


def test_a_cv_s_diploma_finished_after_its_latest_job_is_the_work_sought(care_and_restaurant_offers, active_model):
    from matching.services import encoder_for
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    # No evaluation profile's text: no objective, the new trade only in the training section.
    cv = (
        "Nadia B.\nRennes\nEXPÉRIENCE\n2015 – 2025 Serveuse, brasserie du Théâtre\n2012 – 2015 Hôte de caisse, "
        "hypermarché\nFORMATION\n2024 – 2025 Titre professionnel Assistant de vie aux familles (ADVF), Greta\n"
        "2011 Bac pro commerce\nCOMPÉTENCES\nService, encaissement, relation client"
    )
    read = candidate_occupations(
        title="", text=cv, vector=encoder_for(active_model).encode([cv])[0], model=active_model, reader=reader
    )

    assert reader.family(read[0].code) == reader.family("K1302")


@pytest.mark.django_db
def test_an_activity_a_wish_takes_up_reads_as_its_trade(rome_referential):
    from matching.reading import _activity_trade
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    assert _activity_trade("reprendre la coiffure en salon", reader) == "coiffure"
    assert _activity_trade("du travail pour la plonge, dans une cantine", reader) == "plonge"
    # Read surely, but as another worker's title: "le CACES" is a forklift driver's licence, "la caisse" a head
    # cashier's till.
    assert _activity_trade("faire du chariot, j'ai passé le CACES", reader) == ""
    assert _activity_trade("travailler au magasin pour la caisse", reader) == ""


def test_a_career_changer_who_wants_an_activity_is_read_as_its_trade(care_and_restaurant_offers, active_model):
    from matching.reading import SOUGHT
    from matching.services import encoder_for
    from offers.understanding.occupations import occupation_reader

    reader = occupation_reader()
    # No evaluation profile's text: the work sought is named by its activity only, loosely read by meaning.
    for text, family, clear in (
        (
            "Caissière pendant 6 ans en hypermarché, je n'en peux plus des week-ends. Je cherche du travail pour la "
            "plonge, dans une cantine scolaire ou un self d'entreprise.",
            "G1605",
            True,
        ),
        # A returner: the trade the text names as its past is the one sought again, as sure as the whole text reads
        # it (no hairdresser's offer here to vote for it).
        ("Coiffeuse pendant 12 ans puis trois ans au foyer : je veux reprendre la coiffure en salon.", "D1202", False),
    ):
        vector = encoder_for(active_model).encode([text])[0]
        read = candidate_occupations(title="", text=text, vector=vector, model=active_model, reader=reader)
        assert (reader.family(read[0].code), read[0].source) == (reader.family(family), SOUGHT), text
        assert occupation_is_clear(read) is clear, text
