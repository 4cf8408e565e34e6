"""The place field as people write it, on real communes (a few rows of the official file)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offers.geography.names import fold
from offers.search.places import PlaceKind, PlaceNotFound, place_resolve
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

PARIS_ARRONDISSEMENTS = tuple(f"751{n:02d}" for n in range(1, 21))
COMMUNES = ("Paris", *PARIS_ARRONDISSEMENTS, "Lyon", "69383", "Montpellier", "Lunel", "Sète", "Saint-Étienne",
            "Saint-Denis", "Vienne", "Saint-Jean-de-Védas", "L'Isle-sur-la-Sorgue", "Le Puy-en-Velay",
            "Les Sables-d'Olonne", "Champagne")  # fmt: skip


@pytest.fixture
def communes(load_communes):
    return load_communes(*COMMUNES)


def test_a_city_with_arrondissements_means_the_whole_city(communes):
    place = place_resolve("Paris")
    assert place.kind == PlaceKind.CITY
    assert set(place.insee_codes) == {"75056", *PARIS_ARRONDISSEMENTS}
    assert "75019" in place.postcodes and place.located


@pytest.mark.parametrize(
    "typed", ["Paris 19e", "Paris 19", "PARIS 19", "paris 19ème", "Paris XIXe", "75019", "Paris (75019)",
              "Paris 19e Arrondissement", "paris 19 arr"],
)  # fmt: skip
def test_an_arrondissement_however_written(communes, typed):
    place = place_resolve(typed)
    assert place.kind == PlaceKind.ARRONDISSEMENT and place.insee_codes == ("75119",)


@pytest.mark.parametrize(
    ("typed", "insee"),
    [("isle sur la sorgue", "84054"), ("Isle-sur-la-Sorgue", "84054"), ("L'Isle-sur-la-Sorgue", "84054"),
     ("Puy en Velay", "43157"), ("Sables d'Olonne", "85194"), ("les sables d olonne", "85194")],
)  # fmt: skip
def test_a_commune_typed_without_its_article(communes, typed, insee):
    assert place_resolve(typed).insee_codes == (insee,)


@pytest.mark.parametrize(
    ("typed", "departements", "region"),
    [("Rhône-Alpes", {"01", "07", "26", "38", "42", "69", "73", "74"}, "84"), ("midi pyrenees", {"31", "09"}, "76"),
     ("Alsace", {"67", "68"}, "44"), ("Nord-Pas-de-Calais", {"59", "62"}, "32"), ("20", {"2A", "2B"}, "94"),
     ("DOM", {"971", "972", "973", "974", "976"}, ""), ("Outre-mer", {"971", "972", "973", "974", "976"}, "")],
)  # fmt: skip
def test_a_former_region_or_the_overseas_departements_mean_their_departements(communes, typed, departements, region):
    place = place_resolve(typed)
    assert place.kind == PlaceKind.REGION and place.region == region
    assert departements <= set(place.departements)


def test_a_commune_named_like_a_former_region_alias_stays_a_commune(communes):
    assert place_resolve("Champagne").kind == PlaceKind.COMMUNE
    assert place_resolve("Pays de Loire").region == "52"


def test_lyon_3e(communes):
    assert place_resolve("Lyon 3e").insee_codes == ("69383",)
    assert place_resolve("69003").insee_codes == ("69383",)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("34", "34"), ("Hérault", "34"), ("herault", "34"), ("HÉRAULT", "34"), ("Loire-Atlantique", "44"),
     ("loire atlantique", "44"), ("2A", "2A"), ("2b", "2B"), ("1", "01"), ("974", "974"), ("Bouches du Rhône", "13")],
)  # fmt: skip
def test_a_departement_by_number_or_name(communes, typed, code):
    place = place_resolve(typed)
    assert place.kind == PlaceKind.DEPARTEMENT and place.departement == code


@pytest.mark.parametrize(("typed", "code"), [("Occitanie", "76"), ("ile-de-france", "11"), ("PACA", "93")])
def test_a_region_by_name(communes, typed, code):
    place = place_resolve(typed)
    assert place.kind == PlaceKind.REGION and place.region == code
    assert "34" in place.departements if code == "76" else True


@pytest.mark.parametrize("typed", ["France entière", "france entiere", "Toute la France", "FRANCE"])
def test_all_of_france(communes, typed):
    assert place_resolve(typed).is_everywhere


@pytest.mark.parametrize(
    ("typed", "insee"),
    [("St Etienne", "42218"), ("SAINT-ÉTIENNE", "42218"), ("saint etienne", "42218"), ("St-Jean-de-Vedas", "34270"),
     ("ST JEAN DE VEDAS", "34270"), ("l isle sur la sorgue", "84054"), ("Montpellier (34)", "34172"),
     ("Montpellier 34000", "34172"), ("34000 Montpellier", "34172"), ("Montpellier Cedex 1", "34172"),
     ("Sete", "34301"), ("Saint-Denis (93)", "93066"), ("Saint-Denis (974)", "97411"), ("Lunel, Hérault", "34145"),
     ("Saint-Denis, 93", "93066"), ("34 - Montpellier", "34172"), ("Saint-Denis (La Réunion)", "97411")],
)  # fmt: skip
def test_communes_whatever_the_spelling(communes, typed, insee):
    assert place_resolve(typed).insee_codes == (insee,)


def test_homonyms_go_to_the_one_with_most_offers_and_name_the_others(communes):
    OfferFactory.create_batch(2, commune_insee="97411", departement="974")
    place = place_resolve("Saint-Denis")
    assert place.insee_codes == ("97411",)
    assert "Saint-Denis (93)" in place.others


def test_a_departement_name_that_is_also_a_town_elsewhere(communes):
    place = place_resolve("Vienne")
    assert place.kind == PlaceKind.DEPARTEMENT and place.departement == "86"
    assert "Vienne (38)" in place.others
    assert place_resolve("Vienne (38)").insee_codes == ("38544",)


@pytest.mark.parametrize("typed", ["Atlantide", "Paris 25e", "99", "975", "Montpellier (2C)", "12345"])
def test_unknown_places_are_refused(communes, typed):
    with pytest.raises(PlaceNotFound):
        place_resolve(typed)


def test_a_misspelt_place_comes_with_suggestions(communes):
    with pytest.raises(PlaceNotFound) as error:
        place_resolve("Montpelier")
    assert "Montpellier (34)" in error.value.suggestions
    with pytest.raises(PlaceNotFound) as error:
        place_resolve("Herrault")
    assert "Hérault (34)" in error.value.suggestions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_usual_spelling_of_a_loaded_commune_resolves_to_it(communes, data):
    commune = data.draw(st.sampled_from([c for c in communes if not c.is_district]))
    text = commune.name
    if data.draw(st.booleans()):
        text = fold(text)
    if data.draw(st.booleans()):
        text = text.replace("-", " ").replace("Saint ", "St ")
    text = data.draw(st.sampled_from([text.upper(), text.lower(), text]))
    hint = data.draw(st.sampled_from(["", f" ({commune.departement})", f" {commune.postcodes[0]}"]))
    place = place_resolve(text + hint)
    if hint:
        assert commune.insee_code in place.insee_codes
    else:  # a homonym ("Saint-Denis", "Vienne") may be another one, then it is proposed
        assert commune.insee_code in place.insee_codes or str(commune) in place.others


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_is_a_place_or_place_not_found(communes, text):
    try:
        place = place_resolve(text)
    except PlaceNotFound:
        return
    assert place.label
