"""A news article keeps its own date in the feeds and the sitemap, and the home page says how
old the latest news is (issue 11)."""

from xml.etree import ElementTree

import pytest

from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db

ARTICLE = "/fr/actualites/pole-metropolitain-besancon-dijon/"


def test_the_feeds_date_the_2013_article_2013(client):
    rss = ElementTree.fromstring(client.get("/fr/actualites/flux/rss/").content)
    assert [item.findtext("pubDate") for item in rss.iter("item")] == ["Tue, 12 Mar 2013 00:00:00 +0100"]
    atom = ElementTree.fromstring(client.get("/fr/actualites/flux/atom/").content)
    ns = "{http://www.w3.org/2005/Atom}"
    entries = list(atom.iter(f"{ns}entry"))
    assert [(e.findtext(f"{ns}published"), e.findtext(f"{ns}updated")) for e in entries] == [
        ("2013-03-12T00:00:00+01:00", "2013-03-12T00:00:00+01:00")
    ]


def test_the_sitemap_dates_the_article_by_its_own_date(client):
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmods = {
        url.findtext(f"{ns}loc"): url.findtext(f"{ns}lastmod") for url in sitemap.iter(f"{ns}url")
    }
    assert lastmods["http://127.0.0.1:8000" + ARTICLE] == "2013-03-12"


def test_the_article_names_its_source(client):
    meta = text_of(one(soup(client.get(ARTICLE)), "main .card__meta"))
    assert meta == (
        "12 mars 2013 — d’après macommune.info, « Le Grand Besançon et le Grand Dijon bientôt "
        "officiellement unis », 12 mars 2013"
    )
