"""Spelling suggestions from the site's own vocabulary, on the demo content.

The expected spellings are written down from the demo YAML: quartiers.yaml names « Planoise »,
« Montrapon », « Clairs-Soleils »; culture.yaml « Citadelle de Besançon », « Porte Noire », « Cité
des Savoirs (nouvelle bibliothèque de Saint-Jacques) »; programme.yaml the proposal « Créer un
budget participatif par quartier » and the theme « Savoirs et numérique » (a theme only, no page
has « numérique » in its title). « médiathèque » is only in the Clairs-Soleils text, in no title.
"""

import logging

import pytest
from django.core.cache import cache
from django.db import OperationalError
from wagtail.models import PageViewRestriction

from programme.models import Theme
from search import suggest
from search.suggest import is_known, suggestion
from tests.factories import ArticlePageFactory, StandardPageFactory
from tests.translating import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("planoize", "planoise"),
        ("bibliotheque", "bibliothèque"),
        ("citadele", "citadelle"),
        ("Besancon", "Besançon"),
        ("BIBLIOTHEQUE", "BIBLIOTHÈQUE"),
        ("montrapn", "montrapon"),
        ("numerique", "numérique"),
        ("budjet participatif", "budget participatif"),
        # The rest of the query as typed: spaces, punctuation, stop words, case.
        ("la  citadele de Besancon ?", "la  Citadelle de Besançon ?"),
        ("piscine à Planoize", "piscine à Planoise"),
        # A misspelt name as the site writes it.
        ("porte noir", "Porte Noire"),
        ("clair soleil", "Clairs-Soleils"),
    ],
)
def test_misspelt_words_are_corrected_from_the_titles_and_names(query, expected):
    assert suggestion(query, "fr") == expected


@pytest.mark.parametrize(
    "query",
    [
        "Planoise",
        "citadelle de Besançon",
        "bibliothèque",
        "Les quartiers",
        "association",  # « associations » in a title: another form, found by the search
        "jeune",
        "piscine",  # real words the titles do not hold, near no title word
        "voiture",
        "raison",  # one letter from « maison », but a short word's first letter is not a typo
        "cte",  # too short to correct
        "P-07 2024",
        "*?~ \"",
        "",
    ],
)
def test_no_suggestion_when_nothing_is_misspelt(query):
    assert suggestion(query, "fr") == ""


def test_known_words_accents_case_and_forms_aside():
    assert is_known("Planoise", "fr")
    assert is_known("BIBLIOTHEQUE", "fr")
    assert is_known("associations", "fr")
    assert is_known("association", "fr")
    assert not is_known("planoize", "fr")
    assert not is_known("citadele", "fr")
    assert not is_known("piscine", "fr")


def test_mediatheque_is_suggested_once_a_title_holds_it():
    assert suggestion("mediatheque", "fr") == ""
    article = ArticlePageFactory(title="La médiathèque-ludothèque ouvre aux Clairs-Soleils")
    assert suggestion("mediatheque", "fr") == "médiathèque"
    assert suggestion("ludotheque des Clairs-Soleils", "fr") == "ludothèque des Clairs-Soleils"
    article.unpublish()
    assert suggestion("mediatheque", "fr") == ""


def test_a_renamed_theme_changes_the_vocabulary():
    assert suggestion("randonee", "fr") == ""
    theme = Theme.objects.get(slug="sport", locale__language_code="fr")
    theme.name = "Sport et randonnée"
    theme.save()
    assert suggestion("randonee", "fr") == "randonnée"


def test_drafts_and_private_pages_lend_no_word():
    StandardPageFactory(title="Zorglubisme", live=False)
    private = StandardPageFactory(title="Xylographie")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert suggestion("zorglubisme", "fr") == ""  # nothing known: not even its accents
    assert suggestion("xylographe", "fr") == ""
    StandardPageFactory(title="Xylographie publique")
    assert suggestion("xylographe", "fr") == "xylographie"


def test_other_languages_use_their_titles_and_the_french_ones(home_page):
    page = StandardPageFactory(title="Bibliothèque municipale")
    translate(page, "en", title="Town library")

    assert suggestion("town librray", "en") == "town library"
    assert suggestion("planoize", "en") == "planoise"  # French titles: pages not translated yet
    assert suggestion("librray", "fr") == ""  # English titles are not French words
    assert suggestion("librray", "de") == ""


def test_the_vocabulary_is_built_in_a_few_queries_then_cached(django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert suggestion("planoize", "fr") == "planoise"
    # Then only the query that tells whether a page changed.
    with django_assert_max_num_queries(1):
        assert suggestion("citadele", "fr") == "citadelle"


def test_suggestions_never_fail_the_search(monkeypatch, caplog):
    def broken(language):
        raise OperationalError("database is locked")

    monkeypatch.setattr(suggest, "build_vocabulary", broken)
    with caplog.at_level(logging.WARNING, logger="search.suggest"):
        assert suggestion("planoize", "fr") == ""
        assert not is_known("Planoise", "fr")
    assert "could not be read" in caplog.text
