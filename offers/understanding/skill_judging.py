"""Whether a candidate has an offer's skill: `covered` (they have it: claimed) and `partly` (their words say part of
it: neither claimed nor called missing), judged on the labels and profiles the skill reader reads (`skills.py`,
whose `SkillReader` holds these methods). One judge for the explanations, the ranking's skill overlap, the CV
proposals and the evaluations, so what is claimed is what was read.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from offers.search.vocabulary import fold
from offers.understanding.acronyms import acronyms_of, spells
from offers.understanding.language_levels import shared_levels_spelled, stated_levels
from offers.understanding.paraphrase import HEAD_WEIGHT, PREFIX
from offers.understanding.skill_data import term_key
from offers.understanding.skill_labels import SPECIFIC_KINDS, SkillLabel, SkillProfile, is_action_form
from offers.understanding.text import STOP_WORDS

if TYPE_CHECKING:
    from offers.understanding.paraphrase import ParaphraseReader
    from offers.understanding.skill_data import SkillConcept

# The first words of labels that name a qualification (a diploma, a professional title or certificate), folded.
QUALIFICATIONS = frozenset(
    ("cap", "bep", "bp", "bts", "bac", "bacpro", "cqp", "titre", "licence", "master", "dut", "but", "deust", "mention")
)
# Two subject words of qualifications that begin with this many letters alike name one subject ("cuisine",
# "cuisinier"; "commerce", "commercial").
QUALIFICATION_SUBJECT_PREFIX = 5
# Two roots of this many letters or more that begin alike are one word written twice ("portefeuil" typed for
# "portefeuille"); shorter ones must be equal ("commun" is not "communaute").
SAME_WORD_PREFIX = 7
# A label's words may spread over this many words of the candidate's statement, beyond their own number.
WINDOW_SLACK = 3
# A word of a label's object this rare among ROME's skill labels (`ParaphraseReader.weight`: "pain" 9.4,
# "déclaration" 8.0, "soudure" 7.5; "enfant" 6.7, "commande" 6.1, "personne" 4.7), named by a skill the candidate
# listed, says part of the label (`SkillReader.partly`). Chosen on the tuning half of matching/evaluation/listed:
# 7 keeps 4 listed skills from being called missing and leaves 2 unsaid ones unsaid; 6, 7 and 4; 5, 9 and 5.
RARE_WORD_WEIGHT = 7.0


class SkillJudge:
    """The judging half of `skills.SkillReader`: what it reads (labels, profiles, concepts) is the reader's."""

    if TYPE_CHECKING:
        concepts: dict[str, SkillConcept]
        paraphrase: ParaphraseReader
        heads: frozenset[str]
        light: frozenset[str]
        certificate_words: frozenset[str]
        plain_use: frozenset[str]
        seeker_words: frozenset[str]
        language_words: dict[str, str]
        _term_words: frozenset[str]

        def label(self, text: str) -> SkillLabel: ...
        def _word(self, word: str) -> str: ...

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
        # A qualification is named in full: "CQP conducteur de ligne de conditionnement" is no CQP of the chemical
        # industries' lines, though its words are most of that label's (`_same_qualification`: said in part).
        qualification = bool(self._qualification(label))
        return any(
            (
                own.words
                and not own.concepts
                and own.words <= label.words
                and len(own.words) >= needed
                and not qualification
            )
            or self._names_object(label, own)
            for own in profile.listed
        )

    def _qualification(self, label: SkillLabel) -> str:
        """The kind of qualification a label names by its first word, folded ("cap", "cqp", "titre" of "Titre
        professionnel ..."), or ""."""
        first = _first_word(label.folded)
        return first if first in QUALIFICATIONS else ""

    def _same_qualification(self, label: SkillLabel, profile: SkillProfile) -> bool:
        """A listed qualification of the label's kind that names part of its subject: "CAP cuisine" of "CAP
        Cuisinier", "Titre pro préparateur de commandes" of "Titre professionnel Préparateur de commandes en
        entrepôt", "Bac pro commerce" of "Bac professionnel Métiers du commerce et de la vente"."""
        kind = self._qualification(label)
        if not kind:
            return False
        head = self._word(kind)
        subject = label.words - {head}
        return any(
            _same_start(word, theirs)
            for own in profile.listed
            if self._qualification(own) == kind
            for word in own.words - {head}
            for theirs in subject
        )

    def partly(self, skill: str, profile: SkillProfile) -> bool:
        """Whether a skill the candidate listed says part of `skill`, without covering it: its action as a noun,
        a distinctive one ("Nettoyage" of "Nettoyer les chambres", "encaissement" of "Encaisser un paiement"; not
        "Préparation de commandes" of "Préparer les repas"), or its whole object with more ("soudure TIG" of
        "Contrôler une soudure", "Budget et reforecast" of "Élaborer un budget"), or part of that object and
        nothing else but a head ("Gestion des stocks" of "Gérer les stocks de médicaments", "lecture de plan" of
        "Lire un plan de fabrication", "linge" of "Changer le linge de lit"). A label that begins with a head and
        no action ("Qualification soudage par brasage") is read the same way, its head standing for the action, and so
        is one that begins with a generic word (`_generic_start`: "Techniques de taille de fructification", whose rare
        word "Taille guyot et cordon" names).
        Such a skill is neither claimed nor called missing: the candidate may have it, their words do not say.
        So is a skill whose words a listed acronym spells ("CAP AEPE" of "CAP accompagnant éducatif petite
        enfance", `acronyms.py`), and a qualification of which they list one of its kind on part of its subject
        (`_same_qualification`)."""
        if self._spelled_by_acronym(skill, profile):
            return True
        label = self.label(skill)
        if self._same_qualification(label, profile):
            return True
        if self.names_specific(skill):
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
        if label.concepts and label.concepts <= profile.concepts:
            # The skill's concepts are theirs, its other words unsaid ("Toilette" of "Réaliser des soins d'hygiène
            # corporelle, de confort et de prévention").
            return True
        head = self._head(label)
        if not label.action and not head and not self._generic_start(label):
            # A bare noun phrase ("Messagerie électronique ThunderBird", "Biocontamination") is compared whole.
            return False
        distinctive = bool(label.action) and all(
            self.paraphrase.weight(key) > HEAD_WEIGHT for key in self.paraphrase.keys(label.action)
        )
        target = self._object(label) - {head}
        for own in (*profile.listed, *profile.parts):
            if distinctive and any(is_action_form(label, word) for word in own.words):
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
        written = _first_word(own.folded)
        first = self._word(written) if written else ""
        content = {
            word
            for word in own.words
            if word not in self.light
            and not is_action_form(label, word)
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
            and not is_action_form(label, word)
            and self.paraphrase.weight(word[:PREFIX]) >= RARE_WORD_WEIGHT
            and any(_same_word(word, part) for part in target)
            for word in own.words
        )

    def _head(self, label: SkillLabel) -> str:
        """The root of a label's first word when it heads many of ROME's labels and is no action ("Planification",
        "Qualification" of "Qualification soudage par brasage"), "" otherwise."""
        if label.action:
            return ""
        first = _first_word(label.folded)
        head = self._word(first) if first else ""
        return head if head in self.heads and head in label.words else ""

    def _generic_start(self, label: SkillLabel) -> bool:
        """The label begins with a generic word its words leave out ("Techniques de taille de fructification",
        "Utilisation de four à bois"): what follows is its object."""
        first = _first_word(label.folded)
        return bool(first) and self._word(first) not in label.words

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
            or is_action_form(label, word)
            or any(_same_word(word, t) for t in target)
            for word in own.words
        )

    def _specific(self, skill: str) -> frozenset[str]:
        return frozenset(cid for cid in self.label(skill).concepts if self.concepts[cid].kind in SPECIFIC_KINDS)

    def names_specific(self, skill: str) -> bool:
        """Whether a label names a tool, a licence or a language: had or not, never said in other words."""
        return bool(self._specific(skill))


def _first_word(folded: str) -> str:
    """The first word of a folded label that is no stop word ("techniques" of "techniques de taille ..."), or ""."""
    return next((word for word in folded.split() if word not in STOP_WORDS), "")


def _holds(own: SkillLabel, words: frozenset[str]) -> bool:
    """Every one of `words` in the listed skill `own`, a typo apart."""
    return all(any(_same_word(word, mine) for mine in own.words) for word in words)


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


def _same_start(one: str, other: str) -> bool:
    """Two words of a qualification's subject that begin with `QUALIFICATION_SUBJECT_PREFIX` letters alike (a
    shorter word, "pro" of "professionnel", is not counted)."""
    size = QUALIFICATION_SUBJECT_PREFIX
    return len(one) >= size and len(other) >= size and one[:size] == other[:size]
