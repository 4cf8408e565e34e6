"""What a CV proposes for the profile: a wanted job title, a town and skills, each read in the CV's words.

Nothing here writes: the proposals are kept on the upload (`CvUpload.proposals`) and reach the profile
only when the candidate confirms them (`services.cv_proposals_accept`). Each proposal is true to the CV:

- the title is the job the CV seeks, its headline or its latest job, as written, with the ROME code of a title read
  surely (`cv_title`); a CV that names no title but describes its tasks ("pétrissage, façonnage et cuisson des
  pains") proposes the ROME occupation those tasks describe, by its ROME label, when one stands clearly above the
  others (`occupation_tasks.TaskReader`); otherwise no title, rather than a doubtful one;
- the town is the commune the CV says its holder lives in (`cv_town`): with its postcode, its département, on a
  contact line or after a label ("Ville : Lyon"), read against the gazetteer (`offers.geography`);
- the skills are the offers' skills the skill reader finds in the CV (by words, and by meaning when the ROME
  files are configured: `offers.understanding.meaning`), and the tools, licences and
  languages it names (whole words: "Java" is not read in "JavaScript"), in the order the CV says them.

What the profile already has (same title or ROME code, same commune, a skill it covers) is not proposed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from candidates.cv_title import cv_title
from candidates.cv_town import cv_town
from offers.geography.gazetteer import Gazetteer
from offers.understanding.cv_layout import section_texts
from offers.understanding.meaning import MeaningReader
from offers.understanding.occupation_tasks import TaskReader
from offers.understanding.occupations import OccupationReader
from offers.understanding.skills import SPECIFIC_KINDS, SkillReader, term_key
from offers.understanding.text import fold, root, tokens

MAX_SKILL_PROPOSALS = 25
# A diploma's name in a CV's training section: the tasks its words name are no tasks done ("BTS Management des unités
# commerciales"), its licences and tools are named.
_DIPLOMA = re.compile(
    r"\b(?:bts|cap|bep|bac|baccalaureat|licence|master|dut|but|bp|bpjeps|titre professionnel|diplome|deug|doctorat"
    r"|mba|mention complementaire)\b"
)


@dataclass(frozen=True)
class CvProposals:
    title: str = ""
    rome_code: str = ""
    commune_insee: str = ""
    place_name: str = ""  # "Montpellier (34)"
    skills: tuple[str, ...] = field(default_factory=tuple)
    # The CV names no title: `title` is the ROME label of the occupation its tasks describe (said so on the page).
    title_from_tasks: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.title or self.commune_insee or self.skills)

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "rome_code": self.rome_code,
            "commune_insee": self.commune_insee,
            "place_name": self.place_name,
            "skills": list(self.skills),
            "title_from_tasks": self.title_from_tasks,
        }

    @classmethod
    def from_json(cls, data: Any) -> CvProposals:
        if not isinstance(data, dict):
            return cls()
        skills = data.get("skills")
        return cls(
            title=str(data.get("title") or ""),
            rome_code=str(data.get("rome_code") or ""),
            commune_insee=str(data.get("commune_insee") or ""),
            place_name=str(data.get("place_name") or ""),
            skills=tuple(str(skill) for skill in skills) if isinstance(skills, list) else (),
            title_from_tasks=data.get("title_from_tasks") is True,
        )

    def without_known(
        self,
        *,
        wanted_title: str,
        rome_code: str,
        commune_insee: str,
        skills: Sequence[str],
        skill_reader: SkillReader,
        occupations: OccupationReader,
    ) -> CvProposals:
        """These proposals less what the profile already has (a title of the same ROME occupation included)."""
        title, code = self.title, self.rome_code
        if title and (_same(title, wanted_title) or _same_occupation(code, rome_code, wanted_title, occupations)):
            title = code = ""
        insee, place = self.commune_insee, self.place_name
        if insee and insee == commune_insee:
            insee = place = ""
        known = skill_reader.profile(skills=skills)
        kept = tuple(skill for skill in self.skills if not skill_reader.covered(skill, known))
        return replace(
            self,
            title=title,
            rome_code=code,
            commune_insee=insee,
            place_name=place,
            skills=kept,
            title_from_tasks=self.title_from_tasks and bool(title),
        )


def _same(a: str, b: str) -> bool:
    return tokens(a) == tokens(b)


def _same_occupation(code: str, rome_code: str, wanted_title: str, occupations: OccupationReader) -> bool:
    if not code:
        return False
    wanted = [rome_code] if rome_code else [guess.code for guess in occupations.from_title(wanted_title)[:1]]
    return any(occupations.family(other) == occupations.family(code) for other in wanted)


def cv_proposals_read(
    text: str,
    *,
    vocabulary: Iterable[str],
    skills: SkillReader,
    occupations: OccupationReader,
    places: Gazetteer,
    tasks: TaskReader | None = None,
    meaning: MeaningReader | None = None,
) -> CvProposals:
    """What the CV's text proposes (nothing of the profile is consulted here); `meaning` adds the skills its
    clauses say in other words (`offers.understanding.meaning`)."""
    title, code = cv_title(text, occupations)
    from_tasks = False
    if not title and tasks is not None and not _names_a_past_job_only(text, occupations):
        reading = tasks.read(text)
        if reading:
            title, code, from_tasks = reading.label, reading.code, True
    commune = cv_town(text, places)
    return CvProposals(
        title=title,
        rome_code=code,
        commune_insee=commune.insee if commune else "",
        place_name=commune.label if commune else "",
        skills=tuple(_skills(text, vocabulary, skills, meaning)),
        title_from_tasks=from_tasks,
    )


# --- title ------------------------------------------------------------------------------------------


def _names_a_past_job_only(text: str, occupations: OccupationReader) -> bool:
    """The CV names titles, each left behind ("ancien boulanger"): its tasks are those of the job it leaves."""
    return bool(occupations.mentions(text))


# --- skills -----------------------------------------------------------------------------------------


def _skills(text: str, vocabulary: Iterable[str], reader: SkillReader, meaning: MeaningReader | None) -> list[str]:
    """The skills the CV shows, in the order it first says them (tools named by their concept's label): not those its
    hobbies name ("Course à pied" is no shopping), nor a task its training's name holds ("BTS Management des unités
    commerciales" says no team managed) but the licences, tools and languages it names; a licence only as named (a
    B1V habilitation proposes no B0, which the recommendations still read as held)."""
    vocabulary = tuple(vocabulary)
    sections = section_texts(text)
    diplomas, other_training = [], []
    for line in sections["training"].splitlines():
        (diplomas if _DIPLOMA.search(fold(line)) else other_training).append(line)
    done = "\n".join([sections["other"], *other_training])  # what they did and hold, read in full
    found = reader.find(done, vocabulary, meaning=meaning)
    found += [skill for skill in reader.find("\n".join(diplomas), vocabulary) if reader.names_specific(skill)]
    named = {concept for skill in found for concept in reader.label(skill).concepts}
    tools = {
        reader.concepts[concept].label: concept
        for concept in sorted(reader.concepts_in("\n".join([done, *diplomas]), implied_licences=False))
        if reader.concepts[concept].kind in SPECIFIC_KINDS and concept not in named
    }
    first_word: dict[str, int] = {}
    first_root: dict[str, int] = {}
    for position, word in enumerate(tokens(text)):
        for kept in term_key(word):
            first_word.setdefault(kept, position)
        first_root.setdefault(root(word), position)

    def where(skill: str) -> int:
        """Where the CV first says the skill: its words, or the first word of a term of its concepts."""
        label = reader.label(skill)
        concepts = label.concepts | ({tools[skill]} if skill in tools else set())
        places = [first_root[word] for word in label.words if word in first_root]
        for concept in concepts:
            for term in reader.concepts[concept].terms + reader.concepts[concept].narrow:
                if term[0] in first_word:
                    places.append(first_word[term[0]])
        return min(places, default=len(first_root))

    proposals: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for skill in sorted([*tools, *found], key=where):
        key = tuple(tokens(skill))
        if key and key not in seen:
            seen.add(key)
            proposals.append(skill)
    return proposals[:MAX_SKILL_PROPOSALS]
