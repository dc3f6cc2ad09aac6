"""Public history: published versions only, and a readable word-level diff between two."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from programme.diff import WordDiff
from programme.history import versions_of
from programme.models import ProposalPage

from .conftest import edit_and_publish, save_draft

pytestmark = pytest.mark.django_db


def _history(client, page, **params):
    return client.get(page.url + "historique/", params)


def _version_rows(html):
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return re.findall(r'<th scope="row">(\d+)</th>', body)


def test_history_lists_published_versions_newest_first(client, proposal):
    edit_and_publish(proposal, title="Faire entrer Besançon dans l'art contemporain")
    edit_and_publish(proposal, summary="Un chapeau plus court.")
    response = _history(client, proposal)
    html = response.content.decode()
    assert response.status_code == 200
    assert _version_rows(html) == ["3", "2", "1"]
    assert "3 versions publiées" in html
    assert "première publication" in html
    assert "titre (+0 / −2 mots)" in html
    assert "chapeau (+" in html
    assert '<th scope="col">Publiée le</th>' in html
    assert "<caption>" in html


def test_drafts_and_unpublished_revisions_never_appear(client, proposal, django_user_model):
    save_draft(proposal, title="Titre du brouillon secret", summary="Chapeau du brouillon secret")
    # A revision submitted for review but not approved yet is not published either.
    editor = django_user_model.objects.create_superuser("relecture", "relecture@example.org", "x")
    page = ProposalPage.objects.get(pk=proposal.pk)
    page.summary = "Chapeau soumis en relecture"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    response = _history(client, proposal, de=1, a=1)
    html = response.content.decode()
    assert _version_rows(html) == ["1"]
    assert "brouillon secret" not in html
    assert "relecture" not in html
    assert len(versions_of(ProposalPage.objects.get(pk=proposal.pk))) == 1


def test_scheduled_version_appears_only_once_published(client, proposal):
    page = ProposalPage.objects.get(pk=proposal.pk)
    page.title = "Titre programmé pour plus tard"
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = page.save_revision(approved_go_live_at=page.go_live_at)
    revision.publish()
    html = _history(client, proposal).content.decode()
    assert "programmé pour plus tard" not in html
    assert _version_rows(html) == ["1"]
    assert "programmé" not in client.get(proposal.url).content.decode()

    # Time passes: the scheduled moment is now in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    html = _history(client, proposal).content.decode()
    assert _version_rows(html) == ["2", "1"]


def test_diff_between_two_versions_is_word_level(client, proposal):
    page = ProposalPage.objects.get(pk=proposal.pk)
    page.title = "Faire entrer Besançon dans l'art contemporain"
    page.summary = "Relier l'Institut des Beaux-Arts à la Cité des Arts, avec le FRAC."
    page.body = [("paragraph", "<p>Un tout nouveau paragraphe sur la lumière.</p>")]
    page.theme_links = [page.theme_links.all()[0]]
    page.save_revision().publish()
    response = _history(client, proposal, de=1, a=2)
    html = response.content.decode()
    assert response.status_code == 200
    diff = re.search(r'<section class="diff".*?</section>', html, re.S).group(0)
    assert "De la version 1 à la version 2" in diff
    # Title: « moderne et » removed, nothing added; unchanged words stay plain.
    title = re.search(r"<h3>Titre</h3>\s*<div class=\"diff__text\">(.*?)</div>", diff, re.S).group(1)
    assert re.search(r"<del><span class=\"visually-hidden\">\[supprimé : </span>moderne et\s?<span", title)
    assert "<ins>" not in title
    assert "Faire entrer Besançon dans l&#x27;art" in title
    body = re.search(r"<h3>Texte</h3>\s*<div class=\"diff__text\">(.*?)</div>", diff, re.S).group(1)
    assert "<ins>" in body and "lumière" in body and "<del>" in body
    # Relations: the removed theme is listed.
    assert "Thèmes" in diff
    assert re.search(r"<del><span class=\"visually-hidden\">\[supprimé : </span>Cadre de vie", diff)


def test_default_comparison_is_last_against_previous(client, proposal):
    edit_and_publish(proposal, summary="Version deux.")
    edit_and_publish(proposal, summary="Version trois.")
    html = _history(client, proposal).content.decode()
    assert "De la version 2 à la version 3" in html
    assert re.search(r"<del><span class=\"visually-hidden\">\[supprimé : </span>deux<", html)
    assert re.search(r"<ins><span class=\"visually-hidden\">\[ajouté : </span>trois<", html)


@pytest.mark.parametrize(
    "params",
    [{"de": "abc"}, {"a": "0"}, {"de": "99"}, {"de": "-1"}, {"a": "1e9"}, {"de": "\x00"}, {"a": "9" * 400}],
)
def test_bad_version_numbers_give_a_clear_400(client, proposal, params):
    response = _history(client, proposal, **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "version" in html.lower()


def test_history_of_unpublished_proposal_is_404(client, proposal):
    url = proposal.url + "historique/"
    proposal.unpublish()
    assert client.get(url).status_code == 404


def test_word_diff_unit():
    diff = WordDiff(["Le chat dort sur le tapis."], ["Le chien dort sur le tapis rouge."])
    assert diff.has_changes
    assert diff.added_words == 2 and diff.removed_words == 1
    html = str(diff.as_html())
    assert html.startswith("<p>Le <del>")
    assert "chat" in html and "chien" in html and "rouge" in html
    assert not WordDiff(["même texte"], ["même  texte"]).has_changes


def test_word_diff_keeps_paragraphs_and_escapes():
    diff = WordDiff(["Premier.", "<b>Deuxième</b>"], ["Premier.", "<b>Deuxième</b>", "Troisième."])
    html = str(diff.as_html())
    assert html.count("<p>") == 3
    assert "&lt;b&gt;Deuxième&lt;/b&gt;" in html
    assert "<ins>" in html and "Troisième." in html
