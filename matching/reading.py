"""What the matching reads of a candidate and of an offer: occupations and skills, through `offers.understanding`.

A candidate's occupation comes, in this order, from the ROME code they chose, the job title they
typed (typos and the other gender tolerated), then from their text (presentation, CV) together with
the offers nearest to their vector: the occupations of the 15 nearest open offers vote, weighted by
similarity. A CV's latest dated job counts more than its older ones (`latest_job`), unless the text says which
job is sought. A text that names no title surely is also read by what it says the candidate does: the occupation
whose ROME definition it describes, when one stands clearly above the others (`occupation_tasks`). A loose title
("vendeuse", "animatrice") narrows that reading to the occupations whose known titles hold its words. The vote
is what reads a profile with no title or in English; the text is what keeps a career changer on the job they
want rather than the one they leave.

The vote costs two searches: `candidate_reading` keeps a profile's reading in Django's cache
(Redis in production), keyed by everything it depends on (the model, the vector, the title, the
text, the chosen code and the reader's data), so a profile change is a new key and a request for
an unchanged profile reads it back; the task run after each profile change computes it ahead.

An offer's occupation is the one stored on it at its upsert (`offers.understanding.offer_occupation`):
its ROME code when the source gave one (France Travail), else the one its title names (Adzuna).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence, Set
from dataclasses import astuple, dataclass, replace

import numpy as np
from django.core.cache import cache

from matching.knn import nearest_offers
from matching.models import EmbeddingModel
from matching.search import keyword_ranking
from offers.models import Offer
from offers.understanding.latest_job import latest_job_family, latest_training
from offers.understanding.occupation_tasks import task_reader
from offers.understanding.occupations import OccupationReader, occupation_reader, title_key
from offers.understanding.offer_occupation import offer_occupation_read
from offers.understanding.sought_work import (
    activities_named,
    diploma_trade,
    jobs_left,
    names_its_worker,
    says_change,
    seeks_return,
    sought_work,
    training_under_way,
    work_words,
)

NEIGHBOURS = 15
SOUGHT = "sought"  # the source of a reading of what a text says it seeks in words (`_sought_reading`)
# How much the nearest offers' vote weighs against what the text names (the text's titles are
# more specific; the vote reads any wording, English included).
TEXT_WEIGHT = 0.6
VOTE_WEIGHT = 0.4
# Below this, a candidate's occupation is not used to leave offers out, only to rank.
CLEAR_OCCUPATION = 0.5
CLEAR_VOTE, CLEAR_MARGIN = 0.25, 1.6
# What a text describes (`occupation_tasks`) weighs among the text's readings where neither its titles nor the
# nearest offers read an occupation clearly, chosen on the ten profile sets (evaluate_matching, both models): 0.5 and
# 1.0 show the same offers with USE, and 0.5 leaves the vote a say. Unrelated offers shown over the ten sets, USE
# 227 -> 210 and all-MiniLM-L6-v2 302 -> 286 (with the titles read past a domain word, `OccupationReader._part`),
# no relevant offer lost. Read wherever no title is named surely, it overruled a clear vote ("les bébés à la crèche":
# the nursery assistant the offers say, not the childminder the definitions say).
DESCRIBED_WEIGHT = 0.5
# What the title of a CV's latest dated experience (`latest_job`) adds to the text's readings, chosen on the ten profile
# sets (evaluate_matching, both models): 0.5 and 1.0 keep every relevant offer; unrelated offers shown, USE 197 -> 169
# and -> 157, all-MiniLM-L6-v2 275 -> 252 and -> 244. Not where their text says which job they seek ("je recherche").
LATEST_JOB_WEIGHT = 1.0
# The trade a diploma's name reads as a typed title ("Maintenance des véhicules": a car mechanic at 0.62) stands for the
# training's reading when read at least this surely.
DIPLOMA_TRADE_READ = 0.5
# How surely an activity a wish names reads as a typed title to stand for the trade sought ("la coiffure": 0.8).
ACTIVITY_TRADE_READ = 0.8
READING_CACHE_SECONDS = 24 * 3600
# Part of the cache key: a change of how readings are made (not of the data they read) is a new key.
READING_RULES = '2026-12-07e: an activity a wish names ("reprendre la coiffure") reads as its trade'
# A title that offers file under other families than the referential's (`_filed_by_offers`): how many
# offer titles must say so, and how sure their families are against the referential's reading.
OFFER_TITLES_MIN = 2
OFFER_FILING_SHARE = 0.8


def occupation_is_clear(occupations: Sequence[CandidateOccupation]) -> bool:
    """Sure enough to leave offers of other occupations out: a confident reading, or a vote well ahead."""
    if not occupations:
        return False
    first = occupations[0]
    # Readings of one title in sibling occupations of a ROME subdomain ("Chef de rayon": food D1502 and non-food
    # D1503) are one clear reading of the subdomain.
    siblings = [o for o in occupations if o.source == first.source and o.code[:3] == first.code[:3]]
    top = sum(o.confidence for o in siblings)
    second = next((o.confidence for o in occupations if o not in siblings), 0.0)
    return top >= CLEAR_OCCUPATION or (top >= CLEAR_VOTE and top >= CLEAR_MARGIN * second)


@dataclass(frozen=True)
class CandidateOccupation:
    code: str
    label: str
    confidence: float
    source: str  # "code" | "title" | "offers" | "text" | "neighbours" | "sought" (what a text says it seeks)


def read_offer_occupation(reader: OccupationReader, title: str, rome_code: str, stored: str = "") -> str:
    """The occupation stored on the offer, else read now (an offer written before it was stored)."""
    return stored or offer_occupation_read(reader, title, rome_code)[0]


def offer_occupation(offer: Offer, reader: OccupationReader | None = None) -> str:
    """The ROME code of an offer's job: its source's, unless its title plainly names another; else its title's."""
    return read_offer_occupation(reader or occupation_reader(), offer.title, offer.rome_code, offer.occupation_code)


