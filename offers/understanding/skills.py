"""Skills read from French text: one reader for offer descriptions, CVs and profiles.

A skill is a label ("Utiliser un outil de gestion de versions (Git)", "Tenir une caisse",
"Python"). Two labels, or a label and a text, meet in two ways:

- through a concept of `data/skill_concepts.json`: the words and acronyms that name the same
  skill ("Git", "GitLab", "gestion de versions"). A label that names concepts is covered by a
  candidate who has every one of them (a Java offer is not covered by JavaScript: terms match
  whole words);
- otherwise through its own words: every stem of the label that says something (no stop word,
  no generic verb such as "utiliser") found inside one statement of the candidate's text (a
  sentence, a line, an item of a list), close together; or a skill the candidate listed whose
  words are most of the label's ("Fermentation" for "Contrôler la fermentation").

`covered` answers for one label (and `partly`, whether the candidate's words say part of it: the judging half of
the reader, `skill_judging.py`; labels and profiles in `skill_labels.py`); `SkillReader.find` lists the labels of
a vocabulary that a text shows (an offer's description, a CV). The same rules serve the explanations, the
ranking's skill overlap and the CV proposals, so what is claimed is what was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from offers.search.vocabulary import fold
from offers.understanding.licence_forms import licence_lists_spelled
from offers.understanding.paraphrase import SENTENCE, ParaphraseReader, label_words
from offers.understanding.skill_data import (
    SkillConcept,
    dot_net_spelled,
    homograph_keys,
    listed_parts,
    load_actions,
    load_concepts,
    term_key,
)
from offers.understanding.skill_judging import QUALIFICATIONS, SkillJudge
from offers.understanding.skill_labels import SPECIFIC_KINDS, SkillLabel, SkillProfile
from offers.understanding.spelling import speller
from offers.understanding.text import STOP_WORDS, root, segments, singular, tokens
from offers.understanding.unheld import set_aside, unheld_concepts

if TYPE_CHECKING:
    from offers.understanding.meaning import MeaningReader

# Words a label's object may carry that say nothing of it ("Réaliser des petits travaux de peinture", "Proposer
# des produits d'épargne"): a candidate who lists "peinture" or "épargne" named that object.
LIGHT_OBJECT_WORDS = ("travail", "travaux", "produit", "produits", "petit", "petits", "petite", "petites")
INFINITIVE_ENDINGS = ("er", "ir", "oir", "dre", "tre", "ire")
# Where a sentence of a candidate's text ends for the wishes it states (a colon or a comma goes on with the wish).
_SENTENCE_END = re.compile(r"[.;!?\n\r]+")
# The actions that are a tool's plain use: a candidate who names a product does them with its family's tools.
PLAIN_USE = ("utiliser", "écrire", "rédiger")
# Words that make a tool's label a certificate on it (`SkillReader._certificate_unsaid`).
CERTIFICATE_WORDS = ("certificat", "certification", "certifié", "diplôme", "attestation")

__all__ = ["SPECIFIC_KINDS", "SkillLabel", "SkillProfile", "SkillReader", "skill_reader"]


class SkillReader(SkillJudge):
    def __init__(
        self,
        concepts: Sequence[SkillConcept],
        generic: Iterable[str],
        synonyms: Iterable[Sequence[str]] = (),
        employer_words: Iterable[str] = (),
        actions: Iterable[str] = (),
        nouns: Iterable[str] = (),
        heads: Iterable[str] = (),
        *,
        homographs: Iterable[str | Sequence[str]] = (),
        seeker_words: Iterable[str] = (),
        not_terms: Iterable[str] = (),
    ) -> None:
        self.concepts = {concept.id: concept for concept in concepts}
        # Compared as written, never by their root: "traite" (milking) is not "traitez" (process). A group's forms
        # ("ménage", "ménagère") compare among themselves only: "ménage" is not "mener".
        self.homographs = homograph_keys(homographs)
        self.actions = frozenset(actions)
        self.nouns = frozenset(nouns)
        # Words of one meaning in skill statements ("vérifier" for "contrôler"): compared as the first of their group.
        # Plural forms too: the stemmer may root "passagers" and "passager" apart.
        self.synonyms = {
            root(fold(form)): root(fold(group[0]))
            for group in synonyms
            for word in group
            for form in (word, f"{word}s")
            if root(fold(form)) != root(fold(group[0]))
        }
        self.generic = frozenset(self._word(fold(word)) for word in generic)
        self.light = frozenset(self._word(word) for word in LIGHT_OBJECT_WORDS)
        self.heads = frozenset(self._word(word) for word in heads)
        self.seeker_words = frozenset(self._word(fold(word)) for word in seeker_words)
        # A language's one-word names ("anglais", "english") -> its concept: where its level is read.
        self.language_words = {
            term[0]: concept.id
            for concept in concepts
            if concept.kind == "language"
            for term in concept.terms
            if len(term) == 1
        }
        # Phrases whose words name no concept, though a concept's term is among them ("sage-femme" is no Sage).
        # Indexed by their first word, as the terms are.
        self._not_terms: dict[str, list[tuple[str, ...]]] = {}
        for key in dict.fromkeys(term_key(phrase) for phrase in not_terms):
            if key:
                self._not_terms.setdefault(key[0], []).append(key)
        self._terms: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for concept in concepts:
            for term in concept.terms:
                self._terms.setdefault(term[0], []).append((term, concept.id, False))
            for term in concept.narrow:
                self._terms.setdefault(term[0], []).append((term, concept.id, True))
        for candidates in self._terms.values():
            candidates.sort(key=lambda pair: -len(pair[0]))  # longest term first
        words, labels = label_words()
        self.paraphrase = ParaphraseReader(self._word, self.generic, words, labels, skipped=employer_words)
        # One-word terms of the concepts ("ssiap", "caces"): acronyms read by their levels, never by their initials.
        self._term_words = frozenset(
            term[0] for terms in self._terms.values() for term, _, _ in terms if len(term) == 1
        )
        self.certificate_words = frozenset(self._word(fold(word)) for word in CERTIFICATE_WORDS)
        self.plain_use = frozenset(self._word(fold(word)) for word in PLAIN_USE)

    # --- reading ------------------------------------------------------------------------------

    def _word(self, word: str) -> str:
        written = singular(word)
        if written in self.homographs:
            return self.homographs[written]
        rooted = root(word)
        return self.synonyms.get(rooted, rooted)

    def _is_action(self, word: str) -> bool:
        """An infinitive ROME begins skills with, or a word written like one that ROME never uses as a noun
        ("Souder", "Meuler"; not "Dossier", "Conseiller" as a title)."""
        return word in self.actions or (word.endswith(INFINITIVE_ENDINGS) and word not in self.nouns)

    def concepts_in(self, text: str, *, implied_licences: bool = True) -> set[str]:
        """The concepts a text names, and those they imply (a CACES 3 is a forklift driver's); not
        `implied_licences`: a licence only where the text names it (the permit C implies no B there)."""
        return self._with_implied(set(self._concept_words(text)), implied_licences=implied_licences)

    def _with_implied(self, named: set[str], *, implied_licences: bool) -> set[str]:
        """`named` and the concepts they imply (not `implied_licences`: no licence that is not named)."""
        return named | {
            implied
            for concept in named
            for implied in self.concepts[concept].implies
            if implied_licences or self.concepts[implied].kind != "licence"
        }

    def _concept_words(self, text: str, *, narrow: bool = True) -> dict[str, set[str]]:
        """Concept -> the words of the text that named it (`narrow`: its narrow terms count too)."""
        found: dict[str, set[str]] = {}
        for part in segments(licence_lists_spelled(dot_net_spelled(text))):
            words = term_key(part)
            masked = {
                start + offset
                for start, word in enumerate(words)
                for phrase in self._not_terms.get(word, ())
                if words[start : start + len(phrase)] == phrase
                for offset in range(len(phrase))
            }
            for start, word in enumerate(words):
                if start in masked:
                    continue
                for term, concept, is_narrow in self._terms.get(word, ()):
                    if words[start : start + len(term)] == term and (narrow or not is_narrow):
                        found.setdefault(concept, set()).update(term)
        return found

    @lru_cache(maxsize=50_000)  # noqa: B019 (one reader per process, rebuilt rarely)
    def label(self, text: str) -> SkillLabel:
        words = frozenset(
            self._word(word) for word in tokens(text) if word not in STOP_WORDS and self._word(word) not in self.generic
        )
        # A label names a concept through its synonyms only: "Utiliser une autolaveuse" is not any cleaning.
        named = self._concept_words(text, narrow=False)
        # The label's own words that a concept's term says ("anglais" of "Anglais courant"), compared as written:
        # terms keep words singular, and "anglai" is no root of "anglais".
        term_words = {word for term_words in named.values() for word in term_words}
        rest = words - {self._word(word) for word in tokens(text) if singular(word) in term_words}
        first = tokens(text)[:1]
        return SkillLabel(
            text=text,
            folded=" ".join(tokens(text)),
            concepts=frozenset(named),
            words=words,
            rest=frozenset(rest),
            action=self._word(first[0]) if first and self._is_action(first[0]) else "",
            variants=self._variants(text, named),
        )

    def _variants(self, text: str, named: dict[str, set[str]]) -> frozenset[str]:
        """The words a label glues to its tool's term to name a variant of the tool: "VB.NET" and "ASP.NET" are no
        C#, "PL/SQL" is no plain SQL, "SAP BW" and "Excel VBA" ask a module: a word written against the term
        ("/", "-", "."), or in capitals right after it, that no concept of the label's terms says."""
        tool_words = {word for concept, said in named.items() if self.concepts[concept].kind == "tool" for word in said}
        if not tool_words:
            return frozenset()
        term_words = {word for said in named.values() for word in said}
        found = set()
        for tool, variant in _glued_pairs(text):
            tool, variant = term_key(f".{tool}" if fold(tool) == "net" else tool), fold(variant)
            tool = tool[0] if len(tool) == 1 else ""  # ".NET" glued to "VB" is the term "dotnet"
            if (
                tool in tool_words
                and len(variant) > 1
                and variant not in STOP_WORDS
                and singular(variant) not in term_words
            ):
                found.add(self._word(variant))
        return frozenset(found)

    def profile(
        self, *, skills: Iterable[str] = (), text: str = "", implied: bool = True, seeker: bool = False
    ) -> SkillProfile:
        """What a candidate (their listed skills and text) or an offer's text shows, with the concepts those named
        imply (a CACES 3 holder drives forklifts, a permit C holder has the B). Not `implied`: no licence that is
        not named (`find`: an offer asking for the permit C does not list the B). `seeker`: the text is a job
        seeker's, and what it says they wish to do is no statement of what they do (`_text_statements`). Listed
        skills, and a job seeker's text, are read with their misspelt words read as meant (`spelling.py`: "acceuil
        clien" is a customer welcome)."""
        profile = SkillProfile()
        spelled = speller()
        for written in skills:
            skill, _ = self._set_aside(spelled.text(written), profile) if written.strip() else ("", [])
            if skill.strip():
                label = self.label(skill)
                profile.listed.append(label)
                profile.parts.extend(self.label(part) for part in listed_parts(skill))
                # What a candidate lists shows its concepts as their text would, narrow terms included
                # ("Utiliser une autolaveuse" shows cleaning; only as a label to find is it read by its words).
                unheld = self._unheld(skill, profile)
                named = set(self._concept_words(skill)) - unheld
                profile.concepts |= (label.concepts - unheld) | self._with_implied(named, implied_licences=implied)
                profile.named |= (label.concepts - unheld) | named
                profile.statements.append(
                    [self._word(w) for w in tokens(skill) if w not in STOP_WORDS and self._word(w) not in self.generic]
                )
                _raise_levels(profile.levels, self._levels(skill))
        if text.strip():
            if seeker:
                text = spelled.text(text)
            text, _ = self._set_aside(text, profile)
            statements = self._text_statements(text, seeker=seeker)
            # The concepts of what they do, not of what they wish ("je cherche ... préparation de commandes").
            done = (
                "\n".join(part for part, wished in statements if not wished)
                if any(wished for _, wished in statements)
                else text
            )
            named = set(self._concept_words(done)) - self._unheld(done, profile)
            profile.concepts |= self._with_implied(named, implied_licences=implied)
            profile.named |= named
            for sentence in SENTENCE.split(text):
                _raise_levels(profile.levels, self._levels(sentence))
            for part, wished in statements:
                words = [
                    self._word(w) for w in tokens(part) if w not in STOP_WORDS and self._word(w) not in self.generic
                ]
                if words and not wished:
                    profile.statements.append(words)
        profile.stems = {word for statement in profile.statements for word in statement}
        profile.pending -= profile.concepts  # held where another statement names it
        return profile

    def _set_aside(self, text: str, profile: SkillProfile) -> tuple[str, list[str]]:
        """`text` without the clauses that say a licence or qualification they name is not held or only pending
        (`unheld.set_aside`); the pending ones say part of a label (`profile.parts`) and their licences, tools and
        languages are pending."""
        kept, pending = set_aside(text, self._names_qualification)
        for clause in pending:
            profile.parts.append(self.label(clause))
            profile.pending |= {
                concept for concept in self._concept_words(clause) if self.concepts[concept].kind in SPECIFIC_KINDS
            }
        return kept, pending

    def _names_qualification(self, words: str) -> bool:
        """Whether folded words name a licence, a tool, a language or a qualification ("cap", "bts", "titre")."""
        return any(word in QUALIFICATIONS for word in words.split()) or any(
            self.concepts[concept].kind in SPECIFIC_KINDS for concept in self._concept_words(words)
        )

    def _unheld(self, text: str, profile: SkillProfile) -> set[str]:
        """The licences, tools and languages `text` names only as pending or lacking (`unheld.py`); the pending
        ones are kept in `profile.pending`."""
        pending, denied = unheld_concepts(text, self._concept_words)
        specific = {concept for concept in pending | denied if self.concepts[concept].kind in SPECIFIC_KINDS}
        profile.pending |= pending & specific
        return specific

    def _text_statements(self, text: str, *, seeker: bool) -> list[tuple[str, bool]]:
        """The statements of a text, each with whether it is a wish (`seeker` only): in a sentence, from the
        statement that says the candidate seeks or wishes ("je veux m'occuper des personnes âgées", "je cherche du
        boulot en entrepôt", `seeker_words`) to the next one that speaks in the first person again ("j'ai 5 ans
        d'expérience"): "je veux m'occuper des personnes âgées : aide au lever, repas, courses" says nothing of the
        shopping they did."""
        if not seeker:
            return [(part, False) for part in segments(text)]
        statements = []
        for sentence in _SENTENCE_END.split(text):
            wished = False
            for part in segments(sentence, folded=False):
                words = tokens(part)
                seeks = any(self._word(word) in self.seeker_words for word in words)
                if words[:1] in (["je"], ["j"]) and not seeks:
                    wished = False
                wished = wished or seeks
                statements.append((part, wished))
        return statements

    def find(
        self, text: str, vocabulary: Iterable[str], *, meaning: MeaningReader | None = None, trade: str = ""
    ) -> list[str]:
        """The labels of `vocabulary` that `text` shows, in the vocabulary's order: every word of a label in one
        statement (`covered`), or most of them in other words (`paraphrase`), or, given a `meaning` reader, a
        clause that means the label (`meaning.py`; the last two not for tools, licences and languages, which are
        named or not; the reading by meaning reads the skills of `trade`, the occupation the text is an offer of, from
        a looser clause)."""
        vocabulary = tuple(vocabulary)
        profile = self.profile(text=text, implied=False)
        found = {skill for skill in vocabulary if self.covered(skill, profile)}
        loose = [skill for skill in vocabulary if skill not in found and not self._specific(skill)]
        # A label that adds its own words to one the text says in full ("Lire un plan mécanique" next to "Lire
        # un plan") is not read in other words: the text said the general skill, not this one.
        said = [set(self.paraphrase.label(skill)) for skill in found]

        def adds_to_said(skill: str) -> bool:
            return any(words < set(self.paraphrase.label(skill)) for words in said)

        found.update(skill for skill in self.paraphrase.find(text, loose) if not adds_to_said(skill))
        if meaning is not None:
            unread = [skill for skill in loose if skill not in found]
            read = meaning.find(text, unread, self.paraphrase, competitors=vocabulary, trade=trade)
            found.update(skill for skill in read if not adds_to_said(skill))
        written = f" {' '.join(tokens(text))} "
        in_order = [skill for skill in vocabulary if skill in found and self._level_said(skill, written, profile)]
        return self._best_of_siblings(in_order, written, profile)

    def _level_said(self, skill: str, written: str, profile: SkillProfile) -> bool:
        """A language label that states a level ("Anglais courant", "Anglais professionnel") is read only where
        the text states that level: "anglais technique lu" is English, not fluent English."""
        label = self.label(skill)
        languages = [self.concepts[cid] for cid in label.concepts if self.concepts[cid].kind == "language"]
        if not languages:
            return True
        bare = {term[0] for concept in languages for term in concept.terms if len(term) == 1}
        return all(word in bare for word in term_key(skill)) or _said_in_full(label, written, profile)

    def _best_of_siblings(self, found: list[str], written: str, profile: SkillProfile) -> list[str]:
        """Labels of one tool or language that differ by their own words ("Anglais courant", "Anglais
        professionnel"): when the text says some of them in full, the others are not read."""
        groups: dict[frozenset[str], list[SkillLabel]] = {}
        for skill in found:
            specific = self._specific(skill)
            if specific:
                groups.setdefault(specific, []).append(self.label(skill))
        dropped = {
            label.text
            for labels in groups.values()
            if len(labels) > 1 and any(_said_in_full(label, written, profile) for label in labels)
            for label in labels
            if not _said_in_full(label, written, profile)
        }
        return [skill for skill in found if skill not in dropped]

    def concept_labels(self, text: str) -> list[str]:
        """The display labels of the concepts a text names (tools, licences, languages first)."""
        found = self.concepts_in(text)
        ordered = sorted(found, key=lambda cid: (self.concepts[cid].kind not in SPECIFIC_KINDS, cid))
        return [self.concepts[cid].label for cid in ordered]


# Two words written against each other ("VB.NET", "PL/SQL", "T-SQL"), or a word and the capitals right after it
# ("SAP BW", "Excel VBA").
_GLUED = re.compile(r"(?<![\w.#+/-])([\w#+]+)[/.-]([\w#+]+)(?![\w#+])")
_CAPITALS_AFTER = re.compile(r"\b(\w+) (?=([A-Z]{2,5})\b)")  # a lookahead: "gestion SAP BW" reads "SAP BW" too


def _glued_pairs(text: str) -> list[tuple[str, str]]:
    """(tool, variant) candidates of a label: both ways for two words written against each other, only the word and
    the capitals after it otherwise ("gestion SAP" names no variant of SAP)."""
    pairs = []
    for match in _GLUED.finditer(text):
        pairs += [(match.group(1), match.group(2)), (match.group(2), match.group(1))]
    return pairs + [(match.group(1), match.group(2)) for match in _CAPITALS_AFTER.finditer(text)]


def _said_in_full(label: SkillLabel, written: str, profile: SkillProfile) -> bool:
    """The text says the label's own words (those no concept term says), or the label as written when it has none
    (`written`: the text's folded words, space-padded)."""
    return label.rest <= profile.stems if label.rest else f" {label.folded} " in written


def _raise_levels(levels: dict[str, int], stated: dict[str, int]) -> None:
    for concept, level in stated.items():
        levels[concept] = max(levels.get(concept, 0), level)


@lru_cache(maxsize=1)
def skill_reader() -> SkillReader:
    concepts, synonyms, words = load_concepts()
    actions, nouns, heads = load_actions()
    return SkillReader(
        concepts,
        words["generic_words"],
        synonyms,
        words["employer_words"],
        actions,
        nouns,
        heads,
        homographs=words["homographs"],
        seeker_words=words["seeker_words"],
        not_terms=words["not_terms"],
    )
