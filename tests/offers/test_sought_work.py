"""The work a text says it seeks in words (offers.understanding.sought_work): the clause after a wish, cut where it
turns to the past or after what it leaves; nothing for a wish denied, one that names no work, or a task."""

from __future__ import annotations

import pytest

from offers.understanding.sought_work import (
    activities_named,
    diploma_trade,
    names_its_worker,
    says_change,
    seeks_return,
    sought_work,
    training_under_way,
    work_words,
)

# None of these is an evaluation profile's text.
SOUGHT = [
    (
        "Après 5 ans en grande surface je veux changer et travailler en entrepôt, j'ai le CACES 1.",
        "changer et travailler en entrepôt, j'ai le CACES 1",
    ),
    # Cut where it turns back to the past.
    ("Je souhaite me reconvertir dans la logistique après 8 ans de vente.", "me reconvertir dans la logistique"),
    ("Ancienne serveuse, je veux travailler dans l'aide à la personne.", "travailler dans l'aide à la personne"),
    # What it leaves is not what it seeks.
    (
        "Je veux quitter la restauration pour travailler dans le bâtiment, j'ai fait un peu de peinture.",
        "travailler dans le bâtiment, j'ai fait un peu de peinture",
    ),
    (
        "Vendeur depuis 10 ans, je cherche un emploi dans le transport, j'ai le permis C.",
        "un emploi dans le transport, j'ai le permis C",
    ),
    ("Serveuse depuis 8 ans, je cherche un nouveau poste en restauration", "un nouveau poste en restauration"),
    ("I worked in retail for 5 years and I'd like to move into warehouse work.", "to move into warehouse work"),
    ("Objectif : poste en logistique", "poste en logistique"),
    ("je recherche à travailler en crèche", "à travailler en crèche"),
    ("je cherche un apprentissage en boulangerie", "un apprentissage en boulangerie"),
    # Every wish, once.
    (
        "je veux un metier plus humain. je veux travailler dans l'aide a la personne",
        "un metier plus humain. travailler dans l'aide a la personne",
    ),
]

NOTHING_SOUGHT = [
    "Je cherche un CDI à temps plein près de chez moi.",  # no work named
    "je cherche du travail rapidement",
    "je ne veux plus travailler en cuisine",  # a wish denied
    "je veux plus faire de la vente",
    "Je cherche les pannes avec la valise de diagnostic.",  # a task, not a wish
    "Je cherche vers Marseille ou Aix.",
    "Boulanger depuis 10 ans, pétrissage et cuisson.",
    # How the work is learnt, not which: the trade is the one the text names elsewhere.
    "CAP monteur en installations sanitaires en poche, je cherche une entreprise pour préparer le BP en alternance.",
    "je recherche un contrat d'apprentissage pour passer mon bac pro",
    # A wish denied right after its cue.
    "je veux juste ne plus avoir affaire au public",
    "I just want not to work nights any more",
]


@pytest.mark.parametrize(("text", "clause"), SOUGHT)
def test_the_clause_a_wish_opens_is_the_work_sought(text, clause):
    assert sought_work(text) == clause


@pytest.mark.parametrize("text", NOTHING_SOUGHT)
def test_a_text_that_seeks_no_work_in_words_has_no_clause(text):
    assert sought_work(text) == ""


def test_the_words_that_may_say_which_work_leave_out_those_of_any_wish():
    assert work_words("un nouveau poste en CDI à temps plein") == ""
    assert work_words("travailler en entrepôt, j'ai le CACES 1") == "entrepot caces"


