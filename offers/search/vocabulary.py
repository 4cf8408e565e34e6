"""Query expansion for offer search: typo tolerance and job-title synonyms.

The embedded PostgreSQL has neither `pg_trgm` nor `unaccent`, so fuzzy matching
cannot happen in SQL. Instead a bounded vocabulary is built once per process from
the words that matter for a job search — ROME job titles (appellations), occupation
labels, and the titles and skills of recent offers — and each query word is matched
against it with rapidfuzz before the tsquery is written:

- a word the vocabulary does not know gets its closest known words as alternatives
  (a typo: "boulangre" -> "boulanger");
- a word of a ROME title gets its other gendered form ("boulangere" -> "boulanger",
  which the French stemmer would otherwise send to "boulangerie");
- short words and the last word typed are prefixes ("dev" -> "developpeur");
- a query that names a whole ROME title ("dev back-end") also matches the offers
  filed under that title's ROME code, and a single word that the offers themselves
  tie to one occupation ("boulanger" -> D1102) does the same.

The vocabulary is rebuilt when the data changed and the copy is older than
`OFFER_SEARCH_VOCABULARY_MAX_AGE` seconds (default 600): rebuilding reads a bounded
sample, so its cost does not grow with the number of offers.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from offers.models import Occupation, OccupationTitle, Offer, OfferStatus, SearchSynonym
from offers.search.lexicon import fold, french_lexicon, words_of

# Words that carry no meaning for a job search (PostgreSQL's french config drops them too).
STOP_WORDS = frozenset(
    {"a", "au", "aux", "avec", "chez", "d", "de", "des", "du", "en", "et", "f", "h", "hf", "fh", "l", "la", "le"}
    | {"les", "ou", "par", "pour", "sur", "un", "une", "dans", "nf"}
)
OFFER_SAMPLE = 30_000  # recent offers read to learn words and title -> occupation links
VOCABULARY_CAP = 60_000  # most frequent words kept for fuzzy matching
TAUGHT_MIN_OFFERS = 3
TAUGHT_MIN_SHARE = 0.6
MAX_ROME_CODES = 5
__all__ = ["ExpandedQuery", "TermGroup", "fold", "query_expand", "title_suggestions", "vocabulary_reset", "words_of"]


def _split_gender_forms(label: str) -> list[list[str]]:
    """'Développeur / Développeuse back-end' -> [[developpeur, back, end], [developpeuse, back, end]].

    ROME writes the shared end of a title once, after the feminine form.
    """
    parts = [words_of(part) for part in label.split(" / ")]
    parts = [part for part in parts if part]
    if len(parts) != 2:
        return parts
    masculine, feminine = parts
    if len(feminine) > len(masculine):
        masculine = masculine + feminine[len(masculine) :]
    return [masculine, feminine]


@dataclass
class Vocabulary:
    version: tuple
    built_at: float
    frequencies: dict[str, int] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # fuzzy-match candidates, most frequent first
    sorted_title_words: list[str] = field(default_factory=list)  # title words, for prefix look-ups
    counterparts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    forms: list[tuple[tuple[str, ...], str]] = field(default_factory=list)  # (meaningful words, ROME code)
    form_labels: list[str] = field(default_factory=list)  # the title each form comes from
    forms_by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    taught: dict[str, str] = field(default_factory=dict)  # title word -> the ROME code offers tie it to
    parents: dict[str, str] = field(default_factory=dict)  # ROME 4 detailed code -> its parent code
    # Gendered title words whose French stem is broader than their counterpart's (see _overbroad_words).
    overbroad: frozenset[str] = frozenset()
    # Synonyms and acronyms (SearchSynonym): an expression -> the expressions accepted in its place.
    synonyms: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(set))
    synonym_codes: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    synonym_lengths: dict[str, int] = field(default_factory=dict)  # first word -> longest expression
    # Neighbours (SearchSynonym.related): an expression -> expressions whose offers may follow the exact answers.
    related: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(set))

    def knows(self, word: str) -> bool:
        """A word of the offers, of ROME, of the synonym list or of French: never a typo."""
        return word in self.frequencies or word in french_lexicon()


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class TermGroup:
    """One query word (or expression) and what is accepted in its place.

    `title_only` alternatives count in offer titles only (weight A): "développeuse" shares
    its French stem with "développement", which descriptions and skills of every trade use
    ("suivre le développement de l'enfant"). `phrases` are expressions of several words
    (a synonym: "poids lourd" for "PL"), each matched when all its words are there.
    """

    original: str
    alternatives: tuple[str, ...]
    prefix: bool = False
    title_only: frozenset[str] = frozenset()
    phrases: tuple[Phrase, ...] = ()
    # A synonym expression as typed, each word with its other gender: its offers rank first
    # among those of its equivalents ("VRP multicartes" before "Commercial terrain" for "VRP").
    typed: tuple[tuple[str, ...], ...] = ()
    # Neighbour expressions (SearchSynonym.related): only in the closest offers, after the exact ones.
    related: tuple[Phrase, ...] = ()

    def tsquery(self) -> str:
        def term(word: str) -> str:
            if word in self.title_only:
                return f"{word}:A"
            return f"{word}:*" if word == self.original and self.prefix else word

        parts = [term(word) for word in self.alternatives]
        parts += ["(" + " & ".join(phrase) + ")" for phrase in self.phrases]
        return "(" + " | ".join(parts) + ")"

    def exact_pattern(self) -> str:
        """A PostgreSQL regex finding one of the group's words as a whole word of a folded title or skill.

        Unlike the full-text match it is not stemmed: "préparateur" is found in "Préparateur
        de commandes" but not in "préparer les plats" (both stem to 'prepar').
        """

        def word_pattern(word: str) -> str:
            return word if word == self.original and self.prefix else f"{word}(s|x)?\\M"

        parts = [word_pattern(word) for word in self.alternatives]
        parts += ["\\W+(\\w+\\W+){0,2}".join(word_pattern(word) for word in phrase) for phrase in self.phrases]
        return "\\m(" + "|".join(parts) + ")"

    def typed_pattern(self) -> str:
        """A PostgreSQL regex finding the expression as typed (either gender of each word) in a folded title."""
        words = ["(" + "|".join(forms) + ")(s|x)?\\M" for forms in self.typed]
        return "\\m" + "\\W+(\\w+\\W+){0,2}".join(words) if words else ""

    def loosened(self) -> TermGroup:
        """The group for the closest offers: its neighbours accepted too."""
        words = tuple(phrase[0] for phrase in self.related if len(phrase) == 1)
        phrases = tuple(phrase for phrase in self.related if len(phrase) > 1)
        return replace(
            self,
            alternatives=tuple(dict.fromkeys([*self.alternatives, *words])),
            phrases=tuple(dict.fromkeys([*self.phrases, *phrases])),
            typed=(),
            related=(),
        )


@dataclass(frozen=True)
class ExpandedQuery:
    groups: tuple[TermGroup, ...] = ()
    rome_codes: tuple[str, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()
    # The closest offers: any word of the query, those holding the most words first (see
    # offers.search.query, when too few offers hold them all).
    any_words: bool = False
    # The groups of the closest offers when they are not `groups` (a query that is one synonym
    # expression of several words: its words one by one, "infirmier" of "infirmier coordinateur").
    loose_groups: tuple[TermGroup, ...] = ()

    @property
    def has_closest(self) -> bool:
        """Whether offers that do not answer exactly may follow those that do (closest offers)."""
        return len(self.groups) > 1 or bool(self.loose_groups) or any(group.related for group in self.groups)

    def closest(self) -> ExpandedQuery:
        """The query of the closest offers: any of its words (or their neighbours)."""
        groups = self.loose_groups or tuple(group.loosened() for group in self.groups)
        return replace(self, groups=groups, any_words=True, loose_groups=())

    @property
    def tsquery(self) -> str:
        """A to_tsquery('french', ...) string; every word is [a-z0-9]+, so it cannot break the syntax."""
        return (" | " if self.any_words else " & ").join(group.tsquery() for group in self.groups)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.rome_codes


_lock = threading.Lock()
_cache: dict[str, Vocabulary] = {}


def _data_version() -> tuple:
    """Cheap (index-only) markers that change when offers or titles are added."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT max(id) FROM offers_offer), (SELECT max(id) FROM offers_occupationtitle),"
            " (SELECT count(*) FROM offers_occupation),"
            " (SELECT (count(*), max(updated_at))::text FROM offers_searchsynonym)"
        )
        return tuple(cursor.fetchone())


