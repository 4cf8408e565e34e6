"""The occupations a candidate's text refuses ("pas cuisinier, pas fast food, juste la plonge", "I'm not a nanny",
"no CACES"): offers of them are not theirs, however near ROME puts them to the trade they seek.

Each refused phrase (`offers.understanding.refused_work`) is read on its own: the titles it names (`mentions`:
"cuisinier", "a nanny", "a licensed electrician"), its words read as a typed title where that reading is at least
half sure ("fast food": fast-food crew and managers; "CACES": forklift driving), and, where its words describe work,
its reading by meaning and the offers' vote kept only when sure (`CLEAR_OCCUPATION`) and well ahead of the next
("permis C": heavy-goods driving). A loose title reading may refuse a trade the candidate never meant ("door-to-door
to private customers" reads a security guard): that leaves out only offers they did not ask for, and never their own
trade's (`matching.ranking` keeps the offers of the candidate's occupation whatever a phrase refuses).

Read once per text and model (cached as the reading is); the ranking leaves out the offers of another occupation than
the candidate's own whose family a phrase refuses, as it does the jobs a career changer leaves (`left_occupations`).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from matching.models import EmbeddingModel
from matching.reading import CLEAR_MARGIN, CLEAR_OCCUPATION, READING_CACHE_SECONDS, READING_RULES, read_alone
from offers.understanding.occupation_tasks import task_reader
from offers.understanding.occupations import OccupationReader
from offers.understanding.refused_work import refused_work
from offers.understanding.sought_work import work_words

# Part of the cache key, with the reading's rules: a change of how refusals are read is a new key.
REFUSAL_RULES = "2026-12-07: refused phrases read by their titles, as a title typed, or by a sure reading"
# A family a refused phrase's words read as a typed title must be read at least this surely ("fast food": half the
# titles holding both words are fast-food crew, half fast-food managers).
TITLE_READ = 0.5


def refused_occupations(text: str, model: EmbeddingModel, reader: OccupationReader) -> frozenset[str]:
    """The ROME families the work `text` refuses reads as (none for most texts: no cue of refusal)."""
    phrases = refused_work(text)
    if not phrases:
        return frozenset()
    digest = hashlib.sha256()
    for part in (REFUSAL_RULES, READING_RULES, str(model.pk), model.weights_checksum, repr(reader.version), text):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    key = f"matching:refused:{digest.hexdigest()}"
    cached = cache.get(key)
    if cached is not None:
        return frozenset(cached)
    families: set[str] = set()
    for phrase in phrases:
        families |= _phrase_families(phrase, model, reader)
    cache.set(key, sorted(families), READING_CACHE_SECONDS)
    return frozenset(families)


def _phrase_families(phrase: str, model: EmbeddingModel, reader: OccupationReader) -> set[str]:
    """The families one refused phrase reads as: the titles it names, its words read as a title typed (each family read
    at least half surely: "fast food", "CACES"), and, where its words describe work, its reading by meaning and the
    offers' vote when that stands surely ahead."""
    families = {reader.family(mention.code) for mention in reader.mentions(phrase)}
    families |= {reader.family(guess.code) for guess in reader.from_title(phrase) if guess.confidence >= TITLE_READ}
    if not task_reader().describes_work(work_words(phrase)):
        return families
    read = read_alone(phrase, model, reader)
    second = read[1].confidence if len(read) > 1 else 0.0
    if read and read[0].confidence >= CLEAR_OCCUPATION and read[0].confidence >= CLEAR_MARGIN * second:
        families.add(reader.family(read[0].code))
    return families
