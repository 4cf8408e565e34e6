"""search_params_from_query / OfferSearchForm: every parameter validated, French messages."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from offers.forms import SearchParamsError, search_params_from_query
from offers.search.params import SortOrder
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_a_full_query_becomes_search_parameters():
    CommuneFactory()
    query = QueryDict(
        "q=boulanger&lieu=Montpellier&rayon=20&contrat=cdi&contrat=cdd&experience=junior&secteur=Boulangerie"
        "&rome=d1102&salaire_min=25000&teletravail=on&depuis=7&source=adzuna&tri=salaire&page=2"
    )

    params = search_params_from_query(query)

    assert params.q == "boulanger"
    assert params.place.insee_codes == ("34172",)
    assert params.radius_km == 20
    assert params.contract_types == ("cdi", "cdd")
    assert params.seniorities == ("junior",)
    assert (params.domain, params.rome_code, params.salary_min) == ("Boulangerie", "D1102", 25000)
    assert (params.remote, params.published_within_days, params.sources) == (True, 7, ("adzuna",))
    assert (params.sort, params.page, params.include_closed) == (SortOrder.SALARY, 2, False)


def test_an_empty_query_means_every_open_offer_newest_first():
    params = search_params_from_query(QueryDict(""))

    assert params.place is None and not params.include_closed
    assert params.effective_sort == SortOrder.NEWEST


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("contrat=permanent", "contrat", "n'est pas une valeur possible"),
        ("salaire_min=beaucoup", "salaire_min", "montant annuel"),
        ("salaire_min=-5", "salaire_min", "supérieure ou égale à 0"),
        ("rome=XYZ", "rome", "une lettre et quatre chiffres"),
        ("lieu=Atlantide", "lieu", "Lieu inconnu"),
        ("rayon=7", "rayon", "n'est pas une valeur possible"),
        ("depuis=1000", "depuis", "n'est pas une valeur possible"),
        ("tri=prix';DROP TABLE offers_offer;--", "tri", "n'est pas une valeur possible"),
        ("page=0", "page", "supérieure ou égale à 1"),
        ("q=" + "x" * 300, "q", "au plus 200 caractères"),
    ],
)
def test_a_bad_value_is_reported_in_french_on_its_field(query, field, message):
    with pytest.raises(SearchParamsError) as error:
        search_params_from_query(QueryDict(query))

    assert list(error.value.errors) == [field]
    assert message in " ".join(error.value.errors[field])
