"""factory_boy factories for the models of every app."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from offers.models import Commune, ContractType, Occupation, Offer, OfferSource, Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"candidat{n}@example.fr")
    email = factory.LazyAttribute(lambda user: user.username)
    password = factory.django.Password("un mot de passe solide 2026")


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ("code",)

    code = "D1102"
    label = "Boulanger / Boulangère"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)

    insee_code = "34172"
    name = "Montpellier"
    normalized_name = "montpellier"
    departement = "34"
    postcodes = factory.LazyFunction(lambda: ["34000", "34070", "34080", "34090"])
    latitude = 43.6119
    longitude = 3.8772


# A candidate profile near CommuneFactory's Montpellier: a baker wanting a CDI within 50 km.
BAKER_PROFILE = {
    "wanted_title": "Boulangère",
    "skills": ["Pétrir la pâte"],
    "presentation": "Boulangère, 5 ans de fournil, pain au levain et viennoiseries.",
    "commune_insee": "34172",
    "radius_km": 50,
    "contract_types": ["cdi"],
}


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    title = factory.Sequence(lambda n: f"Boulanger H/F {n}")
    description = "Nous recherchons un boulanger pour la fabrication du pain et des viennoiseries."
    company = "Boulangerie du Marché"
    city = "Montpellier"
    postcode = "34000"
    departement = "34"
    commune_insee = "34172"
    latitude = 43.6119
    longitude = 3.8772
    contract_type = ContractType.CDI
    rome_code = "D1102"
    rome_label = "Boulanger / Boulangère"
    skills = factory.LazyFunction(lambda: ["Pétrir la pâte", "Cuire des pâtons"])
    sources = factory.LazyFunction(lambda: [Source.FRANCE_TRAVAIL])
    published_at = factory.LazyFunction(timezone.now)


class OfferSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferSource

    offer = factory.SubFactory(OfferFactory)
    source = Source.FRANCE_TRAVAIL
    external_id = factory.Sequence(lambda n: f"{100000 + n}X")
    url = factory.LazyAttribute(lambda o: f"https://candidat.francetravail.fr/offres/recherche/detail/{o.external_id}")
    source_updated_at = factory.LazyFunction(timezone.now)


def api_token_for(user) -> str:
    """The key of a new API token of the account, as `POST /api/auth/token/` would give it."""
    from candidates.tokens import api_token_create

    return api_token_create(user=user, name="tests")[1]
