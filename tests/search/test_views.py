"""The search page, on the demo content: what a visitor types, what the page shows.

Expected pages and words come from the demo YAML (tests/seed.py) or are written down here.
"""

import pytest

from home.models import StandardPage
from home.search_terms import clean_query, terms_for_engine
from tests.html import one, soup, text_of
from tests.seed import read_seed, seed_proposals, seed_section_indexes
from tests.translating import add_french_page

pytestmark = pytest.mark.django_db

ARTICLE = "/fr/actualites/pole-metropolitain-besancon-dijon/"
PROPOSALS = {proposal["reference"]: proposal for proposal in seed_proposals() if proposal.get("reference")}
AXES = {axis["slug"]: axis["title"] for axis in read_seed("programme")["axes"]}
PLACES = {place["slug"]: place for place in read_seed("culture")["places"]}


def _page(client, params, status=200):
    response = client.get("/fr/recherche/", params)
    assert response.status_code == status
    return soup(response)


def _results(client, query, **params):
    page = _page(client, {"q": query, **params})
    return [(link["href"], text_of(link)) for link in page.select("main ol.search-results .search-hit__title a[href]")]


def test_query_is_cleaned_for_display_and_for_the_engine():
    assert clean_query("  l'art\x00 moderne\n  ") == "l'art moderne"
    assert len(clean_query("a" * 5000)) == 200
    assert terms_for_engine('"Saint-Jacques" AND (IA)*') == "saint-jacques and ia"


@pytest.mark.parametrize(
    "query",
    ['"budget', "AND OR NOT", "a" * 5000, "\x00\x1b[31m", "culture) (", "*?~^", "%", "<script>", "NEAR(a b)", "title:x"],
)
def test_search_never_fails(client, query):
    page = _page(client, {"q": query})
    assert page.select("main script") == []
    # The query is given back in the search box, at most 200 characters of it.
    assert len(one(page, 'main form[role="search"] input[name="q"]')["value"]) <= 200


@pytest.mark.parametrize(
    ("params", "named"),
    [({"page": "abc"}, "nombre entier"), ({"type": "recette"}, "recette"), ({"theme": "cuisine"}, "cuisine"),
     ({"sort": "prix"}, "prix"), ({"page": "0"}, "nombre entier")],
)
def test_an_invalid_parameter_is_named_and_answers_400(client, params, named):
    page = _page(client, {"q": "culture", **params}, status=400)
    assert named in text_of(one(page, "main [role=alert]"))
    # The search itself still answers, without the invalid parameter.
    assert page.select("main ol.search-results li")


def test_every_page_has_a_search_box_in_its_header(client):
    for url in ("/fr/", PROPOSALS["P-07"]["url"], "/fr/quartiers/"):
        response = client.get(url)
        assert response.status_code == 200
        form = one(soup(response), 'header form[role="search"]')
        assert form["action"] == "/fr/recherche/" and form["method"] == "get"
        field = one(form, 'input[name="q"]')
        assert one(form, f'label[for="{field["id"]}"]')


def test_search_finds_pages_by_their_words(client):
    article = (ARTICLE, "Besançon et Dijon créent un pôle métropolitain")
    assert article in _results(client, "pôle métropolitain")
    assert article in _results(client, '"Dijon')


@pytest.mark.parametrize("reference", ["P-07", "p07", "P 07", "p-7"])
def test_a_proposal_is_found_first_by_its_reference_however_written(client, reference):
    proposal = PROPOSALS["P-07"]
    page = _page(client, {"q": reference})
    first = page.select("main ol.search-results li.search-hit")[0]
    assert one(first, ".search-hit__title a")["href"] == proposal["url"]
    meta = text_of(one(first, ".search-hit__meta"))
    assert "P-07" in meta and AXES[proposal["axis"]] in meta and "Proposition" in meta


