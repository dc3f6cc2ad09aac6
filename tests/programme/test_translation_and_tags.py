"""Translated proposals, and what the quartier and culture pages ask of the programme."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from culture.models import CulturalPlacePage
from programme.models import ProgrammeIndexPage, ProposalPage
from programme.queries import flagship_proposals, proposals_concerning, questions_concerning
from quartiers.models import QuartierPage
from tests.html import one, soup, text_of
from tests.programme.helpers import json_data
from tests.seed import seed_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_proposal(proposal):
    english = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(proposal)
    source.create_or_update_translation(english, copy_parent_pages=True, fallback=True)
    translation = proposal.get_translation(english)
    translation.title = "Bring Besançon into modern and contemporary art"
    translation.save_revision().publish()
    return ProposalPage.objects.get(pk=translation.pk)


def test_english_index_lists_the_translation_with_its_links(client, english_proposal):
    index = ProgrammeIndexPage.objects.get(locale__language_code="en")
    assert english_proposal.reference == "P-04"
    response = client.get(index.url)
    assert response.status_code == 200
    titles = [text_of(link) for link in soup(response).select(f'main a[href="{english_proposal.url}"]')]
    assert "Bring Besançon into modern and contemporary art" in titles
    # Themes not translated yet fall back to French; filters accept their slugs.
    response = client.get(index.url, {"lieu": "cite-des-arts"})
    assert "Bring Besançon into modern and contemporary art" in text_of(one(soup(response), "main"))
    page = soup(client.get(english_proposal.url))
    # The place it concerns, in the English tree.
    assert page.select('main a[href="/en/culture/cite-des-arts/"]')
    assert one(page, "section.citation dd a")["href"] == "http://127.0.0.1:8000/en/programme/P-04/"


def test_english_export_holds_the_english_tree(client, english_proposal):
    index = ProgrammeIndexPage.objects.get(locale__language_code="en")
    data = json_data(client.get(index.url + "export/json/"))
    assert data["language"] == "en"
    french = json_data(client.get(ProgrammeIndexPage.objects.get(locale__language_code="fr").url + "export/json/"))
    # Every proposal is in the English tree.
    assert [item["reference"] for item in data["proposals"]] == [item["reference"] for item in french["proposals"]]
    titles = {item["reference"]: item["title"] for item in data["proposals"]}
    assert titles["P-04"] == "Bring Besançon into modern and contemporary art"
    assert titles["P-07"] == seed_translation("programme", "en", "Construire une nouvelle Maison des associations")


def test_proposals_concerning_a_quartier_and_a_place(locale_fr):
    planoise = QuartierPage.objects.get(slug="planoise", locale=locale_fr)
    assert [p.reference for p in proposals_concerning(planoise)] == ["P-08", "P-12", "P-13", "P-17"]
    assert all(p.themes for p in proposals_concerning(planoise))
    battant = QuartierPage.objects.get(slug="battant", locale=locale_fr)
    assert [q.slug for q in questions_concerning(battant)] == ["centre-ville-et-battant-bien-commun"]
    citadel = CulturalPlacePage.objects.get(slug="citadelle", locale=locale_fr)
    assert proposals_concerning(citadel) == []
    assert [q.slug for q in questions_concerning(citadel)] == ["citadelle-phare-du-grand-besancon"]


def test_proposals_concerning_skips_unpublished_proposals(locale_fr):
    ProposalPage.objects.get(reference="P-12", locale=locale_fr).unpublish()
    planoise = QuartierPage.objects.get(slug="planoise", locale=locale_fr)
    assert [p.reference for p in proposals_concerning(planoise)] == ["P-08", "P-13", "P-17"]


def test_flagship_proposals(locale_fr):
    assert [p.reference for p in flagship_proposals(locale_fr)] == ["P-06", "P-07", "P-08", "P-09", "P-10", "P-11"]


def test_feed_links_tag_for_a_quartier_page(locale_fr):
    planoise = QuartierPage.objects.get(slug="planoise", locale=locale_fr)
    request = RequestFactory().get(planoise.url)
    html = Template("{% load programme_tags %}{% programme_feed_links page %}").render(
        Context({"page": planoise, "request": request})
    )
    links = {(link["type"], link["href"]): link.get("title") for link in soup(html).select('link[rel="alternate"]')}
    assert links[("application/atom+xml", "/fr/programme/flux/atom/?quartier=planoise")] == (
        "Propositions pour le quartier Planoise (Atom)"
    )
    assert ("application/rss+xml", "/fr/programme/flux/rss/") in links


def test_proposals_concerning_tag(locale_fr):
    place = CulturalPlacePage.objects.get(slug="cite-des-arts", locale=locale_fr)
    html = Template(
        "{% load programme_tags %}{% proposals_concerning page as items %}{% for p in items %}{{ p.reference }} {% endfor %}"
    ).render(Context({"page": place}))
    assert html.split() == ["P-04", "P-05"]
