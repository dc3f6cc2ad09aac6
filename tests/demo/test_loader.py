import pytest
from wagtail.models import Page, PageLogEntry, Revision, Site

from demo.loader import load_all
from home.models import HomePage, SiteTexts, StandardPage
from news.models import ArticlePage
from tests.seed import read_seed, seed_section_indexes

pytestmark = pytest.mark.django_db


def _counts():
    return (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())


def test_loader_builds_the_site():
    seed = read_seed("home")
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == seed["home"]["title"] == "Nous sommes tous Besançon"
    assert home.summary == " ".join(seed["home"]["summary"].split())
    children = {p.slug: p.title for p in home.get_children()}
    standard_pages = {page["slug"]: page["title"] for page in seed["standard_pages"]}
    assert set(standard_pages) == {"a-propos", "mentions-legales", "accessibilite", "donnees-personnelles"}
    assert children == {
        **{section["slug"]: section["title"] for section in seed_section_indexes().values()},
        **standard_pages,
        seed["contact"]["slug"]: seed["contact"]["title"],
    }
    assert set(children) == {
        "programme", "quartiers", "culture", "actualites",
        "mentions-legales", "accessibilite", "donnees-personnelles", "a-propos", "contact",
    }
    assert {page.slug: page.title for page in StandardPage.objects.live().filter(locale__language_code="fr")} == standard_pages
    article = ArticlePage.objects.get(slug="pole-metropolitain-besancon-dijon", locale__language_code="fr")
    assert article.live and article.title == read_seed("news")["articles"][0]["title"]
    navigation = SiteTexts.objects.get(locale__language_code="fr")
    menu_pages = [block.value["page"].slug for block in navigation.main_menu]
    assert menu_pages == seed["navigation"]["main_menu"] == ["programme", "quartiers", "culture", "actualites", "a-propos"]


def test_loader_is_idempotent():
    """The test database already holds the demo content: loading again changes nothing."""
    before = _counts()
    loader = load_all()
    assert (loader.created, loader.updated) == (0, 0)
    assert _counts() == before


def test_loader_restores_a_changed_page():
    page = StandardPage.objects.get(slug="mentions-legales", locale__language_code="fr")
    page.title = "Titre modifié"
    page.save_revision().publish()
    loader = load_all()
    assert loader.updated == 1
    page.refresh_from_db()
    assert page.title == "Mentions légales"
