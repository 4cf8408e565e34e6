"""The map of /marche/: départements from the npm outlines, coloured by their offers, overseas
as insets, every offer accounted for, a click that searches the département."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from offers import france_map
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_the_outlines_come_from_the_npm_packages_with_the_five_overseas_departements():
    drawn = france_map.france_map()
    assert drawn is not None, "node_modules/@svg-maps missing: run `make test` (npm ci)"
    codes = {shape.code for shape in drawn.metropole}
    assert len(codes) == 96 and {"2A", "2B", "75", "34"} <= codes
    assert [shape.code for shape in drawn.overseas] == ["971", "972", "973", "974", "976"]
    assert {shape.name for shape in drawn.overseas} == {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"}


def test_path_bounds_of_absolute_and_relative_segments():
    assert france_map.path_bounds("m 10,10 5,0 0,5 z m 20,20 1,1 z") == (10, 10, 31, 31)
    assert france_map.path_bounds("M 1 2 L 3 4 H 0 V -1 Z") == (0, -1, 3, 4)
    with pytest.raises(ValueError):
        france_map.path_bounds("M 0 0 C 1 1 2 2 3 3")


@pytest.mark.parametrize(
    ("counts", "bounds"),
    [
        ([0, 0, 0], []),
        ([5, 5, 5], [5]),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 4, 6, 8, 10]),
        ([1, 1, 1, 1, 40], [1, 40]),
    ],
)
def test_colour_classes_are_quantiles_without_repeats(counts, bounds):
    assert france_map.class_bounds(counts) == bounds


def test_every_offer_is_on_the_map_or_said_to_be_elsewhere():
    choropleth = france_map.departement_choropleth({"34": 12, "974": 3, "975": 2, "": 4, "30": 1})
    by_code = {area.shape.code: area for area in (*choropleth.metropole, *choropleth.overseas)}
    assert by_code["34"].count == 12 and by_code["34"].level == max(area.level for area in by_code.values())
    assert by_code["974"].count == 3
    assert by_code["13"].count == 0 and by_code["13"].level == 0
    assert by_code["30"].region == by_code["34"].region == "Occitanie" and by_code["34"].region_count == 13
    assert choropleth.unplaced == 4
    assert choropleth.elsewhere == [("975", 2)]  # Saint-Pierre-et-Miquelon: not drawn, still counted
    on_map = sum(area.count for area in by_code.values())
    assert on_map + choropleth.unplaced + sum(count for _, count in choropleth.elsewhere) == 22


def test_the_market_page_draws_the_map_with_links_that_search_each_departement(client):
    OfferFactory.create_batch(2)  # Montpellier, Hérault
    OfferFactory(city="", postcode="", commune_insee="", departement="974", latitude=None, longitude=None)
    OfferFactory(city="", postcode="", commune_insee="", departement="", latitude=None, longitude=None)

    html = client.get("/marche/", {"q": "boulanger", "contrat": "cdi"}).content.decode()
    drawing = html[html.index('class="map-drawing"') :]
    assert 'href="/offres/?q=boulanger&amp;contrat=cdi&amp;lieu=34"' in drawing
    assert re.search(r"<title>Hérault \(34\) : 2 offres", drawing)
    assert "La Réunion <b>1</b>" in drawing
    assert "1 offre sans département connu" in html
    table = html[html.index("offres par département</span></summary>") :]
    assert ">Hérault (34)</a></th><td>Occitanie</td><td>2</td>" in table


def test_the_week_in_progress_is_not_drawn_as_a_drop_and_dates_are_french(client):
    now = timezone.now()
    OfferFactory.create_batch(3, published_at=now - timedelta(days=21))
    OfferFactory(published_at=now)
    html = client.get("/marche/").content.decode()
    data = re.search(r'<script id="market-data" type="application/json">(.*?)</script>', html).group(1)
    assert re.search(r'"weeks": \[\["\d{1,2} [a-zéû]+\.?", 3\]\]', data), data  # only complete weeks, "2 nov."
    assert 'data-testid="current-week"' in html and "1 offre à ce jour" in html
    assert not re.search(r">\d{4}-\d{2}-\d{2}<", html)  # no ISO date shown to people
