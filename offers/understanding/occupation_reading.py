"""The occupation reader: the ROME code(s) a job title, a profile or a CV names, from the titles it is given.

A title is read whole, then as the longest known title inside it ("Boulanger de nuit H/F"), then with its
typos corrected word by word, by sound first ("farmacie", "boulangé", "plonbier"), then by letters
("develloppeur"). A free text (a presentation, a CV) is scanned for known titles by the reader's other half,
`title_mentions.TitleMentions`. `occupations.py` builds the process's reader from the database.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from rapidfuzz import fuzz, process

from offers.search.vocabulary import fold
from offers.understanding.craft_access import CraftQualification
from offers.understanding.english_titles import EnglishTitleWords
from offers.understanding.occupation_vocabulary import OccupationVocabulary
from offers.understanding.phonetic import phonetic_key
from offers.understanding.text import singular
from offers.understanding.title_mentions import (
    ENGLISH_READ,
    ENGLISH_UNLESS,
    MAX_TITLE_WORDS,
    TitleMentions,
)
from offers.understanding.title_words import (
    HOLDING_WORDS,
    LETTERS,
    TITLE_STOP_WORDS,
    in_order,
    masculine_form,
    same_start,
    title_forms,
    title_key,
)

# What follows a title in a posting's title line: a place, a contract, a slogan ("Boulanger H/F - Lyon 3e").
_DECORATION = re.compile(r"\s+[-–—|]\s+|\s*\|\s*")
# A title read by its rarest word ("Technicien de maintenance plomberie" by "plomberie"): that word must be this
# long, and the family of most known titles holding it must hold this share of them.
DOMAIN_WORD_MIN_LENGTH = 5
DOMAIN_WORD_SHARE = 0.6
# A title read as the one longer known title holding its words, two words longer at least, none of its words held
# by 10 titles or fewer: an unsure reading (0.6 of it), confirmed or not by the offers within reach. Over ROME's
# 13,120 short titles and the demo offers' titles, 4 readings change; on the readings test set, none.
LONE_TITLE_SHARE = 0.6
LONE_TITLE_MIN_ADDED = 2
LONE_TITLE_RARE_WORD = 10
# A curated one-word title this short is an acronym ("ASH", "CFO"): after another trade's head it qualifies it.
ACRONYM_MAX_LENGTH = 4
# A title read with its acronyms spelled out ("Responsable ADV" as "Responsable administration des ventes"): the
# acronym is the employer's word, its meaning the table's (a little less sure than a title as written).
ACRONYM_SPELLED = 0.95
# A word that begins this many known titles or more is a job's head ("directeur", "agent", "infirmier").
TITLE_HEAD_MIN = 5
# An offer's title read this surely, and ahead of any other family, is not weighed against its description.
SURE_TITLE = 0.8
# A family an offer's description chose among those its title leaves open is read at least this surely (enough for an
# offer without a code to be stored with it, `offer_occupation.WITHOUT_A_CODE`; never enough to overrule a source's
# code): on the offer-title set's tuning half and the readable hand-written sets, 9 of its 10 clear choices were right;
# of the 3 demo offers whose reading it changed, 2 are right now and 1 is wrong as before (`occupation_vocabulary.py`).
CHOSEN_BY_DESCRIPTION = 0.5


@dataclass(frozen=True)
class OccupationGuess:
    code: str
    label: str
    confidence: float  # 0..1
    source: str  # "title" (the title a candidate gave, or an offer's) or "text"


class OccupationReader(TitleMentions):
    def __init__(
        self,
        *,
        titles: Iterable[tuple[str, str]],
        aliases: Iterable[tuple[str, str]] = (),
        taught: dict[tuple[str, ...], str] | None = None,
        labels: dict[str, str],
        parents: dict[str, str],
        close: dict[str, set[str]],
        acronyms: dict[str, str] | None = None,
        english: EnglishTitleWords | None = None,
        vocabulary: OccupationVocabulary | None = None,
        crafts: dict[str, CraftQualification] | None = None,
    ) -> None:
        self.labels = labels
        # The crafts one enters with their diploma (`craft_access`), by code.
        self.crafts = crafts or {}
        # Each family's words (label, titles, definition): an offer's description chooses among what its title
        # leaves open (`from_offer`). None: titles only.
        self.vocabulary = vocabulary
        self.english = english or EnglishTitleWords()
        # What the reader was built from (`occupation_reader` sets it): readings cached elsewhere name it.
        self.version: tuple[int, ...] = ()
        self.parents = parents
        self.close = close
        keys: dict[tuple[str, ...], set[str]] = defaultdict(set)
        aliases = list(aliases)
        # Short single words are titles only when curated (acronyms such as "IDE", "ASH").
        self.short_titles = {title_key(title) for title, _ in aliases if len(title_key(title)) == 1}
        referential: set[str] = set()  # the words of the referential's titles (not of the aliases)
        titles = list(titles)
        # How the referential's titles write each of their words with its accents ("maçon"): a text that
        # writes it otherwise ("Mâcon", the town) names something else. Not the aliases: written by hand, they
        # may leave accents out ("kine").
        self._spellings: dict[str, set[str]] = defaultdict(set)
        for title, _ in titles:
            for written in LETTERS.findall(title.lower()):
                self._spellings[fold(written)].add(written)
        for index, (title, code) in enumerate([*titles, *aliases]):
            for form in title_forms(title):
                key = tuple(singular(word) for word in form if word not in TITLE_STOP_WORDS)
                if key and len(key) <= MAX_TITLE_WORDS:
                    keys[key].add(code)
                    if index < len(titles):
                        referential.update(key)
        self.keys = dict(keys)
        # The same titles by their sound: "maintenance industriel" is "maintenance industrielle".
        sounds: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for key, codes in self.keys.items():
            sounds[tuple(phonetic_key(word) for word in key)] |= codes
        self._sound_keys = dict(sounds)
        # Offer titles -> the ROME code their offers are filed under (France Travail), for titles
        # the referential does not spell ("Électricien H/F", "Chargé d'accompagnement emploi").
        self.taught = taught or {}
        self.known = {word for key in [*self.keys, *self.taught] for word in key}
        # Offers teach titles as employers write them, mostly in the masculine ("Opérateur de production H/F"):
        # a candidate's feminine title ("Opératrice de production") is also looked up by its masculine form.
        self._taught_masculine: dict[tuple[str, ...], str] = {}
        for key, code in self.taught.items():
            self._taught_masculine.setdefault(self._as_masculine(key), code)
        self.words = sorted(word for word in self.known if len(word) >= 4)
        # Acronyms a title may hold ("Responsable ADV"), by what they stand for ("administration des ventes").
        # Not those that stand for a job ("DAF": its first word heads known titles): next to other words they
        # name a person ("Assistant DAF" is no finance director); alone they are titles of their own (aliases).
        heads = Counter(key[0] for key in self.keys)
        self.acronyms = {
            key[0]: expansion
            for acronym, spelled in (acronyms or {}).items()
            if len(key := title_key(acronym)) == 1
            and (expansion := title_key(spelled))
            and heads[expansion[0]] < TITLE_HEAD_MIN
        }
        self._containing: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in self.keys:
            for word in set(key):
                self._containing[word].append(key)
        self._taught_containing: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in self.taught:
            for word in set(key):
                self._taught_containing[word].append(key)
        # Typos are corrected towards the referential's words first: a word only the aliases have (English
        # "dentist", "development", "staff") takes a typo only when it is the closer spelling ("portter").
        referential |= {word for key in self.taught for word in key}
        self._referential_words = [word for word in self.words if word in referential]
        self._alias_words = [word for word in self.words if word not in referential]
        # Known title words by their sound ("farmacie" is read "pharmacie", not the alias "pharmacy"): the
        # spelling most titles use.
        self._sounds: dict[str, str] = {}
        self._alias_sounds: dict[str, str] = {}
        for word in sorted(self.words, key=lambda word: (-len(self._containing.get(word, ())), len(word), word)):
            (self._sounds if word in referential else self._alias_sounds).setdefault(phonetic_key(word), word)
        self._heard_words: dict[str, str] = {}

    # --- relations between codes -----------------------------------------------------------------

    def family(self, code: str) -> str:
        return self.parents.get(code) or code

    def family_members(self, code: str) -> list[str]:
        """The codes of an occupation's ROME family: its parent, then the parent's detailed children."""
        family = self.family(code)
        return [family, *self._children.get(family, ())]

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        """Each parent's detailed children, in the referential's order (read once, not at every request)."""
        children: dict[str, list[str]] = defaultdict(list)
        for child, parent in self.parents.items():
            children[parent].append(child)
        return {parent: tuple(codes) for parent, codes in children.items()}

    def relation(self, wanted: str, offered: str) -> str:
        """'same' (one ROME family), 'close' (a mobility link between the families) or 'other'."""
        if not wanted or not offered:
            return "other"
        a, b = self.family(wanted), self.family(offered)
        if a == b:
            return "same"
        linked = self.close.get(wanted, set()) | self.close.get(a, set())
        if offered in linked or b in linked:
            return "close"
        return "other"

    def label(self, code: str) -> str:
        return self.labels.get(code) or self.labels.get(self.family(code), "")

    # --- reading ----------------------------------------------------------------------------------

    def _guesses(self, scores: dict[str, float], source: str, *, total: float) -> list[OccupationGuess]:
        ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
        return [OccupationGuess(code, self.label(code), round(min(1.0, s / total), 3), source) for code, s in ranked]

    def _corrected(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Each unknown word replaced by the known title word that sounds the same ("farmacie"), else by
        the one one or two typos away (if one is)."""
        fixed = []
        for word in words:
            if word in self.known or len(word) < 4:
                fixed.append(word)
                continue
            sounds_like = self._sounds.get(phonetic_key(word))
            if sounds_like:
                fixed.append(sounds_like)
                continue
            match = process.extractOne(word, self._referential_words, scorer=fuzz.ratio, score_cutoff=85)
            alias = self._alias_sounds.get(phonetic_key(word))
            alias_match = (alias, fuzz.ratio(word, alias)) if alias else None
            alias_match = alias_match or process.extractOne(word, self._alias_words, scorer=fuzz.ratio, score_cutoff=85)
            if alias_match and (not match or alias_match[1] > match[1]):
                match = alias_match
            fixed.append(match[0] if match else word)
        return tuple(fixed)

    def from_title(self, title: str) -> list[OccupationGuess]:
        """The occupation(s) a job title names: whole, longest known part, then with typos corrected; an
        English title that no French reading places surely, read again in French (`english_titles.py`).

        A title decorated after a dash or a bar ("Vendeur en boulangerie - Saint-Denis", "Conseiller bancaire
        - CDI 35h - ...") is read by its first part first."""
        core = _DECORATION.split(title, maxsplit=1)[0]
        guesses = self._from_title_words(title_key(core)) if core != title else []
        guesses = guesses or self._from_title_words(title_key(title))
        if guesses and guesses[0].confidence >= ENGLISH_UNLESS:
            return guesses
        for form in self.english.french_forms(title_key(core)):
            said = self._from_title_words(form)
            if said and ENGLISH_READ * said[0].confidence > ENGLISH_UNLESS:
                return [replace(guess, confidence=round(ENGLISH_READ * guess.confidence, 3)) for guess in said]
        return guesses

    def _from_title_words(self, words: tuple[str, ...]) -> list[OccupationGuess]:
        """Each way of reading a title, surest first, tried on the title as written and then with its typos
        corrected: a whole title with a typo ("preparatrice en farmacie") beats a part of it as written."""
        while len(words) > 1 and words[0] in HOLDING_WORDS and not self._begins_known_title(words):
            words = words[1:]  # "Apprenti opérateur de production": the trade, learnt on the job
        if not words:
            return []
        corrected = self._corrected(words)
        spelled = tuple(part for word in words for part in self.acronyms.get(word, (word,)))
        attempts = [(words, 1.0)] + [
            (attempt, confidence)
            for attempt, confidence in ((spelled, ACRONYM_SPELLED), (corrected, 0.85))
            if attempt != words
        ]
        for reading in (self._whole, self._part):
            for attempt, confidence in attempts:
                guesses = reading(attempt, confidence)
                if guesses:
                    return guesses
        return []

    def _begins_known_title(self, words: tuple[str, ...]) -> bool:
        """A known title begins the title ("Saisonnier cueillette", "Salarié viticole"): its first word is part
        of it, even one that says how a job is held."""
        return any(words[:size] in self.keys or words[:size] in self.taught for size in range(2, len(words) + 1))

    def _whole(self, attempt: tuple[str, ...], confidence: float) -> list[OccupationGuess]:
        """A known title, or one that a few known titles contain ("Infirmier" of "Infirmier en soins généraux")."""
        if attempt in self.keys:
            codes = self.keys[attempt]
            return self._guesses(dict.fromkeys(codes, confidence), "title", total=len(codes))
        taught = self.taught.get(attempt) or self._taught_masculine.get(self._as_masculine(attempt))
        if taught:
            return self._guesses({taught: 0.9 * confidence}, "title", total=1.0)
        heard = self._sound_keys.get(tuple(phonetic_key(word) for word in attempt))
        if heard:
            # A known title but for an agreement or a silent letter ("mécanicien de maintenance industriel").
            return self._guesses(dict.fromkeys(heard, 0.95 * confidence), "title", total=len(heard))
        wider = self._titles_around(attempt)
        if wider:
            if self._one_longer_title(attempt):
                confidence *= LONE_TITLE_SHARE
            return self._guesses({code: confidence * weight for code, weight in wider.items()}, "title", total=1.0)
        return []

    def _as_masculine(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Each feminine word by its masculine form when titles know it ("operatrice" -> "operateur")."""
        return tuple(masculine_form(word, self.known) for word in words)

    def possible_families(self, title: str) -> set[str]:
        """The families of every known title that holds a typed title's words in order, typos corrected
        ("vendeuse": the sellers of food, clothes, cycles, cars... not a window cleaner); none for a title no
        known title holds (English, jargon). What a loose title leaves open, for the text to choose among."""
        words = title_key(_DECORATION.split(title, maxsplit=1)[0])
        while len(words) > 1 and words[0] in HOLDING_WORDS:
            words = words[1:]
        if any(word not in self.known for word in words):
            words = self._corrected(words)
        if not words:
            return set()
        families = {
            self.family(code)
            for key in self._containing.get(words[0], ())
            if in_order(words, key)
            for code in self.keys[key]
        }
        families |= {
            self.family(self.taught[key]) for key in self._taught_containing.get(words[0], ()) if in_order(words, key)
        }
        return families

    def _one_longer_title(self, words: tuple[str, ...]) -> bool:
        """Words of common use that only one known title holds, a longer one: "vendeur sur les marchés" is held
        by "Vendeur de produits sur les marchés financiers" alone; its missing words say the trade. A rare word
        among them ("Formatrice FLE") names the title as well as they would."""
        holding = self._shortest_holding(words)
        rarest = min(len(self._containing.get(word, ())) for word in words)
        return (
            len(holding) == 1 and len(holding[0]) - len(words) >= LONE_TITLE_MIN_ADDED and rarest > LONE_TITLE_RARE_WORD
        )

    def _part(self, attempt: tuple[str, ...], confidence: float) -> list[OccupationGuess]:
        """A known title inside the title, its first words, or its head noun guided by its other words."""
        found = self._longest_inside(attempt)
        if found and self._qualifies_its_head(attempt, *found):
            found = None
        if found:
            key, codes = found
            share = confidence * (0.75 + 0.25 * len(key) / len(attempt))
            return self._guesses(dict.fromkeys(codes, share), "title", total=len(codes))
        for size in range(len(attempt) - 1, 1, -1):
            # "Technicien de maintenance en équipe 3x8": trailing words that no title has (a shift, a
            # "polyvalent") dropped, the title read by its first words.
            wider = self._titles_around(attempt[:size])
            if wider and max(wider.values()) >= 0.5:  # one family clearly, or none
                weights = {code: 0.8 * confidence * weight for code, weight in wider.items()}
                return self._guesses(weights, "title", total=1.0)
            taught = self.taught.get(attempt[:size])
            if taught:
                # An offers' title ("Chargé d'étude de prix") followed by a domain ("BTP"): read as that title is.
                return self._guesses({taught: 0.8 * 0.9 * confidence}, "title", total=1.0)
        guided = self._head_guided(attempt)
        if guided:
            return self._guesses({code: 0.75 * confidence * w for code, w in guided.items()}, "title", total=1.0)
        unknown = sum(1 for word in attempt[1:] if word not in self.known)
        if unknown >= 2 and unknown * 2 >= len(attempt) - 1:
            # Most of its other words, two or more, are no title's: English, whose head comes last ("Construction
            # cost estimator" is no construction worker). One unknown word is French jargon ("Infirmier EHPAD").
            return []
        head = self._titles_around(attempt[:1], head=True)
        if head and len(head) <= 2:
            # "Infirmier en EHPAD": the head noun of known titles.
            return self._guesses({code: 0.7 * confidence * w for code, w in head.items()}, "title", total=1.0)
        return []

    def _qualifies_its_head(self, words: tuple[str, ...], key: tuple[str, ...], codes: set[str]) -> bool:
        """An acronym after the title's head that is also another trade's title: a qualifier of that head
        ("Électricien CFO CFA": courants forts and faibles, not a chief financial officer), when the head starts the
        titles of one or two families and none is the acronym's."""
        if len(key) != 1 or len(key[0]) > ACRONYM_MAX_LENGTH or key not in self.short_titles or words[0] == key[0]:
            return False
        head = self._titles_around(words[:1], head=True)
        return bool(head) and len(head) <= 2 and not {self.family(code) for code in codes} & set(head)

    def offer_title_reading(self, title: str) -> list[OccupationGuess]:
        """An offer's title read whole or in part, else by its rarest word (`from_domain_word`). A title read unsurely
        whose words are all held, in order, by known titles of one other family is that family's: "Salarié agricole en
        élevage porcin" was read by its first words as a general farm worker (A1419, 0.875); only the pig breeders'
        titles (A1411) hold "agricole élevage porcin" (on the readable sets, 1 reading more right of 393, none lost)."""
        guesses = self.from_title(title) or self.from_domain_word(title)
        if guesses and guesses[0].confidence < 1.0:
            possible = self.possible_families(title)
            if len(possible) == 1 and (only := next(iter(possible))) != self.family(guesses[0].code):
                kept = [guess for guess in guesses if self.family(guess.code) != only]
                guesses = [OccupationGuess(only, self.label(only), guesses[0].confidence, "title"), *kept]
        return guesses

    def from_offer(self, title: str, description: str = "") -> list[OccupationGuess]:
        """An offer's occupation(s): its title's reading (`offer_title_reading`), with the family its description
        chooses first where the title leaves several open (`by_description`)."""
        return self.by_description(title, self.offer_title_reading(title), description)

    def by_description(self, title: str, guesses: list[OccupationGuess], description: str) -> list[OccupationGuess]:
        """`guesses` (a title's reading) with the family an offer's description names clearly most first, when
        the title is read unsurely or ties two families ("Responsable de secteur", "Plâtrier plaquiste"): among
        the families of the guesses and of every known title holding the title's words (`possible_families`).
        A title read surely, ahead of the rest, is kept as read."""
        if not description.strip() or self.vocabulary is None:
            return guesses
        if guesses and guesses[0].confidence >= SURE_TITLE:
            tied = [guess for guess in guesses[1:] if guess.confidence == guesses[0].confidence]
            if all(self.family(guess.code) == self.family(guesses[0].code) for guess in tied):
                return guesses
        families = {self.family(guess.code) for guess in guesses} | self.possible_families(title)
        chosen = self.vocabulary.chosen(families, description, title=title)
        if not chosen:
            return guesses
        sure = max(CHOSEN_BY_DESCRIPTION, guesses[0].confidence if guesses else 0.0)
        kept = [guess for guess in guesses if self.family(guess.code) != chosen]
        return [OccupationGuess(chosen, self.label(chosen), round(sure, 3), "title"), *kept]

    def from_domain_word(self, title: str) -> list[OccupationGuess]:
        """An offer's title that no other reading places, read by its rarest word that known titles hold
        ("Technicien de maintenance plomberie": "plomberie"), when most of those titles are of one family.

        For offers only: an employer's title is French and names its trade; a candidate's may be English or
        loose ("Sales administration assistant"), where a rare word misleads more than it tells."""
        words = title_key(_DECORATION.split(title, maxsplit=1)[0])
        domain = self._domain_word(words)
        return self._guesses({code: 0.65 * weight for code, weight in domain.items()}, "title", total=1.0)

    def _domain_word(self, words: tuple[str, ...]) -> dict[str, float]:
        known = [word for word in words[1:] if len(word) >= DOMAIN_WORD_MIN_LENGTH and self._containing.get(word)]
        if not known:
            return {}
        rarest = min(known, key=lambda word: (len(self._containing[word]), word))
        return self._family_shares(self._containing[rarest], minimum=DOMAIN_WORD_SHARE)

    def _family_shares(self, keys: Iterable[tuple[str, ...]], *, minimum: float) -> dict[str, float]:
        """The families of known titles `keys`, each by its share of their codes, those of `minimum` or more."""
        votes: dict[str, float] = defaultdict(float)
        for key in keys:
            for code in self.keys[key]:
                votes[self.family(code)] += 1.0
        total = sum(votes.values())
        return {code: count / total for code, count in votes.items() if count / total >= minimum}

    def _titles_around(self, words: tuple[str, ...], *, head: bool = False) -> dict[str, float]:
        """A title that is part of known titles ("Infirmier" of "Infirmier en soins généraux"): the
        families of the shortest of them, by their share (`head`: only titles that start with it)."""
        holding = self._shortest_holding(words, head=head)
        return self._family_shares(holding, minimum=0.2) if holding else {}

    def _shortest_holding(self, words: tuple[str, ...], *, head: bool = False) -> list[tuple[str, ...]]:
        """The shortest known titles that hold `words` in order, and those one word longer."""
        pool = self._containing.get(words[0], []) if words else []
        inside = [key for key in pool if in_order(words, key) and (not head or key[0] == words[0])]
        if not inside:
            return []
        shortest = min(len(key) for key in inside)
        return [key for key in inside if len(key) <= shortest + 1]

    def _head_guided(self, words: tuple[str, ...]) -> dict[str, float]:
        """Titles that start with the title's head noun and share another of its words, or the start of one
        ("Chauffeur super lourd" ~ "Chauffeur poids lourd"): the family most of those sharing the most belong to."""
        others = [word for word in words[1:] if len(word) >= 5]
        if not others:
            return {}
        scored: list[tuple[int, tuple[str, ...]]] = []
        for key in self._containing.get(words[0], ()):
            if key[0] != words[0]:
                continue
            shared = sum(1 for word in others if any(same_start(word, other) for other in key[1:]))
            if shared:
                scored.append((shared, key))
        if not scored:
            return {}
        best = max(shared for shared, _ in scored)
        return self._family_shares([key for shared, key in scored if shared == best], minimum=0.5)

    def _longest_inside(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], set[str]] | None:
        for size in range(min(len(words), MAX_TITLE_WORDS), 0, -1):
            for start in range(len(words) - size + 1):
                key = words[start : start + size]
                if key in self.keys:
                    return key, self.keys[key]
        return None
