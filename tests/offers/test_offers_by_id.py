"""offers_by_id: the shown offers loaded whole by a plain statement, as the ORM would load them."""

from __future__ import annotations

import pytest

from offers.catalogue import offers_by_id
from offers.models import Offer, OfferStatus
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_every_field_is_what_the_orm_loads_arrays_dates_and_nulls_included():
    full = OfferFactory(
        skills=["Java", "Utiliser un outil de gestion de versions (Git)"],
        soft_skills=["Travail en équipe"],
        sources=["france_travail", "adzuna"],
        salary_min=32000,
        salary_max=None,
        latitude=45.764,
        longitude=4.8357,
        remote=True,
    )
    bare = OfferFactory(skills=[], salary_min=None, latitude=None, longitude=None, status=OfferStatus.CLOSED)
    loaded = offers_by_id([bare.pk, full.pk, full.pk])
    expected = Offer.objects.in_bulk([full.pk, bare.pk])
    assert sorted(loaded) == sorted(expected)
    for pk, offer in loaded.items():
        assert offer.get_deferred_fields() == set()
        for field in Offer._meta.concrete_fields:
            assert getattr(offer, field.attname) == getattr(expected[pk], field.attname), field.name
    assert loaded[full.pk].skills == ["Java", "Utiliser un outil de gestion de versions (Git)"]
    assert loaded[bare.pk].salary_min is None


def test_unknown_ids_are_left_out_and_no_id_asks_nothing(django_assert_num_queries):
    offer = OfferFactory()
    assert list(offers_by_id([offer.pk, offer.pk + 1000])) == [offer.pk]
    with django_assert_num_queries(0):
        assert offers_by_id([]) == {}