def vocabulary_get() -> Vocabulary:
    """The current vocabulary; built on first use, then refreshed in the background.

    A refresh reads a bounded sample (seconds on a busy server), so a request never
    waits for one once a vocabulary exists: it keeps using the previous copy while a
    thread builds the next. With a max age of 0 (tests) the refresh is immediate.
    """
    max_age = settings.OFFER_SEARCH_VOCABULARY_MAX_AGE
    cached = _cache.get("default")
    now = time.monotonic()
    if cached is not None and now - cached.built_at < max_age:
        return cached
    version = _data_version()
    if cached is not None and cached.version == version:
        cached.built_at = now
        return cached
    if cached is not None and max_age > 0:
        if _lock.acquire(blocking=False):
            threading.Thread(target=_refresh_in_background, args=(version,), daemon=True).start()
        return cached
    with _lock:
        vocabulary = _vocabulary_build(version)
        _cache["default"] = vocabulary
    return vocabulary


def _refresh_in_background(version: tuple) -> None:
    try:
        _cache["default"] = _vocabulary_build(version)
    finally:
        connection.close()  # this thread's own connection
        _lock.release()


def vocabulary_reset() -> None:
    _cache.clear()


def _vocabulary_build(version: tuple) -> Vocabulary:
    vocabulary = Vocabulary(version=version, built_at=time.monotonic())
    frequencies: dict[str, int] = defaultdict(int)
    title_words: set[str] = set()

    for label, code in OccupationTitle.objects.values_list("label", "occupation_id").iterator(chunk_size=5000):
        forms = _split_gender_forms(label)
        for form in forms:
            meaningful = tuple(word for word in form if word not in STOP_WORDS)
            if not meaningful:
                continue
            index = len(vocabulary.forms)
            vocabulary.forms.append((meaningful, code))
            vocabulary.form_labels.append(label)
            for word in meaningful:
                vocabulary.forms_by_word[word].add(index)
                frequencies[word] += 5
                title_words.add(word)
        if len(forms) == 2 and len(forms[0]) == len(forms[1]):
            for masculine, feminine in zip(forms[0], forms[1], strict=True):
                # Gendered forms share their beginning (boulanger/boulangere, chef/cheffe);
                # anything else is a misalignment of the label, not a synonym.
                if masculine != feminine and min(len(masculine), len(feminine)) >= 3 and masculine[:3] == feminine[:3]:
                    vocabulary.counterparts[masculine].add(feminine)
                    vocabulary.counterparts[feminine].add(masculine)
    vocabulary.parents = dict(Occupation.objects.exclude(parent_code="").values_list("code", "parent_code"))
    for label, code in Occupation.objects.values_list("label", "code"):
        for form in _split_gender_forms(label):
            meaningful = tuple(word for word in form if word not in STOP_WORDS)
            if meaningful:
                index = len(vocabulary.forms)
                vocabulary.forms.append((meaningful, code))
                vocabulary.form_labels.append(label)
                for word in meaningful:
                    vocabulary.forms_by_word[word].add(index)
                    frequencies[word] += 5
                    title_words.add(word)

    # What the offers teach: the words of recent titles and skills, and which
    # occupation a title word points to (most offers titled "boulanger" are D1102).
    recent = (
        Offer.objects.filter(status=OfferStatus.OPEN)
        .order_by("-id")
        .values("title", "skills", "rome_code")[:OFFER_SAMPLE]
    )
    sql, params = recent.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH recent AS MATERIALIZED ({sql})
            SELECT w, rome_code, count(*) FROM recent,
                unnest(tsvector_to_array(to_tsvector('simple'::regconfig, jm_unaccent(recent.title)))) AS w
            GROUP BY w, rome_code
            UNION ALL
            SELECT w, NULL, count(*) FROM recent, unnest(tsvector_to_array(
                to_tsvector('simple'::regconfig, jm_unaccent(jm_array_text(recent.skills::text[]))))) AS w
            GROUP BY w
            """,
            params,
        )
        by_word: dict[str, dict[str, int]] = defaultdict(dict)
        for word, code, count in cursor.fetchall():
            if len(word) < 2 or not word.isalnum():
                continue  # hyphenated compounds ("back-end") also come as their parts
            frequencies[word] += count
            if code is not None:
                title_words.add(word)
                if code:
                    by_word[word][code] = by_word[word].get(code, 0) + count
    for word, codes in by_word.items():
        if word in STOP_WORDS or len(word) < 4:
            continue
        total = sum(codes.values())
        code, count = max(codes.items(), key=lambda item: item[1])
        if count >= TAUGHT_MIN_OFFERS and count / total >= TAUGHT_MIN_SHARE:
            vocabulary.taught[word] = code

    _synonyms_add(vocabulary, frequencies)
    _gender_pairs_add(vocabulary, title_words)
    vocabulary.overbroad = _overbroad_words(vocabulary.counterparts)
    french_lexicon()  # loaded here (~1 s, once per process), not by the first query that needs it
    vocabulary.frequencies = dict(frequencies)
    ranked = sorted(frequencies.items(), key=lambda item: (-item[1], item[0]))
    vocabulary.words = [word for word, _ in ranked[:VOCABULARY_CAP] if len(word) > 2]
    vocabulary.sorted_title_words = sorted(title_words)
    return vocabulary


# Feminine ending -> masculine ending of French job titles (vendeuse/vendeur, infirmière/infirmier,
# conductrice/conducteur, assistante/assistant, technicienne/technicien, boulangère/boulanger).
GENDER_ENDINGS = (("euse", "eur"), ("rice", "eur"), ("iere", "ier"), ("ere", "er"), ("enne", "en"), ("ante", "ant"))


def _gender_pairs_add(vocabulary: Vocabulary, title_words: set[str]) -> None:
    """Pair the gendered title words that ROME did not pair (titles known only from offers).

    Both forms must be words of titles: an ending alone pairs nothing ("vente" is no "vent").
    """
    for word in title_words:
        for feminine, masculine in GENDER_ENDINGS:
            if len(word) > len(feminine) + 2 and word.endswith(feminine):
                other = word[: -len(feminine)] + masculine
                if other in title_words and other != word:
                    vocabulary.counterparts[word].add(other)
                    vocabulary.counterparts[other].add(word)


def _expression(text: str) -> Phrase:
    return tuple(word for word in words_of(text) if word not in STOP_WORDS)


def _synonyms_add(vocabulary: Vocabulary, frequencies: dict[str, int]) -> None:
    """Index the active synonyms: each expression -> the expressions accepted in its place."""
    for row in SearchSynonym.objects.filter(active=True):
        term = _expression(row.term)
        equivalents = [expression for text in row.equivalent_list() if (expression := _expression(text))]
        if not term or not equivalents:
            continue
        accepted = {term, *equivalents}
        sources = [term, *equivalents] if row.both_ways else [term]
        related = {expression for text in row.related_list() if (expression := _expression(text))} - accepted
        for expression in sources:
            vocabulary.synonyms[expression] |= accepted
            vocabulary.synonym_codes[expression] |= set(row.rome_code_list())
            vocabulary.related[expression] |= related
            first = expression[0]
            vocabulary.synonym_lengths[first] = max(vocabulary.synonym_lengths.get(first, 0), len(expression))
        for expression in accepted | related:
            for word in expression:
                frequencies.setdefault(word, 1)  # known words: never "corrected"


def _overbroad_words(counterparts: dict[str, set[str]]) -> frozenset[str]:
    """Title words whose French stem is a strict prefix of their other gender's stem.

    The stemmer cuts "developpeuse" to 'developp', the stem of "développement" and
    "développer" too, while "developpeur" keeps 'developpeur': searched in full text, the
    feminine form would match every offer that mentions a development of anything.
    """
    words = sorted(counterparts)
    if not words:
        return frozenset()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, array_to_string(tsvector_to_array(to_tsvector('french'::regconfig, w)), ' ')"
            " FROM unnest(%s::text[]) AS w",
            [words],
        )
        stems = dict(cursor.fetchall())
    return frozenset(
        word
        for word in words
        if (stem := stems.get(word))
        and any(
            (other_stem := stems.get(other)) and other_stem != stem and other_stem.startswith(stem)
            for other in counterparts[word]
        )
    )


def _max_typos(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) < 7 else 2


def _corrections(word: str, vocabulary: Vocabulary) -> list[str]:
    limit = _max_typos(word)
    if not limit or vocabulary.knows(word):
        return []
    matches = process.extract(word, vocabulary.words, scorer=Levenshtein.distance, score_cutoff=limit, limit=8)
    if not matches:
        return []
    best = min(distance for _, distance, _ in matches)
    closest = [candidate for candidate, distance, _ in matches if distance == best]
    closest.sort(key=lambda candidate: -vocabulary.frequencies.get(candidate, 0))
    return closest[:2]


def _title_words_matching(word: str, vocabulary: Vocabulary, *, prefix: bool) -> set[str]:
    matched = {word} | vocabulary.counterparts.get(word, set())
    if prefix and len(word) >= 3:
        start = bisect_left(vocabulary.sorted_title_words, word)
        for candidate in vocabulary.sorted_title_words[start : start + 200]:
            if not candidate.startswith(word):
                break
            matched.add(candidate)
    return matched


def _rome_codes(
    words: list[str], alternatives: list[set[str]], vocabulary: Vocabulary
) -> tuple[list[str], list[set[str]]]:
    """ROME codes of the titles that the whole query names (every word on both sides matched).

    Also returns, per query word, the title words it matched in those titles.
    """
    matched_words: list[set[str]] = [set() for _ in words]
    per_word_forms: list[set[int]] = []
    for accepted in alternatives:
        forms: set[int] = set()
        for candidate in accepted:
            forms |= vocabulary.forms_by_word.get(candidate, set())
        per_word_forms.append(forms)
    if not per_word_forms or any(not forms for forms in per_word_forms):
        return [], matched_words
    candidates = set.intersection(*per_word_forms)
    codes: dict[str, int] = defaultdict(int)
    for index in candidates:
        form_words, code = vocabulary.forms[index]
        if all(any(form_word in accepted for accepted in alternatives) for form_word in form_words):
            codes[code] += 1
            for position, accepted in enumerate(alternatives):
                matched_words[position] |= {form_word for form_word in form_words if form_word in accepted}
    ranked = sorted(codes, key=lambda code: (-codes[code], code))
    if len(ranked) > MAX_ROME_CODES:
        # The query names too many occupations to be a job title: no synonym expansion.
        return [], [set() for _ in words]
    return ranked, matched_words


def _synonym_spans(words: list[str], vocabulary: Vocabulary) -> dict[int, Phrase]:
    """Where the query names a synonym expression: start position -> the expression (longest first)."""
    spans: dict[int, Phrase] = {}
    position = 0
    while position < len(words):
        longest = vocabulary.synonym_lengths.get(words[position], 0)
        for length in range(min(longest, len(words) - position), 0, -1):
            candidate = tuple(words[position : position + length])
            if candidate in vocabulary.synonyms:
                spans[position] = candidate
                position += length
                break
        else:
            position += 1
    return spans


def _word_group(
    word: str, vocabulary: Vocabulary, *, typing: bool, corrections: list[tuple[str, str]]
) -> tuple[TermGroup, set[str]]:
    """The group of one query word (typos, gender forms, prefix) and the title words it may stand for."""
    fixes = _corrections(word, vocabulary)
    corrections.extend((word, fix) for fix in fixes[:1])
    # A word the vocabulary does not know may be cut short ("dev", "boulan" while typing):
    # match it as a prefix. Known words stay exact: a prefix over a common word makes
    # PostgreSQL's estimate (and plan) much worse for no gain.
    title_prefix = len(word) >= 3 and (len(word) <= 4 or typing)
    # (and not when a close known word exists: then it is a typo, not a beginning).
    prefix = title_prefix and not vocabulary.knows(word) and not fixes
    forms = [word, *fixes]
    counterparts = {other for known in forms for other in vocabulary.counterparts.get(known, ())}
    alternatives = list(dict.fromkeys([*forms, *sorted(counterparts)]))
    # Both genders of a title find the same offers ("serveur" and "serveuse"): the group is
    # the same whichever form was typed. Only a form whose French stem is broader than its
    # counterpart's ("developpeuse" -> 'developp', the stem of "développement") counts in
    # titles only, whichever form was typed.
    title_only = frozenset(alternative for alternative in alternatives if alternative in vocabulary.overbroad)
    accepted: set[str] = set()
    for candidate in alternatives:
        accepted |= _title_words_matching(candidate, vocabulary, prefix=title_prefix and candidate == word)
    group = TermGroup(
        original=word, alternatives=tuple(alternatives), prefix=prefix, title_only=title_only,
        related=_related(vocabulary, [(form,) for form in alternatives]),
    )  # fmt: skip
    return group, accepted


def _synonym_group(expression: Phrase, vocabulary: Vocabulary) -> tuple[TermGroup, set[str]]:
    """The group of a synonym expression: every accepted expression, single words with their other gender."""
    accepted_expressions = sorted(vocabulary.synonyms[expression], key=lambda phrase: (len(phrase), phrase))
    words = [phrase[0] for phrase in accepted_expressions if len(phrase) == 1]
    counterparts = {other for word in words for other in vocabulary.counterparts.get(word, ())}
    alternatives = list(dict.fromkeys([*words, *sorted(counterparts)]))
    phrases = tuple(phrase for phrase in accepted_expressions if len(phrase) > 1)
    title_only = frozenset(alternative for alternative in alternatives if alternative in vocabulary.overbroad)
    # For naming ROME titles, only what stands for the expression word for word: the words of
    # its longer equivalents would mix titles ("auxiliaire de vie scolaire" + "sociale").
    accepted = set(expression) | set(alternatives)
    typed = tuple((word, *sorted(vocabulary.counterparts.get(word, ()))) for word in expression)
    group = TermGroup(
        original=" ".join(expression), alternatives=tuple(alternatives), title_only=title_only, phrases=phrases,
        typed=typed, related=_related(vocabulary, accepted_expressions),
    )  # fmt: skip
    return group, accepted


def _related(vocabulary: Vocabulary, expressions: list[Phrase]) -> tuple[Phrase, ...]:
    """The neighbours of any of these expressions that are none of them."""
    found: set[Phrase] = set()
    for expression in expressions:
        found |= vocabulary.related.get(expression, set())
    return tuple(sorted(found - set(expressions)))


def query_expand(text: str) -> ExpandedQuery:
    words = [word for word in words_of(text) if word not in STOP_WORDS]
    if not words:
        return ExpandedQuery()
    vocabulary = vocabulary_get()
    groups: list[TermGroup] = []
    corrections: list[tuple[str, str]] = []
    alternatives_for_titles: list[set[str]] = []
    synonym_codes: list[str] = []
    synonym_groups: set[int] = set()  # indexes of the groups that are synonym expressions
    typing_last_word = not text.rstrip().endswith((" ", '"'))
    spans = _synonym_spans(words, vocabulary)
    position = 0
    while position < len(words):
        if position in spans:
            expression = spans[position]
            group, accepted = _synonym_group(expression, vocabulary)
            synonym_codes += sorted(vocabulary.synonym_codes.get(expression, ()))
            synonym_groups.add(len(groups))
            position += len(expression)
        else:
            typing = typing_last_word and position == len(words) - 1
            group, accepted = _word_group(words[position], vocabulary, typing=typing, corrections=corrections)
            position += 1
        groups.append(group)
        alternatives_for_titles.append(accepted)

    group_words = [group.original for group in groups]
    codes, title_words = _rome_codes(group_words, alternatives_for_titles, vocabulary)
    # Offers often carry the parent of a detailed ROME 4 code ("dev back-end" names M1855;
    # France Travail still files many back-end jobs under M1805): the parent counts too.
    codes += [parent for code in list(codes) if (parent := vocabulary.parents.get(code)) and parent not in codes]
    # The words of the named titles join the text query ("dev" -> developpeur, developpeuse).
    # (A synonym's group already holds what stands for it.)
    groups = [
        group
        if index in synonym_groups
        else replace(
            group,
            alternatives=tuple(dict.fromkeys([*group.alternatives, *sorted(title_words[index])[:3]])),
            title_only=group.title_only
            | (frozenset(sorted(title_words[index])[:3]) - set(group.alternatives) - {group.original}),
        )
        for index, group in enumerate(groups)
    ]
    if len(groups) == 1 and synonym_groups:
        # A whole query that is a synonym: the occupations the list names for it, nothing guessed.
        codes = synonym_codes
    elif len(groups) == 1:
        for candidate in groups[0].alternatives:
            taught = vocabulary.taught.get(candidate)
            if taught and taught not in codes:
                codes.append(taught)
    loose: list[TermGroup] = []
    if len(groups) == 1 and synonym_groups and len(words) > 1:
        # "infirmier bloc opératoire" is one expression (IBODE): its closest offers hold some of its words
        # (the expression itself stays one of them: "IBODE" alone answers it).
        loose = [groups[0], *(_word_group(word, vocabulary, typing=False, corrections=[])[0] for word in words)]
        if groups[0].related:
            loose.append(TermGroup(original=groups[0].original, alternatives=(), related=groups[0].related).loosened())
    return ExpandedQuery(
        groups=tuple(groups), rome_codes=tuple(codes[:MAX_ROME_CODES]), corrections=tuple(corrections),
        loose_groups=tuple(loose),
    )  # fmt: skip


def title_suggestions(text: str, *, limit: int = 8) -> list[str]:
    """ROME job titles whose words start with every word typed, accents ignored ("dev back" -> back-end)."""
    words = [word for word in words_of(text) if word not in STOP_WORDS]
    if not words:
        return []
    vocabulary = vocabulary_get()
    candidates: set[int] | None = None
    for word in words:
        forms: set[int] = set()
        for matched in _title_words_matching(word, vocabulary, prefix=True):
            forms |= vocabulary.forms_by_word.get(matched, set())
        candidates = forms if candidates is None else candidates & forms
        if not candidates:
            return []
    labels = {vocabulary.form_labels[index] for index in candidates or ()}
    # Shortest first: the title closest to what was typed.
    return sorted(labels, key=lambda label: (len(label), label))[:limit]
