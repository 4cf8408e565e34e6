"""A candidate's recommendations: offers inside their hard constraints, ranked by a blend, each explained.

1. Candidates: the POOL offers nearest to the candidate's vector that meet the hard constraints
   the candidate set (contract, radius, remote; hidden offers left out), plus the nearest offers
   of their own occupation family, which a vague text may leave outside the pool.
2. Score (weights in `ranking_weights.json`, tuned on `evaluate_matching`): cosine similarity,
   plus a bonus for their occupation, one of its ROME subdomain ("close") or one ROME links it to
   ("linked"), and a malus for another (times how sure the candidate's occupation is), plus the
   share of the offer's skills they have, minus a little for distance, for more experience asked
   than theirs plus a year, and for a salary under their floor.
3. A floor: an offer under `floor`, of another occupation than a clear one under
   `other_occupation_floor`, or, for a candidate who named their job, of an occupation neither theirs,
   close nor linked to it (or unknown), is not shown; nor, for a clear occupation, one of a close or linked
   occupation whose trade is not alike theirs by ROME's definitions (`occupation_affinity`: D12 holds
   hairdressers and clothes sellers), whose title asks a licence they do not show ("Cariste CACES 3"), or of a craft
   one enters with its diploma, which they do not show (`craft_access`: a baker's offer to a food seller, a
   beautician's to a hairdresser). When their occupation is not clear, an offer much less near in meaning
   than the nearest shown is not shown either, nor padding around an occupation none within reach has
   (`reading_check`). Nor, whatever their reading, another occupation's offer that their text says they leave or
   refuse ("pas cuisinier, pas fast food, juste la plonge": `refusals`).
   Fewer offers rather than unrelated ones; the page says what would show more (`matching/widenings.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from matching.explanations import (
    CandidateContext,
    Explanation,
    JudgedSkills,
    asks_more_experience,
    distance_km,
    explain,
    salary_fit_of,
)
from matching.knn import AlsoNearest, HardConstraints, nearest_offers, similarity_floor
from matching.models import EmbeddingModel
from matching.occupation_fit import (
    lacks_craft_qualification,
    lacks_title_licence,
    occupation_fit,
    offered_occupations,
    unlike_trades,
)
from matching.profile_query import profile_constraints, profile_context
from matching.reading import (
    SOUGHT,
    CandidateOccupation,
    candidate_reading,
    left_occupations,
    occupation_is_clear,
    read_offer_occupation,
)
from matching.reading_check import NOT_ASKED, nearest_anywhere_fit, reading_checked
from matching.refusals import refused_occupations
from matching.selectors import NoActiveEmbeddingModel, active_embedding_model
from matching.skill_meaning import listed_may_have
from matching.weights import ranking_weights
from offers.catalogue import offers_by_id
from offers.models import Offer
from offers.understanding.occupations import occupation_reader
from offers.understanding.offer_skill_reading import offer_readings_fetch
from offers.understanding.skills import SkillProfile, skill_reader

# Offer skills judged and kept per profile content (`_skills_judged`: had, said in part), for at most JUDGED_PROFILES
# profiles: a few MB at worst a worker (a profile's pools meet a few hundred ROME labels).
JUDGED_KEPT = 500
JUDGED_PROFILES = 256
POOL = 40  # offers scored; 60 and 40 score the same on evaluate_matching, 30 a little less
# A reading this sure comes from a title or a chosen code (matching.reading): offers of another
# occupation are then never shown (evaluate_matching: no relevant offer lost on any set, fewer unrelated).
SURE_READING = 0.8


@dataclass(frozen=True)
class Recommendation:
    offer: Offer
    similarity: float
    explanation: Explanation
    score: float = 0.0


# What the score reads of a pooled offer, returned by the kNN scan itself (the whole row is loaded
# only for the offers shown).
_POOL_COLUMNS = (
    "title",
    "rome_code",
    "occupation_code",
    "skills",
    "latitude",
    "longitude",
    "seniority",
    "experience_required",
    "salary_min",
    "salary_max",
)


@dataclass(frozen=True)
class _Scored:
    offer_id: int
    similarity: float
    score: float
    fit: str
    occupation: str


@lru_cache(maxsize=1024)
def _candidate_skills(skills: tuple[str, ...], text: str) -> SkillProfile:
    """The candidate's skills as the reader sees them (read once per profile content; never mutated)."""
    return skill_reader().profile(skills=skills, text=text, seeker=True)


