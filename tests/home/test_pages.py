import io
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from culture.models import CulturalPlacePage, CultureIndexPage
from home.models import ContactPage, HomePage, SiteImage, StandardPage
from news.models import ArticlePage, NewsIndexPage
from programme.models import AxisPage, ProgrammeIndexPage, ProposalPage, QuestionPage
from quartiers.models import QuartierIndexPage, QuartierPage
from tests.html import one, soup, text_of
from tests.seed import seed_proposals, seed_translation
from tests.translating import add_french_page, translate

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

# Wagtail's page-type assertions (assertAllowedParentPageTypes, assertAllowedSubpageTypes),
# called from pytest through one instance of its test case.
page_tree = WagtailPageTestCase()

# Each page type and the only page types it may be created under, written down by hand.
ALLOWED_PARENTS = [
    (HomePage, {Page}),
    (StandardPage, {HomePage, StandardPage}),
    (NewsIndexPage, {HomePage}),
    (ContactPage, {HomePage}),
    (ArticlePage, {NewsIndexPage}),
    (ProgrammeIndexPage, {HomePage}),
    (AxisPage, {ProgrammeIndexPage}),
    (ProposalPage, {AxisPage}),
    (QuestionPage, {AxisPage}),
    (QuartierIndexPage, {HomePage}),
    (QuartierPage, {QuartierIndexPage}),
    (CultureIndexPage, {HomePage}),
    (CulturalPlacePage, {CultureIndexPage}),
]
# Each page type and the only page types that may be created under it.
ALLOWED_SUBPAGES = [
    # The tree's root (Wagtail's own Page) takes a home page per site, and Wagtail's Page.
    (Page, {Page, HomePage}),
    (
        HomePage,
        {ProgrammeIndexPage, QuartierIndexPage, CultureIndexPage, NewsIndexPage, StandardPage, ContactPage},
    ),
    (StandardPage, {StandardPage}),
    (NewsIndexPage, {ArticlePage}),
    (ContactPage, set()),
    (ArticlePage, set()),
    (ProgrammeIndexPage, {AxisPage}),
    (AxisPage, {ProposalPage, QuestionPage}),
    (ProposalPage, set()),
    (QuestionPage, set()),
    (QuartierIndexPage, {QuartierPage}),
    (QuartierPage, set()),
    (CultureIndexPage, {CulturalPlacePage}),
    (CulturalPlacePage, set()),
]


def _name(model):
    return model.__name__ if isinstance(model, type) else None


@pytest.mark.parametrize("child, parents", ALLOWED_PARENTS, ids=_name)
def test_allowed_parent_page_types(child, parents):
    page_tree.assertAllowedParentPageTypes(child, parents)


@pytest.mark.parametrize("parent, children", ALLOWED_SUBPAGES, ids=_name)
def test_allowed_subpage_types(parent, children):
    page_tree.assertAllowedSubpageTypes(parent, children)


def test_every_page_type_is_listed_in_both_tables():
    page_types = {child for child, _parents in ALLOWED_PARENTS}
    assert len(page_types) == 13
    assert {parent for parent, _children in ALLOWED_SUBPAGES} == page_types | {Page}


def test_each_section_index_can_be_created_once_per_home(home_page):
    sections = (ProgrammeIndexPage, QuartierIndexPage, CultureIndexPage, NewsIndexPage)
    # The demo content already has one of each under the home page: a second is refused.
    assert [model.objects.child_of(home_page).count() for model in sections] == [1, 1, 1, 1]
    assert [model.can_create_at(home_page) for model in sections] == [False, False, False, False]


