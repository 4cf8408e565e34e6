"""The titles a free text names (a presentation, a CV): the half of the occupation reader that scans texts.

A text is scanned for known titles, its misspelt words read as the title words they sound like ("caisiere"), English
titles inside English sentences read in French; each title found is weighed by what surrounds it: after "je cherche",
"devenir", "diplôme de"... it weighs more, after "ancien", "j'ai été", "après 10 ans comme"... much less (a career
changer names the job they leave), and a CV's headline "... – en reconversion" names the trade changed to.
`TitleMentions` is mixed into `occupation_reading.OccupationReader`, which holds the titles and reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from offers.search.lexicon import english_lexicon, french_lexicon
from offers.search.vocabulary import fold
from offers.understanding.english_titles import EnglishTitleWords
from offers.understanding.phonetic import phonetic_key
from offers.understanding.text import STOP_WORDS, segments, singular, tokens
from offers.understanding.title_words import (
    BEFORE_A_LONE_TITLE,
    CUE_WEIGHT,
    LETTERS,
    POSTCODE,
    TITLE_STOP_WORDS,
    accents_agree,
    changed_to,
    cue,
    held_for_a_time,
    names_qualification,
    role_said_as_person,
    seeks,
)

if TYPE_CHECKING:
    from offers.understanding.occupation_reading import OccupationGuess

MAX_TITLE_WORDS = 6
# A free text's unknown word is read as the title word it sounds like from this length on ("caisiere"; not "agant").
HEARD_MIN_LENGTH = 6
# The words so read are kept, up to this many (a process reads every word candidates write: names, typos, junk).
HEARD_KEPT = 50_000
# An English title is read again in French when no French reading is this sure, a little less surely; its
# French form must read surer than that ("Tourist information officer" does not: ROME says it otherwise).
ENGLISH_UNLESS = 0.5
ENGLISH_READ = 0.9


@dataclass(frozen=True)
class TitleMention:
    """A known title named in a text: its words as the text folds them, its code, its weight."""

    words: tuple[str, ...]  # folded words of the text, stop words included ("chef de partie")
    code: str  # one ROME code the title is filed under
    weight: float  # cue (wanted 2, left behind 0.25) x the decay of later mentions
    shares: dict[str, float]  # ROME family -> share of the weight
    sought: bool = False  # a cue says the candidate seeks it ("je recherche un poste de ...")
    left: bool = False  # a cue says it is left behind ("Ancienne serveuse") or someone else's
    # It names a qualification ("CAP monteur en installations sanitaires", "titre pro TAI", "DEAS"): no job held, so
    # none a career changer leaves.
    qualification: bool = False
    # It names a job the candidate holds or held: said left, said with a time held ("Boulanger depuis 10 ans", "10 ans
    # comme plongeur"), or the first title the text names ("Serveuse en brasserie. Plus jamais la restauration").
    held: bool = False


class TitleMentions:
    """The reading of free texts, mixed into `OccupationReader`: what it uses of the reader is declared here."""

    keys: dict[tuple[str, ...], set[str]]
    taught: dict[tuple[str, ...], str]
    short_titles: set[tuple[str, ...]]
    known: set[str]
    english: EnglishTitleWords
    _containing: dict[str, list[tuple[str, ...]]]
    _spellings: dict[str, set[str]]
    _sounds: dict[str, str]
    _heard_words: dict[str, str]

    def family(self, code: str) -> str:
        raise NotImplementedError

    def _from_title_words(self, words: tuple[str, ...]) -> list[OccupationGuess]:
        raise NotImplementedError

    def _titles_around(self, words: tuple[str, ...], *, head: bool = False) -> dict[str, float]:
        raise NotImplementedError

    def _guesses(self, scores: dict[str, float], source: str, *, total: float) -> list[OccupationGuess]:
        raise NotImplementedError

    def _places(self, text: str) -> set[str]:
        """Folded words the text writes only with accents no title gives them ("Mâcon" is no "maçon"): a place,
        a name. Accents left out say nothing ("macon")."""
        contradicted, agreed = set(), set()
        for written in LETTERS.findall(text.lower()):
            folded = fold(written)
            spellings = self._spellings.get(folded)
            if not spellings or written == folded:
                continue
            if any(accents_agree(written, spelling) for spelling in spellings):
                agreed.add(folded)
            else:
                contradicted.add(folded)
        return contradicted - agreed

    def _heard(self, word: str) -> str:
        """A word of a free text that no title nor French word is spelt as ("caisiere", "serveuze", "auxilliaire"):
        the title word that sounds the same, if one does; else the word as written ("dexp", "Zabbix", English)."""
        heard = self._heard_words.get(word)
        if heard is None:
            heard = word
            unknown = len(word) >= HEARD_MIN_LENGTH and word.isalpha() and word not in self.known
            if unknown and word not in french_lexicon() and word not in english_lexicon():
                heard = self._sounds.get(phonetic_key(word), word)
            if len(self._heard_words) >= HEARD_KEPT:
                self._heard_words.clear()
            self._heard_words[word] = heard
        return heard

    def mentions(self, text: str) -> list[TitleMention]:
        """The known titles a free text names, in order, each weighed by what surrounds it (wanted or left), their
        words misspelt as they sound read as meant ("caisiere 8 ans d'exp"). Not a town: the word after a postcode
        ("71000 MACON"), a word whose accents no title writes ("Mâcon")."""
        found: list[TitleMention] = []
        places = self._places(text)
        for part in segments(text):
            raw = tokens(part)
            words = [
                (role_said_as_person(raw, index) or singular(self._heard(word)), index)
                for index, word in enumerate(raw)
                if word not in TITLE_STOP_WORDS
                and word not in places
                and not (index and POSTCODE.fullmatch(raw[index - 1]))
            ]
            position = 0
            while position < len(words):
                for size in range(min(MAX_TITLE_WORDS, len(words) - position), 0, -1):
                    key = tuple(word for word, _ in words[position : position + size])
                    codes = self.keys.get(key) or ({self.taught[key]} if key in self.taught else None)
                    if codes and (size > 1 or len(key[0]) >= 5 or key in self.short_titles):
                        found.append(
                            self._mention(
                                raw,
                                (words[position][1], words[position + size - 1][1]),
                                sorted(codes)[0],
                                self._code_shares(codes),
                                found,
                                factor=1.0 + 0.1 * (size - 1),
                                qualification=True,
                            )
                        )
                        position += size
                        break
                else:
                    english = self._english_mention(raw, words, position, found)
                    if english is not None:
                        found.append(english)
                        position += 1
                        continue
                    head, index = words[position]
                    # A head noun of several titles ("infirmier" of "infirmier de bloc", "infirmier
                    # anesthésiste"...), not a word that starts one title by chance ("taille").
                    heads = sum(1 for key in self._containing.get(head, ()) if key[0] == head)
                    # Not a word that qualifies the one before it ("médecine générale" is no army general).
                    before = raw[index - 1] if index else ""
                    qualifies = bool(before) and not (
                        before in TITLE_STOP_WORDS or before in BEFORE_A_LONE_TITLE or before.isdigit()
                    )
                    # Nor an English word, which heads no title in an English sentence ("Customer Service
                    # Coordinator": the head is last).
                    wider = (
                        self._titles_around((head,), head=True)
                        if len(head) >= 6 and heads >= 3 and not qualifies and not self._english_word(head)
                        else {}
                    )
                    if wider and len(wider) <= 2:
                        # "infirmière" alone: a head word of few families' titles.
                        code = max(wider, key=lambda family: (wider[family], family))
                        found.append(self._mention(raw, (index, index), code, dict(wider), found, factor=0.7))
                    position += 1
        return found

    def _english_mention(
        self, raw: list[str], words: list[tuple[str, int]], position: int, found: list[TitleMention]
    ) -> TitleMention | None:
        """An English title inside an English sentence ("I'd like to become an HRIS consultant"), ending at the word at
        `position` (English puts the head last): read in French as a typed English title is (`english_titles.py`),
        the longest form ROME knows, a little less surely. None where the word is no English head noun."""
        head, index = words[position]
        if head not in self.english.heads:
            return None
        # The head and one or two English words before it, longest first ("hris consultant"): a head alone is also a
        # French word ("consultant", "assistant"), read as French titles are.
        for start in range(max(0, position - 2), position):
            span = tuple(word for word, _ in words[start : position + 1])
            if not all(self._english_word(word) for word in span[:-1]):
                continue
            for form in self.english.french_forms(span):
                said = self._from_title_words(form)
                if not said or ENGLISH_READ * said[0].confidence <= ENGLISH_UNLESS:
                    continue
                codes = [guess.code for guess in said if guess.confidence == said[0].confidence]
                return self._mention(
                    raw,
                    (words[start][1], index),
                    sorted(codes)[0],
                    self._code_shares(codes),
                    found,
                    factor=ENGLISH_READ * (1.0 + 0.1 * (len(span) - 1)),
                )
        return None

    @staticmethod
    def _mention(
        raw: list[str],
        bounds: tuple[int, int],
        code: str,
        shares: dict[str, float],
        found: list[TitleMention],
        *,
        factor: float,
        qualification: bool = False,
    ) -> TitleMention:
        """The title spelt by `raw[first:last + 1]`, weighed by `factor`, by its rank among the titles `found` before
        it and by what surrounds it: wanted, left, held for a time (the first title is taken as held), and, where
        `qualification`, whether the words before it name a diploma of it rather than a job."""
        first, last = bounds
        before, after, span = raw[:first], raw[last + 1 :], raw[first : last + 1]
        said = cue(before, after[:2])
        # "Développeuse web junior – en reconversion": a CV's headline names the trade changed to.
        changing_to = said is None and changed_to(after)
        said = True if changing_to else said
        return TitleMention(
            tuple(span),
            code,
            factor * (0.7 ** len(found)) * CUE_WEIGHT[said],
            shares,
            seeks(before) or changing_to,
            said is False,
            qualification and names_qualification(before, span),
            not changing_to and (said is False or not found or held_for_a_time(before, after)),
        )

    def _code_shares(self, codes: Iterable[str]) -> dict[str, float]:
        """ROME family -> its share of a title filed under `codes` (each code an equal share)."""
        codes = list(codes)
        shares = {self.family(code): 0.0 for code in codes}
        for code in codes:
            shares[self.family(code)] += 1 / len(codes)
        return shares

    def _english_word(self, word: str) -> bool:
        """A word of an English title, not a French one ("hris", "kitchen"; not "de", "chef")."""
        known = word in self.english.words or word in self.english.heads or word in english_lexicon()
        return known and word not in french_lexicon() and word not in STOP_WORDS

    def from_text(self, text: str) -> list[OccupationGuess]:
        """Titles named in a free text, weighed by what surrounds them (wanted or left behind)."""
        return self.from_mentions(self.mentions(text))

    def from_mentions(self, mentions: Iterable[TitleMention]) -> list[OccupationGuess]:
        """`from_text` of the titles a text names (`mentions`), for a caller that reads them otherwise too."""
        scores: dict[str, float] = defaultdict(float)
        for mention in mentions:
            for family, share in mention.shares.items():
                scores[family] += mention.weight * share
        if not scores:
            return []
        return self._guesses(scores, "text", total=sum(scores.values()) + 0.5)
