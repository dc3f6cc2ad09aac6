"""Pages found in two queries (home.cache) are the pages Wagtail's own walk of the tree finds,
sub-URLs of routable pages included, and a 404 stays a 404."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site

from home import cache as site_cache
from programme.models import ProposalPage

pytestmark = pytest.mark.django_db

# Sub-URLs of the programme index (programme/models/index.py) and paths that must find nothing.
EXTRA_PATHS = {
    "fr": [
        "programme/export/csv/",
        "programme/export/json/",
        "programme/flux/rss/",
        "programme/flux/atom/",
        "programme/suivi/",
        "programme/P-07/",
        "programme/pas-une-page/",
        "pas-une-page/",
        "quartiers/planoise/pas-une-page/",
        "programme/export/xml/",
    ],
    "en": ["programme/export/csv/", "programme/feeds/rss/", "programme/P-07/", "not-a-page/"],
}


def _wagtail_route(path, language):
    request = RequestFactory().get("/")
    site = Site.objects.get(is_default_site=True)
    with translation.override(language):
        return Page.route_for_request.wagtail_route(request, path), site


def _two_queries(path, language):
    request = RequestFactory().get("/")
    site = Site.objects.get(is_default_site=True)
    with translation.override(language):
        return site_cache._route_in_two_queries(request, site, path)


def _summary(result):
    if result is None:
        return None
    page, args, kwargs = result
    view = args[0].__name__ if args else None
    return (page.pk, type(page).__name__, view, tuple(args[1]) if args else (), kwargs)


def _relative(page):
    return "/".join(page.url_path.strip("/").split("/")[1:]) + "/" if page.depth > 2 else ""


@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_every_page_and_sub_url_is_found_as_wagtail_finds_it(language):
    pages = Page.objects.filter(depth__gt=1, locale__language_code=language)
    paths = sorted({_relative(page) for page in pages} | set(EXTRA_PATHS.get(language, [])))
    assert len(paths) > 30
    differences = {}
    for path in paths:
        expected, _site = _wagtail_route(path, language)
        found = _two_queries(path, language)
        if _summary(found) != _summary(expected):
            differences[path] = (_summary(found), _summary(expected))
    assert differences == {}


def test_a_proposal_is_found_in_two_queries_and_a_draft_is_not_found():
    proposal = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
    path = _relative(proposal)
    request = RequestFactory().get("/")
    site = Site.objects.get(is_default_site=True)
    _two_queries(path, "fr")  # Django's per-process cache of content types, warmed
    with translation.override("fr"), CaptureQueriesContext(connection) as queries:
        found = site_cache._route_in_two_queries(request, site, path)
    assert found[0].pk == proposal.pk and isinstance(found[0], ProposalPage)
    assert len(queries) == 2
    proposal.unpublish()
    assert _two_queries(path, "fr") is None
    assert _wagtail_route(path, "fr")[0] is None


def test_the_programme_index_answers_its_export_sub_url():
    page, args, _kwargs = _two_queries("programme/export/csv/", "fr")
    assert type(page).__name__ == "ProgrammeIndexPage"
    assert args[0].__name__ == "export_csv"


def test_the_routing_hands_the_breadcrumbs_their_ancestors():
    proposal = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
    request = RequestFactory().get("/")
    site = Site.objects.get(is_default_site=True)
    with translation.override("fr"):
        site_cache._route_in_two_queries(request, site, _relative(proposal))
    expected = ["Nous sommes tous Besançon", "Le programme"]  # the home page, the programme, then the axis
    found = site_cache.route_ancestors(request, proposal)
    assert [page.pk for page in found] == [page.pk for page in proposal.get_ancestors().filter(depth__gt=1)]
    assert [page.title for page in found][:2] == expected
    assert len(found) == 3
    assert site_cache.route_ancestors(request, proposal.get_parent()) is None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_routing_hands_the_language_links_the_pages_translations(language):
    proposal = ProposalPage.objects.get(reference="P-04", locale__language_code=language)
    request = RequestFactory().get("/")
    site = Site.objects.get(is_default_site=True)
    with translation.override(language):
        site_cache._route_in_two_queries(request, site, _relative(proposal))
    found = site_cache.route_translations(request, proposal)
    # P-04 exists in the three languages (demo content).
    assert sorted(page.locale.language_code for page in found) == ["de", "en", "fr"]
    assert {page.pk for page in found} == set(proposal.get_translations(inclusive=True).values_list("pk", flat=True))


# (hostname, port) asked for, with a second site « presse.example.org:8080 » beside the default
# site (demo content: 127.0.0.1): the site Wagtail's own ``get_site_for_hostname`` picks. The
# only site of a hostname is chosen whatever the port; any other hostname gets the default site.
HOSTS = [
    ("localhost", 80),
    ("localhost", 8000),
    ("presse.example.org", 8080),
    ("presse.example.org", 80),
    ("x.org", 80),
]


@pytest.mark.parametrize(("hostname", "port"), HOSTS)
def test_the_site_is_the_one_wagtail_chooses(hostname, port):
    from wagtail.models.sites import get_site_for_hostname

    home = Site.objects.get(is_default_site=True).root_page
    Site.objects.create(hostname="presse.example.org", port=8080, root_page=home, site_name="Presse")
    chosen = site_cache._site_for_hostname(site_cache.sites(), hostname, port)
    try:
        expected = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        expected = None
    assert getattr(chosen, "pk", None) == getattr(expected, "pk", None)
    assert chosen.hostname == ("presse.example.org" if hostname == "presse.example.org" else "127.0.0.1")


def test_routing_leaves_wagtails_site_root_paths_and_the_private_sections_as_wagtail_reads_them():
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    proposal = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
    PageViewRestriction.objects.create(page=proposal.get_parent(), restriction_type="password", password="x")
    Site.objects.create(
        hostname="presse.example.org",
        port=8080,
        root_page=Page.objects.get(depth=2, locale__language_code="en"),
        site_name="Presse",
    )
    cache.clear()
    expected_paths = Site.get_site_root_paths()
    cache.clear()
    request = RequestFactory().get("/")
    site = Site.objects.get(is_default_site=True)
    with translation.override("fr"):
        site_cache._route_in_two_queries(request, site, _relative(proposal))
    with CaptureQueriesContext(connection) as queries:
        seeded = Site.get_site_root_paths()
        restricted = site_cache.restricted_paths()
    assert len(queries) == 0
    assert seeded == expected_paths
    # Two sites, each home page in three languages (demo content).
    assert len(seeded) == 6
    assert restricted == [proposal.get_parent().path]


@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_routing_hands_the_home_pages_children_and_the_menus_their_pages(language):
    from wagtail.models import PageViewRestriction

    from home.templatetags.site_tags import _localized_pages

    home = Page.objects.get(depth=2, locale__language_code=language)
    children = list(home.get_children().order_by("path"))
    # One child private, one unpublished: neither is a live, public child any more.
    PageViewRestriction.objects.create(page=children[0], restriction_type="password", password="x")
    Page.objects.filter(pk=children[1].pk).update(live=False)
    expected = list(home.get_children().live().public())
    request = RequestFactory().get("/")
    site = Site.objects.get(is_default_site=True)
    from django.core.cache import cache

    cache.clear()
    with translation.override(language):
        site_cache._route_in_two_queries(request, site, "")
        french = [child.pk for child in Page.objects.get(depth=2, locale__language_code="fr").get_children()]
        without_routing = _localized_pages(french)
        with CaptureQueriesContext(connection) as queries:
            found = site_cache.home_children(request, home)
            from_routing = _localized_pages(french, request)
    assert len(queries) == 0
    assert [page.pk for page in found] == [page.pk for page in expected]
    assert len(found) == len(children) - 2 >= 5  # the demo's sections, contact and legal pages
    assert {pk: page.pk for pk, page in from_routing.items()} == {pk: page.pk for pk, page in without_routing.items()}
    # The menus follow the reader: every French page is given in the language read (demo
    # content), but the one whose version in that language was unpublished: the French one then.
    keys = dict(Page.objects.filter(pk__in=french).values_list("pk", "translation_key"))
    unpublished = next(pk for pk in french if keys[pk] == children[1].translation_key)
    languages = {pk: page.locale.language_code for pk, page in from_routing.items()}
    assert languages == {pk: "fr" if pk == unpublished else language for pk in french}


@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_routing_hands_each_language_its_sections_indexes(language):
    from django.core.cache import cache

    from programme.models import ProgrammeIndexPage
    from quartiers.models import QuartierPage

    locale_id = Page.objects.get(depth=2, locale__language_code=language).locale_id
    expected = ProgrammeIndexPage.objects.live().get(locale_id=locale_id)
    request = RequestFactory().get("/")
    cache.clear()
    site_cache._route_in_two_queries(request, Site.objects.get(is_default_site=True), "")
    with CaptureQueriesContext(connection) as queries:
        found = site_cache.home_child(request, ProgrammeIndexPage, locale_id)
        nothing = site_cache.home_child(request, QuartierPage, locale_id)  # a quartier is no home's child
    assert len(queries) == 0
    assert (type(found), found.pk, found.url) == (ProgrammeIndexPage, expected.pk, expected.url)
    assert nothing is None