def offer_occupations(offer_ids: Sequence[int], reader: OccupationReader) -> dict[int, str]:
    rows = Offer.objects.filter(pk__in=offer_ids).values_list("pk", "rome_code", "title", "occupation_code")
    return {pk: read_offer_occupation(reader, title, code, stored) for pk, code, title, stored in rows}


def candidate_occupations(
    *,
    title: str,
    text: str,
    rome_code: str = "",
    vector: Sequence[float] | np.ndarray | None = None,
    model: EmbeddingModel | None = None,
    reader: OccupationReader | None = None,
    sought: bool = True,
) -> list[CandidateOccupation]:
    """The candidate's occupations, most likely first, each with a confidence (0..1).

    `sought`: read what a text without a title says it seeks in words, when it says so (`_sought_reading`).
    """
    reader = reader or occupation_reader()
    if rome_code:
        return [CandidateOccupation(rome_code, reader.label(rome_code), 1.0, "code")]
    said = reader.from_title(title) if title.strip() else []
    if said and said[0].confidence >= 0.8:
        named = [CandidateOccupation(g.code, g.label, g.confidence, "title") for g in said[:2]]
        return named + _filed_by_offers(reader, title, named)
    # A loose title ("vendeuse") leaves open the occupations whose known titles hold its words: the text and
    # the nearest offers choose among them, and nothing else is read (a bakery near the shop the candidate
    # describes is not their job, nor the job a career changer leaves).
    possible = reader.possible_families(title) if title.strip() else set()
    text_scores: dict[str, float] = defaultdict(float)
    # A title read unsurely still comes first (its families, weighed with the vote); else what the text names.
    mentions = [] if said else reader.mentions(text)
    for guess in said or reader.from_mentions(mentions):
        if not possible or reader.family(guess.code) in possible:
            text_scores[reader.family(guess.code)] += guess.confidence
    if not said and not any(mention.sought for mention in mentions):
        # A CV names several jobs, the latest first: unless their text says which one they seek, that one counts
        # as a title named once more.
        latest = latest_job_family(text, reader)
        if latest and (not possible or latest in possible):
            text_scores[latest] += LATEST_JOB_WEIGHT
    votes: dict[str, float] = defaultdict(float)
    if vector is not None and model is not None:
        # The offers nearest by meaning, and those sharing the most words (French full text: the
        # English-trained model reads French loosely), vote for their occupations by rank.
        hits = nearest_offers(vector=vector, model=model, k=NEIGHBOURS, min_similarity=0.0).hits
        by_words = keyword_ranking(text=f"{title}\n{text}", limit=NEIGHBOURS)
        codes = offer_occupations([pk for pk, _ in hits] + by_words, reader)
        total = 0.0
        for ranking in ([pk for pk, _ in hits], by_words):
            for rank, pk in enumerate(ranking, start=1):
                # Offers whose occupation cannot be read dilute the vote: a few known ones among many
                # unknown must not make a clear occupation.
                total += 1.0 / (rank + 5)
                if codes.get(pk):
                    votes[reader.family(codes[pk])] += 1.0 / (rank + 5)
    else:
        total = 0.0
    if possible:
        # The vote is shared among the occupations the title leaves open (offers of no readable occupation
        # still dilute it).
        known = sum(votes.values())
        votes = defaultdict(float, {family: weight for family, weight in votes.items() if family in possible})
        total -= known - sum(votes.values())
    shares = {family: weight / total for family, weight in votes.items()} if total else {}
    told = "title" if said else "text"
    read = _blended(reader, text_scores, shares, told)
    if not said and max(text_scores.values(), default=0.0) < CLEAR_OCCUPATION and not occupation_is_clear(read):
        # Neither a title their text names nor the nearest offers read an occupation clearly ("je fais les chambres
        # dans un hôtel", a CV of tasks): the occupation whose ROME definition the text describes, when one stands
        # clearly above the others (what a CV upload proposes as a title), counts as half a named title.
        described = task_reader().read(text) if text.strip() else None
        if described is not None and (not possible or reader.family(described.code) in possible):
            text_scores[reader.family(described.code)] += DESCRIBED_WEIGHT
            read = _blended(reader, text_scores, shares, told)
    if sought and not title.strip() and model is not None:
        # The families of the titles the text names other than as sought, and of those it says it left.
        others = {family for mention in mentions if not mention.sought for family in mention.shares}
        # Those it says it left, unless it says it goes back to them ("je veux reprendre la conduite de bus").
        past = (
            set()
            if seeks_return(text)
            else {family for mention in mentions if mention.left for family in mention.shares}
        )
        # "Ancienne serveuse, je souhaite devenir aide-soignante": read as the job their text says they seek.
        wanted = {family for mention in mentions if mention.sought for family in mention.shares}
        if read and reader.family(read[0].code) in wanted:
            return _as_sought(read, wanted, others, reader)
        # Those of a text that says it changes trade ("Boucher depuis 12 ans, je veux changer complètement").
        behind = jobs_left(text, mentions) - wanted
        # "Ancienne serveuse, je veux travailler dans l'aide à la personne": the titles it names are the past.
        found = _sought_reading(text, model, reader, read, others, past | behind, changed=behind)
        if found:
            return found
        if read and reader.family(read[0].code) in behind:
            # "Boucher depuis 12 ans, je veux changer complètement ...": the job they leave is not their reading.
            return _blended(
                reader,
                {family: score for family, score in text_scores.items() if family not in behind},
                {family: share for family, share in shares.items() if family not in behind},
                told,
            )
        # Nor a lesser reading ("Chauffeur livreur depuis 6 ans, j'en ai marre de la route ... en horticulture").
        return [item for item in read if reader.family(item.code) not in behind]
    return read


