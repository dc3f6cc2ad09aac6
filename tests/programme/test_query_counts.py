"""The SQL queries of the programme's pages do not grow with the number of proposals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.models import ProposalPage
from tests.responses import body

pytestmark = pytest.mark.django_db

QUARTIERS = ["planoise", "montrapon", "battant"]
PLACES = ["cite-des-arts", "frac"]
THEMES = ["sport", "jeunesse", "culture-et-patrimoine"]


def _count(client, url):
    body(client.get(url))  # warm Wagtail's per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body(response)  # a streamed export makes its queries as it is read
    assert response.status_code == 200, url
    return len(queries)


def _urls(proposal):
    index = "/fr/programme/"
    return [
        index,
        index + "?theme=jeunesse&quartier=planoise&phare=non",
        "/fr/programme/une-ville-rayonnante/",
        proposal.url,
        index + "export/csv/",
        index + "export/json/?axe=une-ville-rayonnante",
        index + "flux/rss/",
        index + "flux/atom/?theme=jeunesse",
    ]


def test_query_count_does_not_grow_with_proposals(client, axis, axis_citizens, make_proposal):
    proposal = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
    before = {url: _count(client, url) for url in _urls(proposal)}
    for number in range(40):
        make_proposal(
            axis if number % 2 else axis_citizens,
            themes=THEMES[: 1 + number % 3],
            quartiers=QUARTIERS[: number % 4],
            places=PLACES[: number % 3],
            flagship=number % 5 == 0,
            related_links=[],
        )
    assert ProposalPage.objects.live().count() >= 59
    after = {url: _count(client, url) for url in _urls(proposal)}
    assert after == before


def test_index_and_proposal_page_stay_under_a_fixed_budget(client, django_assert_max_num_queries):
    proposal = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
    client.get("/fr/programme/")
    with django_assert_max_num_queries(40):
        client.get("/fr/programme/?theme=culture-et-patrimoine")
    client.get(proposal.url)
    with django_assert_max_num_queries(40):
        client.get(proposal.url)
