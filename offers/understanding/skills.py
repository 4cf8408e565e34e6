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

`covered` answers for one label; `SkillReader.find` lists the labels of a vocabulary that a text
shows (an offer's description, a CV). The same rules serve the explanations, the ranking's skill
overlap and the CV proposals, so what is claimed is what was read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from offers.search.vocabulary import fold
from offers.understanding.acronyms import acronyms_of, spells
from offers.understanding.language_levels import shared_levels_spelled, stated_levels
from offers.understanding.licence_forms import licence_lists_spelled
from offers.understanding.paraphrase import HEAD_WEIGHT, PREFIX, SENTENCE, ParaphraseReader, label_words
from offers.understanding.skill_data import (
    SkillConcept,
    homograph_keys,
    listed_parts,
    load_actions,
    load_concepts,
    term_key,
)
from offers.understanding.spelling import speller
from offers.understanding.text import STOP_WORDS, root, segments, singular, tokens
from offers.understanding.unheld import unheld_concepts

if TYPE_CHECKING:
    from offers.understanding.meaning import MeaningReader

# Words a label's object may carry that say nothing of it ("Réaliser des petits travaux de peinture", "Proposer
# des produits d'épargne"): a candidate who lists "peinture" or "épargne" named that object.
LIGHT_OBJECT_WORDS = ("travail", "travaux", "produit", "produits", "petit", "petits", "petite", "petites")
# Two roots of this many letters or more that begin alike are one word written twice ("portefeuil" typed for
# "portefeuille"); shorter ones must be equal ("commun" is not "communaute").
SAME_WORD_PREFIX = 7
INFINITIVE_ENDINGS = ("er", "ir", "oir", "dre", "tre", "ire")
SPECIFIC_KINDS = frozenset({"tool", "licence", "language"})
# Where a sentence of a candidate's text ends for the wishes it states (a colon or a comma goes on with the wish).
_SENTENCE_END = re.compile(r"[.;!?\n\r]+")
# The actions that are a tool's plain use: a candidate who names a product does them with its family's tools.
PLAIN_USE = ("utiliser", "écrire", "rédiger")
# Words that make a tool's label a certificate on it (`SkillReader._certificate_unsaid`).
CERTIFICATE_WORDS = ("certificat", "certification", "certifié", "diplôme", "attestation")
# A label's words may spread over this many words of the candidate's statement, beyond their own number.
WINDOW_SLACK = 3
# A word of a label's object this rare among ROME's skill labels (`ParaphraseReader.weight`: "pain" 9.4,
# "déclaration" 8.0, "soudure" 7.5; "enfant" 6.7, "commande" 6.1, "personne" 4.7), named by a skill the candidate
# listed, says part of the label (`SkillReader.partly`). Chosen on the tuning half of matching/evaluation/listed:
# 7 keeps 4 listed skills from being called missing and leaves 2 unsaid ones unsaid; 6, 7 and 4; 5, 9 and 5.
RARE_WORD_WEIGHT = 7.0


@dataclass(frozen=True)
class SkillLabel:
    """A skill label as the reader sees it."""

    text: str
    folded: str
    concepts: frozenset[str]
    words: frozenset[str]  # content stems, generic words removed
    rest: frozenset[str]  # content stems that none of its concepts' terms says
    action: str = ""  # the root of its first word when that is one of ROME's actions ("prepar" of "Préparer ...")
    # Roots of the words that make its tool a variant of it ("vb" of "VB.NET", "bw" of "SAP BW", `_variants`).
    variants: frozenset[str] = frozenset()


@dataclass
class SkillProfile:
    """What a candidate (or an offer's text) shows: listed labels, concepts, statements."""

    listed: list[SkillLabel] = field(default_factory=list)
    # The parts of a listed skill that joins several ("Commandes et gestion des stocks", "repas et bain"): they
    # say part of an offer skill (`SkillReader.partly`), never that the candidate has it.
    parts: list[SkillLabel] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)
    # The concepts their words name, not those implied (a "WMS Reflex" user names Reflex; the WMS family is implied).
    named: set[str] = field(default_factory=set)
    statements: list[list[str]] = field(default_factory=list)  # content stems of each statement, in order
    stems: set[str] = field(default_factory=set)
    # Language concept -> the highest level their words state ("anglais courant": 3, `language_levels.py`).
    levels: dict[str, int] = field(default_factory=dict)
    # Licences, tools and languages their words name only as pending ("Permis C en cours", `unheld.py`): neither
    # had nor lacking.
    pending: set[str] = field(default_factory=set)


