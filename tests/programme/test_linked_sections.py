"""What the programme adds to the other sections' pages: feeds of their proposals."""

import pytest

from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "feed_filter"),
    [("/fr/quartiers/planoise/", "quartier=planoise"), ("/fr/culture/citadelle/", "lieu=citadelle")],
)
def test_quartier_and_place_pages_link_their_proposal_feeds(client, url, feed_filter):
    page = soup(client.get(url))
    feeds = [link["href"] for link in page.select('link[rel="alternate"][type="application/rss+xml"]')]
    assert f"/fr/programme/flux/rss/?{feed_filter}" in feeds
    atom = [link["href"] for link in page.select('link[rel="alternate"][type="application/atom+xml"]')]
    assert f"/fr/programme/flux/atom/?{feed_filter}" in atom


def test_history_breadcrumb_marks_the_history_as_current(client):
    url = "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/"
    page = soup(client.get(url + "historique/"))
    breadcrumbs = one(page, 'nav[aria-label="Fil d’Ariane"]')
    assert breadcrumbs.select(f'li > a[href="{url}"]')
    current = one(breadcrumbs, '[aria-current="page"]')
    assert (current["href"], text_of(current)) == (f"{url}historique/", "Historique des versions")
    assert one(page, 'link[rel="canonical"]')["href"] == f"http://127.0.0.1:8000{url}historique/"
