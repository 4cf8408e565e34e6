"""How an offer's occupation stands to the candidate's: same, close (one ROME subdomain), linked (a ROME mobility
link across subdomains), other or unknown; and which close or linked ones are not alike enough in trade to be
shown to a candidate whose occupation is clear (`occupation_affinity`). Used by the ranking (`matching.ranking`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from matching.models import EmbeddingModel
from matching.occupation_affinity import occupation_affinities
from matching.reading import CandidateOccupation
from offers.understanding.occupations import OccupationReader
from offers.understanding.skills import SkillProfile, skill_reader

SECOND_OCCUPATION_SHARE = 0.4  # tuned on evaluate_matching (0.6: recall@10 0.924, 0.4: 0.930)


def counted_readings(wanted: Sequence[CandidateOccupation]) -> list[CandidateOccupation]:
    """The candidate's readings that count: a second one only when it is nearly as likely as the first (a
    profile between two jobs)."""
    return [w for w in wanted if w.confidence >= SECOND_OCCUPATION_SHARE * wanted[0].confidence]


def occupation_fit(
    reader: OccupationReader, wanted: Sequence[CandidateOccupation], offered: Sequence[str]
) -> tuple[str, float]:
    """(same | close | linked | other | unknown, how sure) of an offer's occupation(s) against the candidate's."""
    offered = [code for code in offered if code]
    if not wanted or not offered:
        return "unknown", 0.0
    wanted = counted_readings(wanted)
    for relation in ("same", "close", "linked"):
        sure = max(
            (w.confidence for w in wanted for code in offered if relation_tier(reader, w.code, code) == relation),
            default=0.0,
        )
        if sure:
            return relation, sure
    return "other", wanted[0].confidence


def relation_tier(reader: OccupationReader, wanted: str, offered: str) -> str:
    """same (one ROME family), close (one ROME subdomain, "D11" of D1102 bakers and D1106 food sellers),
    linked (a ROME mobility link across subdomains) or other."""
    relation = reader.relation(wanted, offered)
    if relation == "same":
        return relation
    if wanted[:3] == offered[:3]:
        return "close"
    return "linked" if relation == "close" else "other"


def offered_occupations(reader: OccupationReader, occupation: str, rome_code: str) -> tuple[str, ...]:
    """An offer's occupations: the one read, and its source's code when the title named another one of the
    same ROME subdomain (v3's K2204 "Laveur de vitres", which v4.60 files under K2202: both are right) or one
    ROME links to it (v3 filed "Directeur commercial" under D1406, directors of sales; v4.60 under M1715).
    A code ROME does not tie to the title's is a misfiling ("Conducteur routier" under J1412) and does not count."""
    if not rome_code or rome_code == occupation or not occupation:
        return (occupation,)
    if rome_code[:3] == occupation[:3] or reader.relation(occupation, rome_code) != "other":
        return occupation, rome_code
    return (occupation,)


def unlike_trades(
    model: EmbeddingModel,
    weights: dict[str, float],
    wanted: Sequence[CandidateOccupation],
    fits: dict[int, tuple[str, float]],
    offered_of: dict[int, tuple[str, ...]],
    similarity: dict[int, float],
    *,
    among: Iterable[int],
) -> set[int]:
    """The offers `among` those within reach (`fits`) of a close or linked occupation whose trade is not alike
    the candidate's: their affinity (`occupation_affinity`) under the fit's floor. An occupation without a
    definition is not judged, nor an offer nearer in meaning to the candidate than every offer of their own
    occupation within reach: the reading may then be what is wrong (a title read as a neighbouring trade)."""
    own = max((similarity[offer_id] for offer_id, (fit, _) in fits.items() if fit == "same"), default=None)
    judged = {
        offer_id: fit
        for offer_id in among
        if (fit := fits[offer_id][0]) in ("close", "linked")
        and weights[f"{fit}_occupation_affinity"] > -1.0
        and (own is None or similarity[offer_id] < own)
    }
    if not judged:
        return set()
    codes = [w.code for w in counted_readings(wanted)]
    affinity = occupation_affinities(model, codes, {code for offer_id in judged for code in offered_of[offer_id]})
    unlike = set()
    for offer_id, fit in judged.items():
        known = [affinity[code] for code in offered_of[offer_id] if code in affinity]
        if known and max(known) < weights[f"{fit}_occupation_affinity"]:
            unlike.add(offer_id)
    return unlike


def lacks_craft_qualification(
    reader: OccupationReader, wanted: Sequence[CandidateOccupation], offered: Sequence[str], said: str
) -> bool:
    """Whether an offer's occupation is a craft one enters with its diploma (`craft_access`: a baker's CAP, a
    beautician's) that the candidate neither holds by their own trade nor names in what they wrote (`said`: title,
    skills, text): a food seller is shown no baker's offer, a hairdresser no beautician's, a butcher with a "CAP
    boulanger" the baker's."""
    crafts = [reader.crafts.get(code) for code in offered if code]
    if not crafts or None in crafts:
        return False
    own = [craft for reading in wanted if (craft := reader.crafts.get(reading.code))]
    return not any(any(craft.same_trade(mine) for mine in own) or craft.shown_by(said) for craft in crafts if craft)


# Licences most adults hold, or that an employer gives on the job: no gate to another trade's offer.
EVERYONE_S_LICENCES = frozenset(["permis_b", "sst", "psc1", "pse", "first_aid"])


def lacks_title_licence(title: str, profile: SkillProfile) -> bool:
    """Whether an offer's title names a licence the candidate does not show ("Cariste CACES 3" to a truck driver who
    lists no CACES, "Chauffeur super lourd" to a van driver): an offer of a close or linked occupation they cannot
    take."""
    return not _title_licences(title) <= profile.concepts


@lru_cache(maxsize=20_000)
def _title_licences(title: str) -> frozenset[str]:
    """The licences an offer's title names (kept per title: the pool of every request repeats titles; the concepts
    are the skill reader's data files, fixed for the process)."""
    reader = skill_reader()
    return frozenset(
        concept
        for concept in reader.concepts_in(title, implied_licences=False)
        if reader.concepts[concept].kind == "licence" and concept not in EVERYONE_S_LICENCES
    )
