"""The site's own SVG map (maps/svg.py, templates/maps/svg_map.html)."""

import math
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from maps.svg import (
    BESANCON_BOUNDS,
    CENTRE_BOUNDS,
    GeoBounds,
    Landmark,
    MapPoint,
    PointOutsideBoundsError,
    build_map,
    to_degrees,
)
from tests.html import one, soup, text_of, texts

CITADELLE = MapPoint("Citadelle", "/fr/culture/citadelle/", 47.231372, 6.03246, "site patrimonial", "open")
CITE_DES_ARTS = MapPoint("Cité des Arts", "/fr/culture/cite-des-arts/", Decimal("47.2364"), Decimal("6.0334"), "", "open")
FRAC = MapPoint("FRAC", "/fr/culture/frac/", "47.2361", "6.0330", "", "open")
PLANNED = MapPoint("Espace photo", "/fr/culture/espace-photographie/", 47.2357, 6.0356, "", "planned")


def render(svg_map):
    with translation.override("fr"):
        return render_to_string("maps/svg_map.html", {"map": svg_map})


def parse_svg(html):
    """The <svg> element of the rendered map, read with BeautifulSoup; its source must also be
    well-formed XML (inline SVG is parsed as such by some tools)."""
    svg = one(soup(html), "svg.svg-map__svg")
    start = html.index("<svg class=\"svg-map__svg\"")
    ElementTree.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    return svg


def legend(html):
    return texts(soup(html).select(".svg-map__legend li"))


def test_points_are_numbered_and_projected_inside_the_view_box():
    svg_map = build_map([CITADELLE, CITE_DES_ARTS, PLANNED], title="Carte", description="Trois lieux")
    assert [p.number for p in svg_map.points] == [1, 2, 3]
    assert svg_map.view_box == f"0 0 {svg_map.width} {svg_map.height}"
    for placed in svg_map.points:
        assert 0 <= placed.x <= svg_map.width and 0 <= placed.y <= svg_map.height
        assert 0 <= placed.anchor_x <= svg_map.width and 0 <= placed.anchor_y <= svg_map.height


def test_projection_keeps_north_up_and_east_right():
    north = MapPoint("nord", "", 47.29, 6.0)
    south = MapPoint("sud", "", 47.21, 6.0)
    east = MapPoint("est", "", 47.25, 6.07)
    west = MapPoint("ouest", "", 47.25, 5.94)
    points = build_map([north, south, east, west], title="t", description="d").points
    assert points[0].y < points[1].y
    assert points[2].x > points[3].x


def test_projection_respects_proportions():
    """One kilometre east and one kilometre north are about the same length on the map."""
    lat = 47.24
    km_lat = 1 / 111.32
    km_lon = 1 / (111.32 * math.cos(math.radians(lat)))
    a, b, c = (MapPoint("a", "", lat, 6.0), MapPoint("b", "", lat + km_lat, 6.0), MapPoint("c", "", lat, 6.0 + km_lon))
    # Far enough apart that no marker is moved.
    pa, pb, pc = build_map([a, b, c], title="t", description="d").points
    north_km = abs(pa.anchor_y - pb.anchor_y)
    east_km = abs(pc.anchor_x - pa.anchor_x)
    assert east_km == pytest.approx(north_km, rel=0.02)


@pytest.mark.parametrize(
    "latitude, longitude",
    [(48.8566, 2.3522), (47.19, 6.02), (47.31, 6.02), (47.25, 5.92), (47.25, 6.09), (-47.24, 6.02)],
)
def test_a_point_outside_the_city_is_refused(latitude, longitude):
    with pytest.raises(PointOutsideBoundsError):
        build_map([MapPoint("Ailleurs", "", latitude, longitude)], title="t", description="d")


@pytest.mark.parametrize("value", [None, "", "abc", "nan", "inf", True])
def test_a_coordinate_that_is_not_a_number_is_refused(value):
    with pytest.raises(ValueError):
        build_map([MapPoint("Mauvais", "", value, 6.02)], title="t", description="d")
    with pytest.raises(ValueError):
        to_degrees(value)


