from decimal import Decimal

import pytest
from wagtail.models import Page, PageLogEntry, Revision, Site

from demo.loader import load_all
from home.models import HomePage, SiteTexts, StandardPage
from news.models import ArticlePage
from programme.models import ProposalPage, Theme
from quartiers.models import Indicator, QuartierPage, SocialCentre
from tests.seed import read_seed, seed_section_indexes

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "themes": Theme.objects.count(),
        "figures": Indicator.objects.count(),
        "social centres": SocialCentre.objects.count(),
    }


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
    """The test database already holds the demo content: loading again changes nothing, in any
    section (one load for all of them: a load takes seconds)."""
    before = _counts()
    loader = load_all()
    assert (loader.created, loader.updated) == (0, 0)
    assert _counts() == before
    assert SocialCentre.objects.filter(locale__language_code="fr").count() == 11


def test_loader_restores_what_an_editor_changed():
    """A page, a proposal (its reference kept) and a quartier figure changed by hand come back
    to the seed's at the next load, each as one new revision."""
    page = StandardPage.objects.get(slug="mentions-legales", locale__language_code="fr")
    page.title = "Titre modifié"
    page.save_revision().publish()
    proposal = ProposalPage.objects.get(reference="P-07", locale__language_code="fr")
    proposal.title = "Titre changé"
    proposal.theme_links = []
    proposal.save_revision().publish()
    revisions = proposal.revisions.count()
    planoise = QuartierPage.objects.get(slug="planoise", locale__language_code="fr")
    figure = planoise.indicators.get(code="population")
    figure.value = Decimal("1")
    figure.save()

    loader = load_all()

    assert loader.updated == 3
    page.refresh_from_db()
    assert page.title == "Mentions légales"
    proposal = ProposalPage.objects.get(pk=proposal.pk)
    assert proposal.revisions.count() == revisions + 1
    assert proposal.title == "Construire une nouvelle Maison des associations"
    assert proposal.reference == "P-07"
    assert proposal.theme_links.count() == 2
    assert planoise.indicators.get(code="population").value == Decimal("15378")