def test_french_words_are_found_by_their_stem_and_marked_in_the_extract(client):
    # « associations » marks « association » and « associations »; the accents do not matter.
    page = _page(client, {"q": "association"})
    marks = {text_of(mark).lower() for mark in page.select("main .search-hit__excerpt mark")}
    assert {"associations"} <= marks
    assert PROPOSALS["P-07"]["url"] in [a["href"] for a in page.select("main .search-hit__title a")]
    assert _results(client, "bibliotheque")[:3] == _results(client, "bibliothèque")[:3]


def test_an_exact_title_comes_first(client):
    assert _results(client, PLACES["cite-des-arts"]["name"])[0][0] == "/fr/culture/cite-des-arts/"
    assert _results(client, "citadelle")[0][0] == "/fr/culture/citadelle/"


def test_culture_finds_the_cultural_places_and_a_missing_word_does_not_empty_the_results(client):
    found = {href for href, _title in _results(client, "culture", type="place")}
    assert "/fr/culture/cite-des-arts/" in found and "/fr/culture/citadelle/" in found
    # « zzzz » matches nothing: the pages with « citadelle » are still found.
    assert _results(client, "citadelle zzzzqx")[0][0] == "/fr/culture/citadelle/"


def test_facets_count_and_filter_the_results(client):
    page = _page(client, {"q": "culture"})
    total = int(text_of(one(page, "main [role=status]")).split()[0])
    type_links = page.select('main nav.search-facets ul[aria-labelledby="facet-type"] a')
    counts = {link["href"]: int(text_of(link.select_one(".count")).strip("()")) for link in type_links}
    assert sum(counts.values()) == total
    place_link = next(link for link in type_links if "type=place" in link["href"])
    filtered = client.get("/fr/recherche/" + place_link["href"])
    hits = soup(filtered).select("main li.search-hit .search-hit__type")
    assert hits and {text_of(hit) for hit in hits} == {"Lieu culturel"}
    assert len(hits) == counts[place_link["href"]]
    # The chosen value is marked, and its link removes the filter.
    chosen = one(soup(filtered), 'main nav.search-facets a[aria-current="true"]')
    assert "type=place" not in chosen["href"]


def test_results_sort_by_date_and_paginate(client):
    page = _page(client, {"q": "cité des arts", "sort": "date"})
    dates = [time["datetime"] for time in page.select("main li.search-hit time")]
    assert len(dates) == 10 and dates == sorted(dates, reverse=True)
    following = one(page, 'main nav.pagination a[rel="next"]')["href"]
    second = client.get("/fr/recherche/" + following)
    assert second.status_code == 200
    assert one(soup(second), "main ol.search-results")["start"] == "11"


def test_nothing_found_says_which_words_and_where_to_go(client):
    page = _page(client, {"q": "xqzvwpt"})
    nothing = one(page, "main .search-nothing")
    assert "« xqzvwpt »" in text_of(nothing)
    links = {a["href"] for a in nothing.select("a[href]")}
    indexes = seed_section_indexes()
    assert {f"/fr/{indexes[name]['slug']}/" for name in ("programme", "quartiers", "culture")} <= links


def test_a_quartier_is_found_by_its_figures(client):
    # The portrait's labels are indexed: « revenu médian », « demandeurs d'emploi ».
    found = [href for href, _title in _results(client, "revenu médian")]
    assert "/fr/quartiers/planoise/" in found


def test_untranslated_pages_are_found_from_english_and_labelled_french(client, home_page):
    add_french_page(home_page, StandardPage(title="Permanence des élus", slug="permanence", summary="Chaque samedi."))
    response = client.get("/en/search/", {"q": "permanence"})
    assert response.status_code == 200
    first = soup(response).select("main li.search-hit")[0]
    assert one(first, ".search-hit__title a")["href"] == "/en/permanence/"  # in the English tree
    assert one(first, ".search-hit__title")["lang"] == "fr"
    assert one(first, ".badge")


def test_the_home_page_has_its_own_search_box(client):
    page = soup(client.get("/fr/"))
    forms = page.select('main form[role="search"]')
    assert len(forms) == 1 and forms[0]["action"] == "/fr/recherche/"
    assert one(forms[0], f'label[for="{one(forms[0], "input[name=q]")["id"]}"]')