def test_root_redirects_to_french_tree(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_home_page_renders_with_content(client):
    response = client.get("/fr/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert one(page, "a.skip-link")["href"] == "#contenu"
    main = one(page, "main")
    assert main["id"] == "contenu"
    assert text_of(one(main, "h1.hero__title")) == "Nous sommes tous Besançon"
    assert "Une ville rayonnante" in text_of(main)
    # Entries to the sections and the latest news.
    hrefs = {link["href"] for link in main.select("a[href]")}
    assert {"/fr/programme/", "/fr/quartiers/", "/fr/culture/", "/fr/actualites/"} <= hrefs
    assert "pôle métropolitain" in text_of(main)


@pytest.mark.parametrize(
    "url",
    ["/fr/mentions-legales/", "/fr/accessibilite/", "/fr/donnees-personnelles/", "/fr/a-propos/"],
)
def test_standard_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    breadcrumbs = one(soup(response), 'nav[aria-label="Fil d’Ariane"]')
    assert breadcrumbs.select_one('a[href="/fr/"]')


def test_untranslated_page_is_shown_as_french(client, home_page):
    add_french_page(home_page, StandardPage(title="Pas encore traduite", slug="pas-encore-traduite"))
    response = client.get("/en/pas-encore-traduite/")
    assert response.status_code == 200
    page = soup(response)
    main = one(page, "main")
    assert (main["id"], main["class"], main["tabindex"], main["lang"]) == ("contenu", ["site-main"], "-1", "fr")
    # The notice speaks the visitor's language, and says so.
    notice = one(page, '[role="note"]')
    assert (notice["lang"], text_of(notice)) == ("en", "This page has not been translated yet: it is shown in French.")


def test_unknown_page_gives_a_readable_404(client):
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in text_of(soup(response))


def test_public_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/fr/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_meta_description_falls_back_to_summary_then_body(home_page):
    page = StandardPage(title="Test", slug="test-meta", summary="", search_description="")
    page.body = [("paragraph", "<p>Un texte <b>assez</b> court.</p>")]
    home_page.add_child(instance=page)
    assert page.get_meta_description() == "Un texte assez court."
    page.summary = "Le chapeau"
    assert page.get_meta_description() == "Le chapeau"
    page.search_description = "La description SEO"
    assert page.get_meta_description() == "La description SEO"


def _robots(client, url):
    return [meta["content"] for meta in soup(client.get(url)).select('meta[name="robots"]')]


def _sitemap_locations(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def _api_titles(client):
    """The title of every page the public API lists, page after page (at most 20 at a time)."""
    titles, offset, total = [], 0, None
    while total is None or offset < total:
        response = client.get("/api/v2/pages/", {"limit": 20, "offset": offset})
        assert response.status_code == 200, response.content
        data = response.json()
        total = data["meta"]["total_count"]
        titles += [item["title"] for item in data["items"]]
        offset += 20
    assert len(titles) == total > 50
    return titles


def test_page_excluded_from_sitemap_is_noindex(client, home_page):
    page = StandardPage(title="Cachée", slug="cachee", exclude_from_sitemap=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    visible = StandardPage(title="Visible", slug="visible")
    home_page.add_child(instance=visible)
    visible.save_revision().publish()

    locations = _sitemap_locations(client)
    assert "http://127.0.0.1:8000/fr/visible/" in locations
    assert not [loc for loc in locations if "/fr/cachee/" in loc]
    assert _robots(client, "/fr/cachee/") == ["noindex"]
    assert _robots(client, "/fr/visible/") == []


def test_drafts_are_not_public(client, home_page):
    draft = StandardPage(title="Brouillon secret", slug="brouillon", live=False)
    home_page.add_child(instance=draft)
    draft.save_revision()
    assert client.get("/fr/brouillon/").status_code == 404
    titles = _api_titles(client)
    assert "Nous sommes tous Besançon" in titles
    assert "Brouillon secret" not in titles
    assert not [loc for loc in _sitemap_locations(client) if "/fr/brouillon/" in loc]


def _png_upload():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile("citadelle.png", buffer.getvalue(), content_type="image/png")


def test_image_upload_form_requires_alt_text():
    form_class = get_image_form(SiteImage)
    form = form_class(data={"title": "Citadelle"}, files={"file": _png_upload()})
    assert not form.is_valid()
    assert "description" in form.errors

    form = form_class(
        data={"title": "Citadelle", "description": "La Citadelle vue du Doubs"},
        files={"file": _png_upload()},
    )
    assert form.is_valid(), form.errors


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    # The Site's address, like the sitemap's own URLs (home.site_address), not the request's host.
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_lists_each_translation_with_hreflang_alternates(client, home_page):
    page = add_french_page(home_page, StandardPage(title="Traduite", slug="traduite"))
    translate(page, "en", title="Translated", slug="translated")

    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {url.findtext(f"{SITEMAP}loc"): url for url in root.iter(f"{SITEMAP}url")}
    assert "http://127.0.0.1:8000/en/translated/" in entries
    # The German copy is not translated: not in the sitemap, which lists each text once.
    assert not [location for location in entries if location.endswith("/de/traduite/")]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in entries["http://127.0.0.1:8000/en/translated/"].iter(f"{XHTML}link")
        if link.get("rel") == "alternate"
    }
    assert alternates == {
        "en": "http://127.0.0.1:8000/en/translated/",
        "fr": "http://127.0.0.1:8000/fr/traduite/",
        "x-default": "http://127.0.0.1:8000/fr/traduite/",
    }
    # Language links and hreflang on the page itself: every tree has the page.
    html = soup(client.get("/fr/traduite/"))
    hreflangs = {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {
        "fr": "http://testserver/fr/traduite/",
        "en": "http://testserver/en/translated/",
        "de": "http://testserver/de/traduite/",
        "x-default": "http://testserver/fr/traduite/",
    }
    english_link = one(html, 'a[hreflang="en"]')
    assert (english_link["href"], english_link["lang"], text_of(english_link)) == ("/en/translated/", "en", "English")


def test_private_pages_are_not_public(client, home_page):
    private = StandardPage(title="Réservée aux membres", slug="reservee", summary="Texte réservé")
    home_page.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    response = client.get("/fr/reservee/")
    assert response.status_code == 200  # the password form, not the content
    assert soup(response).select_one('input[name="password"]')
    assert "Texte réservé" not in response.content.decode()
    titles = _api_titles(client)
    assert "Nous sommes tous Besançon" in titles
    assert "Réservée aux membres" not in titles
    assert not [loc for loc in _sitemap_locations(client) if "/fr/reservee/" in loc]
    assert "Réservée aux membres" not in client.get("/fr/recherche/?q=réservée").content.decode()


def test_home_page_shows_the_flagship_proposals(client):
    expected = [proposal["url"] for proposal in seed_proposals() if proposal["flagship"]]
    assert len(expected) == 6
    page = soup(client.get("/fr/"))
    section = next(s for s in page.select("main section") if text_of(s.find("h2")) == "Nos propositions phares")
    assert [link["href"] for link in section.select("a[href]")] == expected


@pytest.mark.parametrize("endpoint", ["pages", "images"])
def test_api_refuses_offsets_out_of_range_with_400(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"offset": "9" * 40})
    assert response.status_code == 400
    assert "offset must be at most" in response.json()["message"]
    assert client.get(f"/api/v2/{endpoint}/", {"offset": "2"}).status_code == 200


def test_menu_links_follow_the_language_and_stay_in_its_tree(client):
    culture = CultureIndexPage.objects.get(locale__language_code="en")
    culture.title = "Culture (draft)"
    culture.save_revision()  # never published

    menu = one(soup(client.get("/en/")), "nav.main-nav")
    links = {text_of(link): link["href"] for link in menu.select("a[href]")}
    assert links[seed_translation("programme", "en", "Le programme")] == "/en/programme/"
    assert links[seed_translation("culture", "en", "Les lieux culturels")] == "/en/culture/"
    assert "Culture (draft)" not in text_of(menu)
    assert [href for href in links.values() if not href.startswith("/en/")] == []


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "///evil.example/x/"])
def test_links_built_from_the_path_stay_on_the_site(client, path):
    """A 404 page's language links are built from the request path (issue 13, item 3)."""
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    page = soup(response)
    hrefs = [a["href"] for a in page.select("a[href]")] + [link["href"] for link in page.select("link[href]")]
    assert len(hrefs) > 5
    offsite = [href for href in hrefs if href.startswith(("//", "/\\")) or "://evil" in href]
    assert offsite == []
