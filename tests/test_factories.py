"""The page factories (tests/factories.py) build pages that the site serves like any other."""

import datetime

from tests.factories import ArticlePageFactory, StandardPageFactory, paragraphs


def test_a_standard_page_renders_at_its_url_with_its_title_and_body(client, home_page):
    page = StandardPageFactory(title="Horaires de la mairie", body=paragraphs("Ouverte le samedi matin."))

    assert page.get_parent().specific == home_page
    assert page.url == "/fr/horaires-de-la-mairie/"
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Horaires de la mairie</h1>" in html
    assert "<title>Horaires de la mairie — " in html
    assert "Ouverte le samedi matin." in html


def test_a_draft_page_is_not_served(client, db):
    page = StandardPageFactory(live=False)

    assert client.get(page.url or f"/fr/{page.slug}/").status_code == 404


def test_an_article_is_listed_first_in_the_news(client, db):
    article = ArticlePageFactory(title="Le tramway prolongé", date=datetime.date.today() + datetime.timedelta(days=1))
    news = article.get_parent().specific

    response = client.get(news.url)
    assert response.status_code == 200
    assert response.context["articles"][0] == article
    assert client.get(article.url).status_code == 200
