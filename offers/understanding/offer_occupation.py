"""An offer's occupation as the project reads it: the ROME code its source gave (France Travail), unless
its title plainly names another family, else the one its title names (Adzuna gives none), its description
choosing among the families a loose title leaves open ("Responsable de secteur": home care, property, cleaning...).

Stored on every offer (`Offer.occupation_code`, `occupation_confidence`) at each upsert, so that the
recommendations find an Adzuna "Peintre (H/F)" among a painter's occupation whatever its text says;
`manage.py read_occupations` reads them again after the referential changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.db import connection

from offers.understanding.occupations import OccupationGuess, OccupationReader

# A title must name a family this surely to be believed over the source's code (a partner board files
# "Conducteur routier" under J1412), or to give an offer without a code its occupation.
OVER_THE_CODE = 0.9
WITHOUT_A_CODE = 0.4


@lru_cache(maxsize=100_000)
def _title_read(reader: OccupationReader, title: str) -> tuple[OccupationGuess, ...]:
    return tuple(reader.offer_title_reading(title))


def offer_occupation_read(
    reader: OccupationReader, title: str, rome_code: str, description: str = ""
) -> tuple[str, float]:
    """(ROME code, confidence 0..1) of an offer's job; ("", confidence) when its title and description say too
    little. The title's reading is kept per title; the description weighs only where it leaves several families
    open (`OccupationReader.by_description`)."""
    guesses = list(_title_read(reader, title))
    if not rome_code:
        # With a source's code, only a title read surely overrules it: the description chooses nothing then.
        guesses = reader.by_description(title, guesses, description)
    named = guesses[0] if guesses else None
    if rome_code:
        if named and named.confidence >= OVER_THE_CODE and reader.family(named.code) != reader.family(rome_code):
            return named.code, named.confidence
        return rome_code, 1.0
    if named and named.confidence >= WITHOUT_A_CODE:
        return named.code, named.confidence
    return "", named.confidence if named else 0.0


BATCH = 5000


def offers_occupations_refresh(*, progress: Callable[[int, int], None] = lambda done, total: None) -> int:
    """Read every offer's occupation again (after `load_rome`, or for offers stored before it was kept);
    returns how many changed."""
    from offers.models import Offer
    from offers.understanding.occupations import occupation_reader, occupation_reader_reset

    occupation_reader_reset()  # the referential may have changed a moment ago, in this process
    reader = occupation_reader()
    total = Offer.objects.count()
    changed = done = 0
    last_id = 0
    while True:
        rows = list(
            Offer.objects.filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", "title", "rome_code", "description", "occupation_code", "occupation_confidence")[:BATCH]
        )
        if not rows:
            return changed
        updates = []
        for pk, title, rome_code, description, stored, confidence in rows:
            code, sure = offer_occupation_read(reader, title, rome_code, description)
            if (code, round(sure, 3)) != (stored, round(confidence, 3)):
                updates.append((pk, code, sure))
        if updates:
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE offers_offer o SET occupation_code = v.code, occupation_confidence = v.sure"
                    " FROM unnest(%s::bigint[], %s::text[], %s::float8[]) AS v(id, code, sure) WHERE o.id = v.id",
                    [[u[0] for u in updates], [u[1] for u in updates], [u[2] for u in updates]],
                )
        changed += len(updates)
        done += len(rows)
        last_id = rows[-1][0]
        progress(done, total)
