"""The work a text says it seeks in words rather than by a job title: "je veux travailler en entrepôt".

A career changer often names the job they leave as a title ("Ancienne serveuse", "Vendeur depuis 10 ans") and
the one they want as a field, a workplace or a task ("je veux travailler dans l'aide à la personne", "me
reconvertir dans la logistique", "I'd like to move into warehouse work"). The titles a text names then point to
the past; what it seeks is the clause after a cue of wanting, up to the end of its sentence, cut where it turns
to the past again ("... dans la logistique après 8 ans de vente") and after what it leaves ("quitter la
restauration pour le bâtiment"). A wish denied ("je ne veux plus travailler en cuisine") is no clause sought;
nor is one that names no work ("je cherche un CDI à temps plein près de chez moi"). A wish to go back to work once
done ("J'ai été conducteur de bus pendant 11 ans ... je veux reprendre la conduite de bus") seeks the past again.

`matching.reading` reads such clauses as a text of their own; the titles named outside them are then the past.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from offers.search.vocabulary import fold
from offers.understanding.text import STOP_WORDS, singular, tokens

if TYPE_CHECKING:
    from offers.understanding.title_mentions import TitleMention

# A cue of wanting, and what may come between the subject and it ("je ne veux plus": a wish denied).
_WISH = re.compile(
    r"\b(?:(?:je|j'|i|i'd|i'm)\s*(?P<neg>(?:ne|n'|do\s+not|don't|no\s+longer)\s*)?"
    r"(?:veux|voudrais|souhaite|souhaiterais|aimerais|vise|want|would\s+like|'d\s+like|like|hope|plan"
    # "je cherche les pannes" is a task: what is sought must be work, a field or a place of work.
    r"|(?:re)?cherche(?=\s+(?:(?:un|une|du|de|d'|des|le|la|l')\s*)?"
    r"(?:(?:nouveau|nouvel|nouvelle|autre|premier|premi[èe]re|petit|petite|vrai|vraie)\s+)?(?:poste|emploi|travail|job|boulot|m[ée]tier"
    r"|mission|stage|alternance|apprentissage|contrat|cdi|cdd|place|dans|en|[àa]\s+(?:travailler|devenir|me|m'|int[ée]grer)))"
    r"|am\s+looking|'m\s+looking)\b"
    r"|me\s+(?:reconvertir|r[ée]orienter|lancer)\b|m'orienter\b|reconversion\b|looking\s+for\b|move\s+into\b"
    r"|switch\s+to\b|objectif(?:\s+professionnel)?\s*:|poste\s+recherch[ée]\s*:)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;\n]")
# Where a clause sought turns back to the past ("... dans la logistique après 8 ans de vente").
_PAST = re.compile(r"\b(?:apr[èe]s|depuis|after|since)\b", re.IGNORECASE)
# What a clause leaves before it says what it wants ("quitter la restauration pour le bâtiment").
_LEAVING = re.compile(r"\b(?:quitter|changer\s+de|leave|leaving)\b.*?\b(?:pour|to|for)\b", re.IGNORECASE)
# A denial right after the cue ("je veux plus", spoken French without its "ne"; "je veux juste ne plus avoir affaire
# au public").
_DENIED_AFTER = re.compile(
    r"^\s*(?:(?:juste|seulement|simplement|surtout|just|only)\s+)?(?:ne\s+|n')?(?:plus|pas|jamais|not|never)\b",
    re.IGNORECASE,
)
# Words of any wish for work that say no work ("je cherche un emploi en CDI à temps plein").
_NO_WORK = frozenset(
    word
    for phrase in (
        "travailler travail emploi poste job boulot métier metier changer change reconvertir reconversion "
        "orienter domaine secteur milieu cdi cdd intérim interim contrat temps plein partiel stable rapidement "
        "vite près proche chez moi maison région ville week end semaine nuit jour horaires salaire mieux "
        "nouveau nouvelle autre chose évoluer evoluer work working job move into switch career field new "
        "full part time permanent role position something else would like looking want find quickly near home "
        "aussi encore vraiment enfin bientôt bientot maintenant dès des que possible trouver find get faire ai suis "
        "rester continuer reprendre intégrer integrer rejoindre join entreprise société societe structure équipe "
        "equipe company team dynamique sérieux serieux motivé motive stabilité stabilite idéalement idealement",
        # How the work is learnt, not which: "je cherche une entreprise pour préparer le BP en alternance" (the trade
        # is the one the text names elsewhere: "J'ai eu mon CAP monteur en installations sanitaires").
        "alternance apprentissage apprenti apprentie alternant alternante stage stagiaire préparer preparer passer "
        "cap bep bp bts dut bac pro diplôme diplome apprenticeship internship",
    )
    for word in tokens(phrase)
)


# A text that says it changes trade: the jobs it names otherwise than as sought are the ones it leaves.
_CHANGE = re.compile(
    r"\b(?:me\s+reconvertir|reconversion|chang(?:er|e|é|ée|és|ées|ement)\s+(?:compl[èe]tement|totalement|radicalement"
    r"|de\s+(?:m[ée]tier|voie|secteur|domaine|branche|carri[èe]re|cap\b|vie\s+professionnelle))"
    r"|me\s+suis\s+(?:re)?form[ée]e?|reconverti(?:e|s|es)?|nouveau\s+m[ée]tier|nouvelle\s+(?:voie|carri[èe]re)"
    # Back to school for another trade ("après une hernie discale j'ai repris les études").
    r"|(?:repris|reprendre|reprends)\s+(?:les|mes)\s+[ée]tudes"
    r"|career\s+change|change\s+(?:of\s+)?careers?|switch\s+careers?|new\s+career|retrain(?:ed|ing)?)\b"
    # Done with the job ("je n'en peux plus du comptoir", "jen ai marre de la route", "l'usine c'est fini pour moi",
    # "Plus jamais la restauration", "les nuits ca me tue", "I don't want to go back to running payroll").
    r"|\b(?:j'?\s*en\s+peux\s+plus|n'en\s+(?:peux|pouvais)\s+plus|j'?\s*en\s+ai\s+(?:marre|ras\s+le\s+bol)"
    r"|c'est\s+(?:fini|termin[ée])\s+pour\s+moi|plus\s+jamais\s+(?:la|le|les|l'|de|d'|en|[çc]a)|je\s+sature"
    r"|[çc]a\s+me\s+tue|burn[\s-]?out|(?:don't|do\s+not|no\s+longer)\s+want\s+to\s+(?:go\s+back|work|do)|i'm\s+done\s+with)"
    # A body the job has worn out ("mon dos ne suit plus sur les chantiers", "j'ai les mains et le dos en vrac").
    r"|\b(?:dos|mains|genoux|[ée]paules)\b[^.;!?\n]{0,25}?\b(?:ne\s+sui(?:t|vent)\s+plus|en\s+vrac|us[ée]e?s?\b"
    r"|cass[ée]e?s?\b|(?:me\s+)?(?:fait|font)\s+mal)"
    # A past put behind ("Marketing is behind me", "la vente c'est derrière moi", "j'ai tourné la page", "I've left
    # hospitality behind").
    r"|\b(?:(?:is|are)\s+(?:now\s+)?behind\s+me|(?:c'est|est)\s+(?:bien\s+)?derri[èe]re\s+moi"
    r"|tourn(?:er|é|e)\s+la\s+page|(?:left|leaving|leave)\s+(?!nothing\b)[\w\s'-]{1,30}?\s+behind)\b",
    re.IGNORECASE,
)


# A wish to go back to work once done ("je veux reprendre la conduite de bus", "revenir à la coiffure"): the jobs
# the text names as its past are then the ones sought again.
_RETURN = re.compile(
    r"^\s*(?:(?:de|d'|[àa]|to)\s*)?(?:(?:reprendre|revenir|retourner|redevenir|retravailler)\b"
    r"|retrouver\s+(?:mon|ma|mes|le|la|les)\b|(?:go|get|come)\s+back\b|return\b)|\b(?:de\s+nouveau|[àa]\s+nouveau|again)\b",
    re.IGNORECASE,
)


# A training under way names the work it leads to: "je prépare un CAP petite enfance", "actuellement en formation
# d'aide-soignante", a CV's "2025 BPJEPS Loisirs tous publics (en cours, fin en décembre)", "currently training as a
# nurse". Not a training done ("j'ai obtenu un CAP cuisine en formation pour adultes") nor a task in progress
# ("contrôles en cours de production").
_DIPLOMA = (
    r"(?:cap|bep|bp|bts|but|dut|bac(?:\s*pro)?|licence|master|dipl[ôo]me|titre|certificat|certification|cqp|bpjeps"
    r"|dejeps|deaes|deas|deap|dees|deeje|bafa|bafd|caces|formation|concours|permis"
    r"|degree|diploma|course|certificate|bachelor|btec|nvq)"
)
_TRAINING_CUE = re.compile(
    r"\b(?:je\s+pr[ée]pare\s+(?:un|une|le|la|l'|mon|ma|actuellement\s+(?:un|une|le|la|l'))\s*(?=" + _DIPLOMA + r"\b)"
    # "j'ai commencé le titre pro ADVF", "je suis inscrite en BTS", "I've started a nursing degree".
    r"|(?:j'ai|je\s+viens\s+de)\s+(?:commenc[ée]r?|entam[ée]r?|d[ée]but[ée]r?)\s+(?:un|une|le|la|l'|mon|ma)\s*"
    r"(?=" + _DIPLOMA + r"\b)"
    r"|je\s+suis\s+inscrite?\s+(?:en|au|[àa]\s+la|dans\s+une?|pour\s+(?:un|une|le|la|l'))\s*(?=" + _DIPLOMA + r"\b)"
    r"|i(?:'ve|\s+have)\s+(?:just\s+)?(?:started|begun)\s+(?:a|an|the|my)\s+(?=(?:\w+\s+){0,2}" + _DIPLOMA + r"\b)"
    r"|(?:actuellement|je\s+suis|suis)\s+en\s+(?:cours\s+de\s+)?formation\s+(?:de\s+|d'|en\s+|pour\s+devenir\s+)?"
    r"|en\s+cours\s+de\s+formation\s+(?:de\s+|d'|en\s+|pour\s+devenir\s+)?"
    r"|(?:currently|now)\s+(?:studying|training|enrolled)\s+(?:for|as|in|on)\s+)",
    re.IGNORECASE,
)
# A line of a CV that says its diploma is under way ("(en cours)", "- en cours", "in progress").
_UNDER_WAY = re.compile(r"[(\-–,:]\s*(?:en\s+cours|in\s+progress|ongoing)\b", re.IGNORECASE)
_DIPLOMA_WORD = re.compile(r"\b" + _DIPLOMA + r"\b", re.IGNORECASE)
_YEARS = re.compile(r"^[\s\d/–-]*")
# A car or motorbike licence under way says no trade ("Permis B (en cours)" on a student's CV).
_NO_TRADE = re.compile(r"^permis\s+(?:b|am|a|a1|a2)$", re.IGNORECASE)


def training_under_way(text: str) -> str:
    """What the trainings a text says are under way lead to ("BPJEPS Loisirs tous publics"), joined; or ""."""
    clauses: list[str] = []
    for cue in _TRAINING_CUE.finditer(text):
        end = _SENTENCE_END.search(text, cue.end())
        clauses.append(text[cue.end() : end.start() if end else len(text)])
    for line in text.splitlines():
        under_way = _UNDER_WAY.search(line)
        if under_way and _DIPLOMA_WORD.search(line[: under_way.start()]):
            clauses.append(_YEARS.sub("", line[: under_way.start()]))
    kept = [clause.strip(" ,:-–(") for clause in clauses]
    return ". ".join(dict.fromkeys(clause for clause in kept if work_words(clause) and not _NO_TRADE.match(clause)))


# The words that name a diploma before the trade it names ("CAP Maintenance des véhicules", "Titre professionnel
# de maçon", "Diplôme d'État d'éducateur spécialisé").
_DIPLOMA_NAME = re.compile(
    r"^\s*(?:(?:capa?|bep|bpa?|btsa?|bac\s*pro|cqpm?|titre\s+pro(?:fessionnel)?|dipl[ôo]me(?:\s+d'[ée]tat)?|licence"
    r"\s+pro(?:fessionnelle)?|certificat(?:ion)?|formation)\b\s*(?:(?:de|d'|du|des|en|d'un|d'une)\s*)?)+",
    re.IGNORECASE,
)


def diploma_trade(training: str) -> str:
    """The trade the first diploma of `training_under_way` or `latest_job.latest_training` names, its diploma words
    left out ("CAP Maintenance des véhicules" -> "Maintenance des véhicules"); "" where it names none."""
    first = training.split(". ")[0]
    named = _DIPLOMA_NAME.match(first)
    return first[named.end() :].strip() if named else ""


# The work a clause sought names as an activity rather than a title, its object: "reprendre la coiffure", "du travail
# pour la cueillette", "un travail de jour, même simple : la plonge". A noun after a preposition or a conjunction is
# a place or a field ("en salon", "dans le sport ou le vélo"), not the work.
_ACTIVITY = re.compile(
    r"(?:(?P<before>[^\W\d_][\w'’-]*)\s+|[:,]\s*|^\s*)(?:les|la|le|l['’])\s*(?P<noun>[^\W\d_]{4,})\b", re.IGNORECASE
)
_NOT_AN_OBJECT = frozenset(
    tokens(
        "dans en à au aux chez vers sur de du des d près par avec pendant après avant depuis sous entre ou et ni mais "
        "comme que qu"
    )
)
# Letters an activity and its worker's title share at least: "coiff" of "coiffure" and "Coiffeur", "plong" of "plonge"
# and "Plongeur" (four would join "conditionnement" and "Conducteur" by chance).
ACTIVITY_STEM = 5


def activities_named(clause: str) -> list[str]:
    """The nouns a clause sought names as the object of its work ("reprendre la coiffure" -> "coiffure"), in order."""
    return [
        match.group("noun")
        for match in _ACTIVITY.finditer(clause)
        if fold(match.group("before") or "").strip("'’") not in _NOT_AN_OBJECT
    ]


def names_its_worker(activity: str, title: str) -> bool:
    """Whether an activity and the head of a worker's title share their root ("coiffure" and "Coiffeur / Coiffeuse",
    "cueillette" and "Cueilleur de fruits"): the activity then names that trade, not a thing of another ("la caisse" of
    "Responsable de caisses"). Not the worker's title itself: "les serveurs" of a network are no waiters' work."""
    words, folded = tokens(title), fold(activity)
    return (
        bool(words) and singular(folded) != words[0] and len(os.path.commonprefix([folded, words[0]])) >= ACTIVITY_STEM
    )


def says_change(text: str) -> bool:
    """The text says the candidate changes trade ("je veux changer complètement", "reconversion")."""
    return bool(_CHANGE.search(text))


def jobs_left(text: str, mentions: Sequence[TitleMention]) -> set[str]:
    """The families of the titles a text names other than as sought, where it says the candidate changes trade ("Boucher
    depuis 12 ans, je veux changer complètement", "je me suis formé"): the jobs they leave. None elsewhere: "Ancienne
    aide-soignante, je reprends le travail" returns to the job it names."""
    if not says_change(text):
        return set()
    # A job held (`TitleMention.held`: said left, held for a time, or the first title named), not a qualification
    # ("Je me suis formé (titre pro TAI)") nor a title named otherwise ("un stage chez un producteur de plants").
    return {
        family
        for mention in mentions
        if mention.held and not (mention.sought or mention.qualification)
        for family in mention.shares
    }


def seeks_return(text: str) -> bool:
    """A clause sought says the candidate goes back to work they did ("je veux reprendre la conduite de bus")."""
    return any(_RETURN.search(clause) for clause in _wished(text))


def sought_work(text: str) -> str:
    """The clauses of `text` that say which work is sought ("travailler en entrepôt, j'ai le CACES 1"), joined; or
    "" when it says none."""
    return ". ".join(_wished(text))


def _wished(text: str) -> list[str]:
    """The clauses of `sought_work`, in order."""
    clauses: list[str] = []
    for wish in _WISH.finditer(text):
        if wish.group("neg"):
            continue
        end = _SENTENCE_END.search(text, wish.end())
        clause = text[wish.end() : end.start() if end else len(text)]
        if _DENIED_AFTER.match(clause):
            continue
        leaving = _LEAVING.search(clause)
        if leaving:
            clause = clause[leaving.end() :]
        past = _PAST.search(clause)
        if past:
            clause = clause[: past.start()]
        clause = clause.strip(" ,:-–")
        # A later wish inside a clause already taken ("je veux ..., je voudrais ...") is read once.
        if work_words(clause) and not any(clause in taken for taken in clauses):
            clauses.append(clause)
    return clauses


def work_words(clause: str) -> str:
    """The words of a clause sought that may say which work (not "emploi", "CDI", "temps plein")."""
    return " ".join(
        word for word in tokens(clause) if word not in STOP_WORDS and word not in _NO_WORK and not word.isdigit()
    )
