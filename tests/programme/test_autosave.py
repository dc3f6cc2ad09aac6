"""Autosave (issue 15, item 5): no page before the editor saves; a refused autosave says why."""

import json

import pytest
from wagtail.test.utils.form_data import inline_formset

from programme.models import ProposalPage

from .helpers import proposal_form_data

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}  # what Wagtail's autosave sends


def test_autosave_with_a_half_filled_milestone_names_the_row_and_the_field(admin_client, proposal):
    data = proposal_form_data(proposal.title, proposal.slug, milestones=inline_formset([{"title": "Vote du budget", "text": ""}]))
    response = admin_client.post(f"/admin/pages/{proposal.pk}/edit/", data, **AUTOSAVE)
    assert response.status_code == 400
    assert json.loads(response.content) == {
        "success": False,
        "error_code": "validation_error",
        "error_message": "Enregistrement automatique impossible : Étapes, ligne 1 — Date prévue : "
        "Donnez au moins une date : prévue, ou de réalisation.",
    }
    assert not ProposalPage.objects.get(pk=proposal.pk).get_latest_revision_as_object().milestones.exists()


def test_the_editors_save_button_still_shows_the_form_with_its_errors(admin_client, proposal):
    data = proposal_form_data(proposal.title, proposal.slug, milestones=inline_formset([{"title": "Vote du budget", "text": ""}]))
    response = admin_client.post(f"/admin/pages/{proposal.pk}/edit/", data)
    assert response.status_code == 200
    assert "Donnez au moins une date : prévue, ou de réalisation." in response.content.decode()


def test_autosave_on_the_create_view_creates_no_page(admin_client, axis):
    url = f"/admin/pages/add/programme/proposalpage/{axis.pk}/"
    before = ProposalPage.objects.count()
    response = admin_client.post(url, proposal_form_data("Une navette fluviale", "une-navette-fluviale"), **AUTOSAVE)
    assert response.status_code == 400
    assert json.loads(response.content)["error_message"] == (
        "La page n'existe pas encore : cliquez sur « Enregistrer le brouillon » pour la créer. Ensuite, vos "
        "modifications seront enregistrées automatiquement."
    )
    assert ProposalPage.objects.count() == before
    # The editor's own « Enregistrer le brouillon » creates it.
    response = admin_client.post(url, proposal_form_data("Une navette fluviale", "une-navette-fluviale"))
    assert response.status_code == 302
    assert ProposalPage.objects.filter(slug="une-navette-fluviale", locale__language_code="fr").count() == 1
