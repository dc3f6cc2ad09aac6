"""Page addresses written without a URL reversal per link (home.page_urls) are Django's own."""

import pytest
from django.urls import NoReverseMatch, get_script_prefix, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils import translation
from wagtail.models import Page

from home import page_urls

pytestmark = pytest.mark.django_db


def test_wagtail_writes_page_addresses_through_the_shortcut():
    from wagtail.models import pages

    assert pages.reverse is page_urls.reverse


@pytest.mark.parametrize(
    ("language", "path", "expected"),
    [
        ("fr", "", "/fr/"),
        ("fr", "quartiers/planoise/", "/fr/quartiers/planoise/"),
        ("en", "programme/", "/en/programme/"),
        ("de", "kultur/", "/de/kultur/"),
        # A Unicode slug is quoted as Django quotes it.
        ("fr", "été-à-planoise/", "/fr/%C3%A9t%C3%A9-%C3%A0-planoise/"),
    ],
)
def test_an_address_is_the_serve_views_prefix_and_the_quoted_path(language, path, expected):
    with translation.override(language):
        assert page_urls.reverse("wagtail_serve", args=(path,)) == expected
        assert django_reverse("wagtail_serve", args=(path,)) == expected


def test_the_prefix_follows_the_script_prefix():
    previous = get_script_prefix()
    try:
        set_script_prefix("/site/")
        with translation.override("fr"):
            assert page_urls.reverse("wagtail_serve", args=("culture/",)) == "/site/fr/culture/"
    finally:
        set_script_prefix(previous)
    with translation.override("fr"):
        assert page_urls.reverse("wagtail_serve", args=("culture/",)) == "/fr/culture/"


@pytest.mark.parametrize("path", ["sans-barre", "deux//barres/", "espace ici/"])
def test_a_path_the_serve_pattern_refuses_is_refused_as_before(path):
    with translation.override("fr"), pytest.raises(NoReverseMatch):
        page_urls.reverse("wagtail_serve", args=(path,))


def test_other_views_are_reversed_by_django():
    with translation.override("en"):
        assert page_urls.reverse("search") == "/en/search/"
        assert page_urls.reverse("search", query={"q": "vélo"}) == "/en/search/?q=v%C3%A9lo"


def test_every_live_page_has_the_address_django_gives_it():
    pages = list(Page.objects.live().filter(depth__gt=1).specific())
    assert len(pages) > 50
    for page in pages:
        # The root of the page's tree as Wagtail records it (each language's home page).
        root_path = page._get_relevant_site_root_paths()[0].root_path
        with translation.override(page.locale.language_code):
            expected = django_reverse("wagtail_serve", args=(page.url_path[len(root_path) :],))
        assert page.get_url() == expected, page.url_path
