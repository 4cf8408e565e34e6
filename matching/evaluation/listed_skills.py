"""The explanations' skill verdicts against a recruiter's, on skills people list (matching/evaluation/listed/).

For each occupation of a half, the candidate's skills are read as the recommendations read them
(`skill_reader().profile(skills=..., text=...)`, `matching.ranking`) and each offer skill label gets the verdict
the explanations give it (`matching.explanations.skills_compared`, with `matching.skill_meaning.listed_may_have`
at the ranking weights of the model): claimed ("Vous avez"), missing ("À acquérir"), or neither. The set says
for each label whether the listed skills say it (`said`), say part of it (`part`) or not at all (`not`).

Figures per half:
- `missing_while_listed`: share of the `said` and `part` labels called missing, the failure issue 15 names
  ("no 'missing' skill that the candidate listed"); a ceiling, target 0.
- `false_claims`: share of the `part` and `not` labels claimed (a skill the profile does not say, said to be
  theirs); a ceiling.
- `said_claimed`: share of the `said` labels claimed (the reasons' recall); a floor.
- `not_missing`: share of the `not` labels called missing (a page that calls nothing missing is not the fix);
  a floor.

The data lives here, next to its only reader: the verdict measured is the explanations' (matching), and `offers`
must not import `matching`. The `independent` half is measured only, never read for errors (`failures` refuses
it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from matching.explanations import CandidateContext, skills_compared
from matching.models import EmbeddingModel
from matching.skill_meaning import listed_may_have
from matching.weights import ranking_weights
from offers.models import Offer
from offers.understanding.skills import skill_reader

LISTED_DIR = Path(__file__).resolve().parent / "listed"
# `blind2`: a second measured-only half, 16 other trades, written blind later; `tuning2`: a second half read for
# errors, 16 more trades, written blind in the eleventh session (listed/README.md).
HALVES = ("tuning", "independent", "blind2", "tuning2")
VERDICTS = ("said", "part", "not")
READ_FOR_ERRORS = ("tuning", "tuning2")


@dataclass(frozen=True)
class Judged:
    """One offer skill label, what the recruiter says of it and what the explanations say."""

    occupation: str  # the set's id, "L01"
    title: str
    listed: tuple[str, ...]
    label: str
    verdict: str  # said | part | not (the recruiter's)
    by: str  # the listed skill that says it (said, part), "" otherwise
    shown: str  # claimed | missing | neither (the explanations')

    @property
    def failure(self) -> str:
        """The kind of failure, "" when the explanations agree with the recruiter."""
        if self.shown == "missing" and self.verdict in ("said", "part"):
            return "listed called missing" if self.verdict == "said" else "listed in part called missing"
        if self.shown == "claimed" and self.verdict in ("part", "not"):
            return "said in part claimed" if self.verdict == "part" else "unsaid claimed"
        if self.shown != "claimed" and self.verdict == "said":
            return "listed not claimed"
        if self.shown != "missing" and self.verdict == "not":
            return "unsaid not called missing"
        return ""


@dataclass(frozen=True)
class ListedScores:
    half: str
    occupations: int
    pairs: int
    counts: dict[str, int]  # per recruiter's verdict
    missing_while_listed: float
    false_claims: float
    said_claimed: float
    not_missing: float
    judged: tuple[Judged, ...] = field(repr=False, default=())


def load_half(half: str) -> list[dict]:
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}: one of {', '.join(HALVES)}")
    return json.loads((LISTED_DIR / half / "pairs.json").read_text(encoding="utf-8"))["occupations"]


def judged_labels(occupation: dict, *, model: EmbeddingModel) -> list[Judged]:
    """The explanations' verdict on each label of one occupation, as a recommendation would show it."""
    listed = tuple(occupation["listed"])
    labels = [item["label"] for item in occupation["labels"]]
    weights = ranking_weights(model.name)
    context = CandidateContext(skills=listed)
    profile = skill_reader().profile(skills=listed, text=context.text)
    said = listed_may_have(model, listed, labels, weights=weights)
    matched, missing = skills_compared(Offer(skills=labels), context=context, profile=profile, said_otherwise=said)
    shown = dict.fromkeys(labels, "neither")
    shown.update(dict.fromkeys(missing, "missing"))
    shown.update(dict.fromkeys(matched, "claimed"))
    return [
        Judged(
            occupation=occupation["id"],
            title=occupation["title"],
            listed=listed,
            label=item["label"],
            verdict=item["verdict"],
            by=item.get("by", ""),
            shown=shown[item["label"]],
        )
        for item in occupation["labels"]
    ]


def _share(judged: Sequence[Judged], verdicts: tuple[str, ...], shown: str) -> float:
    among = [item for item in judged if item.verdict in verdicts]
    return sum(1 for item in among if item.shown == shown) / len(among) if among else 0.0


def listed_skill_scores(half: str, *, model: EmbeddingModel) -> ListedScores:
    from offers.understanding.skill_groups import skill_groups_warm

    # ROME's skill groups read by the explanations: their vectors on disk first (encoded once), so that the figures
    # never depend on whether a request or a refresh happened to encode them before.
    skill_groups_warm()
    occupations = load_half(half)
    judged = tuple(item for occupation in occupations for item in judged_labels(occupation, model=model))
    return ListedScores(
        half=half,
        occupations=len(occupations),
        pairs=len(judged),
        counts={verdict: sum(1 for item in judged if item.verdict == verdict) for verdict in VERDICTS},
        missing_while_listed=_share(judged, ("said", "part"), "missing"),
        false_claims=_share(judged, ("part", "not"), "claimed"),
        said_claimed=_share(judged, ("said",), "claimed"),
        not_missing=_share(judged, ("not",), "missing"),
        judged=judged,
    )


def failures(scores: ListedScores) -> dict[str, list[Judged]]:
    """The tuning half's disagreements, grouped by kind (the independent half is never read for errors)."""
    if scores.half not in READ_FOR_ERRORS:
        raise ValueError(f"the {scores.half} half is measured only, never read for errors")
    grouped: dict[str, list[Judged]] = {}
    for item in scores.judged:
        if item.failure:
            grouped.setdefault(item.failure, []).append(item)
    return grouped


def floors(model_name: str) -> dict[str, dict[str, float]]:
    """The recorded floors and ceilings of each half for a model (listed/floors.json)."""
    data = json.loads((LISTED_DIR / "floors.json").read_text(encoding="utf-8"))
    return data[model_name]