@pytest.mark.parametrize(
    "text",
    [
        "Boucher depuis 12 ans, je veux changer complètement et travailler à l'accueil d'un hôtel.",
        "Je souhaite changer de métier.",
        "En reconversion après 10 ans de vente.",
        "Je me suis formée au secrétariat médical l'an dernier.",
        "Comptable reconvertie dans le paysage.",
        "Ten years in retail, now looking for a career change.",
        # A body the job has worn out.
        "Maçon depuis 15 ans, mon dos ne suit plus sur les chantiers, je veux conduire des engins.",
        "plombier, j'ai les genoux en vrac, je cherche autre chose",
        "Mes épaules sont usées après 20 ans de peinture.",
        # Done with the job.
        "Caissière depuis 9 ans, je n'en peux plus des horaires, je veux travailler en crèche.",
        "jen ai marre du bâtiment, je cherche dans la vente",
        "Après 20 ans de nuits, la boulangerie c'est fini pour moi.",
        "Plus jamais la grande distribution.",
        "Infirmier, burn-out en 2024 : je veux un métier manuel.",
        "I don't want to go back to teaching, I'd like to work in a garden centre.",
        # Any tense of a change of path, a new trade, back to school.
        "Je change de voie : CAP fleuriste obtenu en juin.",
        "J'ai changé de métier l'an dernier.",
        "Je cherche un premier poste dans mon nouveau métier.",
        "Après un accident j'ai repris mes études de comptabilité.",
        # A past put behind.
        "Marketing manager for 12 years. I want to work outdoors now. Marketing is behind me.",
        "La vente c'est derrière moi, je veux travailler dehors.",
        "J'ai tourné la page de la restauration.",
        "I've left hospitality behind for good.",
    ],
)
def test_a_text_that_says_it_changes_trade(text):
    assert says_change(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ancienne aide-soignante, j'ai arrêté 3 ans pour mes enfants et je reprends le travail.",
        "Je veux changer d'entreprise, toujours en boulangerie.",
        "Serveuse depuis 8 ans, je cherche un nouveau poste en restauration.",
        "Formée aux gestes d'urgence (SST).",
        # The back or hands as the work's object, not worn out by it.
        "Kinésithérapeute, je soigne les douleurs du dos et des mains.",
        "Je porte des charges lourdes, dos droit, gestes et postures respectés.",
        # Tired of an employer or a schedule, not of the trade, said without a cue of ending.
        "Vendeuse depuis 6 ans, je cherche une boutique plus proche de chez moi.",
        "I want to keep working as a chef, closer to my family.",
        # Something behind, not a past.
        "The warehouse is just behind me, five minutes on foot.",
        "I leave nothing behind: tidy, careful work.",
    ],
)
def test_a_text_that_does_not_say_it_changes_trade(text):
    assert not says_change(text)


@pytest.mark.parametrize(
    "text",
    [
        "J'ai été serveuse pendant 8 ans. Je veux reprendre le service en salle.",
        "Ancien maçon, après un arrêt de 2 ans je souhaite revenir sur les chantiers.",
        "Coiffeuse pendant 10 ans, je voudrais retrouver mon métier.",
        "I was a bus driver for years and I want to go back to driving.",
        "Je cherche un poste de cariste à nouveau.",
    ],
)
def test_a_wish_to_go_back_to_work_once_done(text):
    assert seeks_return(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ancienne serveuse, je veux travailler dans l'aide à la personne.",
        # Going back without a wish is no clause sought; a return named outside the wish is not one.
        "Ancienne aide-soignante, je reprends le travail.",
        "Je suis de nouveau disponible. Je souhaite devenir cariste.",
    ],
)
def test_a_wish_for_other_work_is_no_return(text):
    assert not seeks_return(text)


