import pytest

from search.views import clean_query, terms_for_engine

pytestmark = pytest.mark.django_db


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


def test_search_finds_pages_by_their_words(client):
    html = client.get("/fr/recherche/", {"q": "pôle métropolitain"}).content.decode()
    assert 'href="/fr/actualites/pole-metropolitain-besancon-dijon/"' in html
    html = client.get("/fr/recherche/", {"q": '"Dijon'}).content.decode()
    assert 'href="/fr/actualites/pole-metropolitain-besancon-dijon/"' in html
