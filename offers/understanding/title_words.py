"""How the words of job titles are written and compared: folded, singular, without articles (`title_key`), in
both gender forms (`title_forms`, `masculine_form`), held in order by a longer title (`in_order`); the words
before a title that say how it counts (`cue`: wanted, left behind, someone else's) or how the job is held
(`HOLDING_WORDS`); and the accents that tell a title word from a town's name (`accents_agree`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from offers.search.vocabulary import _split_gender_forms
from offers.understanding.text import singular, tokens

# Articles and prepositions only: "son" is a word of "Ingénieur du son", not a possessive there.
TITLE_STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "f",
        "fh",
        "h",
        "hf",
        "l",
        "la",
        "le",
        "les",
        "par",
        "pour",
        "sur",
        "un",
        "une",
    ]
)


# A title's feminine in inclusive writing ("Assistant(e)", "vendeur(se)", "coordinateur(trice)", "Infirmier·e"):
# the title is read by its masculine, as ROME's "Infirmier / Infirmière" is read by either.
_GENDER_MARK = re.compile(
    r"(?<=[^\W\d_])\s?\((?:e|es|se|ne|le|re|ère|ere|euse|trice|rice|ice)\)|(?<=[a-zà-ÿ]{3})[·.](?:e|es|se|ne|euse|trice|ice)\b",
    re.IGNORECASE,
)
# The employer's voice before a title ("Rejoignez-nous comme", "Nous recrutons un(e)", "Recherche :").
_EMPLOYER_LEAD = re.compile(
    r"^\s*(?:urgent\s*[:!-]?\s*)?(?:rejoignez[- ]nous|nous\s+recrutons|nous\s+recherchons|on\s+recrute|recrutement|"
    r"recrute|recherche)\s*[:!-]?\s*(?:(?:comme|en\s+tant\s+que)\s+)?(?:(?:un|une|des|d'un|d'une)(?:\(e\))?\s+)?",
    re.IGNORECASE,
)


def title_key(text: str) -> tuple[str, ...]:
    text = _EMPLOYER_LEAD.sub("", _GENDER_MARK.sub("", text))
    return tuple(singular(word) for word in tokens(text) if word not in TITLE_STOP_WORDS)


def title_forms(title: str) -> list[list[str]]:
    """A title's words, once per gender form ("Boulanger / Boulangère", "Chef / Cheffe de rang": ROME writes the
    shared end once, after the feminine; "Responsable Commercial / Commerciale": the shared start once, before
    the masculine). A slash after a longer first part that is no gender form is an "or" ("Responsable
    plate-forme expédition / Livraison"): a second part of one word is no title by itself."""
    if " / " not in title:
        return [tokens(title)]
    parts = [tokens(part) for part in title.split(" / ")]
    if len(parts) != 2 or not all(parts) or len(parts[0]) <= len(parts[1]):
        return _split_gender_forms(title)
    masculine, second = parts
    if _common_start(masculine[-1], second[0]) >= 4:
        return [masculine, masculine[:-1] + second]
    return [masculine, second] if len(second) > 1 else [masculine]


def _common_start(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return size


# French feminine endings and their masculine, longest first (words as `title_key` writes them: no accents).
FEMININE_ENDINGS = (("trice", "teur"), ("euse", "eur"), ("ienne", "ien"), ("ere", "er"), ("ive", "if"), ("e", ""))


def masculine_form(word: str, known: set[str]) -> str:
    for feminine, masculine in FEMININE_ENDINGS:
        if word.endswith(feminine) and len(word) > len(feminine) + 2:
            candidate = word[: len(word) - len(feminine)] + masculine
            if candidate in known:
                return candidate
    return word


def same_start(a: str, b: str) -> bool:
    """Two words of one family ("fromagerie", "fromager"): one starts the other, five letters at least."""
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 5 and longer.startswith(shorter[: max(5, len(shorter) - 2)])


def in_order(words: tuple[str, ...], key: tuple[str, ...]) -> bool:
    position = 0
    for word in key:
        if position < len(words) and word == words[position]:
            position += 1
    return position == len(words)


# Words before a title that say how it is learnt, not what it is ("Apprenti boulanger", "Alternant RH").
TRAINEE_WORDS = frozenset(["apprenti", "apprentie", "alternant", "alternante", "stagiaire", "alternance", "stage"])
# Words that say how a job is held, not which: "Salarié en restauration rapide" is a fast-food worker (the one
# title ROME heads with "salarié" is a vineyard worker's, whose trade its other word names).
EMPLOYMENT_WORDS = frozenset(
    ["salarie", "salariee", "saisonnier", "saisonniere", "interimaire", "vacataire", "renfort", "extra"]
)
HOLDING_WORDS = TRAINEE_WORDS | EMPLOYMENT_WORDS

# Words before a title that say the candidate seeks that job (not that they hold it).
SEEKING_CUES = frozenset(
    [
        "cherche",
        "recherche",
        "devenir",
        "souhaite",
        "veux",
        "voudrais",
        "aimerais",
        "vise",
        "reconversion",
        "looking",
        "want",
        "become",
    ]
)
# Words before a title that say the candidate wants it or is of its trade (a post, a diploma: "CAP", "titre").
TARGET_CUES = SEEKING_CUES | frozenset(["poste", "diplome", "diplomee", "obtenu", "cap", "bts", "titre"])
PAST_CUES = frozenset(["ancien", "ancienne", "ex", "ete", "apres", "passe", "former", "previously"])
# A title after these names someone else ("avec l'expert-comptable", "à l'équipe infirmière").
OTHERS_CUES = frozenset(["avec", "equipe", "aupres", "lien"])


# Words that may stand right before a title written alone ("je suis vendeuse", "10 ans comme serveur"); any other
# word there is one the title's word qualifies ("médecine générale", "back office", "marketing digital").
BEFORE_A_LONE_TITLE = (
    TARGET_CUES
    | PAST_CUES
    | OTHERS_CUES
    | frozenset(
        [
            "suis",
            "etais",
            "etre",
            "devenu",
            "devenue",
            "travaille",
            "travaillais",
            "comme",
            "tant",
            "job",
            "jobs",
            "metier",
            "boulot",
            "emploi",
            "ans",
            "an",
            "mois",
            "am",
            "as",
            "was",
            "work",
            "worked",
        ]
    )
)


def _nearest_cue(before: list[str], wanted: frozenset[str]) -> bool | None:
    """The nearest cue word before a title (at most 10 words back): True for one of `wanted`, False for a job left
    or someone else's, None for neither."""
    for word in reversed(before[-10:]):
        if word in PAST_CUES or word in OTHERS_CUES:
            return False
        if word in wanted:
            return True
    return None


# Words after a title that say it was held for a time now over ("Coiffeuse pendant 12 ans, ...").
_HELD_FOR = frozenset(["pendant", "durant"])


def cue(before: list[str], after: Sequence[str] = ()) -> bool | None:
    """True for a title wanted, False for one left behind ("Ancienne serveuse") or someone else's, None for neither:
    the nearest cue word before it (at most 10 words back); without one, a time it was held for ("pendant 12 ans")
    leaves it behind."""
    found = _nearest_cue(before, TARGET_CUES)
    if found is None and len(after) >= 2 and after[0] in _HELD_FOR and after[1].isdigit():
        found = False
    return found


# A CV's headline: a title, a level at most, then "en reconversion" ends the line ("Développeuse web front-end junior –
# en reconversion"): the trade the candidate changes to. Not when more follows ("Comptable en reconversion vers le
# web" changes from it).
_LEVEL_WORDS = frozenset(["junior", "debutant", "debutante", "front", "end", "back", "full", "stack"])


def changed_to(after: Sequence[str]) -> bool:
    """The words after a title, to the end of its segment, say the candidate is changing to its trade: a level at
    most, then "en reconversion (professionnelle)"."""
    words = list(after)
    while words and words[-1] in ("professionnelle", "pro"):
        words.pop()
    return len(words) >= 2 and words[-2:] == ["en", "reconversion"] and all(word in _LEVEL_WORDS for word in words[:-2])


# Words that say how long a job has been held, after its title ("Boulanger depuis 10 ans", "for 8 years") or before
# it ("10 ans comme plongeur", "8 years as a teacher").
_HELD_SINCE = frozenset(["depuis", "pendant", "durant", "for", "since"])
_HELD_AS = frozenset(["comme", "as", "que"])
_YEARS_WORDS = frozenset(["an", "ans", "annee", "annees", "year", "years"])


def held_for_a_time(before: Sequence[str], after: Sequence[str]) -> bool:
    """A time the title's job has been held is said next to it ("Préparatrice en pharmacie depuis 15 ans",
    "Infirmière diplômée depuis 11 ans", "Après 10 ans comme plongeur", "dont 4 comme chef d'équipe", "12 years as
    a teacher")."""
    since = next((index for index, word in enumerate(after[:2]) if word in _HELD_SINCE), None)
    if since is not None and any(word.isdigit() or word in _YEARS_WORDS for word in after[since + 1 : since + 3]):
        return True
    tail = list(before[-4:])
    # "dont 4 comme chef d'équipe": a number of years said before it.
    return bool(tail) and tail[-1] in _HELD_AS and any(word in _YEARS_WORDS or word.isdigit() for word in tail[:-1])


# How much a title counts by its cue (`cue`).
CUE_WEIGHT = {True: 2.0, False: 0.25, None: 1.0}


def seeks(before: list[str]) -> bool:
    """A cue word before a title (at most 10 words back, none of a job left or of someone else's nearer) says the
    candidate seeks that job ("je recherche un poste de serveur"), not that they hold its diploma ("CAP")."""
    return _nearest_cue(before, SEEKING_CUES) is True


# Words that make the title after them (or the one they start) a qualification rather than a job held ("CAP monteur
# en installations sanitaires", "titre pro TAI", "formation d'aide-soignante"), and diplomas' acronyms that lead to
# one trade (`data/occupation_aliases.json`: "DEAS", "ADVF").
QUALIFICATION_WORDS = frozenset(
    [
        "cap",
        "bep",
        "bp",
        "bts",
        "dut",
        "bac",
        "titre",
        "tp",
        "diplome",
        "diplomee",
        "certificat",
        "cqp",
        "bpjeps",
        "dejeps",
        "licence",
        "master",
        "formation",
        "deas",
        "deap",
        "dees",
        "deme",
        "deeje",
        "deass",
        "deaes",
        "advf",
        "dwwm",
        "ecsr",
    ]
)
# Words that may stand between a qualification word and its title ("titre pro", "formation d'", "CAP de").
_QUALIFIER_LINKS = frozenset(["pro", "professionnel", "de", "d", "du", "des", "en"])


def names_qualification(before: list[str], span: Sequence[str]) -> bool:
    """Whether a title a text names (its words `span`, the segment's words `before` it) is a qualification: "CAP
    monteur en installations sanitaires", "titre pro TAI", "DEAS"; not "boulanger pendant 11 ans"."""
    if span and span[0] in QUALIFICATION_WORDS:
        return True
    for word in reversed(before[-3:]):
        if word not in _QUALIFIER_LINKS:
            return word in QUALIFICATION_WORDS
    return False


# A role sought said as a noun ("je veux prendre la direction d'un magasin", "reprendre la gérance d'un bar"): the
# person noun of the title ROME writes ("Directeur de magasin", "Gérant de bar").
ROLE_NOUNS = {"direction": "directeur", "gerance": "gerant"}


def role_said_as_person(raw: list[str], index: int) -> str:
    """The person noun of a role noun at `index` of a segment's words that a wish precedes and "d'un" / "d'une"
    follows ("directeur" of "je veux prendre la direction d'un magasin"); "" otherwise: "la direction du magasin m'a
    confié" (no wish), "je veux intégrer la direction de la communication" (a department, not a role)."""
    person = ROLE_NOUNS.get(raw[index])
    if person and raw[index + 1 : index + 3] in (["d", "un"], ["d", "une"]) and seeks(raw[:index]):
        return person
    return ""


# A written word's letters, and a French postcode (the word after one is a town: "71000 MACON").
LETTERS = re.compile(r"[^\W\d_]+")
POSTCODE = re.compile(r"\d{5}")


def accents_agree(written: str, spelling: str) -> bool:
    """Every accented letter of `written` is accented alike in `spelling` (é and è are one: a slip of the pen);
    letters left bare say nothing, nor a first letter ROME leaves bare (its capitals: "Electricien")."""
    if len(written) != len(spelling):
        return True
    return all(
        mine == theirs or _ACCENT_KIND.get(mine, mine) == _ACCENT_KIND.get(theirs, theirs)
        for position, (mine, theirs) in enumerate(zip(written, spelling, strict=True))
        if mine in _ACCENT_KIND and (position or theirs in _ACCENT_KIND)
    )


# An accented letter by its kind (any accent on an e is one kind), never equal to the bare letter.
_ACCENT_KIND = {
    **dict.fromkeys("éèêë", "e+"),
    **dict.fromkeys("àâä", "a+"),
    **dict.fromkeys("îï", "i+"),
    **dict.fromkeys("ôö", "o+"),
    **dict.fromkeys("ùûü", "u+"),
    "ç": "c+",
}