@lru_cache(maxsize=JUDGED_PROFILES)
def _skills_judged(skills: tuple[str, ...], text: str) -> JudgedSkills:
    """What the candidate of this profile content has of offer skills and says in part, kept: the pooled offers and
    the ten explained repeat ROME's labels, so each is judged once per profile rather than once per offer and request
    (bench/README.md). Up to `JUDGED_KEPT` labels a verdict, then afresh."""
    return JudgedSkills(_candidate_skills(skills, text), kept=JUDGED_KEPT)


def _pool(
    *,
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    hard: HardConstraints,
    floor: float,
    k: int,
    user_id: int | None,
    exclude_offer_ids: Sequence[int],
    family: list[str],
) -> tuple[dict[int, float], dict[int, tuple[Any, ...]]]:
    """(offer id -> similarity, offer id -> `_POOL_COLUMNS`): the nearest offers within the hard
    constraints, plus the nearest of the candidate's occupation family whatever their similarity (an
    English profile, a terse title), from one scan."""
    result = nearest_offers(
        vector=vector,
        model=model,
        constraints=hard,
        user_id=user_id,
        k=max(POOL, k),
        k_min=k,
        min_similarity=floor,
        exclude_offer_ids=exclude_offer_ids,
        columns=_POOL_COLUMNS,
        # The stored occupation (an Adzuna offer's, read from its title), or the source's code (an offer
        # written before occupations were stored; `_offered` judges the others).
        also=AlsoNearest(
            ("(o.occupation_code = ANY(%s) OR o.rome_code = ANY(%s))", [family] * 2),
            k,
            0.0,
        )
        if family
        else None,
    )
    hits = dict(result.hits)
    for offer_id, similarity in result.also:
        hits.setdefault(offer_id, similarity)
    return hits, result.values


