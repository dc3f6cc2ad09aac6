"""The admin's dashboard: the team's panels, each one bounded query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import StandardPage
from search.models import UnansweredQuery
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("equipe", "equipe@example.org", "x")
    client.force_login(user)
    return client


def test_published_this_week_lists_a_page_just_published_and_not_an_old_one(admin_client):
    page = StandardPage.objects.get(slug="a-propos", locale__language_code="fr")
    page.title = "À propos, republié"
    page.save_revision().publish()
    old = StandardPage.objects.get(slug="mentions-legales", locale__language_code="fr")
    StandardPage.objects.filter(pk=old.pk).update(last_published_at=timezone.now() - datetime.timedelta(days=8))
    panel = one(soup(admin_client.get("/admin/")), "#dashboard-published-this-week-section")
    assert text_of(one(panel, "h2")) == "Publié cette semaine"
    titles = [text_of(link) for link in panel.select("td.title a")]
    assert "À propos, republié (fr)" in titles
    assert not [title for title in titles if title.startswith("Mentions légales")]
    assert one(panel, f'a[href="/admin/pages/{page.pk}/edit/"]')
    assert len(titles) <= 10


def test_unanswered_searches_of_the_last_30_days_by_count(admin_client):
    today = timezone.localdate()
    UnansweredQuery.objects.create(query_string="piscine olympique", date=today, hits=3)
    UnansweredQuery.objects.create(query_string="piscine olympique", date=today - datetime.timedelta(days=2), hits=2)
    UnansweredQuery.objects.create(query_string="tramway", date=today, hits=4)
    UnansweredQuery.objects.create(query_string="vieille recherche", date=today - datetime.timedelta(days=40), hits=9)
    panel = one(soup(admin_client.get("/admin/")), "#dashboard-unanswered-searches-section")
    rows = [[text_of(cell) for cell in row.select("td")] for row in panel.select("tbody tr")]
    assert rows == [["piscine olympique", "5 fois"], ["tramway", "4 fois"]]


def test_a_source_published_after_its_translation_was_synchronised_is_listed(admin_client):
    from wagtail_localize.models import TranslationSource

    page = StandardPage.objects.get(slug="a-propos", locale__language_code="fr")
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    TranslationSource.objects.filter(pk=source.pk).update(
        last_updated_at=page.last_published_at - datetime.timedelta(days=1)
    )
    panel = one(soup(admin_client.get("/admin/")), "#dashboard-outdated-translations-section")
    titles = [text_of(link) for link in panel.select("td.title a")]
    assert page.title in titles


def test_the_dashboard_queries_do_not_grow_with_the_content(admin_client):
    admin_client.get("/admin/")
    with CaptureQueriesContext(connection) as before:
        admin_client.get("/admin/")
    for number in range(15):
        UnansweredQuery.objects.create(query_string=f"recherche {number}", date=timezone.localdate(), hits=1)
    with CaptureQueriesContext(connection) as after:
        response = admin_client.get("/admin/")
    assert len(after) == len(before)
    panel = one(soup(response), "#dashboard-unanswered-searches-section")
    assert len(panel.select("tbody tr")) == 10


def test_no_avatar_comes_from_another_host(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar" not in html
    assert "/static/wagtailadmin/images/default-user-avatar" in html