class SkillReader:
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
        for part in segments(licence_lists_spelled(text)):
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
            tool, variant = singular(fold(tool)), fold(variant)
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
            if written.strip():
                skill = spelled.text(written)
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

    # --- judging --------------------------------------------------------------------------------

    def covered(self, skill: str, profile: SkillProfile) -> bool:
        """Whether the candidate (or text) described by `profile` has the skill `skill`."""
        label = self.label(skill)
        if any(own.folded == label.folded for own in profile.listed):
            return True
        specific = {cid for cid in label.concepts if self.concepts[cid].kind in SPECIFIC_KINDS}
        if specific:
            # A tool, licence or language is had or not: no other words stand in for it; a language at the level
            # the label states, at least ("Notions d'anglais" is no "Anglais courant"); a certificate on a tool
            # only where they say one (`_certificate_unsaid`).
            return (
                label.concepts <= profile.concepts
                and not self._variant_unsaid(label, profile)
                and not self._certificate_unsaid(label, profile)
                and not self._tool_action_unsaid(label, profile)
                and all(profile.levels.get(concept, 0) >= needed for concept, needed in self._levels(skill).items())
            )
        if label.concepts and label.concepts <= profile.concepts and label.rest <= profile.stems:
            # "Tenir une caisse" for a candidate who wrote "encaissement"; "Nettoyer les chambres"
            # needs the chambers too, not just any cleaning.
            return True
        if not label.words:
            return False
        if label.words <= profile.stems and any(_close_together(label.words, s) for s in profile.statements):
            return True
        needed = max(1, math.ceil(len(label.words) / 2))
        return any(
            (own.words and not own.concepts and own.words <= label.words and len(own.words) >= needed)
            or self._names_object(label, own)
            for own in profile.listed
        )

    def partly(self, skill: str, profile: SkillProfile) -> bool:
        """Whether a skill the candidate listed says part of `skill`, without covering it: its action as a noun,
        a distinctive one ("Nettoyage" of "Nettoyer les chambres", "encaissement" of "Encaisser un paiement"; not
        "Préparation de commandes" of "Préparer les repas"), or its whole object with more ("soudure TIG" of
        "Contrôler une soudure", "Budget et reforecast" of "Élaborer un budget"), or part of that object and
        nothing else but a head ("Gestion des stocks" of "Gérer les stocks de médicaments", "lecture de plan" of
        "Lire un plan de fabrication", "linge" of "Changer le linge de lit"). A label that begins with a head and
        no action ("Qualification soudage par brasage") is read the same way, its head standing for the action.
        Such a skill is neither claimed nor called missing: the candidate may have it, their words do not say.
        So is a skill whose words a listed acronym spells ("CAP AEPE" of "CAP accompagnant éducatif petite
        enfance", `acronyms.py`)."""
        if self._spelled_by_acronym(skill, profile):
            return True
        if self.names_specific(skill):
            label = self.label(skill)
            return (
                bool(label.concepts & profile.pending and label.concepts <= profile.concepts | profile.pending)
                or self._family_held(label, profile)
                or self._level_unsaid(skill, profile)
                or (
                    label.concepts <= profile.concepts
                    and (
                        self._variant_unsaid(label, profile)
                        or self._certificate_unsaid(label, profile)
                        or self._tool_action_unsaid(label, profile)
                    )
                )
            )
        label = self.label(skill)
        if label.concepts and label.concepts <= profile.concepts:
            # The skill's concepts are theirs, its other words unsaid ("Toilette" of "Réaliser des soins d'hygiène
            # corporelle, de confort et de prévention").
            return True
        head = self._head(label)
        if not label.action and not head:
            return False
        distinctive = bool(label.action) and all(
            self.paraphrase.weight(key) > HEAD_WEIGHT for key in self.paraphrase.keys(label.action)
        )
        target = self._object(label) - {head}
        for own in (*profile.listed, *profile.parts):
            if distinctive and any(_is_action(label, word) for word in own.words):
                return True
            if target and (
                _holds(own, target) or self._within_object(own, label, target) or self._names_rare(own, label, target)
            ):
                return True
        # A statement of their text names the whole object ("je prépare le bilan" of "Établir un bilan"), unless it
        # speaks of the job they seek ("je cherche un poste de technicien" says nothing of "Installer un poste de
        # travail").
        return bool(target) and any(
            all(any(_same_word(word, mine) for mine in statement) for word in target)
            for statement in profile.statements
            if not self.seeker_words.intersection(statement)
        )

    def _spelled_by_acronym(self, skill: str, profile: SkillProfile) -> bool:
        return any(
            spells(acronym, skill)
            for own in profile.listed
            for acronym in acronyms_of(own.text, known=self._term_words)
        )

    def _within_object(self, own: SkillLabel, label: SkillLabel, target: frozenset[str]) -> bool:
        """The listed skill's words are all words of the label's object, but its head (its first word, when it
        begins many of ROME's labels: "Gestion", "Lecture", "Encadrement") and the label's action in another
        form: "Gestion des stocks" names part of "Gérer les stocks de médicaments"; "Repas des enfants" does not
        name "Assurer la sécurité des enfants" (the meals are no part of it)."""
        first = next((self._word(word) for word in own.folded.split() if word not in STOP_WORDS), "")
        content = {
            word
            for word in own.words
            if word not in self.light
            and not _is_action(label, word)
            and not (word == first and word in self.heads and not any(_same_word(word, t) for t in target))
        }
        return bool(content) and all(any(_same_word(word, t) for t in target) for word in content)

    def _variant_unsaid(self, label: SkillLabel, profile: SkillProfile) -> bool:
        """The label names a variant of a tool (`SkillLabel.variants`: "VB.NET", "PL/SQL", "SAP BW") whose word the
        candidate's words do not say: they hold the tool ("C#", "SQL", "SAP"), maybe not the variant (neither)."""
        return bool(label.variants) and not label.variants <= profile.stems

    def _certificate_unsaid(self, label: SkillLabel, profile: SkillProfile) -> bool:
        """The label is a certificate on tools ("Certificat complémentaire de spécialisation administrer les serveurs
        Linux", "Certification AWS") and the candidate, who may use the tools, says no certificate: they are never
        told they hold it, nor to acquire it. A licence is a certificate itself: read by its own concepts."""
        return (
            bool(label.rest & self.certificate_words)
            and not profile.stems & self.certificate_words
            and all(self.concepts[concept].kind == "tool" for concept in label.concepts)
        )

    def _tool_action_unsaid(self, label: SkillLabel, profile: SkillProfile) -> bool:
        """The label asks to do something with a family of tools beyond its plain use ("Configurer des pare-feu et
        des systèmes de détection d'intrusions", "Mettre en place des solutions de virtualisation") and the candidate
        holds the family only through a product they name ("Fortinet", "VMware"), without saying that action: using
        VMware is not setting up virtualisation. They may have it (neither). A product's plain use is theirs
        (`PLAIN_USE`: "Écrire des requêtes SQL" for "PostgreSQL"), and a tool they name themselves is theirs to use
        as the label says ("Docker" of "Déployer des conteneurs Docker")."""
        return (
            bool(profile.listed)  # a candidate's listed products; an offer's text is read as it names them
            and bool(label.action)
            and label.action not in self.plain_use
            and label.action not in profile.stems
            and all(self.concepts[concept].kind == "tool" for concept in label.concepts)
            and not label.concepts <= profile.named
        )

    def _level_unsaid(self, skill: str, profile: SkillProfile) -> bool:
        """The label states a language's level and the candidate has the language without saying how well
        ("Anglais" for "Anglais courant"): they may speak it so."""
        needed = self._levels(skill)
        return (
            bool(needed)
            and self.label(skill).concepts <= profile.concepts
            and all(concept not in profile.levels for concept in needed)
        )

    @lru_cache(maxsize=50_000)  # noqa: B019 (one reader per process, rebuilt rarely)
    def _levels(self, text: str) -> dict[str, int]:
        """The language levels a text states (`language_levels.stated_levels`)."""
        return stated_levels(term_key(shared_levels_spelled(fold(text), self.language_words)), self.language_words)

    def _family_held(self, label: SkillLabel, profile: SkillProfile) -> bool:
        """The label names tools the candidate does not have, each a product of a family of tools they have ("MySQL"
        for a candidate who lists "SQL", "GitLab" for one who lists "Git" or "GitHub"), or concepts their own may
        come with (`held_with`: a CACES R489 1B for an old category 1): they may have it."""
        unheld = label.concepts - profile.concepts
        return bool(unheld) and all(
            (self.concepts[concept].kind == "tool" and not profile.concepts.isdisjoint(self.concepts[concept].implies))
            or not profile.concepts.isdisjoint(self.concepts[concept].held_with)
            for concept in unheld
        )

    def _names_rare(self, own: SkillLabel, label: SkillLabel, target: frozenset[str]) -> bool:
        """The listed skill names a word of the label's object that few of ROME's labels have (`RARE_WORD_WEIGHT`):
        "Pains spéciaux" of "Maîtriser les différents types de pains", "Déclarations de TVA" of "Établir des
        déclarations fiscales et sociales"; not "enfants", "commandes", "personnes", words of too many skills
        ("Repas des enfants" says nothing of "Assurer la sécurité des enfants")."""
        return any(
            word not in self.light
            and not _is_action(label, word)
            and self.paraphrase.weight(word[:PREFIX]) >= RARE_WORD_WEIGHT
            and any(_same_word(word, part) for part in target)
            for word in own.words
        )

    def _head(self, label: SkillLabel) -> str:
        """The root of a label's first word when it heads many of ROME's labels and is no action ("Planification",
        "Qualification" of "Qualification soudage par brasage"), "" otherwise."""
        if label.action:
            return ""
        first = next((word for word in label.folded.split() if word not in STOP_WORDS), "")
        head = self._word(first) if first else ""
        return head if head in self.heads and head in label.words else ""

    def _object(self, label: SkillLabel) -> frozenset[str]:
        """A label's words less its action and its light words: what the action is done on."""
        return label.words - {label.action} - self.light

    def _names_object(self, label: SkillLabel, own: SkillLabel) -> bool:
        """A skill the candidate listed names the label's object: "Déclarations de TVA" for "Préparer les
        déclarations de TVA", "soudure TIG" for "Souder en TIG", "peinture" for "Réaliser des travaux de peinture".

        The label's words less its action and its light words are all in the listed skill, and the listed skill
        says nothing else but that action in another form ("soudure" of "souder"). "Nettoyage" does not name the
        object of "Nettoyer les chambres": the chambers are the object."""
        if not label.action or not own.words:
            return False
        target = self._object(label)
        if not target or not _holds(own, target):
            return False
        return all(
            word in self.light
            or word == label.action
            or _is_action(label, word)
            or any(_same_word(word, t) for t in target)
            for word in own.words
        )

    def find(self, text: str, vocabulary: Iterable[str], *, meaning: MeaningReader | None = None) -> list[str]:
        """The labels of `vocabulary` that `text` shows, in the vocabulary's order: every word of a label in one
        statement (`covered`), or most of them in other words (`paraphrase`), or, given a `meaning` reader, a
        clause that means the label (`meaning.py`; the last two not for tools, licences and languages, which are
        named or not)."""
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
            read = meaning.find(text, unread, self.paraphrase, competitors=vocabulary)
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

    def _specific(self, skill: str) -> frozenset[str]:
        return frozenset(cid for cid in self.label(skill).concepts if self.concepts[cid].kind in SPECIFIC_KINDS)

    def names_specific(self, skill: str) -> bool:
        """Whether a label names a tool, a licence or a language: had or not, never said in other words."""
        return bool(self._specific(skill))

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


def _holds(own: SkillLabel, words: frozenset[str]) -> bool:
    """Every one of `words` in the listed skill `own`, a typo apart."""
    return all(any(_same_word(word, mine) for mine in own.words) for word in words)


def _is_action(label: SkillLabel, word: str) -> bool:
    """`word` is the label's action in another form ("soudure", "encaissement"): its root, four letters or more."""
    return len(label.action) >= 4 and word.startswith(label.action)


def _same_word(one: str, other: str) -> bool:
    """Two roots of one word, a typo apart at the end ("portefeuil", "portefeuill")."""
    if one == other:
        return True
    return min(len(one), len(other)) >= SAME_WORD_PREFIX and one[:SAME_WORD_PREFIX] == other[:SAME_WORD_PREFIX]


def _close_together(words: frozenset[str], statement: list[str]) -> bool:
    """All `words` inside one window of the statement no longer than their number plus a little slack."""
    positions = [i for i, word in enumerate(statement) if word in words]
    width = len(words) + WINDOW_SLACK
    for first, start in enumerate(positions):
        inside = {statement[i] for i in positions[first:] if i - start < width}
        if inside == words:
            return True
    return False


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