def _as_sought(
    read: list[CandidateOccupation], wanted: set[str], named: set[str], reader: OccupationReader
) -> list[CandidateOccupation]:
    """`read` as what the text seeks: the families `wanted` marked so, those it names otherwise (`named`: the past,
    "Coiffeuse pendant 12 ans") left out."""
    return [
        replace(item, source=SOUGHT) if reader.family(item.code) in wanted else item
        for item in read
        if reader.family(item.code) in wanted or reader.family(item.code) not in named
    ]


def _sought_reading(
    text: str,
    model: EmbeddingModel,
    reader: OccupationReader,
    read: list[CandidateOccupation],
    named: set[str],
    past: set[str],
    *,
    changed: Set[str] = frozenset(),
) -> list[CandidateOccupation]:
    """The occupations of the work a text says it seeks in words (`sought_work`) and that the training it says is
    under way leads to (`training_under_way`: "BPJEPS Loisirs tous publics (en cours)", "j'ai commencé le titre pro
    ADVF"; or a CV's diploma finished after its latest job, `latest_training`), read as a text of its own with its
    own vector and offers' vote, but for the jobs the text says it left (`past`): the whole text's reading (`read`)
    where its occupation is among them (a waitress seeking "un poste en restauration"), else theirs; none when the
    text says no such work, when the whole text reads one clearly and the clause none, unless the text says it
    changes from that one (`changed`) or the clause is a training whose first trade the text names too (`named`: a
    former animator training to be one again), or when the clause reads none clearly and the whole text, but for
    the jobs it leaves, names one more surely."""
    clause = sought_work(text)
    training = not clause
    # "je veux travailler dans l'aide à la personne ... j'ai commencé le titre pro ADVF": the training says the trade
    # of a wish said as a field (once: "je veux me reconvertir dans la banque, je prépare une licence pro banque").
    # A CV's diploma finished after its latest job ("2022 – 2025 Diplôme d'État d'éducateur spécialisé" after "2014 –
    # 2025 Agent logistique") says it too.
    under_way = training_under_way(text) or latest_training(text)
    if under_way not in clause:
        clause = ". ".join(part for part in (clause, under_way) if part)
    if not clause or not task_reader().describes_work(work_words(clause)):
        return []
    if training:
        # A diploma names its trade as a title would ("CAP Maintenance des véhicules"), where the text says no wish.
        trade = diploma_trade(under_way)
        if not any(guess.confidence >= DIPLOMA_TRADE_READ for guess in reader.from_title(trade)[:1]):
            trade = ""
    else:
        # A wish may name it by its activity ("je veux reprendre la coiffure", "du travail pour la cueillette"), which
        # `_activity_trade` has read surely already.
        trade = _activity_trade(clause, reader)
    clause_read = read_alone(clause, model, reader, title=trade)
    # The offers' vote may bring back a job the text says it left.
    wanted = [item for item in clause_read if reader.family(item.code) not in past]
    if not wanted:
        return []
    families = {reader.family(item.code) for item in wanted}
    if read and reader.family(read[0].code) in families:
        return _as_sought(read, families, named, reader)
    if occupation_is_clear(wanted) or (training and reader.family(wanted[0].code) in named):
        return [replace(item, source=SOUGHT) for item in wanted]
    if occupation_is_clear(read) and reader.family(read[0].code) not in changed:
        # The job the text names clearly may be the one sought, in words the clause reads loosely ("Ancienne
        # coiffeuse, je veux travailler dans un salon"); not one it says it changes from (`changed`: "Boucher depuis
        # 12 ans, je veux changer complètement et travailler ... à la réception").
        return []
    kept = [item for item in read if reader.family(item.code) not in past]
    if kept and kept[0].source != "neighbours" and kept[0].confidence > wanted[0].confidence:
        # A trade the text names ("j'ai fait le titre pro maçon ... maçon ou coffreur bancheur j'hésite") is surer than
        # a clause read loosely ("je veux du gros oeuvre et bosser en journée"): the whole text's reading, but for the
        # jobs it leaves, is the caller's.
        return []
    return [replace(item, source=SOUGHT) for item in wanted]