def test_bounds():
    assert BESANCON_BOUNDS.contains(47.231372, 6.03246)
    assert BESANCON_BOUNDS.contains("47.2364", Decimal("6.0334"))
    assert not BESANCON_BOUNDS.contains(47.0, 6.0)
    assert not BESANCON_BOUNDS.contains("n'importe quoi", 6.0)
    assert CENTRE_BOUNDS.south > BESANCON_BOUNDS.south and CENTRE_BOUNDS.north < BESANCON_BOUNDS.north
    with pytest.raises(ValueError):
        GeoBounds(47.3, 5.9, 47.2, 6.0)


def test_overlapping_markers_are_moved_apart_and_keep_a_leader_line():
    # The Cité des Arts and the FRAC are in the same building.
    svg_map = build_map([CITE_DES_ARTS, FRAC], title="t", description="d")
    a, b = svg_map.points
    assert math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius
    assert a.moved or b.moved
    assert parse_svg(render(svg_map)).select(".svg-map__leader")


def test_identical_positions_are_separated():
    same = [MapPoint(f"p{i}", "", 47.24, 6.02) for i in range(4)]
    points = build_map(same, title="t", description="d").points
    assert len(points) == 4
    for i, a in enumerate(points):
        for b in points[i + 1 :]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius


def test_highlight_draws_one_point_larger():
    svg_map = build_map([CITADELLE, CITE_DES_ARTS], title="t", description="d", highlight=CITE_DES_ARTS)
    assert [p.highlighted for p in svg_map.points] == [False, True]
    assert svg_map.points[1].radius > svg_map.points[0].radius
    by_index = build_map([CITADELLE, CITE_DES_ARTS], title="t", description="d", highlight=0)
    assert [p.highlighted for p in by_index.points] == [True, False]


def test_landmarks_outside_the_frame_are_skipped():
    svg_map = build_map(
        [],
        title="t",
        description="d",
        bounds=CENTRE_BOUNDS,
        landmarks=[Landmark("La Boucle", 47.2392, 6.0245), Landmark("Planoise", 47.219, 5.962)],
    )
    assert [name for name, _x, _y in svg_map.landmarks] == ["La Boucle"]


def test_rendered_map_is_accessible_inline_svg():
    svg_map = build_map(
        [CITADELLE, PLANNED], title="Carte des lieux culturels", description="Deux lieux de Besançon."
    )
    html = render(svg_map)
    svg = parse_svg(html)
    # Named and described; links inside, so a group and not an image (whose children would be
    # presentational and hide the links).
    assert svg["role"] == "group"
    title = one(svg, "svg > title")
    desc = one(svg, "svg > desc")
    assert text_of(title) == "Carte des lieux culturels"
    assert text_of(desc) == "Deux lieux de Besançon."
    assert svg["aria-labelledby"] == title["id"]
    assert svg["aria-describedby"] == desc["id"]
    links = svg.select("a")
    assert [a["href"] for a in links] == [CITADELLE.url, PLANNED.url]
    assert links[0]["aria-label"] == "1. Citadelle — site patrimonial, ouvert"
    assert links[1]["aria-label"] == "2. Espace photo — en projet"
    # A planned point is a dashed ring, not a filled disc.
    planned_marker = links[1].find("circle")
    assert planned_marker["stroke-dasharray"] and planned_marker["fill"] == "#ffffff"
    assert "en projet, n'existe pas encore" in legend(html)


def test_map_without_links_is_an_image():
    svg_map = build_map(
        [MapPoint("Citadelle", "", 47.231372, 6.03246)], title="Où est la Citadelle", description="d", numbered=False
    )
    svg = parse_svg(render(svg_map))
    assert svg["role"] == "img"
    assert svg.find_all("a") == []
    points = one(svg, "g.svg-map__points")
    assert points.find_all("circle")
    assert points.find_all("text") == []  # no number on a single-place map


