import pytest

from home.search_terms import clean_query, terms_for_engine
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db

ARTICLE = "/fr/actualites/pole-metropolitain-besancon-dijon/"


def test_query_is_cleaned_for_display_and_for_the_engine():
    assert clean_query("  l'art\x00 moderne\n  ") == "l'art moderne"
    assert len(clean_query("a" * 5000)) == 200
    assert terms_for_engine('"Saint-Jacques" AND (IA)*') == "saint-jacques and ia"


@pytest.mark.parametrize(
    "query",
    ['"budget', "AND OR NOT", "a" * 5000, "\x00\x1b[31m", "culture) (", "*?~^", "%", "<script>"],
)
def test_search_never_fails(client, query):
    response = client.get("/fr/recherche/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    page = soup(response)
    assert page.find_all("script") == []
    # The query is given back in the search box, at most 200 characters of it.
    assert len(one(page, 'main form[role="search"] input[name="q"]')["value"]) <= 200


def _results(client, query):
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200
    return [(link["href"], text_of(link)) for link in soup(response).select("main ol.search-results a[href]")]


def test_search_finds_pages_by_their_words(client):
    article = (ARTICLE, "Besançon et Dijon créent un pôle métropolitain")
    assert article in _results(client, "pôle métropolitain")
    assert article in _results(client, '"Dijon')