def recommendations_for(
    *,
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    constraints: HardConstraints = HardConstraints(),  # noqa: B008
    context: CandidateContext = CandidateContext(),  # noqa: B008
    k: int = 10,
    min_similarity: float | None = None,
    user_id: int | None = None,
    exclude_offer_ids: Sequence[int] = (),
    occupations: Sequence[CandidateOccupation] | None = None,
) -> list[Recommendation]:
    """The best open offers for a candidate vector, each with why it was picked.

    The pool is scored from a few columns; only the k offers shown are loaded whole and explained.
    """
    weights = ranking_weights(model.name)
    reader = occupation_reader()
    floor = similarity_floor(model) if min_similarity is None else min_similarity
    # Seniority and salary weigh in the score; only contract, radius and remote are hard.
    hard = replace(constraints, seniority="", salary_floor=None)
    if occupations is None:
        occupations = candidate_reading(
            title=context.title,
            text=context.text,
            rome_code=context.rome_code,
            vector=vector,
            model=model,
            reader=reader,
        )
    clear = occupation_is_clear(occupations)
    # Read from the title they typed, or from the work their text says they seek: said by them, not guessed.
    sought = bool(occupations) and occupations[0].source == SOUGHT
    typed = sought or (bool(occupations) and occupations[0].source == "title")
    left = left_occupations(context.text, occupations, reader, titled=bool(context.title.strip()))
    # And the trades their text refuses ("pas cuisinier, pas fast food, juste la plonge", "I'm not a nanny").
    left |= refused_occupations(context.text, model, reader)
    named = bool(occupations) and occupations[0].confidence >= SURE_READING
    hits, values = _pool(
        vector=vector,
        model=model,
        hard=hard,
        floor=floor,
        k=k,
        user_id=user_id,
        exclude_offer_ids=exclude_offer_ids,
        family=reader.family_members(occupations[0].code) if clear or typed else [],
    )
    judged = _skills_judged(tuple(context.skills), context.text)
    profile = judged.profile
    relation_weight = {
        "same": weights["same_occupation"],
        "close": weights["close_occupation"],
        "linked": weights["linked_occupation"],
        "other": weights["other_occupation"],
        "unknown": 0.0,
    }
    fits: dict[int, tuple[str, float]] = {}
    occupation_of: dict[int, str] = {}
    offered_of: dict[int, tuple[str, ...]] = {}
    for offer_id in hits:
        title, rome_code, stored = values[offer_id][:3]
        occupation_of[offer_id] = read_offer_occupation(reader, title, rome_code, stored)
        offered_of[offer_id] = offered_occupations(reader, occupation_of[offer_id], rome_code)
        fits[offer_id] = occupation_fit(reader, occupations, offered_of[offer_id])
    checked = reading_checked(
        clear=clear,
        typed=typed,
        named=named,
        fits=fits,
        hits=hits,
        weights=weights,
        nearest_anywhere_fit=lambda: nearest_anywhere_fit(
            vector,
            model,
            replace(hard, latitude=None, longitude=None, radius_km=None, departements=()),
            user_id,
            exclude_offer_ids,
            occupations,
        ),
    )
    clear, fits = checked.clear, checked.fits
    first = reader.family(occupations[0].code) if occupations else ""
    # A terse profile ("cariste caces 3 dispo de suite", four skills and nothing else) lies far in meaning from every
    # offer, its own trade's included: its floor is lower.
    written = " ".join([context.title, *context.skills, context.text])
    words = written.split()
    floor_score = weights["terse_floor"] if len(words) < weights["terse_words"] else weights["floor"]
    scored: list[_Scored] = []
    for offer_id, similarity in hits.items():
        offer_skills, latitude, longitude, seniority, required, salary_min, salary_max = values[offer_id][3:]
        fit, sure = fits[offer_id]
        score = similarity + sure * relation_weight[fit]
        if offer_skills:
            matched = sum(1 for skill in offer_skills if judged.covered(skill))
            score += weights["skill_overlap"] * matched / len(offer_skills)
        distance = distance_km(latitude, longitude, context)
        if distance is not None and hard.radius_km:
            score += weights["distance"] * min(1.0, distance / hard.radius_km)
        if asks_more_experience(seniority, context):
            # Experience only wished ("souhaitée") weighs less than experience required ("exigée").
            score += weights["seniority_beyond_tolerance"] * (1.0 if required else weights["seniority_wished_share"])
        if salary_fit_of(salary_min, salary_max, context) == "below_floor":
            score += weights["salary_below_floor"]
        if score < floor_score and not (clear and first in {reader.family(code) for code in offered_of[offer_id]}):
            # Under the floor, only an offer of the occupation read clearly first stands: a short text ("Ex-serveuse,
            # dispo tout de suite") lies far in meaning from every offer, its own trade's included.
            continue
        if fit != "same" and any(reader.family(code) in left for code in offered_of[offer_id]):
            # The job their text says they leave ("Ancienne serveuse, je veux travailler ...") or refuse: not what they
            # seek.
            continue
        if sought and fit in NOT_ASKED and similarity < weights["sought_other_occupation_floor"]:
            # Their text says the work they seek: another occupation must be nearer in meaning still.
            continue
        if fit in NOT_ASKED and named:
            # They named their job (a title, a chosen code): another occupation, or one the offer does not
            # say, is not what they asked for.
            continue
        if clear and fit != "same" and similarity < weights[f"{fit}_occupation_floor"]:
            # Their occupation is clear: another one, a close one or one the offer does not say
            # must be much nearer in meaning to be shown.
            continue
        if (
            clear
            and fit in ("close", "linked")
            and (
                lacks_title_licence(values[offer_id][0], profile)
                or lacks_craft_qualification(reader, occupations, offered_of[offer_id], written)
            )
        ):
            # A neighbouring trade's offer whose title asks a licence they do not show ("Cariste CACES 3"), or of a
            # craft one enters with its diploma, which they do not show (a baker's offer to a food seller).
            continue
        scored.append(_Scored(offer_id, similarity, score, fit, occupation_of[offer_id]))
    if not clear and scored:
        # Their occupation is not clear: offers stand on their meaning alone, and one far less near than the
        # nearest is padding (`unclear_similarity_span`: no relevant offer of the evaluation profiles lies
        # that far below the nearest shown).
        nearest = max(item.similarity for item in scored)
        scored = [item for item in scored if item.similarity >= nearest - weights["unclear_similarity_span"]]
        # Their words and their vector agree on an occupation with no offer within reach: the rest is padding
        # unless as near in meaning as a clear occupation asks (`reading_check`).
        scored = [
            item
            for item in scored
            if item.offer_id not in checked.elsewhere
            or item.similarity >= weights[f"{checked.elsewhere[item.offer_id]}_occupation_floor"]
        ]
    if clear:
        # ROME puts their occupation near these, but the two trades are not alike (a hairdresser and a clothes
        # seller share the subdomain D12): not what a candidate with a clear occupation asked for. Judged last,
        # on the offers every other floor kept: judging encodes an occupation's text the first time it is met.
        unlike = unlike_trades(model, weights, occupations, fits, offered_of, hits, among=[i.offer_id for i in scored])
        scored = [item for item in scored if item.offer_id not in unlike]
    scored.sort(key=lambda item: (-item.score, -item.similarity, item.offer_id))
    shown = scored[:k]
    offers = offers_by_id(item.offer_id for item in shown)
    if context.skills:
        # What the texts of those listing no skill say, as the daily refresh read it (the explanations compare).
        offer_readings_fetch(offers.values())
    # Offer skills a skill the candidate listed says in other words ("Entretiens de recrutement"), or of ROME's group of
    # one near it ("Plomberie sanitaire": laying pipes), or a clause of their text: not called missing.
    said = listed_may_have(
        model,
        context.skills,
        (skill for offer in offers.values() for skill in offer.skills or ()),
        weights=weights,
        text=context.text,
    )
    # What the occupation fit stands on, stated only as far as it is a fact (see `explain`).
    basis = "named" if named else ("read" if clear else "unsure")
    return [
        Recommendation(
            offer=offers[item.offer_id],
            similarity=item.similarity,
            explanation=explain(
                offers[item.offer_id],
                similarity=item.similarity,
                context=context,
                profile=profile,
                occupation_fit="close" if item.fit == "linked" else item.fit,
                occupation_basis=basis,
                occupation_label=reader.label(item.occupation),
                said_otherwise=said,
                judged=judged,
            ),
            score=item.score,
        )
        for item in shown
        if item.offer_id in offers
    ]