def test_rendered_map_has_no_script_style_or_external_reference():
    html = render(build_map([CITADELLE, CITE_DES_ARTS, FRAC, PLANNED], title="t", description="d"))
    tree = soup(html)
    assert len(tree.select("svg.svg-map__svg a")) == 4
    assert tree.find_all(["script", "style", "image", "foreignobject", "iframe", "img"]) == []
    assert tree.select("[style]") == []
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")


def test_coordinates_are_not_localised():
    """French formats decimals with a comma, which would break SVG attributes."""
    svg_map = build_map([CITADELLE], title="t", description="d")
    with translation.override("fr"):
        html = render_to_string("maps/svg_map.html", {"map": svg_map})
    svg = parse_svg(html)
    checked = 0
    for element in svg.find_all(True):
        for attribute in ("cx", "cy", "x", "y", "r", "rx", "ry"):
            value = element.get(attribute)
            if value is not None:
                float(value)  # raises on "12,5"
                checked += 1
    assert checked >= 5  # the point, its hill and the landmarks' labels at least


def test_two_maps_on_one_page_have_distinct_ids():
    first = build_map([], title="La ville", description="d")
    second = build_map([], title="Le centre", description="d", bounds=CENTRE_BOUNDS)
    assert first.title_id != second.title_id and first.desc_id != second.desc_id


def test_the_doubs_and_the_citadel_hill_are_drawn():
    svg_map = build_map([], title="t", description="d", bounds=CENTRE_BOUNDS)
    assert svg_map.river_path.startswith("M")
    cx, cy, rx, ry = svg_map.hill
    assert 0 < cx < svg_map.width and 0 < cy < svg_map.height and rx > 0 and ry > 0
    # The Citadel lies on its hill.
    citadelle = build_map([CITADELLE], title="t", description="d", bounds=CENTRE_BOUNDS).points[0]
    assert ((citadelle.x - cx) / rx) ** 2 + ((citadelle.y - cy) / ry) ** 2 <= 1
    # A scale bar of a round distance.
    _x, _y, length, text = svg_map.scale_bar
    assert length > 0 and re.fullmatch(r"\d+ (m|km)", text)


def test_points_can_share_numbers_between_two_maps():
    city = build_map(
        [MapPoint("A", "/a/", 47.2314, 6.0325, number=4), MapPoint("B", "/b/", 47.288, 6.058, number=9)],
        title="La ville",
        description="d",
    )
    assert [p.number for p in city.points] == [4, 9]
    centre = build_map([MapPoint("A", "/a/", 47.2314, 6.0325, number=4)], title="Le centre", description="d",
                       bounds=CENTRE_BOUNDS)
    assert centre.points[0].number == 4
    assert [link["aria-label"] for link in parse_svg(render(centre)).select("a")] == ["4. A"]


def test_legend_lists_only_what_the_map_shows():
    only_planned = legend(render(build_map([PLANNED], title="t", description="d")))
    assert "existe aujourd'hui" not in only_planned and "en projet, n'existe pas encore" in only_planned
    only_open = legend(render(build_map([CITADELLE], title="t", description="d")))
    assert "existe aujourd'hui" in only_open and "en projet, n'existe pas encore" not in only_open


def test_a_frame_stretches_to_hold_points_outside_it_only():
    inside = MapPoint("Citadelle", "", 47.2313, 6.0324)
    assert BESANCON_BOUNDS.including([inside]) == BESANCON_BOUNDS
    novillars = MapPoint("Novillars", "", 47.2860, 6.1270)
    frame = BESANCON_BOUNDS.including([inside, novillars])
    assert frame.contains(47.2860, 6.1270)
    assert (frame.south, frame.west) == (BESANCON_BOUNDS.south, BESANCON_BOUNDS.west)
    assert abs(frame.north - 47.316) < 1e-9 and abs(frame.east - 6.157) < 1e-9
