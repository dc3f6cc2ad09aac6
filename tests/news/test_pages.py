import pytest

from news.models import ArticlePage, NewsIndexPage
from tests.html import one, soup, text_of
from tests.programme.helpers import atom_entries, rss_items
from tests.seed import read_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index():
    return NewsIndexPage.objects.get(locale__language_code="fr")


def test_news_index_lists_live_articles_and_links_its_feeds(client, news_index):
    page = soup(client.get("/fr/actualites/"))
    article = one(one(page, "main"), 'a[href="/fr/actualites/pole-metropolitain-besancon-dijon/"]')
    assert text_of(article) == "Besançon et Dijon créent un pôle métropolitain"
    assert one(page, 'link[rel="alternate"][type="application/rss+xml"]')["href"] == "/fr/actualites/flux/rss/"
    assert one(page, 'link[rel="alternate"][type="application/atom+xml"]')["href"] == "/fr/actualites/flux/atom/"


@pytest.mark.parametrize(("kind", "content_type"), [("rss", "application/rss+xml"), ("atom", "application/atom+xml")])
def test_news_feeds_hold_exactly_the_live_articles(client, news_index, kind, content_type):
    draft = ArticlePage(title="Article en brouillon", slug="brouillon", summary="Pas encore publié", live=False)
    news_index.add_child(instance=draft)
    draft.save_revision()

    response = client.get(f"/fr/actualites/flux/{kind}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    items = rss_items(response) if kind == "rss" else atom_entries(response)
    expected = [article["title"] for article in read_seed("news")["articles"]]
    assert expected == ["Besançon et Dijon créent un pôle métropolitain"]
    assert [item["title"] for item in items] == expected
    assert "Article en brouillon" not in response.content.decode()
