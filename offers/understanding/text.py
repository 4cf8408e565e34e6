"""Folding, words and stems of French text, the units the skill and occupation readers compare."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from offers.search.vocabulary import fold

_TOKEN = re.compile(r"[a-z0-9#+]+")
# Where one statement ends: sentences, lines, list items and the commas of a skill list.
_SEGMENT = re.compile(r"[.;:!?\n\r•·|,()\[\]]+|\s-\s")
_stemmer = snowballstemmer.stemmer("french")

# Words that carry no meaning of their own in a skill or a title (articles, prepositions, pronouns).
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "chez",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "h",
        "f",
        "hf",
        "fh",
        "il",
        "j",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "m",
        "ma",
        "mes",
        "mon",
        "n",
        "ne",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "t",
        "ta",
        "te",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
    ]
)


# Folded words whose final "s" is no plural and whose singular would be another word: the care assistant's DEAS is
# not the ambulance driver's DEA.
NOT_PLURALS = frozenset({"deas"})


def singular(word: str) -> str:
    """A folded word without its plural "s" ("chambres" -> "chambre"; not "ss": "process"): words, not stems, where
    stems merge too much ("paiement" and "paie" share "pai")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in NOT_PLURALS:
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Folded words ('C#' and 'C++' keep their sign: they are not 'c')."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


# Endings that the French stemmer keeps but that make a noun of a verb, or a verb of a noun, on the same
# root: "arrimage" / "arrimer", "clientèle" / "client", "diagnostiquer" / "diagnostic", "livraison" / "livrer",
# "encaissement" / "encaisser" (the stemmer strips "-ement" from most words, not all).
# Removed from a stem only when at least MIN_ROOT letters remain (three before "ag": "dosage" / "doser",
# "lavage" / "laver"; four elsewhere: "modèle" is not "mode"); "entretien" / "entretenir" and "nettoyage" /
# "nettoie" meet through the last two spellings.
DERIVATION_ENDINGS = ("ement", "aison", "ag", "el", "iqu")
MIN_ROOT = 4
MIN_ROOT_BEFORE = {"ag": 3}


# A verb made on a noun in "-ion" ("réceptionner", "sélectionner", "positionner", "confectionner") is stemmed to
# that noun ("reception"), which the stemmer cuts further when it stands alone ("recept"): such a verb is rooted as
# its noun. Not "conditionner" (to package), which `word_synonyms` reads as "emballer", no "condition".
_NOUN_VERBS_KEPT = frozenset({"condition"})


@lru_cache(maxsize=200_000)
def root(word: str) -> str:
    """The stem of a word, with the endings that only change its part of speech removed (skills compare roots)."""
    stemmed = stem(word)
    if "ionn" in word and stemmed.endswith("ion") and stemmed not in _NOUN_VERBS_KEPT:
        stemmed = stem(stemmed)
    for ending in DERIVATION_ENDINGS:
        if stemmed.endswith(ending) and len(stemmed) - len(ending) >= MIN_ROOT_BEFORE.get(ending, MIN_ROOT):
            stemmed = stemmed[: -len(ending)]
            break
    if len(stemmed) >= 7 and stemmed.endswith("ien"):
        stemmed = stemmed[:-3] + "en"
    return stemmed[:-1] + "i" if stemmed.endswith("y") else stemmed


def stems(text: str) -> list[str]:
    return [stem(word) for word in tokens(text)]


def content_stems(text: str, *, generic: frozenset[str] = frozenset()) -> list[str]:
    """Stems of the words that say something (no stop words, no `generic` stems)."""
    return [stem(word) for word in tokens(text) if word not in STOP_WORDS and stem(word) not in generic]


def segments(text: str, *, folded: bool = True) -> list[str]:
    """The statements of a text: a skill of the candidate is read inside one statement, never across two (not
    `folded`: as written)."""
    return [part for part in _SEGMENT.split(fold(text) if folded else text) if part.strip()]
