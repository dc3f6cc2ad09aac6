"""What a page shows of other pages is kept per generation (``home.cache.cached_for_page``): a
publish is still seen at once, a draft never reaches a visitor, each language has its own."""

import pytest
from django.test import RequestFactory

from culture.models import CulturalPlacePage
from programme.context import proposal_page
from programme.models import ProposalPage, ProposalQuartier, Theme
from quartiers.models import QuartierPage
from tests.html import soup, texts

pytestmark = pytest.mark.django_db


def _p04(language="fr"):
    return ProposalPage.objects.get(reference="P-04", locale__language_code=language)


def _linked(client, url, section):
    response = client.get(url)
    assert response.status_code == 200
    return texts(soup(response).select(f'section[aria-labelledby="{section}-title"] li'))


def test_a_theme_renamed_and_published_shows_at_once_on_a_proposal_page(client):
    url = _p04().url
    assert _linked(client, url, "themes") == ["Culture et patrimoine", "Cadre de vie et centre-ville"]
    # The second request is served from the cached context.
    assert _linked(client, url, "themes") == ["Culture et patrimoine", "Cadre de vie et centre-ville"]
    theme = Theme.objects.get(slug="culture-et-patrimoine", locale__language_code="fr")
    theme.name = "Patrimoine vivant"
    theme.save_revision()
    # A draft of the theme changes nothing.
    assert _linked(client, url, "themes") == ["Culture et patrimoine", "Cadre de vie et centre-ville"]
    theme.get_latest_revision().publish()
    assert _linked(client, url, "themes") == ["Patrimoine vivant", "Cadre de vie et centre-ville"]


def test_a_place_renamed_and_published_shows_at_once_on_a_proposal_page(client):
    url = _p04().url
    before = _linked(client, url, "places")
    assert "Cité des Arts" in before
    place = CulturalPlacePage.objects.get(slug="cite-des-arts", locale__language_code="fr")
    place.title = "Cité des Arts et de la Culture"
    place.save_revision().publish()
    after = _linked(client, url, "places")
    assert "Cité des Arts et de la Culture" in after
    assert "Cité des Arts" not in after


def test_a_place_unpublished_leaves_the_proposal_page_at_once(client):
    url = _p04().url
    assert "FRAC Franche-Comté" in _linked(client, url, "places")
    CulturalPlacePage.objects.get(slug="frac", locale__language_code="fr").unpublish()
    assert "FRAC Franche-Comté" not in _linked(client, url, "places")


def test_a_preview_of_a_draft_never_reaches_the_cached_context(client):
    page = _p04()
    url = page.url
    assert _linked(client, url, "quartiers") == []
    planoise = QuartierPage.objects.get(slug="planoise", locale__language_code="fr")
    page.quartier_links = [ProposalQuartier(quartier=planoise, sort_order=0)]  # in memory, as a preview has it
    request = RequestFactory().get(url)
    request.is_preview = True
    assert [quartier.title for quartier in proposal_page(page, request)["quartiers"]] == ["Planoise"]
    assert _linked(client, url, "quartiers") == []


def test_each_language_has_its_own_cached_context(client):
    assert _linked(client, _p04("fr").url, "themes") == ["Culture et patrimoine", "Cadre de vie et centre-ville"]
    assert _linked(client, _p04("en").url, "themes") == ["Culture and heritage", "Living environment and city centre"]
