"""What a candidate's words name without holding it: a licence, a tool or a language they are still working for
("Permis C en cours", "je prépare le CACES 3", "DEAS en formation") or say they lack ("pas de permis C", "je ne
parle pas anglais", "aucune connaissance d'Excel"); a clause that says a licence or qualification is not held
("CAP cuisine non obtenu", "CACES 3 périmé") or pending ("CAP cuisine en cours") is set aside whole (`set_aside`):
its words claim nothing.

The skill reader (`skills.SkillReader.profile`) reads concepts from every word that names them; without this, "Permis
C (en cours)" told its writer "Vous avez : Permis C". A concept named only where it is pending is neither had nor
lacking (`SkillProfile.pending`: the page neither claims it nor calls it missing); one named only where it is
denied is not had. Named elsewhere as held ("Permis B. Permis C en cours de validité"), it is held.

Read per clause (a sentence, or an item of a list: commas split, parentheses do not: "Permis C (en cours)" is one
clause), on folded words:
- a pending clause holds a word that says so anywhere ("en cours", "prévu", "bientôt", "en attente", "à obtenir";
  not "en cours de validité" nor "de renouvellement", nor beside a word that says it is held: "CACES 3, recyclage
  prévu", "obtenu", "à jour"): its concepts are pending;
- what a word that says they prepare it governs ("je prépare le CACES", "en formation DEAS", "inscrit au permis")
  is pending; what a negation governs ("pas de permis C", "sans CACES", "aucune connaissance d'Excel") is denied:
  the concept must begin at the first word after it, past articles and a few such words ("Permis B sans véhicule",
  "pas de souci avec Excel" deny nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from offers.understanding.text import singular, tokens

# A clause: what lies between sentence ends, commas and list marks; a parenthesis goes on with its clause.
_CLAUSE_END = re.compile(r"[.;!?\n\r•|,]+|\s-\s")
_PENDING_ANYWHERE = re.compile(
    r"\b(?:en cours(?! de (?:validite|renouvellement))|en attente|prevue?s?|bientot|a obtenir|a venir|d obtention)\b"
)
# Words that say a clause's licence or qualification is not held, wherever they stand ("CAP cuisine non obtenu",
# "Permis B suspendu", "CACES 3 périmé").
_DENIED_ANYWHERE = re.compile(
    r"\b(?:non (?:obtenue?s?|validee?s?|acquise?s?)|echouee?s?|suspendue?s?|expiree?s?|perimee?s?|retiree?s?|"
    r"annulee?s?|plus valables?|plus valides?)\b"
)
# Words that say a clause's licence is held, whatever else is pending ("CACES 3, recyclage prévu en 2027").
_HELD_ANYWHERE = re.compile(r"\b(?:recyclage|renouvellement|valide|validite|a jour|obtenue?s?|titulaire)\b")
# Words that say what follows them is prepared, or lacking.
_PENDING_BEFORE = re.compile(
    r"\b(?:je prepare|je passe|je vais passer|en preparation|en formation|inscrite?|a passer|futur|future)\b"
)
# In English too ("no CACES", "I don't have a forklift licence", "without a car licence").
_DENIED_BEFORE = re.compile(
    r"\b(?:pas|sans|aucun|aucune|ni|jamais|non titulaire|no|not|without|never|nor|(?:don t|do not|dont) have"
    r"|(?:haven t|have not) got)\b"
)
# Words between such a word and what it governs ("pas encore de permis", "aucune connaissance d'Excel"); any other
# word ends its reach: "pas de souci avec Excel" denies no Excel.
_BETWEEN = frozenset(
    (  # noqa: SIM905 (a word list)
        "a au aux de d du des le la l les un une mon ma mes son sa ses encore connaissance connaissances notion "
        "notions en of my the any a an"
    ).split()
)
# How many words a concept governed that way may span ("CACES R489 cat 3").
_SPAN = 5

ConceptsOf = Callable[[str], dict[str, set[str]]]


def unheld_concepts(text: str, concepts_of: ConceptsOf) -> tuple[set[str], set[str]]:
    """(pending, denied): the concepts `text` names only where it says they are pending or lacking; `concepts_of`
    gives the concepts a piece of text names, each with the words of its term that named it (the reader's)."""
    pending: set[str] = set()
    denied: set[str] = set()
    held: set[str] = set()
    folded = " ".join(tokens(text))
    if not any(marker.search(folded) for marker in (_PENDING_ANYWHERE, _PENDING_BEFORE, _DENIED_BEFORE)):
        return pending, denied  # most texts: nothing to read twice
    for clause in _CLAUSE_END.split(text):
        words = " ".join(tokens(clause))
        if not words:
            continue
        named = set(concepts_of(words))
        if not named:
            continue
        if _PENDING_ANYWHERE.search(words) and not _HELD_ANYWHERE.search(words):
            pending |= named
            continue
        waiting = _governed(words, _PENDING_BEFORE, concepts_of)
        lacking = _governed(words, _DENIED_BEFORE, concepts_of) - waiting
        pending |= waiting
        denied |= lacking
        held |= named - waiting - lacking
    return pending - held, denied - held - pending


def _governed(words: str, marker: re.Pattern[str], concepts_of: ConceptsOf) -> set[str]:
    """The concepts that begin at the first word after each `marker` of a clause's folded words, past the words
    `_BETWEEN` them."""
    found: set[str] = set()
    for match in marker.finditer(words):
        after = words[match.end() :].split()
        while after and after[0] in _BETWEEN:
            after = after[1:]
        if not after:
            continue
        first = singular(after[0])
        found |= {concept for concept, said in concepts_of(" ".join(after[:_SPAN])).items() if first in said}
    return found


def set_aside(text: str, names_qualification: Callable[[str], bool]) -> tuple[str, list[str]]:
    """(`text` without its clauses that say a licence or qualification they name is not held or only pending, the
    pending ones): "Formation : CAP cuisine (non obtenu)" claims no CAP, by its words either; "CAP cuisine en
    cours" says it in part. `names_qualification` tells whether a clause's folded words name a licence, a tool, a
    language or a qualification. The rest of the text keeps its separators (a wish still runs across commas)."""
    folded = " ".join(tokens(text))
    if not (_DENIED_ANYWHERE.search(folded) or _PENDING_ANYWHERE.search(folded)):
        return text, []
    kept: list[str] = []
    pending: list[str] = []
    for piece in re.split(f"({_CLAUSE_END.pattern})", text):
        words = " ".join(tokens(piece))
        if not words or _CLAUSE_END.fullmatch(piece) or not names_qualification(words):
            kept.append(piece)
        elif _DENIED_ANYWHERE.search(words):
            kept.append(" ")
        elif _PENDING_ANYWHERE.search(words) and not _HELD_ANYWHERE.search(words):
            pending.append(piece)
            kept.append(" ")
        else:
            kept.append(piece)
    return "".join(kept), pending
