import pytest
from wagtail.models import Page, PageLogEntry, Revision, Site

from demo.loader import load_all
from home.models import HomePage, NavigationSettings, StandardPage
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


def _counts():
    return (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())


def test_loader_builds_the_site():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Nous sommes tous Besançon"
    assert home.summary
    assert {p.slug for p in home.get_children()} >= {
        "programme",
        "quartiers",
        "culture",
        "actualites",
        "mentions-legales",
        "accessibilite",
        "donnees-personnelles",
        "a-propos",
        "contact",
    }
    assert StandardPage.objects.live().count() >= 4
    assert ArticlePage.objects.get(slug="pole-metropolitain-besancon-dijon").live
    navigation = NavigationSettings.for_site(site)
    assert len(navigation.main_menu) == 5


def test_loader_is_idempotent():
    """The test database already holds the demo content: loading again changes nothing."""
    before = _counts()
    loader = load_all()
    assert (loader.created, loader.updated) == (0, 0)
    assert _counts() == before


def test_loader_restores_a_changed_page():
    page = StandardPage.objects.get(slug="mentions-legales")
    page.title = "Titre modifié"
    page.save_revision().publish()
    loader = load_all()
    assert loader.updated == 1
    page.refresh_from_db()
    assert page.title == "Mentions légales"
