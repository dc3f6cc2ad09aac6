"""The site's database backend (``search.backend``) where a shortcut could make it wrong: a
synonym phrase matches its words side by side only; on PostgreSQL the narrow table of each
entry's words (``search_entryterms``) follows the index, page by page."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.backend.common import IndexEntry
from tests.factories import ArticlePageFactory, paragraphs

pytestmark = pytest.mark.django_db


def _titles(query):
    return [page.title for page in get_search_backend().search(query, Page.objects.live(), operator="or")]


def test_a_synonym_phrase_matches_its_words_side_by_side_only():
    # « ia » = « intelligence artificielle » (search/data/synonyms.txt).
    ArticlePageFactory(title="Robots au collège", summary="Un atelier d'intelligence artificielle pour les élèves.")
    ArticlePageFactory(title="Fête au collège", summary="L'intelligence des enfants et une fleur artificielle.")
    titles = _titles("ia")
    assert "Robots au collège" in titles
    assert "Fête au collège" not in titles
    # Both words typed, each is found wherever it is.
    assert {"Robots au collège", "Fête au collège"} <= set(_titles("intelligence fleur"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the table of words is PostgreSQL's")
def test_the_table_of_words_follows_the_index():
    def rows():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_entryterms")
            return cursor.fetchone()[0]

    assert rows() == IndexEntry.objects.count()
    article = ArticlePageFactory(title="Le zorglubisme expliqué", summary="Une doctrine.", body=paragraphs("Tout."))
    assert rows() == IndexEntry.objects.count()
    assert _titles("zorglubisme") == ["Le zorglubisme expliqué"]
    article.title = "La xylographie expliquée"
    article.save_revision().publish()
    assert _titles("zorglubisme") == []
    assert _titles("xylographie") == ["La xylographie expliquée"]
    article.delete()
    assert rows() == IndexEntry.objects.count()
    assert _titles("xylographie") == []
