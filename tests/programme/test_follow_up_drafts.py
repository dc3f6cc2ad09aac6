"""A status change goes through the « Relecture » workflow and shows nowhere until published;
the admin form refuses a status change without a justification."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset

from programme.models import ProposalMilestone, ProposalPage
from tests.html import one, soup, text_of
from tests.responses import body

from .helpers import atom_entries, csv_rows, json_data, proposal_form_data

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarique"
INDEX = "/fr/programme/"


def _member(group_name, name):
    user = get_user_model().objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _public_urls(page):
    return [
        page.url,
        page.url + "historique/",
        INDEX,
        INDEX + "?statut=abandoned",
        INDEX + "suivi/",
        INDEX + "suivi/?statut=abandoned",
        INDEX + "suivi/?quartier=planoise",
        INDEX + "suivi/flux/atom/",
        INDEX + "suivi/flux/rss/?quartier=planoise",
        INDEX + f"suivi/flux/atom/?proposition={page.reference}",
        INDEX + "suivi/export/json/",
        INDEX + "export/csv/",
        INDEX + "export/json/",
        INDEX + "flux/atom/",
        "/fr/quartiers/planoise/",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=programme.ProposalPage&fields=status,status_justification,milestones&limit=20",
    ]


def _submit_status_change(page, writer):
    """P-13 « abandonnée » with a milestone, saved by a writer and submitted for review."""
    page = ProposalPage.objects.get(pk=page.pk)
    page.status = "abandoned"
    page.status_date = datetime.date(2026, 10, 1)
    page.status_justification = f"Justification {SECRET}"
    page.milestones = [ProposalMilestone(title=f"Étape {SECRET}", actual_date=datetime.date(2026, 9, 30))]
    page.save_revision(user=writer)
    return page.get_workflow().start(page, writer)


def _abandoned(client):
    rows = csv_rows(client.get(INDEX + "export/csv/"))
    return {row["reference"] for row in rows if row["status"] == "abandoned"}


def test_a_status_change_shows_only_once_published(client):
    page = ProposalPage.objects.get(reference="P-13", locale__language_code="fr")
    writer, reviewer = _member("Rédaction", "redactrice"), _member("Validation", "relecteur")
    state = _submit_status_change(page, writer)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    for url in _public_urls(page):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in body(response).decode(), url
    assert _abandoned(client) == set()
    barometer = soup(client.get(INDEX + "suivi/"))
    assert text_of(one(barometer, "section.barometer__overall tbody tr:last-child td")) == "0"
    assert soup(client.get(INDEX + "suivi/", {"statut": "abandoned"})).select(".proposal-card") == []
    assert json_data(client.get(f"/api/v2/pages/{page.pk}/"))["status"] == "under-study"

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    assert ProposalPage.objects.get(pk=page.pk).status == "abandoned"

    assert _abandoned(client) == {"P-13"}
    section = one(soup(client.get(page.url)), "section#suivi")
    assert text_of(one(section, ".status-badge")) == "Statut : Abandonnée"
    assert f"Justification {SECRET}" in text_of(section) and f"Étape {SECRET}" in text_of(section)
    assert text_of(one(soup(client.get(INDEX + "suivi/")), "section.barometer__overall tbody tr:last-child td")) == "1"
    titles = [e["title"] for e in atom_entries(client.get(INDEX + "suivi/flux/atom/", {"proposition": "P-13"}))]
    assert f"P-13 — étape franchie : Étape {SECRET}" in titles
    assert "P-13 — statut : Abandonnée" in titles
    planoise = one(soup(client.get("/fr/quartiers/planoise/")), "section#propositions")
    assert "Statut : Abandonnée" in text_of(planoise)
    history = json_data(client.get(INDEX + "suivi/export/json/"))
    record = next(p for p in history["proposals"] if p["reference"] == "P-13")
    assert [s["status"] for s in record["statuses"]] == ["under-study", "abandoned"]
    assert json_data(client.get(f"/api/v2/pages/{page.pk}/"))["status_justification"] == f"Justification {SECRET}"


def test_a_draft_after_a_published_status_leaks_nowhere(client):
    page = ProposalPage.objects.get(reference="P-13", locale__language_code="fr")
    page.status, page.status_justification = "in-progress", "Publié : les travaux ont commencé."
    page.save_revision().publish()
    draft = ProposalPage.objects.get(pk=page.pk)
    draft.status, draft.status_justification = "abandoned", f"Brouillon {SECRET}"
    draft.save_revision()
    for url in _public_urls(page):
        content = body(client.get(url)).decode()
        assert SECRET not in content, url
    assert _abandoned(client) == set()
    rows = {row["reference"]: row for row in csv_rows(client.get(INDEX + "export/csv/"))}
    assert rows["P-13"]["status"] == "in-progress"


# -- the admin form -------------------------------------------------------------------------------


def _edit_data(page, **overrides):
    fields = {
        "summary": page.summary,
        "status": page.status,
        "status_date": page.status_date.isoformat() if page.status_date else "",
        "status_justification": page.status_justification,
        **overrides,
    }
    return proposal_form_data(page.title, page.slug, **fields)


def test_admin_refuses_a_status_change_without_justification(admin_client, proposal):
    url = f"/admin/pages/{proposal.pk}/edit/"
    response = admin_client.post(url, _edit_data(proposal, status="done", status_justification=""))
    assert response.status_code == 200
    errors = text_of(one(soup(response), "form#page-edit-form"))
    assert (
        "Le statut change : dites en une ou deux phrases pourquoi la proposition est désormais « Réalisée »" in errors
    )
    assert ProposalPage.objects.get(pk=proposal.pk).get_latest_revision_as_object().status == "under-study"


def test_admin_accepts_a_justified_status_change_and_dates_it(admin_client, proposal):
    url = f"/admin/pages/{proposal.pk}/edit/"
    before = ProposalPage.objects.get(pk=proposal.pk).status_date
    data = _edit_data(proposal, status="committed", status_justification="Le conseil a voté le projet.")
    data["status_date"] = before.isoformat()
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = ProposalPage.objects.get(pk=proposal.pk).get_latest_revision_as_object()
    assert (draft.status, draft.status_justification) == ("committed", "Le conseil a voté le projet.")
    # Not published: saving makes a draft, the live page keeps its status.
    assert ProposalPage.objects.get(pk=proposal.pk).status == "under-study"


def test_admin_refuses_a_milestone_photo_without_alt_text_and_a_milestone_without_date(admin_client, proposal):
    url = f"/admin/pages/{proposal.pk}/edit/"
    data = _edit_data(proposal, milestones=inline_formset([{"title": "Sans date", "text": ""}]))
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Donnez au moins une date : prévue, ou de réalisation." in response.content.decode()