@pytest.mark.parametrize(
    ("text", "training"),
    [
        # A CV's diploma marked as under way, its years left out.
        (
            "EXPÉRIENCE\n2019 - 2025 Vendeuse en prêt-à-porter\n\n"
            "FORMATION\n2025 - 2026 CAP cuisine (en cours)\n2012 Bac",
            "CAP cuisine",
        ),
        ("FORMATION\nDEAES - en cours\nBAFA", "DEAES"),
        ("Je prépare un CAP petite enfance à distance.", "CAP petite enfance à distance"),
        ("Actuellement en formation d'aide-soignante à Tours.", "aide-soignante à Tours"),
        ("Je suis en cours de formation de cariste.", "cariste"),
        ("I am currently training as a welder in Nantes.", "a welder in Nantes"),
        ("EDUCATION\nBTEC Plumbing (in progress)", "BTEC Plumbing"),
        # A training begun, or enrolled in.
        ("Après 9 ans de secrétariat, j'ai commencé le titre pro ADVF en mars.", "titre pro ADVF en mars"),
        ("Je viens de commencer une formation de soudeur.", "formation de soudeur"),
        ("Je suis inscrite en BTS comptabilité gestion.", "BTS comptabilité gestion"),
        ("I have just started a nursing degree in Lyon.", "nursing degree in Lyon"),
    ],
)
def test_a_training_under_way_says_the_work_it_leads_to(text, training):
    assert training_under_way(text) == training


@pytest.mark.parametrize(
    "text",
    [
        # A training done, wherever it was taken.
        "Secrétaire pendant 7 ans, j'ai obtenu un CAP cuisine en formation pour adultes.",
        "FORMATION\n2018 CAP cuisine\n2013 BAFA",
        # A task in progress, a task that prepares, a diploma line without "en cours".
        "Je fais les réglages et les contrôles en cours de production.",
        "Je prépare les commandes au scanner et je charge les camions.",
        "J'ai commencé le travail à 6 h au marché.",
        "Dossier de candidature en cours (mairie de Lyon)",
        # A car licence under way says no trade.
        "FORMATION\nBac pro commerce\nPermis B (en cours)",
    ],
)
def test_a_training_done_or_a_task_in_progress_is_no_training_under_way(text):
    assert training_under_way(text) == ""


@pytest.mark.parametrize(
    ("training", "trade"),
    [
        ("CAP Maintenance des véhicules", "Maintenance des véhicules"),
        ("Diplôme d'État d'éducateur spécialisé", "éducateur spécialisé"),
        ("Titre professionnel de conducteur de bus", "conducteur de bus"),
        ("CAPa jardinier paysagiste. CACES R482", "jardinier paysagiste"),
        # A diploma named by its acronym alone names no trade in words.
        ("DEAS", ""),
        ("BPJEPS Loisirs tous publics", ""),
    ],
)
def test_a_diploma_names_its_trade_after_its_diploma_words(training, trade):
    assert diploma_trade(training) == trade


@pytest.mark.parametrize(
    ("clause", "activities"),
    [
        ("reprendre la coiffure en salon, comme avant", ["coiffure"]),
        ("du travail pour la cueillette : abricots puis cerises", ["cueillette"]),
        ("un emploi de jour, même simple : la plonge ou la vaisselle", ["plonge"]),
        ("faire les vendanges, puis la taille", ["vendanges", "taille"]),
        # After a preposition or a conjunction: a place or a field, not the work.
        ("travailler en salon ou dans le sport", []),
        ("un poste dans la vente, près de la gare", []),
    ],
)
def test_a_wish_names_its_work_by_the_activity_it_takes_up(clause, activities):
    assert activities_named(clause) == activities


@pytest.mark.parametrize(
    ("activity", "title", "names"),
    [
        ("coiffure", "Coiffeur / Coiffeuse", True),
        ("plonge", "Plongeur officier / Plongeuse officière de cuisine", True),
        ("cueillette", "Cueilleur / Cueilleuse de fruits", True),
        # A thing of the trade, not its activity.
        ("caisse", "Responsable de caisses", False),
        ("CACES", "Cariste", False),
        # The worker's title itself is no activity ("administrer les serveurs et le réseau").
        ("serveurs", "Serveur / Serveuse en restauration", False),
    ],
)
def test_an_activity_names_the_trade_whose_worker_shares_its_root(activity, title, names):
    assert names_its_worker(activity, title) is names
