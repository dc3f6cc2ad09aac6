"""Shared fixtures.

The test database is built once per run with the whole demo content (``load_demo_content``),
so every test sees the real site; each test runs in a transaction rolled back at its end.
"""

import pytest
from django.utils import translation
from wagtail.models import Locale, Site

from demo.loader import load_all


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def locale_fr(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture(autouse=True)
def _reset_language():
    """A request to /en/ leaves English active in the thread: start each test in French."""
    yield
    translation.activate("fr")
