"""The explanations' skill verdicts on the profile sets' recommendations, against judges who read each candidate's
words (matching/evaluation/verdicts/).

`evaluate_listed_skills` measures the verdicts on ROME labels and listed skills written for it; this measures them
where the issue's candidates meet them: the recommendations of the readable profile sets (`demo`, `heldout`,
`heldout2` to `heldout6`), with their listed skills, presentations and CVs; and, measured only (totals, never read
for errors, nothing chosen on them), those of `heldout7` to `heldout9`. Every offer skill those recommendations
showed as claimed ("Vous avez") or missing ("À acquérir") at main 4c50322 or after the eleventh session's changes
was judged by a helper that saw only the candidate's words and the label (`verdicts/README.md`): against the listed
skills (`listed`) and against the text (`text`), each said / part / not.

Figures per set (shares of the pairs shown):
- `missing_said`: missing skills that the listed skills or the text say (a false "À acquérir"); a ceiling;
- `missing_said_or_part`: missing skills that they say at least in part; a ceiling;
- `listed_missing`: among the missing skills of candidates who list skills, those the listed skills say at least
  in part (issue 15's "no 'missing' skill that the candidate listed"); a ceiling;
- `claims_unsaid`: claimed skills that neither the listed skills nor the text say; a ceiling;
- `unstated` and `unstated_unsaid`: the skills of offers of the candidate's own trade shown "À préciser dans votre
  profil" (`matching.explanations.own_trade_unstated`), and the share of them that neither the listed skills nor
  the text say (lacks the page no longer states as such); a ceiling;
- `unjudged`: pairs shown that no judge read (a change that shows other skills): the figures above leave them out,
  so they must be judged before the figures are read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matching.encoder import Encoder
from matching.evaluation.recommendations import load_demo_dataset, recommendations_of_profiles

VERDICTS_DIR = Path(__file__).resolve().parent / "verdicts"
READABLE_SETS = ("demo", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
# Measured only: their totals are printed, their pairs never read for errors nor used to choose a change.
TOTALS_ONLY_SETS = ("heldout7", "heldout8", "heldout9")
JUDGED_SETS = (*READABLE_SETS, *TOTALS_ONLY_SETS)
SAYS = ("said", "part")


@dataclass(frozen=True)
class Judgment:
    listed: str  # said | part | not, against the listed skills
    text: str  # said | part | not, against the presentation and the CV


@dataclass(frozen=True)
class VerdictScores:
    profile_set: str
    missing: int  # (profile, offer skill) pairs shown missing
    claimed: int
    missing_said: float
    missing_said_or_part: float
    listed_missing: float
    claims_unsaid: float
    unstated: int
    unstated_unsaid: float
    unjudged: int


def load_judgments(path: Path = VERDICTS_DIR / "judged.json") -> dict[tuple[str, str, str], Judgment]:
    rows = json.loads(path.read_text(encoding="utf-8"))["judgments"]
    return {(row["set"], row["id"], row["skill"]): Judgment(listed=row["listed"], text=row["text"]) for row in rows}


def _unsaid(judgment: Judgment) -> bool:
    return judgment.listed == "not" and judgment.text == "not"


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def verdict_scores(
    profile_set: str, encoder: Encoder, judgments: dict[tuple[str, str, str], Judgment]
) -> VerdictScores:
    if profile_set not in JUDGED_SETS:
        raise ValueError(f"{profile_set!r} was not judged: one of {', '.join(JUDGED_SETS)}")
    dataset = load_demo_dataset(profiles=f"{profile_set}_profiles.json")
    missing: list[tuple[Judgment, bool]] = []  # (judgment, the candidate lists skills)
    claimed: list[Judgment] = []
    unstated: list[Judgment] = []
    unjudged = 0
    for profile, recommendations in recommendations_of_profiles(dataset, encoder):
        # Each skill once per profile and verdict, however many offers show it.
        said_missing = {skill for item in recommendations for skill in item.explanation.missing_skills}
        said_claimed = {skill for item in recommendations for skill in item.explanation.matched_skills}
        to_state = {skill for item in recommendations for skill in item.explanation.unstated_skills}
        lists = any(skill.strip() for skill in profile.get("skills", []))
        for skill in sorted(said_missing | said_claimed | to_state):
            judgment = judgments.get((profile_set, profile.get("id", ""), skill))
            if judgment is None:
                unjudged += 1
                continue
            if skill in said_missing:
                missing.append((judgment, lists))
            if skill in said_claimed:
                claimed.append(judgment)
            if skill in to_state:
                unstated.append(judgment)
    listing = [judgment for judgment, lists in missing if lists]
    return VerdictScores(
        profile_set=profile_set,
        missing=len(missing),
        claimed=len(claimed),
        missing_said=_share(sum("said" in (j.listed, j.text) for j, _ in missing), len(missing)),
        missing_said_or_part=_share(sum(j.listed in SAYS or j.text in SAYS for j, _ in missing), len(missing)),
        listed_missing=_share(sum(j.listed in SAYS for j in listing), len(listing)),
        claims_unsaid=_share(sum(_unsaid(j) for j in claimed), len(claimed)),
        unstated=len(unstated),
        unstated_unsaid=_share(sum(_unsaid(j) for j in unstated), len(unstated)),
        unjudged=unjudged,
    )


def floors(model_name: str) -> dict[str, dict[str, float]]:
    """The recorded ceilings per set for a model (verdicts/floors.json)."""
    return json.loads((VERDICTS_DIR / "floors.json").read_text(encoding="utf-8"))[model_name]


def all_scores(sets: Sequence[str], encoder: Encoder) -> list[VerdictScores]:
    judgments = load_judgments()
    return [verdict_scores(name, encoder, judgments) for name in sets]
