"""Each place offers its coordinates as a geo: link and an OpenStreetMap link (issue 11)."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from quartiers.models import QuartierPage
from tests.html import soup

pytestmark = pytest.mark.django_db


def test_a_place_links_to_the_readers_map_application_and_to_openstreetmap():
    # Planoise as in quartiers/demo_data/quartiers.yaml (47.2214 N, 5.9681 E).
    planoise = QuartierPage(title="Planoise", latitude=Decimal("47.221400"), longitude=Decimal("5.968100"))
    assert planoise.geo_uri == "geo:47.2214,5.9681"
    assert planoise.openstreetmap_url == "https://www.openstreetmap.org/?mlat=47.2214&mlon=5.9681#map=17/47.2214/5.9681"
    with translation.override("fr"):
        links = soup(render_to_string("maps/place_links.html", {"place": planoise})).select("a")
    assert [(a["href"], a.get_text()) for a in links] == [
        ("geo:47.2214,5.9681", "Ouvrir « Planoise » dans mon application de cartes"),
        (planoise.openstreetmap_url, "« Planoise » sur OpenStreetMap"),
    ]


def test_a_place_without_coordinates_offers_no_link():
    unplaced = QuartierPage(title="Secteur Pesty")
    assert unplaced.geo_uri == "" and unplaced.openstreetmap_url == ""
    assert render_to_string("maps/place_links.html", {"place": unplaced}).strip() == ""
