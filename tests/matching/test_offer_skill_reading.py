"""An offer's text read once for its skills and kept (offer_skill_reading.py): the same reading as a fresh one, used
only while the reader's rules and the text are those it was made of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.explanations import CandidateContext, skills_compared
from matching.services import offer_embeddings_refresh
from offers.models import Offer, OfferSkillReading, OfferStatus
from offers.understanding import offer_skill_reading as kept
from offers.understanding.offer_skill_reading import (
    offer_readings_fetch,
    offer_readings_forget,
    offer_skill_readings_refresh,
    offer_text_read,
    offer_text_skills,
    reading_from_stored,
    reading_key,
    reading_stored,
)
from offers.understanding.skills import skill_reader
from tests.factories import OfferFactory

EVALUATION_OFFERS = Path(__file__).resolve().parents[2] / "matching" / "evaluation" / "offers.json"
# Texts that fill every part of a reading: a pending licence (`parts`, `pending`), language levels, tools.
UGLY_TEXTS = [
    ("Chauffeur poids lourd H/F", "Permis C exigé, permis CE en cours accepté. FIMO à jour. Anglais courant apprécié."),
    ("Développeur Java", "Java, Spring, Git ; notions d'anglais. Pas de JavaScript. CACES 3 en cours d'obtention."),
    ("Serveur", ""),
    ("", "Accueil des clients, encaissement, mise en place de la salle ; débutant accepté."),
]


@pytest.fixture(autouse=True)
def _fresh_process():
    offer_readings_forget()
    yield
    offer_readings_forget()


def _texts() -> list[tuple[str, str]]:
    offers = json.loads(EVALUATION_OFFERS.read_text(encoding="utf-8"))
    return UGLY_TEXTS + [(offer["title"], offer["description"]) for offer in offers]


def test_a_kept_reading_is_the_reading_itself_for_every_evaluation_offer():
    reader = skill_reader()
    texts = _texts()
    assert len(texts) > 300
    filled = {"parts": 0, "levels": 0, "pending": 0, "statements": 0}
    for title, description in texts:
        fresh = offer_text_read(title, description)
        stored = json.loads(json.dumps(reading_stored(fresh)))  # through JSON, as the database keeps it
        assert reading_from_stored(stored, reader) == fresh, title
        for part in filled:
            filled[part] += bool(getattr(fresh, part))
    # The texts exercise every part of a reading, not only its words.
    assert all(filled.values()), filled


@pytest.mark.django_db
def test_the_refresh_keeps_readings_of_open_offers_listing_no_skill_and_only_reads_what_changed():
    adzuna = OfferFactory(skills=[], description=UGLY_TEXTS[0][1], title=UGLY_TEXTS[0][0])
    other = OfferFactory(skills=[], description=UGLY_TEXTS[1][1], title=UGLY_TEXTS[1][0])
    listed = OfferFactory()
    closed = OfferFactory(skills=[], status=OfferStatus.CLOSED)
    assert offer_skill_readings_refresh() == 2
    assert set(OfferSkillReading.objects.values_list("offer_id", flat=True)) == {adzuna.pk, other.pk}
    row = OfferSkillReading.objects.get(offer=adzuna)
    # The key PostgreSQL compared is the one a request computes.
    assert row.key == reading_key(adzuna.title, adzuna.description)
    assert reading_from_stored(row.reading, skill_reader()) == offer_text_read(adzuna.title, adzuna.description)
    assert offer_skill_readings_refresh() == 0

    Offer.objects.filter(pk=other.pk).update(description="Maîtrise de Python et de Django.")
    assert offer_skill_readings_refresh() == 1
    assert OfferSkillReading.objects.get(offer=other).key == reading_key(
        other.title, "Maîtrise de Python et de Django."
    )

    # An offer that closed, or now lists its skills, loses its reading.
    Offer.objects.filter(pk=adzuna.pk).update(status=OfferStatus.CLOSED)
    Offer.objects.filter(pk=other.pk).update(skills=["Développer en Python"])
    assert offer_skill_readings_refresh() == 0
    assert not OfferSkillReading.objects.exists()
    assert listed.pk and closed.pk


@pytest.mark.django_db
def test_new_rules_read_every_offer_again(monkeypatch):
    offer = OfferFactory(skills=[])
    assert offer_skill_readings_refresh() == 1
    old_key = OfferSkillReading.objects.get(offer=offer).key
    monkeypatch.setattr(kept, "skill_rules_version", lambda: "another-release")
    assert offer_skill_readings_refresh() == 1
    assert OfferSkillReading.objects.get(offer=offer).key not in ("", old_key)


def _doctored(offer: Offer, *, key: str) -> None:
    """A kept reading that says the offer's text names Python, which it does not."""
    reading = reading_stored(skill_reader().profile(skills=["Python"], implied=False))
    OfferSkillReading.objects.update_or_create(offer=offer, defaults={"key": key, "reading": reading})


@pytest.mark.django_db
def test_a_page_compares_with_the_kept_reading_while_its_key_matches():
    offer = OfferFactory(skills=[], title="Serveur H/F", description="Service en salle et au bar.")
    context = CandidateContext(skills=("Python",))
    profile = skill_reader().profile(skills=context.skills)
    _doctored(offer, key=reading_key(offer.title, offer.description))
    assert offer_readings_fetch([offer]) == 1
    # Fetched once, the reading is the one compared (here a doctored one, to tell them apart).
    assert skills_compared(offer, context=context, profile=profile) == (["Python"], [])
    assert offer_readings_fetch([offer]) == 0  # already in the process


@pytest.mark.django_db
def test_a_reading_of_other_rules_or_another_text_is_never_used():
    offer = OfferFactory(skills=[], title="Serveur H/F", description="Service en salle et au bar.")
    context = CandidateContext(skills=("Python",))
    profile = skill_reader().profile(skills=context.skills)
    _doctored(offer, key=reading_key(offer.title, "the text as it was before"))
    assert offer_readings_fetch([offer]) == 0
    assert skills_compared(offer, context=context, profile=profile) == ([], [])
    assert offer_text_skills(offer.title, offer.description) == offer_text_read(offer.title, offer.description)


@pytest.mark.django_db
def test_the_embedding_refresh_and_the_command_read_the_offers_texts(active_model, capsys):
    first = OfferFactory(skills=[])
    offer_embeddings_refresh()
    assert OfferSkillReading.objects.filter(offer=first).exists()
    second = OfferFactory(skills=[], description="Vente en boutique et encaissement.")
    call_command("read_offer_skills")
    assert "Offers' texts read: 1." in capsys.readouterr().out
    assert OfferSkillReading.objects.filter(offer=second).exists()
