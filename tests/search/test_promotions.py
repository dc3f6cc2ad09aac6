"""Promoted pages (Wagtail's search promotions) and the counting of visitors' queries.

Pages from the demo YAML: culture.yaml's place « Citadelle de Besançon » (slug ``citadelle``) and
« Cité des Savoirs (nouvelle bibliothèque de Saint-Jacques) » (``cite-des-savoirs``);
programme.yaml's open question « Faire de la Citadelle le phare du Grand Besançon »
(``citadelle-phare-du-grand-besancon``).
"""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page

from culture.models import CulturalPlacePage
from home.models import StandardPage
from search import promotions
from search.models import UnansweredQuery
from search.promotions import promoted_pages, record_query
from tests.seed import seed_translation
from tests.translating import add_french_page, translate

pytestmark = pytest.mark.django_db


def _page(slug, model=Page):
    return model.objects.get(slug=slug, locale__language_code="fr").specific


def _promote(query_string, *pages):
    query = Query.get(query_string)
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)
    return query


def _translate(page, language_code, title):
    translation = translate(page, language_code, title=title)
    return Page.objects.get(pk=translation.pk).specific


def _hits_today(query_string):
    return QueryDailyHits.objects.get(query__query_string=query_string, date=timezone.localdate()).hits


def test_pinned_pages_in_the_editors_order_whatever_the_case_and_accents():
    place, proposal = _page("citadelle"), _page("citadelle-phare-du-grand-besancon")
    _promote("Citadelle", place, proposal)
    _promote("bibliothèque", _page("cite-des-savoirs", CulturalPlacePage))

    found = promoted_pages("  CITADELLE ", "fr")
    assert [(page.title, type(page).__name__) for page in found] == [
        ("Citadelle de Besançon", "CulturalPlacePage"),
        ("Faire de la Citadelle le phare du Grand Besançon", "QuestionPage"),
    ]
    assert [page.title for page in promoted_pages("Bibliotheque", "fr")] == [
        "Cité des Savoirs (nouvelle bibliothèque de Saint-Jacques)"
    ]
    assert promoted_pages("citadelles", "fr") == []
    assert promoted_pages("", "fr") == []


def test_a_promotion_shows_the_translation_else_the_french_page(home_page):
    place = _page("citadelle")
    english_place = place.get_translation(Locale.objects.get(language_code="en"))
    french_only = add_french_page(home_page, StandardPage(title="Visite de la citadelle", slug="visite"))
    _promote("citadelle", place, french_only)

    # Both in the English tree: the translation, and the French page's synchronised copy.
    assert [(page.title, page.url, page.alias_of_id is not None) for page in promoted_pages("citadelle", "en")] == [
        (seed_translation("culture", "en", "Citadelle de Besançon"), "/en/culture/citadelle/", False),
        ("Visite de la citadelle", "/en/visite/", True),
    ]
    assert [page.title for page in promoted_pages("citadelle", "de")] == [
        seed_translation("culture", "de", "Citadelle de Besançon"),
        "Visite de la citadelle",
    ]
    # An unpublished translation is not shown: the French page is.
    english_place.unpublish()
    assert [page.title for page in promoted_pages("citadelle", "en")] == [
        "Citadelle de Besançon",
        "Visite de la citadelle",
    ]


def test_a_promotion_set_on_a_translation_shows_the_french_page_in_french():
    english_place = _translate(_page("citadelle"), "en", "Besançon Citadel")
    _promote("citadel", english_place)
    assert [page.title for page in promoted_pages("citadel", "fr")] == ["Citadelle de Besançon"]
    assert [page.title for page in promoted_pages("citadel", "en")] == ["Besançon Citadel"]


def test_pages_not_live_and_external_links_are_not_promoted():
    place, proposal = _page("citadelle"), _page("citadelle-phare-du-grand-besancon")
    query = _promote("citadelle", place, proposal)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://www.citadelle.com/", external_link_text="Site de la Citadelle"
    )
    proposal.unpublish()
    assert [page.title for page in promoted_pages("citadelle", "fr")] == ["Citadelle de Besançon"]


