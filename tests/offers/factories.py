"""Factories for the search tests (the shared ones live in tests/factories.py)."""

from __future__ import annotations

import factory

from offers.models import OccupationSoftSkill, OccupationTitle, SoftSkill
from tests.factories import OccupationFactory


class OccupationTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationTitle
        django_get_or_create = ("occupation", "label")

    occupation = factory.SubFactory(OccupationFactory)
    label = "Boulanger / Boulangère"
    short_label = factory.LazyAttribute(lambda title: title.label)


class SoftSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SoftSkill
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"soft_skill_{n % 100:02d}")
    summary = "Travail en équipe"
    details = "Coopérer avec les autres pour atteindre un but commun."


class OccupationSoftSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationSoftSkill
        django_get_or_create = ("rome_code", "soft_skill")

    rome_code = "D1102"
    soft_skill = factory.SubFactory(SoftSkillFactory)
    score = 0.8
