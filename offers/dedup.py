"""Pure rules that decide whether two postings are the same job (no database).

Two postings are one offer when
- they share the employer, the normalised title (of a long title, its head: `job_title_key`)
  and the commune (`dedup_key`), or
- their texts are near-identical (the same first words: `text_key`, which survives
  Adzuna's 500-character cut) and their titles mostly agree,
and in both cases their contracts do not contradict each other and the two were
published within DEDUP_WINDOW of each other. An employer's template texts ("Notre
boulangerie recrute son : VENDEUR / BOULANGER...") differ by title, so two
different jobs of one employer never merge.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

# Postings of one job are published within days of each other (a partner reposts it, an
# aggregator picks it up); the same employer, title and town weeks apart is another hiring.
DEDUP_WINDOW = timedelta(days=7)
TEXT_KEY_WORDS = 40
TITLE_OVERLAP = 0.5
UNKNOWN_CONTRACT = "autre"
LONG_TITLE_WORDS = 10
_TITLE_TAIL_RE = re.compile(r"\s[-–—]+\s|[|;•]")

_GENDER_RE = re.compile(r"\(?\b[hfmx]\s*[/\-]\s*[hfmx](?:\s*[/\-]\s*[hfmx])?\b\)?|\((?:e|ere|euse|trice|se|ne|le)\)")
_LEGAL_FORMS = {"sas", "sasu", "sarl", "eurl", "sa", "sci", "snc", "scop", "selarl", "ets", "etablissements"}
_CITY_WORDS = {"st": "saint", "ste": "sainte"}
_CITY_NOISE = {"cedex", "arrondissement"}
_ORDINAL_RE = re.compile(r"^(\d+)(?:e|er|eme|ieme)$")


def fold(text: str) -> str:
    """Lower-case ASCII: accents dropped (keys only compare words, so other symbols may go too)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def title_key(title: str) -> str:
    return " ".join(w for w in words(_GENDER_RE.sub(" ", fold(title))) if w not in ("h", "f", "hf", "fh"))


def company_key(company: str) -> str:
    return " ".join(w for w in words(company) if w not in _LEGAL_FORMS)


def city_key(city: str) -> str:
    """'ST JEAN CEDEX' ~ 'Saint-Jean'; 'Paris 11e Arrondissement' ~ 'Paris 11' (arrondissements stay apart)."""
    return " ".join(_city_word(w) for w in words(city) if w not in _CITY_NOISE)


def _city_word(word: str) -> str:
    ordinal = _ORDINAL_RE.match(word)
    if ordinal or word.isdigit():
        return str(int(ordinal.group(1) if ordinal else word))  # "02", "2e", "2eme" -> "2"
    return _CITY_WORDS.get(word, word)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def job_title_key(title: str) -> str:
    """The part of a title that names the job: a long title is cut at its first separator.

    Past LONG_TITLE_WORDS words a title carries a tail of conditions ("Chef boulanger H/F - CDI
    35h - Débutant accepté - Prime + mutuelle..."), which the same job's copy on another source
    shortens or drops ("Chef boulanger F/H"). Short titles stay whole: "Vendeur - rayon
    boucherie" and "Vendeur - rayon fromagerie" of one shop are two jobs.
    """
    key = title_key(title)
    if key.count(" ") < LONG_TITLE_WORDS:
        return key
    return title_key(_TITLE_TAIL_RE.split(title, maxsplit=1)[0]) or key


def dedup_key(posting: Mapping[str, Any]) -> str:
    """Employer + the job's title + commune; '' when one of them is unknown (never merge on a blank)."""
    company, title = company_key(posting["company"]), job_title_key(posting["title"])
    city = city_key(posting["city"])
    if not (company and title and city):
        return ""
    return _digest(f"{company}|{title}|{posting['departement']}|{city}")


TEXT_KEY_CHARS = 1200  # enough for the first TEXT_KEY_WORDS words; folding a whole text costs


def text_key(posting: Mapping[str, Any]) -> str:
    tokens = words(posting["description"][:TEXT_KEY_CHARS])
    if len(tokens) < TEXT_KEY_WORDS + 5:  # short texts are too generic to identify a job
        return ""
    return _digest(" ".join(tokens[:TEXT_KEY_WORDS]))


# Adzuna has one value, "contract", for every fixed-term job: a France Travail intérim or
# seasonal job shows there as a CDD.
_TEMPORARY = {"cdd", "interim", "saisonnier"}


# Its other value, "permanent", covers every job without an end date: a France Travail
# "profession libérale" or franchise offer shows there as a CDI.
_PERMANENT = {"cdi", "independant"}
ADZUNA = "adzuna"


def _contracts_agree(new: Mapping[str, Any], known: Mapping[str, Any]) -> bool:
    a, b = new["contract_type"], known["contract_type"]
    if a == b or UNKNOWN_CONTRACT in (a, b) or {a, b} <= _TEMPORARY:
        return True
    return {a, b} <= _PERMANENT and ADZUNA in (new.get("source"), known.get("source"))


_TITLE_STOPWORDS = {"a", "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "l", "d", "pour", "sur"}


def _titles_agree(a: str, b: str) -> bool:
    """Most words of the shorter title are in the other ("Boulanger / Boulangère" ~ "Boulanger - Montpellier")."""
    left, right = set(a.split()) - _TITLE_STOPWORDS, set(b.split()) - _TITLE_STOPWORDS
    if not left or not right:
        return False
    return len(left & right) / min(len(left), len(right)) >= TITLE_OVERLAP


def _known_and_different(a: str, b: str, unknown: str = "") -> bool:
    return a != unknown and b != unknown and a != b


def same_job(new: Mapping[str, Any], known: Mapping[str, Any]) -> bool:
    """`new` and `known` are key dicts: dedup_key, text_key, title_key, contract_type, working_time, departement,
    source."""
    if not _contracts_agree(new, known):
        return False
    if _known_and_different(new.get("working_time", ""), known.get("working_time", "")):
        return False  # the full-time and the part-time version of a job are two offers
    if new["dedup_key"] and new["dedup_key"] == known["dedup_key"]:
        return True
    if new["text_key"] and new["text_key"] == known["text_key"]:
        departements_agree = (
            not new["departement"] or not known["departement"] or (new["departement"] == known["departement"])
        )
        return departements_agree and _titles_agree(new["title_key"], known["title_key"])
    return False
