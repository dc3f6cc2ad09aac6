"""The follow-up's pages, feeds and exports run as many SQL queries with 40 more proposals and
40 more milestones."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.models import ProposalMilestone, ProposalPage
from tests.responses import body

pytestmark = pytest.mark.django_db

STATUSES = ["under-study", "committed", "in-progress", "done", "partly-done", "postponed", "abandoned"]
INDEX = "/fr/programme/"


def _count(client, url):
    body(client.get(url))  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body(response)  # a streamed export makes its queries as it is read
    assert response.status_code == 200, url
    return len(queries)


def _urls(proposal):
    return [
        INDEX + "suivi/",
        INDEX + "suivi/?statut=in-progress&quartier=planoise",
        INDEX + "suivi/flux/atom/",
        INDEX + "suivi/flux/rss/?axe=une-ville-rayonnante",
        INDEX + f"suivi/flux/atom/?proposition={proposal.reference}",
        INDEX + "suivi/export/json/",
        INDEX + "export/csv/",
        INDEX + "export/json/",
        INDEX + "?statut=done",
        proposal.url,
        "/fr/quartiers/planoise/",
    ]


def test_queries_do_not_grow_with_proposals_and_milestones(client, axis, axis_citizens, make_proposal):
    # Before: every filtered URL already selects a proposal (an empty selection skips prefetches).
    done = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
    done.status, done.status_justification = "done", "Ouvert."
    done.save_revision().publish()
    proposal = ProposalPage.objects.get(reference="P-08", locale__language_code="fr")
    proposal.status, proposal.status_justification = "in-progress", "Commencé."
    proposal.milestones = [ProposalMilestone(title="Première étape", actual_date=datetime.date(2026, 3, 1))]
    proposal.save_revision().publish()
    proposal = ProposalPage.objects.get(pk=proposal.pk)
    before = {url: _count(client, url) for url in _urls(proposal)}
    for number in range(40):
        page = make_proposal(
            axis if number % 2 else axis_citizens,
            themes=["jeunesse"],
            quartiers=["planoise"][: number % 2],
            related_links=[],
        )
        page.status = STATUSES[number % len(STATUSES)]
        page.status_justification = f"Justification {number}."
        page.milestones = [
            ProposalMilestone(title=f"Étape {number}", actual_date=datetime.date(2026, 1 + number % 12, 1))
        ]
        page.save_revision().publish()
    # 40 more milestones on the proposal whose page is counted.
    proposal.milestones = [
        ProposalMilestone(title=f"Étape {n}", planned_date=datetime.date(2027, 1 + n % 12, 1 + n % 28))
        for n in range(40)
    ]
    proposal.save_revision().publish()
    assert ProposalMilestone.objects.count() == 80
    after = {url: _count(client, url) for url in _urls(proposal)}
    assert after == before