def _activity_trade(clause: str, reader: OccupationReader) -> str:
    """The first activity a clause sought names (`activities_named`) that a typed title reads surely as the trade
    whose worker it names ("la coiffure": "Coiffeur / Coiffeuse"; not "le CACES", read as a forklift driver), or ""."""
    for activity in activities_named(clause):
        read = reader.from_title(activity)[:1]
        if read and read[0].confidence >= ACTIVITY_TRADE_READ and names_its_worker(activity, read[0].label):
            return activity
    return ""


def read_alone(
    text: str, model: EmbeddingModel, reader: OccupationReader, *, title: str = ""
) -> list[CandidateOccupation]:
    """A piece of a text (a wish clause, a refused phrase) read as a text of its own: its own vector and its nearest
    offers' vote, with no wish of its own looked for in it."""
    from matching.offer_text import OFFER_TEXT_MAX_TOKENS
    from matching.services import encoder_for

    vector = encoder_for(model).encode([text], max_tokens=OFFER_TEXT_MAX_TOKENS)[0]
    return candidate_occupations(title=title, text=text, vector=vector, model=model, reader=reader, sought=False)


def left_occupations(
    text: str, occupations: Sequence[CandidateOccupation], reader: OccupationReader, *, titled: bool
) -> frozenset[str]:
    """The occupation families a text without a title names but leaves: all those it names but the ones it seeks,
    when it says it seeks others (`_sought_reading`: "Ancienne serveuse, je veux travailler dans l'aide à la
    personne" leaves waitressing); else, where it says it changes trade ("Boucher depuis 12 ans, je veux changer
    complètement"), those it names, unless read as one of them. Empty where the candidate typed a title (an
    accountant moving up to management control may be shown accounting as a close job)."""
    if not occupations or titled:
        return frozenset()
    if occupations[0].source != SOUGHT:
        if not says_change(text):  # nothing is left: spare reading the text's titles
            return frozenset()
        left = jobs_left(text, reader.mentions(text))
        return frozenset(left - {reader.family(item.code) for item in occupations})
    mentions = reader.mentions(text)
    named = {family for mention in mentions if not mention.sought for family in mention.shares}
    latest = latest_job_family(text, reader)
    sought = {reader.family(item.code) for item in occupations if item.source == SOUGHT}
    return frozenset(named | ({latest} if latest else set())) - sought


