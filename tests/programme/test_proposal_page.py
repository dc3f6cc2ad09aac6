"""A proposal page: its axis, themes, quartiers and places as links, dates, citation, permalink."""

import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from programme.models import ProposalPage

from .conftest import edit_and_publish

pytestmark = pytest.mark.django_db


def _page_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_shows_axis_themes_places_as_links(client, proposal):
    html = _page_html(client, proposal)
    assert '<a href="/fr/programme/une-ville-rayonnante/">Axe « Une ville rayonnante »</a>' in html
    assert '<a class="tag" href="/fr/programme/?theme=culture-et-patrimoine">Culture et patrimoine</a>' in html
    for link in proposal.place_links.all():
        assert f'<a href="{link.place.url}">{escape(link.place.title)}</a>' in html


def test_shows_quartiers_as_links(client):
    page = ProposalPage.objects.get(reference="P-08", locale__language_code="fr")
    html = _page_html(client, page)
    assert "Quartiers concernés" in html
    assert '<a href="/fr/quartiers/planoise/">' in html


def test_related_proposals_are_shown_on_both_sides(client, proposal):
    photo = ProposalPage.objects.get(reference="P-05", locale__language_code="fr")
    photo.related_links = []
    photo.save_revision().publish()
    assert escape(photo.title) in _page_html(client, proposal)
    # P-04 links to P-05; P-05 no longer links back, but still lists P-04.
    assert escape(proposal.title) in _page_html(client, ProposalPage.objects.get(pk=photo.pk))


def test_citation_box_and_publication_dates(client, proposal):
    first = proposal.first_published_at
    edited = edit_and_publish(proposal, summary="Un nouveau chapeau.")
    html = _page_html(client, edited)
    box = re.search(r'<section class="citation".*?</section>', html, re.S).group(0)
    assert "Citer cette proposition" in box
    assert "<dd>P-04</dd>" in box
    assert escape(edited.title) in box
    permalink = "http://127.0.0.1:8000/fr/programme/P-04/"
    assert f'<a href="{permalink}">{permalink}</a>' in box
    last = timezone.localtime(edited.last_published_at)
    assert f'<time datetime="{last.isoformat()}">' in box
    assert edited.first_published_at == first < edited.last_published_at
    assert f"Première publication : <time datetime=\"{timezone.localtime(first).isoformat()}\">" in html
    assert f"Dernière publication : <time datetime=\"{last.isoformat()}\">" in html
    assert 'href="/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/historique/"' in html


def test_permalink_redirects_to_the_current_address(client, proposal):
    response = client.get("/fr/programme/P-04/")
    assert response.status_code == 302
    assert response["Location"] == proposal.url
    proposal = edit_and_publish(proposal, slug="art-contemporain")
    response = client.get("/fr/programme/p-04/")
    assert response["Location"] == "/fr/programme/une-ville-rayonnante/art-contemporain/"


def test_unknown_or_unpublished_reference_is_404(client, proposal):
    assert client.get("/fr/programme/P-99/").status_code == 404
    proposal.unpublish()
    assert client.get("/fr/programme/P-04/").status_code == 404


def test_proposal_links_its_feeds(client, proposal):
    html = _page_html(client, proposal)
    assert '<link rel="alternate" type="application/atom+xml" title="Toutes les propositions (Atom)" href="/fr/programme/flux/atom/">' in html
    assert 'href="/fr/programme/flux/rss/?theme=culture-et-patrimoine"' in html


def test_axis_page_lists_its_proposals_and_questions(client, axis):
    response = client.get(axis.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r"</span>(P-\d+)</span>", html) == ["P-01", "P-02", "P-03", "P-04", "P-05"]
    assert "Concilier économie de l&#x27;espace et développement économique" in html
    assert 'href="/fr/programme/flux/atom/?axe=une-ville-rayonnante"' in html


def test_question_page_shows_lines_of_thought_and_places(client, axis):
    response = client.get(axis.url + "citadelle-phare-du-grand-besancon/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pistes de réflexion" in html
    assert html.count('<ul class="lines-of-thought">') == 1
    assert '<a href="/fr/culture/citadelle/">' in html
