"""The communications team's screens for what the home app owns."""

import pytest
from django.contrib.auth import get_user_model

from home.models import StandardPage
from news.models import ArticlePage, NewsIndexPage
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["standardpage", "contactpage"])
def test_add_forms_render_under_the_home_page(admin_client, home_page, model):
    response = admin_client.get(f"/admin/pages/add/home/{model}/{home_page.pk}/")
    # The contact page exists already and is limited to one per home page.
    assert response.status_code == (200 if model == "standardpage" else 302)


def test_edit_forms_render_for_every_home_page_type(admin_client, home_page):
    pages = [
        home_page,
        StandardPage.objects.get(slug="a-propos", locale__language_code="fr"),
        NewsIndexPage.objects.get(slug="actualites", locale__language_code="fr"),
        ArticlePage.objects.get(slug="pole-metropolitain-besancon-dijon", locale__language_code="fr"),
    ]
    for page in pages:
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
        assert "Partage et référencement" in text_of(soup(response)), page


def test_preview_renders(admin_client, home_page):
    page = StandardPage.objects.get(slug="a-propos", locale__language_code="fr")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/admin/settings/home/sitesettings/", "/admin/snippets/home/sitetexts/", "/admin/snippets/programme/theme/"])
def test_settings_and_snippets_screens_render(admin_client, url):
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200


def test_previews_may_be_framed_by_the_admin_only_while_public_pages_refuse_any_frame(admin_client):
    page = StandardPage.objects.get(slug="a-propos", locale__language_code="fr")
    draft = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    public = admin_client.get("/fr/a-propos/")
    assert "frame-ancestors 'self'" in draft["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in draft["Content-Security-Policy"]
    assert "script-src 'self'" in draft["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"