def _blended(
    reader: OccupationReader, text_scores: dict[str, float], shares: dict[str, float], told: str
) -> list[CandidateOccupation]:
    """The three likeliest families by what the text says (`told`: a title, or the text) and the offers' vote."""
    if text_scores:
        scores = {
            family: TEXT_WEIGHT * text_scores.get(family, 0.0) + VOTE_WEIGHT * shares.get(family, 0.0)
            for family in {*text_scores, *shares}
        }
    else:
        scores = shares
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    return [
        CandidateOccupation(
            code, reader.label(code), round(min(1.0, score), 3), told if code in text_scores else "neighbours"
        )
        for code, score in ranked[:3]
        if score >= 0.1
    ]


def _filed_by_offers(
    reader: OccupationReader, title: str, named: Sequence[CandidateOccupation]
) -> list[CandidateOccupation]:
    """The occupations the offers file a title under, when the referential names another one.

    ROME files the appellation "Commercial / Commerciale" under D1410 (attaché commercial); offers titled
    "Commercial sédentaire", "Commercial BtoB"... are filed by France Travail under D1403 and D1402. A
    candidate who writes "commercial" means those jobs too: the families of the offers' titles that start
    with the candidate's words are added, a little below the referential's reading, when none of them is it.
    """
    key = title_key(title)
    titles = [code for words, code in reader.taught.items() if len(words) > len(key) and words[: len(key)] == key]
    filed = {reader.family(code) for code in titles}
    if len(titles) < OFFER_TITLES_MIN or filed & {reader.family(item.code) for item in named}:
        return []
    sure = round(OFFER_FILING_SHARE * named[0].confidence, 3)
    return [CandidateOccupation(family, reader.label(family), sure, "offers") for family in sorted(filed)]


def _reading_key(
    *,
    title: str,
    text: str,
    rome_code: str,
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    version: object,
) -> str:
    digest = hashlib.sha256()
    for part in (READING_RULES, str(model.pk), model.weights_checksum, rome_code, title, text, repr(version)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    digest.update(np.asarray(vector, dtype=np.float32).tobytes())
    return f"matching:reading:{digest.hexdigest()}"


def candidate_reading(
    *,
    title: str,
    text: str,
    rome_code: str = "",
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    reader: OccupationReader | None = None,
) -> list[CandidateOccupation]:
    """`candidate_occupations`, read once per profile content: cached under a key of all it depends on."""
    reader = reader or occupation_reader()
    key = _reading_key(title=title, text=text, rome_code=rome_code, vector=vector, model=model, version=reader.version)
    cached = cache.get(key)
    if cached is not None:
        return [CandidateOccupation(*row) for row in cached]
    found = candidate_occupations(
        title=title, text=text, rome_code=rome_code, vector=vector, model=model, reader=reader
    )
    cache.set(key, [astuple(item) for item in found], READING_CACHE_SECONDS)
    return found
