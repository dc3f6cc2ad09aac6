"""The culture index: every place on the site's own map and in the list, filters without JS."""

import re
from html.parser import HTMLParser

import pytest

from culture.models import CultureIndexPage, PlaceKind, PlaceStatus

from .test_places import EXPECTED_PLACES

pytestmark = pytest.mark.django_db

URL = "/fr/culture/"


class IndexParser(HTMLParser):
    """Collects the map links (inside <svg>) and the list links (inside the places' <ol>)."""

    def __init__(self):
        super().__init__()
        self.svg_depth = 0
        self.in_list = False
        self.map_links = []  # (href, aria-label)
        self.list_links = []
        self.svg_roles = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "svg-map__svg" in (attrs.get("class") or ""):
            self.svg_depth += 1
            self.svg_roles.append(attrs.get("role"))
        elif tag == "a" and self.svg_depth:
            self.map_links.append((attrs.get("href"), attrs.get("aria-label")))
        elif tag == "ol" and "place-list__items" in (attrs.get("class") or ""):
            self.in_list = True
        elif tag == "a" and self.in_list:
            self.list_links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "svg" and self.svg_depth:
            self.svg_depth -= 1
        elif tag == "ol":
            self.in_list = False


def parse(client, url=URL, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    parser = IndexParser()
    html = response.content.decode()
    parser.feed(html)
    return parser, html


def test_every_place_is_on_the_map_and_in_the_list(client):
    parser, html = parse(client)
    map_hrefs = {href for href, _label in parser.map_links}
    for slug in EXPECTED_PLACES:
        url = f"/fr/culture/{slug}/"
        assert url in map_hrefs, slug
        assert url in parser.list_links, slug
    # The map is named, described, and says it is the site's own drawing.
    assert parser.svg_roles and all(role == "group" for role in parser.svg_roles)
    assert '<title id="carte-ville-titre">' in html and '<desc id="carte-ville-description">' in html
    assert "Plan schématique, dessiné et servi par ce site" in html


def test_map_numbers_match_the_list(client):
    parser, html = parse(client)
    numbers = {}
    for href, label in parser.map_links:
        number, name = re.match(r"(\d+)\. (.+?) — ", label).groups()
        numbers.setdefault(href, set()).add(number)
    for href, found in numbers.items():
        assert len(found) == 1, href  # city map and centre map agree
        item = re.search(
            r'<li class="place-card[^"]*" value="(\d+)">(?:(?!</li>).)*?<a href="' + re.escape(href) + '"',
            html,
            re.S,
        )
        assert item and item.group(1) in found, href


def test_the_centre_map_shows_the_boucle_places(client):
    parser, html = parse(client)
    centre = html[html.index('id="carte-centre"') : html.index("</figure>", html.index('id="carte-centre"'))]
    for slug in ("citadelle", "porte-noire", "cite-des-arts", "cite-des-savoirs"):
        assert f'href="/fr/culture/{slug}/"' in centre
    assert 'href="/fr/culture/maison-foret-chailluz/"' not in centre  # far north, city map only


def test_planned_places_are_labelled_planned_on_map_and_list(client):
    parser, html = parse(client)
    labels = dict(parser.map_links)
    for slug, status in EXPECTED_PLACES.items():
        label = labels[f"/fr/culture/{slug}/"]
        item = re.search(
            r'<li class="(place-card[^"]*)" value="\d+">(?:(?!</li>).)*?href="/fr/culture/' + slug + r'/"(?:(?!</li>).)*</li>',
            html,
            re.S,
        )
        assert item, slug
        if status == "planned":
            assert label.endswith("en projet"), label
            assert "place-card--planned" in item.group(1)
            assert "status-badge--planned" in item.group(0) and "En projet" in item.group(0)
        else:
            assert "en projet" not in label
            assert "place-card--planned" not in item.group(1)
            assert "Existe aujourd" in item.group(0)
    assert "en projet, n&#x27;existe pas encore" in html or "en projet, n'existe pas encore" in html


def test_filter_form_is_a_plain_get_form_with_labels(client):
    _parser, html = parse(client)
    form = html[html.index('<form class="place-filters"') : html.index("</form>")]
    assert 'method="get"' in form and 'action="/fr/culture/"' in form
    assert '<label for="id_type">' in form and '<label for="id_statut">' in form
    assert '<button type="submit"' in form
    assert "<script" not in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"statut": "planned"}, {s for s, st in EXPECTED_PLACES.items() if st == "planned"}),
        ({"statut": "open"}, {s for s, st in EXPECTED_PLACES.items() if st == "open"}),
        ({"type": "library"}, {"cite-des-savoirs"}),
        ({"type": "exhibition_space"}, {"espace-art-moderne-contemporain", "espace-photographie"}),
        ({"type": "exhibition_space", "statut": "open"}, set()),
        ({"type": "heritage_site", "statut": "open"}, {"citadelle"}),
    ],
)
def test_filters_narrow_map_and_list(client, params, expected):
    parser, html = parse(client, params=params)
    listed = {href.strip("/").split("/")[-1] for href in parser.list_links}
    mapped = {href.strip("/").split("/")[-1] for href, _label in parser.map_links}
    assert listed == expected
    assert mapped == expected
    assert "selected" in html
    assert '<meta name="robots" content="noindex">' in html  # filtered views are not indexed
    if not expected:
        assert "Aucun lieu ne correspond à ces filtres." in html


def test_unfiltered_index_is_indexable(client):
    _parser, html = parse(client)
    assert 'content="noindex"' not in html
    assert f"{len(EXPECTED_PLACES)} lieux affichés sur {len(EXPECTED_PLACES)}." in html


def test_filter_choices_show_only_existing_kinds_with_counts(client):
    _parser, html = parse(client)
    assert "bibliothèque (1)" in html
    assert f'value="{PlaceKind.VENUE}"' not in html  # no place of that kind in the demo
    assert f'value="{PlaceStatus.PLANNED}">en projet (4)' in html


@pytest.mark.parametrize(
    "query",
    [
        "type=casino",
        "statut=ferme",
        "type=%00&statut=%00",
        "type=" + "x" * 5000,
        "type=library&type=%27%20OR%201%3D1",
        "type[]=library",
        "statut=planned&statut=open&statut=zzz",
        "type=%C3%A9%F0%9F%8E%AD",
        "page=-1&type=",
        "type=%ZZ",
    ],
)
def test_bad_filter_values_never_fail(client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html
    assert 'class="place-list__items"' in html or "Aucun lieu ne correspond" in html


def test_an_unknown_filter_value_is_reported_and_ignored(client):
    parser, html = parse(client, params={"type": "casino", "statut": "planned"})
    assert "Un filtre demandé n&#x27;existe pas ; il a été ignoré." in html or "Un filtre demandé n'existe pas" in html
    listed = {href.strip("/").split("/")[-1] for href in parser.list_links}
    assert listed == {s for s, st in EXPECTED_PLACES.items() if st == "planned"}


def test_index_counts_queries(client, django_assert_max_num_queries):
    client.get(URL)  # warm caches shared by every page
    with django_assert_max_num_queries(40):
        assert client.get(URL).status_code == 200


def test_index_without_places_renders(client, locale_fr):
    index = CultureIndexPage.objects.get(locale=locale_fr)
    for place in index.places():
        place.unpublish()
    response = client.get(URL)
    assert response.status_code == 200
    assert "Aucun lieu ne correspond" in response.content.decode()
