"""Place names compare whatever their case, accents, hyphens, apostrophes, "St"/"Saint" or "Cedex"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from offers.geography.names import arrondissement_parts, fold, place_key


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("ST-JEAN-DE-VÉDAS", "Saint-Jean-de-Védas"),
        ("st jean de vedas", "Saint-Jean-de-Védas"),
        ("Ste Foy lès Lyon", "Sainte-Foy-lès-Lyon"),
        ("L ISLE SUR LA SORGUE", "L'Isle-sur-la-Sorgue"),
        ("montpellier cedex 2", "Montpellier"),
        ("Œuilly", "Oeuilly"),
        ("  Saint   Étienne ", "Saint-Étienne"),
    ],
)
def test_spellings_of_one_name_have_one_key(typed, official):
    assert place_key(typed) == place_key(official)


def test_names_that_differ_keep_different_keys():
    assert place_key("Saint-Denis") != place_key("Saint-Deni")
    assert place_key("Paris") != place_key("Parisot")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("paris 19e", ("paris", 19)),
        ("paris 19", ("paris", 19)),
        ("paris 08", ("paris", 8)),
        ("paris 1er arrondissement", ("paris", 1)),
        ("lyon 3eme", ("lyon", 3)),
        ("lyon 3 eme arr", ("lyon", 3)),
        ("marseille 13e arrondissement", ("marseille", 13)),
        ("paris xixe", ("paris", 19)),
        ("paris iv", ("paris", 4)),
        ("montpellier", None),
        ("paris", None),
    ],
)
def test_arrondissement_numbers_are_read_in_every_usual_form(typed, expected):
    assert arrondissement_parts(place_key(typed)) == expected


def _variant(name: str, data: st.DataObject) -> str:
    """A way a person or a source may write `name`."""
    text = name
    if data.draw(st.booleans()):
        text = fold(text)  # accents dropped
    if data.draw(st.booleans()):
        text = text.replace("-", " ")
    if data.draw(st.booleans()):
        text = text.replace("Saint-", "St-").replace("Saint ", "St ").replace("Sainte-", "Ste-")
    case = data.draw(st.sampled_from(["upper", "lower", "keep"]))
    text = text.upper() if case == "upper" else text.lower() if case == "lower" else text
    spaces = data.draw(st.sampled_from(["", " ", "  "]))
    return f"{spaces}{text}{spaces}"


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_spelling_variant_of_a_real_commune_name_keeps_its_key(commune_rows, data):
    name = data.draw(st.sampled_from([row["NAME"] for row in commune_rows]))
    assert place_key(_variant(name, data)) == place_key(name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_the_key_of_any_text_is_plain_words(text):
    key = place_key(text)
    assert key == key.strip()
    assert all(word.isalnum() and word.isascii() and word.islower() or word.isdigit() for word in key.split())