def recommendations_for_text(
    *,
    text: str,
    constraints: HardConstraints = HardConstraints(),  # noqa: B008
    context: CandidateContext | None = None,
    k: int = 10,
    min_similarity: float | None = None,
) -> list[Recommendation]:
    """Free text (a CV, a few lines) against the active model's offer vectors."""
    from matching.offer_text import OFFER_TEXT_MAX_TOKENS
    from matching.services import encoder_for

    model = active_embedding_model()
    if model is None:
        raise NoActiveEmbeddingModel("no offer has been embedded yet: run `python manage.py embed`")
    vector = encoder_for(model).encode([text], max_tokens=OFFER_TEXT_MAX_TOKENS)[0]
    return recommendations_for(
        vector=vector,
        model=model,
        constraints=constraints,
        context=context or CandidateContext(text=text),
        k=k,
        min_similarity=min_similarity,
    )


def recommendations_for_profile(*, profile: Any, k: int = 10) -> list[Recommendation]:
    """The best open offers for a candidate profile, hidden offers excluded.

    The profile's vector is normally computed by the task queued after each change; when it is
    missing or stale (the task has not run yet, or the model just switched) it is computed here.
    """
    from matching.services import candidate_embedding_upsert

    if not profile.profile_text.strip():
        return []
    model = active_embedding_model()
    if model is None:
        raise NoActiveEmbeddingModel("no offer has been embedded yet: run `python manage.py embed`")
    embedding = candidate_embedding_upsert(profile_id=profile.pk, text=profile.profile_text, model=model)
    return recommendations_for(
        vector=embedding.vector,
        model=model,
        constraints=profile_constraints(profile),
        context=profile_context(profile),
        k=k,
        user_id=profile.user_id,
    )


def profile_reading_warm(*, profile_id: int) -> None:
    """Read a changed profile's occupations ahead of its next page (the task run after each profile change)."""
    from candidates.models import CandidateProfile
    from matching.models import CandidateEmbedding

    profile = CandidateProfile.objects.filter(pk=profile_id).first()
    model = active_embedding_model()
    if profile is None or model is None or not profile.profile_text.strip():
        return
    embedding = CandidateEmbedding.objects.filter(profile_id=profile_id, model=model).first()
    if embedding is None:
        return
    context = profile_context(profile)
    candidate_reading(
        title=context.title, text=context.text, rome_code=context.rome_code, vector=embedding.vector, model=model
    )
