import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.models import Page

from culture.models import CulturalPlacePage, CultureIndexPage
from home.models import ContactPage, HomePage, SiteImage, StandardPage
from news.models import ArticlePage, NewsIndexPage
from programme.models import AxisPage, ProgrammeIndexPage, ProposalPage, QuestionPage
from quartiers.models import QuartierIndexPage, QuartierPage

pytestmark = pytest.mark.django_db

# Each page type and the only parent types it may be created under.
ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage},
    NewsIndexPage: {HomePage},
    ContactPage: {HomePage},
    ArticlePage: {NewsIndexPage},
    ProgrammeIndexPage: {HomePage},
    AxisPage: {ProgrammeIndexPage},
    ProposalPage: {AxisPage},
    QuestionPage: {AxisPage},
    QuartierIndexPage: {HomePage},
    QuartierPage: {QuartierIndexPage},
    CultureIndexPage: {HomePage},
    CulturalPlacePage: {CultureIndexPage},
}
PARENT_TYPES = sorted({Page, *ALLOWED_PARENTS}, key=lambda model: model.__name__)


@pytest.mark.parametrize("child", ALLOWED_PARENTS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("parent", PARENT_TYPES, ids=lambda model: model.__name__)
def test_page_types_live_only_under_their_parents(child, parent):
    expected = parent in ALLOWED_PARENTS[child]
    assert (child in parent.allowed_subpage_models()) is expected
    assert (parent in child.allowed_parent_page_models()) is expected


def test_each_section_index_can_be_created_once_per_home(home_page):
    for model in (ProgrammeIndexPage, QuartierIndexPage, CultureIndexPage, NewsIndexPage):
        # The demo content already has one under the home page: a second is refused.
        assert not model.can_create_at(home_page)


def test_root_redirects_to_french_tree(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_home_page_renders_with_content(client):
    response = client.get("/fr/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert '<a class="skip-link" href="#contenu">' in html
    assert '<main id="contenu"' in html
    assert "<h1 class=\"hero__title\">Nous sommes tous Besançon</h1>" in html
    assert "Une ville rayonnante" in html
    # Entries to the sections and the latest news.
    for url in ("/fr/programme/", "/fr/quartiers/", "/fr/culture/", "/fr/actualites/"):
        assert f'href="{url}"' in html
    assert "pôle métropolitain" in html


@pytest.mark.parametrize(
    "url",
    ["/fr/mentions-legales/", "/fr/accessibilite/", "/fr/donnees-personnelles/", "/fr/a-propos/"],
)
def test_standard_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert 'aria-label="Fil d’Ariane"' in response.content.decode()


def test_untranslated_page_is_shown_as_french(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<main id="contenu" class="site-main" tabindex="-1" lang="fr">' in html
    assert 'role="note" lang="fr"' in html


def test_unknown_page_gives_a_readable_404(client):
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


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


def test_page_excluded_from_sitemap_is_noindex(client, home_page):
    page = StandardPage(title="Cachée", slug="cachee", exclude_from_sitemap=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    visible = StandardPage(title="Visible", slug="visible")
    home_page.add_child(instance=visible)
    visible.save_revision().publish()

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/fr/visible/" in sitemap
    assert "/fr/cachee/" not in sitemap
    assert '<meta name="robots" content="noindex">' in client.get("/fr/cachee/").content.decode()
    assert 'content="noindex"' not in client.get("/fr/visible/").content.decode()


def test_drafts_are_not_public(client, home_page):
    draft = StandardPage(title="Brouillon secret", slug="brouillon", live=False)
    home_page.add_child(instance=draft)
    draft.save_revision()
    assert client.get("/fr/brouillon/").status_code == 404
    assert "Brouillon secret" not in client.get("/api/v2/pages/?limit=100").content.decode()
    assert "/fr/brouillon/" not in client.get("/sitemap.xml").content.decode()


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
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_lists_each_translation_with_hreflang_alternates(client, home_page):
    from wagtail.models import Locale

    page = StandardPage(title="Traduite", slug="traduite")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    english_home = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    english_home.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Translated"
    english.save_revision().publish()

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://127.0.0.1:8000/en/traduite/</loc>" in sitemap
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/en/traduite/"/>'
        in sitemap
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="fr" href="http://127.0.0.1:8000/fr/traduite/"/>'
        in sitemap
    )
    # Language links and hreflang on the page itself.
    html = client.get("/fr/traduite/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/traduite/">' in html
    assert 'href="/en/traduite/" lang="en" hreflang="en">English</a>' in html


def test_private_pages_are_not_public(client, home_page):
    from wagtail.models import PageViewRestriction

    private = StandardPage(title="Réservée aux membres", slug="reservee", summary="Texte réservé")
    home_page.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    assert client.get("/fr/reservee/").status_code == 200  # the password form, not the content
    assert "Texte réservé" not in client.get("/fr/reservee/").content.decode()
    assert "Réservée aux membres" not in client.get("/api/v2/pages/?limit=100").content.decode()
    assert "/fr/reservee/" not in client.get("/sitemap.xml").content.decode()
    assert "Réservée aux membres" not in client.get("/fr/recherche/?q=réservée").content.decode()


def test_home_page_shows_the_flagship_proposals(client):
    from programme.models import ProposalPage

    html = client.get("/fr/").content.decode()
    flagships = ProposalPage.objects.live().filter(flagship=True, locale__language_code="fr")
    assert flagships.count() >= 6
    for proposal in flagships:
        assert f'href="{proposal.url}"' in html
    assert "Nos propositions phares" in html


@pytest.mark.parametrize("endpoint", ["pages", "images"])
def test_api_refuses_offsets_out_of_range_with_400(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"offset": "9" * 40})
    assert response.status_code == 400
    assert "offset must be at most" in response.json()["message"]
    assert client.get(f"/api/v2/{endpoint}/", {"offset": "2"}).status_code == 200


def test_menu_links_follow_the_language_and_fall_back_to_french(client, home_page):
    from wagtail.models import Locale

    from programme.models import ProgrammeIndexPage

    english = Locale.objects.get(language_code="en")
    english_home = home_page.copy_for_translation(english)
    english_home.save_revision().publish()
    programme = ProgrammeIndexPage.objects.get(locale__language_code="fr")
    english_programme = programme.copy_for_translation(english)
    english_programme.title = "The programme"
    english_programme.save_revision().publish()
    culture_draft = programme.get_siblings().get(slug="culture").specific.copy_for_translation(english)
    culture_draft.title = "Culture (draft)"
    culture_draft.save_revision()  # never published

    html = client.get("/en/").content.decode()
    menu = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/en/programme/">The programme</a>' in menu
    assert '<a href="/fr/culture/">Les lieux culturels</a>' in menu
    assert "Culture (draft)" not in menu
