"""The culture index: every place on the site's own map and in the list, filters without JS."""

import re

import pytest

from culture.models import CultureIndexPage
from tests.html import AUTOCOMPLETE_SCRIPT, one, soup, text_of

from .test_places import EXPECTED_PLACES

pytestmark = pytest.mark.django_db

URL = "/fr/culture/"
PLANNED = {slug for slug, status in EXPECTED_PLACES.items() if status == "planned"}
OPEN = {slug for slug, status in EXPECTED_PLACES.items() if status == "open"}


def parse(client, url=URL, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return soup(response)


def map_links(page):
    """(href, aria-label) of every link inside the maps (<svg class="svg-map__svg">)."""
    return [(link["href"], link["aria-label"]) for svg in page.select("svg.svg-map__svg") for link in svg.select("a")]


def list_links(page):
    """The links of the list of places, in order."""
    return [link["href"] for link in page.select("ol.place-list__items a[href]")]


def slugs(hrefs):
    return {href.strip("/").split("/")[-1] for href in hrefs}


def card(page, slug):
    """The list item of a place."""
    items = [item for item in page.select("li.place-card") if item.select(f'a[href="/fr/culture/{slug}/"]')]
    assert len(items) == 1, slug
    return items[0]


def test_every_place_is_on_the_map_and_in_the_list(client):
    page = parse(client)
    urls = [f"/fr/culture/{slug}/" for slug in EXPECTED_PLACES]
    assert {href for href, _label in map_links(page)} == set(urls)
    assert list_links(page) == urls
    # The map is named, described, and says it is the site's own drawing.
    maps = page.select("svg.svg-map__svg")
    assert [svg["role"] for svg in maps] == ["group", "group"]
    assert one(page, "svg.svg-map__svg title#carte-ville-titre")
    assert one(page, "svg.svg-map__svg desc#carte-ville-description")
    assert "Plan schématique, dessiné et servi par ce site" in text_of(one(page, "figure#carte-ville"))


def test_map_numbers_match_the_list(client):
    page = parse(client)
    numbers = {}
    for href, label in map_links(page):
        number, _name = re.match(r"(\d+)\. (.+?) — ", label).groups()
        numbers.setdefault(href, set()).add(number)
    assert len(numbers) == len(EXPECTED_PLACES)
    for href, found in numbers.items():
        assert len(found) == 1, href  # city map and centre map agree
        assert card(page, slugs([href]).pop())["value"] in found, href


def test_the_centre_map_shows_the_boucle_places(client):
    centre = one(parse(client), "figure#carte-centre")
    hrefs = {link["href"] for link in centre.select("svg a")}
    assert {f"/fr/culture/{slug}/" for slug in ("citadelle", "porte-noire", "cite-des-arts", "cite-des-savoirs")} <= hrefs
    assert "/fr/culture/maison-foret-chailluz/" not in hrefs  # far north, city map only


def test_planned_places_are_labelled_planned_on_map_and_list(client):
    page = parse(client)
    labels = dict(map_links(page))
    assert len(labels) == len(EXPECTED_PLACES)
    for slug, status in EXPECTED_PLACES.items():
        label = labels[f"/fr/culture/{slug}/"]
        item = card(page, slug)
        badge = text_of(one(item, ".status-badge"))
        if status == "planned":
            assert label.endswith("en projet"), label
            assert "place-card--planned" in item["class"]
            assert item.select(".status-badge--planned") and badge == "En projet"
        else:
            assert "en projet" not in label
            assert "place-card--planned" not in item["class"]
            assert badge == "Existe aujourd'hui"
    legend = [text_of(entry) for entry in page.select("figure#carte-ville .svg-map__legend li")]
    assert "en projet, n'existe pas encore" in legend


def test_filter_form_is_a_plain_get_form_with_labels(client):
    page = parse(client)
    form = one(page, "form.place-filters")
    assert (form["method"], form["action"]) == ("get", "/fr/culture/")
    assert one(form, 'label[for="id_type"]') and one(form, 'select#id_type[name="type"]')
    assert one(form, 'label[for="id_statut"]') and one(form, 'select#id_statut[name="statut"]')
    assert one(form, 'button[type="submit"]')
    # No script but the search box's autocompletion, a progressive enhancement.
    assert [script.get("src") for script in page.find_all("script")] == [AUTOCOMPLETE_SCRIPT]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"statut": "planned"}, PLANNED),
        ({"statut": "open"}, OPEN),
        ({"type": "library"}, {"cite-des-savoirs"}),
        ({"type": "exhibition_space"}, {"espace-art-moderne-contemporain", "espace-photographie"}),
        ({"type": "exhibition_space", "statut": "open"}, set()),
        ({"type": "heritage_site", "statut": "open"}, {"citadelle"}),
    ],
)
def test_filters_narrow_map_and_list(client, params, expected):
    page = parse(client, params=params)
    assert slugs(list_links(page)) == expected
    assert len(list_links(page)) == len(expected)
    assert slugs(href for href, _label in map_links(page)) == expected
    for name, value in params.items():
        assert one(page, f'select[name="{name}"] option[selected]')["value"] == value
    assert [meta["content"] for meta in page.select('meta[name="robots"]')] == ["noindex"]  # not indexed
    shown = "1 lieu affiché" if len(expected) == 1 else f"{len(expected)} lieux affichés"
    assert text_of(one(page, "p.place-count")) == f"{shown} sur 9."
    if not expected:
        assert "Aucun lieu ne correspond à ces filtres." in text_of(page)


def test_unfiltered_index_is_indexable(client):
    page = parse(client)
    assert page.select('meta[name="robots"]') == []
    assert text_of(one(page, "p.place-count")) == "9 lieux affichés sur 9."


def test_filter_choices_show_only_existing_kinds_with_counts(client):
    page = parse(client)
    assert text_of(one(page, 'select[name="type"] option[value="library"]')) == "bibliothèque (1)"
    assert page.select('option[value="venue"]') == []  # no place of that kind in the demo
    assert text_of(one(page, 'select[name="statut"] option[value="planned"]')) == "en projet (4)"
    assert text_of(one(page, 'select[name="statut"] option[value="open"]')) == "existe aujourd'hui (5)"


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
    page = soup(response)
    assert text_of(one(page, "h1")) == "Les lieux culturels"
    assert page.select("ol.place-list__items") or "Aucun lieu ne correspond" in text_of(page)


def test_an_unknown_filter_value_is_reported_and_ignored(client):
    page = parse(client, params={"type": "casino", "statut": "planned"})
    assert "Un filtre demandé n'existe pas ; il a été ignoré." in text_of(page)
    assert slugs(list_links(page)) == PLANNED


def test_index_counts_queries(client, django_assert_max_num_queries):
    client.get(URL)  # warm caches shared by every page
    with django_assert_max_num_queries(40):
        assert client.get(URL).status_code == 200


def test_index_without_places_renders(client, locale_fr):
    index = CultureIndexPage.objects.get(locale=locale_fr)
    places = list(index.places())
    assert len(places) == len(EXPECTED_PLACES)
    for place in places:
        place.unpublish()
    page = parse(client)
    assert list_links(page) == []
    assert "Aucun lieu ne correspond" in text_of(page)
