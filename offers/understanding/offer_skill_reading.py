"""What an offer's text says of skills, read once and kept.

An offer that lists no skill (Adzuna's: about 40 % of the offers) is compared with a candidate's skills through its
title and description, read by the skill reader (`SkillReader.profile`). Reading a description costs 1-3 ms, paid
at the offer's first showing in each worker: a page of recommendations paid it for every such offer that worker
had not shown yet. The reading is therefore kept in the database (`OfferSkillReading`), made by the daily refresh
(`offer_skill_readings_refresh`, run by the embedding refresh and `manage.py read_offer_skills`), fetched in one
query for a page of offers (`offer_readings_fetch`) and kept per process (`offer_text_skills`).

A kept reading is used only while its key still matches: the MD5 of the reader's rules (`skill_rules_version`: the
reader's code and word lists) and of the text read. A release that changes a rule, or an offer whose text changed,
is read afresh at its showing until the refresh has stored the new reading: a reason never rests on a stale one.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import connection

from offers.understanding.skill_labels import SkillProfile
from offers.understanding.skills import SkillReader, skill_reader

if TYPE_CHECKING:
    from offers.models import Offer

_OFFERS = Path(__file__).resolve().parents[1]
# What the skill reader's reading of a text depends on: its code and word lists, the folding of words, the stemmer.
_RULES = ("understanding/*.py", "understanding/data/*.json", "search/*.py")
KEPT_IN_PROCESS = 4096
BATCH = 1000


@lru_cache(maxsize=1)
def skill_rules_version() -> str:
    """A digest of everything the reader's reading of a text depends on: any change reads every offer again."""
    digest = hashlib.sha256(f"snowballstemmer {version('snowballstemmer')}".encode())
    for path in sorted(p for pattern in _RULES for p in _OFFERS.glob(pattern)):
        digest.update(path.relative_to(_OFFERS).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key_prefix() -> str:
    return f"{skill_rules_version()}|"


def _offer_text(title: str, description: str) -> str:
    """The text read of an offer (the refresh's key, in SQL, joins the same parts the same way)."""
    return f"{title}\n{description}"


def reading_key(title: str, description: str) -> str:
    """The key of a reading: the MD5 (a change check, no secret) of the rules and the text, as PostgreSQL's `md5`
    computes it in the refresh."""
    return hashlib.md5(f"{_key_prefix()}{_offer_text(title, description)}".encode(), usedforsecurity=False).hexdigest()


def reading_stored(profile: SkillProfile) -> dict[str, Any]:
    """A reading as JSON; its stems are its statements' words, and its labels are read again from their texts."""
    return {
        "listed": [label.text for label in profile.listed],
        "parts": [label.text for label in profile.parts],
        "concepts": sorted(profile.concepts),
        "named": sorted(profile.named),
        "statements": profile.statements,
        "levels": profile.levels,
        "pending": sorted(profile.pending),
    }


def reading_from_stored(data: dict[str, Any], reader: SkillReader) -> SkillProfile:
    statements = [list(statement) for statement in data["statements"]]
    return SkillProfile(
        listed=[reader.label(text) for text in data["listed"]],
        parts=[reader.label(text) for text in data["parts"]],
        concepts=set(data["concepts"]),
        named=set(data["named"]),
        statements=statements,
        stems={word for statement in statements for word in statement},
        levels={concept: int(level) for concept, level in data["levels"].items()},
        pending=set(data["pending"]),
    )


def offer_text_read(title: str, description: str) -> SkillProfile:
    """The reader's reading of an offer's text: a licence only where it names it (an offer asking for the permit C
    names no B the candidate could be told of)."""
    return skill_reader().profile(text=_offer_text(title, description), implied=False)


_read: OrderedDict[str, SkillProfile] = OrderedDict()
_read_lock = threading.Lock()


def _keep(key: str, profile: SkillProfile) -> None:
    with _read_lock:
        _read[key] = profile
        _read.move_to_end(key)
        while len(_read) > KEPT_IN_PROCESS:
            _read.popitem(last=False)


def offer_text_skills(title: str, description: str) -> SkillProfile:
    """What an offer's text shows (never mutated): as this process read it or fetched it, else read now."""
    key = reading_key(title, description)
    with _read_lock:
        found = _read.get(key)
        if found is not None:
            _read.move_to_end(key)
            return found
    found = offer_text_read(title, description)
    _keep(key, found)
    return found


def offer_readings_fetch(offers: Iterable[Offer]) -> int:
    """The kept readings of those offers (those listing no skill, not yet in this process) whose key still
    matches, in one query, for `offer_text_skills`; returns how many were found."""
    from offers.models import OfferSkillReading

    wanted: dict[int, str] = {}
    for offer in offers:
        if not offer.skills:
            key = reading_key(offer.title, offer.description)
            if key not in _read:
                wanted[offer.pk] = key
    if not wanted:
        return 0
    with connection.cursor() as cursor:
        # A plain statement: the ORM's compilation would cost more than the look-up (a page's request, 0.5 ms).
        cursor.execute(
            f"SELECT offer_id, key, reading FROM {OfferSkillReading._meta.db_table} WHERE offer_id = ANY(%s)",
            [list(wanted)],
        )
        rows = cursor.fetchall()
    reader = skill_reader()
    found = 0
    for offer_id, key, data in rows:
        if wanted[offer_id] == key:
            # Django's driver hands JSON columns over as text.
            _keep(key, reading_from_stored(json.loads(data) if isinstance(data, str) else data, reader))
            found += 1
    return found


def offer_readings_forget() -> None:
    """Forget what this process read (tests, and a process whose word lists changed)."""
    with _read_lock:
        _read.clear()


def offer_skill_readings_refresh(*, progress: Callable[[int, int], None] = lambda done, total: None) -> int:
    """Read the open offers listing no skill whose kept reading is missing or no longer matches (new offers, new
    texts, new rules), and drop those of closed offers or offers that now list skills; returns how many were read."""
    from django.db.models import Exists, OuterRef, TextField, Value
    from django.db.models.functions import MD5, Concat

    from offers.models import Offer, OfferSkillReading, OfferStatus

    # Those of offers closed, or now listing skills: one statement.
    OfferSkillReading.objects.exclude(offer__status=OfferStatus.OPEN, offer__skills=[]).delete()
    current = OfferSkillReading.objects.filter(
        offer=OuterRef("pk"),
        key=MD5(
            Concat(
                Value(_key_prefix()), OuterRef("title"), Value("\n"), OuterRef("description"), output_field=TextField()
            )
        ),
    )
    stale = Offer.objects.filter(status=OfferStatus.OPEN, skills=[]).exclude(Exists(current))
    total = stale.count()
    done = last_id = 0
    # One reading per text: an employer posts one text in many towns.
    by_key: dict[str, dict[str, Any]] = {}
    while True:
        rows = list(stale.filter(pk__gt=last_id).order_by("pk").values_list("pk", "title", "description")[:BATCH])
        if not rows:
            return done
        if len(by_key) > 10 * BATCH:
            by_key.clear()
        readings = []
        for pk, title, description in rows:
            key = reading_key(title, description)
            if key not in by_key:
                by_key[key] = reading_stored(offer_text_read(title, description))
            readings.append(OfferSkillReading(offer_id=pk, key=key, reading=by_key[key]))
        OfferSkillReading.objects.bulk_create(
            readings,
            update_conflicts=True,
            unique_fields=["offer"],
            update_fields=["key", "reading"],
        )
        done += len(rows)
        last_id = rows[-1][0]
        progress(done, total)
