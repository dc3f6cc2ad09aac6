"""The listings that grow with the content come in pages (home.pagination): the programme index
(its filters and facet counts kept), an axis, the news; « tout afficher » is bounded."""

import pytest

from programme.models import ProposalPage
from tests.factories import ArticlePageFactory
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db

URL = "/fr/programme/"


@pytest.fixture(autouse=True)
def _small_pages(settings):
    settings.LISTING_PAGE_SIZE = 5
    settings.LISTING_SHOW_ALL_MAX = 30


def _references(page):
    return [
        "".join(span.find_all(string=True, recursive=False)).strip()
        for span in page.select("main .proposal-list span.reference")
    ]


def _seed_references():
    """The French proposals' references in the programme's order (the tree's order)."""
    live = ProposalPage.objects.live().filter(locale__language_code="fr").order_by("path")
    return list(live.values_list("reference", flat=True))


def test_the_index_shows_one_page_at_a_time_with_prev_and_next(client):
    everything = _seed_references()
    assert len(everything) > 10
    first = soup(client.get(URL))
    assert _references(first) == everything[:5]
    # The heading counts every proposal, not the page's.
    assert text_of(one(first, "#results-title")) == f"{len(everything)} propositions"
    nav = one(first, "main nav.pagination")
    assert one(nav, 'a[rel="next"]')["href"] == "?page=2"
    assert nav.select('a[rel="prev"]') == []
    assert one(first, 'head link[rel="next"]')["href"] == "?page=2"

    second = soup(client.get(URL, {"page": 2}))
    assert _references(second) == everything[5:10]
    assert one(second, 'head link[rel="prev"]')["href"] == "?"
    assert one(second, 'head link[rel="next"]')["href"] == "?page=3"
    pages = -(-len(everything) // 5)
    assert f"Page 2 sur {pages}" in text_of(one(second, "main nav.pagination"))


def test_a_page_number_out_of_range_or_not_a_number_shows_the_nearest_page(client):
    everything = _seed_references()
    assert _references(soup(client.get(URL, {"page": "abc"}))) == everything[:5]
    last = soup(client.get(URL, {"page": 999}))
    assert _references(last) == everything[(len(everything) - 1) // 5 * 5:]


def test_filters_and_facet_counts_are_kept_from_page_to_page(client):
    all_flagship = list(
        ProposalPage.objects.live().filter(locale__language_code="fr", flagship=False).order_by("path")
        .values_list("reference", flat=True)
    )
    assert len(all_flagship) > 5
    first = soup(client.get(URL, {"phare": "non"}))
    second = soup(client.get(URL, {"phare": "non", "page": 2}))
    assert _references(first) + _references(second) == all_flagship[:10]
    assert one(first, 'main nav.pagination a[rel="next"]')["href"] == "?phare=non&page=2"
    # The facet counts are those of the whole selection, on every page.
    counts = [
        text_of(option) for option in one(second, "select#filtre-phare").find_all("option") if option["value"]
    ]
    assert counts == [text_of(o) for o in one(first, "select#filtre-phare").find_all("option") if o["value"]]
    assert f"({len(all_flagship)})" in counts[1]


def test_show_all_is_offered_and_bounded(client, settings):
    everything = _seed_references()
    page = soup(client.get(URL))
    link = one(page, "main nav.pagination").find("a", string=lambda s: s and s.startswith("Tout afficher"))
    assert link["href"] == "?tout=1"
    assert text_of(link) == f"Tout afficher ({len(everything)} éléments)"
    assert _references(soup(client.get(URL, {"tout": "1"}))) == everything
    # Beyond the bound there is no « tout afficher », and asking for it gives the first page.
    settings.LISTING_SHOW_ALL_MAX = len(everything) - 1
    page = soup(client.get(URL))
    assert "Tout afficher" not in text_of(one(page, "main nav.pagination"))
    assert _references(soup(client.get(URL, {"tout": "1"}))) == everything[:5]


def test_an_axis_and_the_news_are_paginated_too(client, settings):
    settings.LISTING_PAGE_SIZE = 2
    axis = soup(client.get("/fr/programme/une-ville-rayonnante/"))
    assert len(axis.select("main .proposal-list > li")) == 2
    assert one(axis, 'head link[rel="next"]')["href"] == "?page=2"
    ArticlePageFactory(title="Un second article")
    settings.LISTING_PAGE_SIZE = 1
    news = soup(client.get("/fr/actualites/"))
    assert [text_of(h) for h in news.select("main .card-list > li h2")] == ["Un second article"]
    assert one(news, 'main nav.pagination a[rel="next"]')["href"] == "?page=2"
