"""What the programme adds to the other sections' pages: feeds of their proposals."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "feed_filter"),
    [("/fr/quartiers/planoise/", "quartier=planoise"), ("/fr/culture/citadelle/", "lieu=citadelle")],
)
def test_quartier_and_place_pages_link_their_proposal_feeds(client, url, feed_filter):
    html = client.get(url).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert feed_filter in html


def test_history_breadcrumb_marks_the_history_as_current(client):
    url = "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/"
    html = client.get(url + "historique/").content.decode()
    assert f'<li><a href="{url}">' in html
    assert f'<a href="{url}historique/" aria-current="page">Historique des versions</a>' in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{url}historique/">' in html
