"""Whatever JSON a source sends, a normaliser returns an offer or raises its own typed error."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.normalise import NORMALISERS, NormalisationError, NormalisedOffer
from tests.ingestion.payloads import adzuna_job, france_travail_offer

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _check(source: str, payload: Any) -> None:
    try:
        offer = NORMALISERS[source](payload)
    except NormalisationError as error:
        assert error.code and error.message
        return
    assert isinstance(offer, NormalisedOffer)
    assert offer.external_id and offer.title
    assert len(offer.title) <= 500 and len(offer.company) <= 255 and len(offer.external_id) <= 64
    if offer.salary_min is not None:
        assert offer.salary_max is not None and 0 < offer.salary_min <= offer.salary_max
    assert "\x00" not in offer.title + offer.description + offer.company + offer.city


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(json_values)
def test_arbitrary_json_never_breaks_the_france_travail_normaliser(payload: Any) -> None:
    _check("francetravail", payload)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(json_values)
def test_arbitrary_json_never_breaks_the_adzuna_normaliser(payload: Any) -> None:
    _check("adzuna", payload)


# Real-shaped payloads whose every field is replaced by arbitrary JSON: this reaches the
# nested readers (lieuTravail, salaire, location.area...) that random dicts rarely hit.
def _mutations(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(sorted(base)), json_values, max_size=6).map(lambda m: {**base, **m})


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=400)
@given(_mutations(france_travail_offer()))
def test_any_field_of_a_france_travail_offer_may_hold_any_json(payload: dict[str, Any]) -> None:
    _check("francetravail", payload)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=400)
@given(_mutations(adzuna_job()))
def test_any_field_of_an_adzuna_job_may_hold_any_json(payload: dict[str, Any]) -> None:
    _check("adzuna", payload)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(
    st.fixed_dictionaries(
        {"libelle": json_values, "latitude": json_values, "longitude": json_values, "codePostal": json_values}
    ),
    st.fixed_dictionaries({"libelle": json_values, "commentaire": json_values}),
)
def test_any_place_and_salary_objects_are_read_safely(place: dict[str, Any], salary: dict[str, Any]) -> None:
    _check("francetravail", france_travail_offer(lieuTravail=place, salaire=salary))
