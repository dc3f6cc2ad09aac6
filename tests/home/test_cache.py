"""The whole-page cache for anonymous visitors (home.cache): served from the cache, never for an
editor or a page with a CSRF token, and a publish is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

from home import cache as page_cache
from home.models import SiteTexts
from news.models import ArticlePage

pytestmark = pytest.mark.django_db

ARTICLE = "/fr/actualites/pole-metropolitain-besancon-dijon/"
FOOTER = "« Nous sommes tous Besançon » publie un programme pour la ville"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 600


@pytest.fixture
def article(db):
    return ArticlePage.objects.get(url_path__endswith="/pole-metropolitain-besancon-dijon/", locale__language_code="fr")


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, article):
    first = client.get(ARTICLE)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(ARTICLE)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert article.title in second.content.decode()
    # The security headers are still added to a page from the cache.
    assert "default-src" in second["Content-Security-Policy"]


class _CountingCache:
    """The default cache, recording the calls a request makes to it (each is a round trip to
    Redis in production) and the keys it reads."""

    def __init__(self, real):
        self.real, self.calls, self.keys_read = real, [], []

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if name not in {"get", "get_many", "set", "set_many", "add", "delete", "incr"}:
            return attribute

        def counted(*args, **kwargs):
            self.calls.append(name)
            if name == "get":
                self.keys_read.append(args[0])
            elif name == "get_many":
                self.keys_read.extend(args[0])
            return attribute(*args, **kwargs)

        return counted


def test_a_hit_is_one_round_trip_to_the_cache_and_a_page_render_reads_the_generation_once(client, monkeypatch):
    client.get(ARTICLE)
    counting = _CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"
    assert counting.calls == ["get_many"]

    # Rendered again (a new generation: nothing cached), the page reads a dozen shared values
    # but the generation once, at the start of the request.
    page_cache.bump()
    counting.keys_read.clear()
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"
    assert counting.keys_read.count(page_cache.GENERATION_KEY) == 1
    assert len(counting.keys_read) > 5


def test_cached_pages_revalidate_with_their_etag(client):
    first = client.get(ARTICLE)
    assert first["Cache-Control"].split(", ").count("max-age=0") == 1
    assert "public" in first["Cache-Control"] and "must-revalidate" in first["Cache-Control"]
    etag = first["ETag"]
    again = client.get(ARTICLE, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_publish_is_seen_at_once_through_the_cache(client, article):
    assert "Nouveau titre du pôle" not in client.get(ARTICLE).content.decode()
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"
    article.title = "Nouveau titre du pôle"
    article.save_revision().publish()
    response = client.get(ARTICLE)
    assert response["X-Page-Cache"] == "miss"
    assert "Nouveau titre du pôle" in response.content.decode()
    # The news index lists it under its new title too: every page went out of date.
    assert "Nouveau titre du pôle" in client.get("/fr/actualites/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, article):
    assert client.get(ARTICLE).status_code == 200
    article.unpublish()
    assert client.get(ARTICLE).status_code == 404


def test_the_footer_follows_a_published_change_of_the_site_texts(client):
    assert FOOTER in client.get("/fr/").content.decode()
    texts = SiteTexts.objects.get(locale__language_code="fr")
    texts.footer_text = "Un pied de page tout neuf."
    texts.save_revision().publish()
    page = client.get("/fr/").content.decode()
    assert "Un pied de page tout neuf." in page and FOOTER not in page


def test_an_editor_never_gets_a_cached_page(client, django_user_model):
    client.get(ARTICLE)
    editor = django_user_model.objects.create_superuser("cache-test", "c@example.org", "motdepasse-test")
    client.force_login(editor)
    response = client.get(ARTICLE)
    assert "X-Page-Cache" not in response
    # The Wagtail user bar is in an editor's page, and never stored for anyone else.
    assert "wagtail-userbar" in response.content.decode()
    client.logout()
    client.cookies.clear()
    assert "wagtail-userbar" not in client.get(ARTICLE).content.decode()


def test_a_page_with_a_csrf_token_is_never_cached(client):
    for _ in range(2):
        response = client.get("/fr/contact/")
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "X-Page-Cache" not in response


def test_search_is_answered_every_time(client):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/fr/recherche/?q=culture")
        assert "X-Page-Cache" not in client.get("/api/search/?q=culture")


def test_languages_and_hosts_have_their_own_entries(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "autre.example"]
    assert client.get("/fr/")["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "miss"
    assert client.get("/fr/", HTTP_HOST="autre.example")["X-Page-Cache"] == "miss"
    assert client.get("/fr/?page=2")["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "hit"


def test_wagtails_front_end_cache_purge_reaches_our_cache(client):
    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"
    purge_url_from_cache("http://testserver" + ARTICLE)
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"


def test_a_new_view_restriction_takes_effect_at_once(client, article):
    from wagtail.models import PageViewRestriction

    assert client.get(ARTICLE).status_code == 200
    assert page_cache.restricted_paths() == []
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="secret-test")
    assert page_cache.restricted_paths() == [article.path]
    response = client.get(ARTICLE)
    assert article.title not in response.content.decode()
    assert ArticlePage.objects.live().public().filter(pk=article.pk).exists() is False