def test_promotions_never_fail_the_search(monkeypatch, caplog):
    _promote("citadelle", _page("citadelle"))

    def broken(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(promotions.SearchPromotion.objects, "filter", broken)
    with caplog.at_level(logging.WARNING, logger="search.promotions"):
        assert promoted_pages("citadelle", "fr") == []
    assert "could not be read" in caplog.text


def test_a_query_that_found_nothing_is_counted_twice_a_day():
    record_query("Piscine  Olympique", 0)
    assert _hits_today("piscine olympique") == 1
    row = UnansweredQuery.objects.get()
    assert (row.query_string, row.date, row.hits) == ("piscine olympique", timezone.localdate(), 1)

    record_query("piscine olympique\x00", 0)
    assert _hits_today("piscine olympique") == 2
    assert UnansweredQuery.objects.get(query_string="piscine olympique").hits == 2


def test_a_query_that_found_pages_is_counted_but_not_as_unanswered():
    record_query("Planoise", 7)
    assert _hits_today("planoise") == 1
    assert not UnansweredQuery.objects.exists()


def test_long_queries_are_cut_to_255_characters():
    record_query("Planoise " * 40, 0)
    assert len(UnansweredQuery.objects.get().query_string) == 255
    assert Query.objects.get(query_string__startswith="planoise planoise").query_string == ("planoise " * 40)[:255]


@pytest.mark.parametrize("query", ["", "   ", '*?"() -', "\x00\x1b"])
def test_empty_queries_and_syntax_are_not_counted(query):
    queries_before = Query.objects.count()
    record_query(query, 0)
    assert Query.objects.count() == queries_before
    assert not UnansweredQuery.objects.exists()


def test_counting_never_fails_the_search(monkeypatch, caplog):
    # A real database error on either path (the ORM's on SQLite, one statement on PostgreSQL).
    monkeypatch.setattr(promotions.Query._meta, "db_table", "no_such_table")
    with caplog.at_level(logging.WARNING, logger="search.promotions"):
        record_query("piscine", 0)
    assert "could not be counted" in caplog.text
    # The request's transaction is still usable.
    assert Page.objects.filter(slug="citadelle").exists()


def test_counts_older_than_30_days_are_forgotten():
    today = timezone.localdate()
    old, kept = today - datetime.timedelta(days=31), today - datetime.timedelta(days=30)
    QueryDailyHits.objects.create(query=Query.get("patinoire"), date=old, hits=4)
    QueryDailyHits.objects.create(query=Query.get("planoise"), date=kept, hits=2)
    _promote("citadelle", _page("citadelle"))  # no hits, but a promotion
    UnansweredQuery.objects.create(query_string="patinoire", date=old, hits=4)
    UnansweredQuery.objects.create(query_string="piscine", date=kept, hits=1)

    call_command("purge_search_statistics", stdout=io.StringIO())

    assert sorted(Query.objects.values_list("query_string", flat=True)) == ["citadelle", "planoise"]
    assert list(QueryDailyHits.objects.values_list("query__query_string", "hits")) == [("planoise", 2)]
    assert list(UnansweredQuery.objects.values_list("query_string", flat=True)) == ["piscine"]


def test_a_promotion_set_or_removed_between_two_searches_shows_at_the_second():
    """The search keeps the promotions with its catalogue: saving or deleting one is a new
    version of it."""
    from search.service import SearchParams, search

    place = _page("citadelle")
    assert search(SearchParams("bibliothèque")).promoted == []
    _promote("bibliothèque", place)
    assert [hit.title for hit in search(SearchParams("bibliothèque")).promoted] == ["Citadelle de Besançon"]
    SearchPromotion.objects.filter(page=place).delete()
    assert search(SearchParams("bibliothèque")).promoted == []
