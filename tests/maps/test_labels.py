"""Where the map writes its names: the Doubs on the right side of each place, every marker
named, no name over another or under a marker, text and markers big enough for a phone.

Coordinates come from the demo data files (quartiers/demo_data, culture/demo_data), as the pages
use them; the maps' geometry from maps/svg.py."""

import math
from pathlib import Path

import pytest
import yaml

from maps.svg import (
    BESANCON_BOUNDS,
    CENTRE_BOUNDS,
    DEFAULT_LANDMARKS,
    DOUBS_COURSE,
    MapPoint,
    build_map,
)
from tests.maps.test_svg import parse_svg, render

BASE_DIR = Path(__file__).resolve().parents[2]
QUARTIERS = yaml.safe_load((BASE_DIR / "quartiers/demo_data/quartiers.yaml").read_text(encoding="utf-8"))["quartiers"]
PLACES = yaml.safe_load((BASE_DIR / "culture/demo_data/culture.yaml").read_text(encoding="utf-8"))["places"]
BOUCLE = next(landmark for landmark in DEFAULT_LANDMARKS if landmark.label == "La Boucle")


def _crossings(start, end):
    """How many times the straight line from ``start`` to ``end`` (lat, lon) crosses the Doubs."""

    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    count = 0
    for a, b in zip(DOUBS_COURSE, DOUBS_COURSE[1:], strict=False):
        if side(start, end, a) * side(start, end, b) < 0 and side(a, b, start) * side(a, b, end) < 0:
            count += 1
    return count


def _quartier(slug):
    return next(quartier for quartier in QUARTIERS if quartier["slug"] == slug)


def test_battant_lies_across_the_doubs_from_the_boucle():
    """The Battant page: « juste au nord-ouest de la Boucle, de l'autre côté du Doubs »."""
    battant = _quartier("battant")
    assert "de l'autre côté du Doubs" in battant["presentation"]
    boucle = (BOUCLE.latitude, BOUCLE.longitude)
    assert _crossings(boucle, (battant["latitude"], battant["longitude"])) == 1
    battant_landmark = next(landmark for landmark in DEFAULT_LANDMARKS if landmark.label == "Battant")
    assert _crossings(boucle, (battant_landmark.latitude, battant_landmark.longitude)) == 1
    # Inside the loop: the Porte Noire, the old Saint-Jacques hospital (Cité des Savoirs).
    for slug in ("porte-noire", "cite-des-savoirs"):
        place = next(place for place in PLACES if place["slug"] == slug)
        assert _crossings(boucle, (place["latitude"], place["longitude"])) == 0, slug


def _overlap(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _check_labels(svg_map):
    names = [label for label in svg_map.labels if not label.landmark]
    assert len(names) == len(svg_map.points)  # every marker is named
    boxes = [label.box for label in svg_map.labels]
    for i, box in enumerate(boxes):
        assert 0 <= box[0] and box[2] <= svg_map.width and 0 <= box[1] and box[3] <= svg_map.height, box
        for other in boxes[i + 1 :]:
            assert not _overlap(box, other), (svg_map.labels[i].lines, other)
        for p in svg_map.points:
            marker = (p.x - p.radius, p.y - p.radius, p.x + p.radius, p.y + p.radius)
            assert not _overlap(box, marker), (svg_map.labels[i].lines, p.label)


def test_the_quartiers_map_names_every_quartier_without_overlap():
    points = [
        MapPoint(q["name"], f"/fr/quartiers/{q['slug']}/", q["latitude"], q["longitude"])
        for q in QUARTIERS
        if q.get("latitude") is not None
    ]
    assert len(points) == 9
    svg_map = build_map(points, title="Carte des quartiers", description="d",
                        bounds=BESANCON_BOUNDS.including(points, 0.03, every_point=True))
    _check_labels(svg_map)
    # Markers stay at their place, or within a marker's radius of it when two would overlap
    # (a leader line then joins the marker to a dot at the true position).
    for p in svg_map.points:
        assert math.hypot(p.x - p.anchor_x, p.y - p.anchor_y) <= p.radius, p.label


def test_the_centre_map_names_every_place_without_overlap():
    points = [
        MapPoint(p["name"], f"/fr/culture/{p['slug']}/", p["latitude"], p["longitude"])
        for p in PLACES
        if CENTRE_BOUNDS.contains(p["latitude"], p["longitude"])
    ]
    assert len(points) >= 6
    svg_map = build_map(points, title="Le centre", description="d", bounds=CENTRE_BOUNDS)
    _check_labels(svg_map)
    # The Citadelle's marker stays on its hill, at its true position.
    citadelle = next(p for p in svg_map.points if p.label.startswith("Citadelle"))
    assert not citadelle.moved


@pytest.mark.parametrize("width", [600, 480])
def test_text_and_markers_are_sized_for_a_phone(width):
    """Drawn 358 px wide (a 390 px phone), a label is 13 px and a marker 25 px across."""
    svg_map = build_map([MapPoint("Citadelle", "/c/", 47.231372, 6.03246)], title="t", description="d", width=width)
    assert svg_map.font_size * 358 / width == pytest.approx(13, abs=0.1)
    assert 2 * svg_map.points[0].radius * 358 / width == pytest.approx(25, abs=0.2)
    svg = parse_svg(render(svg_map))
    label = svg.select_one("text.svg-map__label")
    assert label.get_text() == "Citadelle"
    # A halo the colour of the land keeps the name readable across the river.
    group = label.find_parent("g")
    assert group["paint-order"] == "stroke" and group["stroke"] == "#f5f4f0"


def test_long_names_wrap_and_lose_their_brackets():
    svg_map = build_map(
        [MapPoint("Cité des Savoirs (nouvelle bibliothèque de Saint-Jacques)", "/s/", 47.2355, 6.019)],
        title="t", description="d", bounds=CENTRE_BOUNDS,
    )
    assert svg_map.labels[0].lines == ["Cité des Savoirs"]
    two = build_map([MapPoint("Institut supérieur des beaux-arts (ISBA)", "/i/", 47.25, 5.99)], title="t", description="d")
    assert two.labels[0].lines == ["Institut supérieur", "des beaux-arts"]
