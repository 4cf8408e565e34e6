"""Occupations read from French text: the process's occupation reader, built from the database and kept.

The titles known are the ROME appellations and occupation labels (`load_rome`, both gender
forms), the titles grown from offers (`appellationlibelle`, `romeLibelle`) when the referential
is not loaded, and `data/occupation_aliases.json` (English titles, acronyms, jargon); how they are
read is `occupation_reading.py`, how their words are written and compared `title_words.py`. Close
occupations are ROME's mobility links, both ways except towards a hub (`close_occupations`), and the
children of one ROME parent (v4.60 files "Cuisinier" under G1609, a child of G1602).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from django.db.models import Count, Max

from offers.models import Occupation, OccupationTitle, SearchSynonym, SearchSynonymKind
from offers.understanding.craft_access import craft_qualification
from offers.understanding.english_titles import english_title_words
from offers.understanding.occupation_reading import OccupationGuess, OccupationReader
from offers.understanding.occupation_vocabulary import OccupationVocabulary
from offers.understanding.process_copy import ProcessCopy
from offers.understanding.title_mentions import MAX_TITLE_WORDS, TitleMention
from offers.understanding.title_words import title_key

# The reader and its readings, importable from here as before the split.
__all__ = [
    "DATA",
    "OccupationGuess",
    "OccupationReader",
    "TitleMention",
    "close_occupations",
    "occupation_reader",
    "occupation_reader_build",
    "occupation_reader_reset",
    "title_key",
]

DATA = Path(__file__).resolve().parent / "data" / "occupation_aliases.json"
REBUILD_CHECK_SECONDS = 60


def _aliases(path: Path = DATA) -> list[tuple[str, str]]:
    return [(title, code) for title, code in json.loads(path.read_text(encoding="utf-8"))["aliases"]]


TAUGHT_SAMPLE = 30_000
# More ROME occupations than this leading to one make it a hub (measured on v4.60: "Formateur" 423,
# then 108, 107, 87...; an occupation's own mobility links are 1-21): 60 keeps 105 of the 106 close
# "related" occupations of matching/evaluation's profiles and 2,316 of the 2,796 close others.
HUB_IN_LINKS = 60
TAUGHT_MIN_SHARE = 0.6


def _taught_titles() -> dict[tuple[str, ...], str]:
    """Offer title -> ROME code, from the codes recent France Travail offers carry (the majority, if clear)."""
    from offers.models import Offer

    counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    rows = Offer.objects.exclude(rome_code="").order_by("-published_at").values_list("title", "rome_code")
    for title, code in rows[:TAUGHT_SAMPLE]:
        key = title_key(title)
        if key and len(key) <= MAX_TITLE_WORDS:
            counts[key][code] += 1
    taught = {}
    for key, codes in counts.items():
        code, count = codes.most_common(1)[0]
        if count / sum(codes.values()) >= TAUGHT_MIN_SHARE:
            taught[key] = code
    return taught


def occupation_reader_build() -> OccupationReader:
    occupations = list(Occupation.objects.values_list("code", "label", "parent_code", "definition", "access"))
    labels = {code: label for code, label, *_ in occupations}
    parents = {code: parent for code, _, parent, *_ in occupations if parent and parent != code}
    titles: list[tuple[str, str]] = [(label, code) for code, label, *_ in occupations]
    for label, short, code in OccupationTitle.objects.values_list("label", "short_label", "occupation_id"):
        titles.append((label, code))
        if short and short != label:
            titles.append((short, code))
    # Each family's words: its occupations' labels and definitions, its job titles.
    family_texts = [(parents.get(code, code), text) for text, code in titles]
    family_texts += [(parents.get(code, code), definition) for code, _, _, definition, _ in occupations if definition]
    crafts = {code: craft for code, label, *_, access in occupations if (craft := craft_qualification(access, label))}
    aliases = [(title, code) for title, code in _aliases() if code in labels or not labels]
    through = Occupation.close_occupations.through
    close = close_occupations(through.objects.values_list("from_occupation_id", "to_occupation_id"))
    return OccupationReader(
        titles=titles,
        aliases=aliases,
        taught=_taught_titles(),
        labels=labels,
        parents=parents,
        close=close,
        acronyms=_acronyms(),
        english=english_title_words(title_key),
        vocabulary=OccupationVocabulary(family_texts),
        crafts=crafts,
    )


def _acronyms() -> dict[str, str]:
    """Acronym -> what it stands for (the first of its equivalents), from the search's active acronyms
    (`SearchSynonym`, seeded from offers/search/synonyms.json, edited by staff)."""
    rows = SearchSynonym.objects.filter(active=True, kind=SearchSynonymKind.ACRONYM).values_list("term", "equivalents")
    return {term: equivalents.split(",")[0].strip() for term, equivalents in rows if " " not in term.strip()}


def close_occupations(links: Iterable[tuple[str, str]], *, hub: int = HUB_IN_LINKS) -> dict[str, set[str]]:
    """Occupation -> its close ones, from ROME's mobility links (occupation -> one its people move to).

    A link counts both ways, except towards a hub: an occupation that more than `hub` others lead to
    ("Formateur", 423 of them) is a step for everyone, not a job close to theirs, so a trainer is not
    shown the offers of every trade that may become one."""
    links = list(links)
    leading_to: dict[str, int] = defaultdict(int)
    for _, target in links:
        leading_to[target] += 1
    close: dict[str, set[str]] = defaultdict(set)
    for source, target in links:
        close[source].add(target)
        if leading_to[target] <= hub:
            close[target].add(source)
    return dict(close)


def _data_version() -> tuple[object, ...]:
    from offers.models import Offer

    latest = OccupationTitle.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # New offers may teach titles: the latest offer id stands for them (read from the primary key's index).
    newest_offer = Offer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # Staff may edit the acronyms: their count and latest change stand for them.
    edited = SearchSynonym.objects.aggregate(rows=Count("pk"), latest=Max("updated_at"))
    return (
        Occupation.objects.count(),
        OccupationTitle.objects.count(),
        latest,
        newest_offer,
        edited["rows"],
        edited["latest"],
    )


def _built(version: object) -> OccupationReader:
    reader = occupation_reader_build()
    reader.version = version  # type: ignore[assignment]
    return reader


_copy: ProcessCopy[OccupationReader] = ProcessCopy(_built, _data_version)


def occupation_reader() -> OccupationReader:
    """The process's reader, rebuilt when the referential or the grown titles changed (checked once a minute)."""
    return _copy.get(check_seconds=REBUILD_CHECK_SECONDS)


def occupation_reader_reset() -> None:
    _copy.reset()
