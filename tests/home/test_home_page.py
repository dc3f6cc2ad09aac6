"""The home page as the way in (issue 11): search, « trouver mon quartier » without JavaScript,
the programme's key numbers, the flagship proposals, the map, the latest news and its age."""

import datetime

import pytest

from tests.html import one, soup, text_of
from tests.seed import TWELVE_QUARTIERS

pytestmark = pytest.mark.django_db

PRIORITY, FRAGILE = TWELVE_QUARTIERS[:6], TWELVE_QUARTIERS[6:]


@pytest.fixture
def home(client, monkeypatch):
    monkeypatch.setattr("news.wagtail_hooks.timezone.localdate", lambda: datetime.date(2026, 12, 2))
    return soup(client.get("/fr/"))


def test_the_sections_come_in_the_order_of_a_way_in(home):
    assert [text_of(h2) for h2 in home.select("main h2")] == [
        "Trouver mon quartier",
        "Le programme en chiffres",
        "Nos propositions phares",
        "Dernières actualités",
        "Parcourir le site",
        "Qui sommes-nous ?",
    ]
    form = one(home, 'main form[role="search"]')
    assert form["method"] == "get" and form["action"] == "/fr/recherche/"


def test_find_my_quartier_is_twelve_links(home, client):
    section = one(home, ".home-quartiers")
    lists = section.select(".chip-list")
    assert [[text_of(a) for a in ul.select("a")] for ul in lists] == [PRIORITY, FRAGILE]
    link = one(section, 'a.chip[href="/fr/quartiers/planoise/"]')
    assert text_of(link) == "Planoise"
    assert client.get(link["href"]).status_code == 200
    assert len(section.select(".home-quartiers__map svg.svg-map__svg")) == 1  # the map, drawn by the server
    assert one(section, 'a[href="/fr/quartiers/"]')


def test_the_key_numbers_are_the_programme_s(home):
    items = [text_of(li) for li in home.select(".key-numbers__item")]
    assert items == [
        "19 propositions",
        "6 propositions phares",
        "4 questions ouvertes, à travailler avec vous",
        "2 axes",
    ]


def test_the_latest_news_says_its_date_and_age(home):
    card = one(home, "section[aria-labelledby=news-title] .card")
    assert text_of(one(card, ".card__meta")) == "12 mars 2013 — il y a 13 ans, 8 mois"
    assert one(card, "time")["datetime"] == "2013-03-12"
    assert "Article ancien" in text_of(one(card, ".card__note"))


def test_the_home_page_works_in_english_and_german(client, monkeypatch):
    monkeypatch.setattr("news.wagtail_hooks.timezone.localdate", lambda: datetime.date(2026, 12, 2))
    english = soup(client.get("/en/"))
    assert text_of(one(english, "#find-quartier-title")) == "Find my neighbourhood"
    assert text_of(one(english, "section[aria-labelledby=news-title] .card__meta")) == (
        "12 March 2013 — 13 years, 8 months ago"
    )
    german = soup(client.get("/de/"))
    assert text_of(one(german, "section[aria-labelledby=news-title] .card__meta")) == (
        "12 März 2013 — 13 Jahre, 8 Monate alt"
    )
