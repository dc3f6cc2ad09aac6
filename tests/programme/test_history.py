"""Public history: published versions only, and a readable word-level diff between two."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from programme.diff import WordDiff
from programme.history import versions_of
from programme.models import ProposalPage
from tests.html import one, soup, spoken_text, text_of, texts, visible_text

from .conftest import edit_and_publish, save_draft

pytestmark = pytest.mark.django_db


def _history(client, page, **params):
    return client.get(page.url + "historique/", params)


def _version_rows(page):
    return texts(one(page, "main table").select('tbody th[scope="row"]'))


def _diff_block(section, heading):
    """The diff text under the ``<h3>`` named ``heading``."""
    title = next(h3 for h3 in section.find_all("h3") if text_of(h3) == heading)
    block = title.find_next_sibling()
    assert block["class"] == ["diff__text"], heading
    return block


def _marked(element, tag):
    """(seen text, text read out) of each <del> or <ins> under ``element``."""
    return [(visible_text(mark), spoken_text(mark)) for mark in element.find_all(tag)]


def test_history_lists_published_versions_newest_first(client, proposal):
    edit_and_publish(proposal, title="Faire entrer Besançon dans l'art contemporain")
    edit_and_publish(proposal, summary="Un chapeau plus court.")
    response = _history(client, proposal)
    assert response.status_code == 200
    page = soup(response)
    assert _version_rows(page) == ["3", "2", "1"]
    table = one(page, "main table")
    assert text_of(one(table, "caption")) == "3 versions publiées"
    assert texts(table.select('thead th[scope="col"]')) == [
        "Version", "Publiée le", "Statut", "Ce qui a changé", "Comparer"
    ]
    assert [text_of(row.find_all("td")[1]) for row in table.select("tbody tr")] == ["À l'étude"] * 3
    changes = [text_of(row.find_all("td")[2]) for row in table.select("tbody tr")]
    assert "titre (+0 / −2 mots)" in changes[1]
    assert "chapeau (+" in changes[0]
    assert "première publication" in changes[2]


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
    assert _version_rows(soup(response)) == ["1"]
    assert "brouillon secret" not in html
    assert "relecture" not in html
    assert len(versions_of(ProposalPage.objects.get(pk=proposal.pk))) == 1


def test_scheduled_version_appears_only_once_published(client, proposal):
    page = ProposalPage.objects.get(pk=proposal.pk)
    page.title = "Titre programmé pour plus tard"
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = page.save_revision(approved_go_live_at=page.go_live_at)
    revision.publish()
    response = _history(client, proposal)
    assert "programmé pour plus tard" not in response.content.decode()
    assert _version_rows(soup(response)) == ["1"]
    assert "programmé" not in client.get(proposal.url).content.decode()

    # Time passes: the scheduled moment is now in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    assert _version_rows(soup(_history(client, proposal))) == ["2", "1"]


def test_diff_between_two_versions_is_word_level(client, proposal):
    page = ProposalPage.objects.get(pk=proposal.pk)
    page.title = "Faire entrer Besançon dans l'art contemporain"
    page.summary = "Relier l'Institut des Beaux-Arts à la Cité des Arts, avec le FRAC."
    page.body = [("paragraph", "<p>Un tout nouveau paragraphe sur la lumière.</p>")]
    page.theme_links = [page.theme_links.all()[0]]
    page.save_revision().publish()
    response = _history(client, proposal, de=1, a=2)
    assert response.status_code == 200
    diff = one(soup(response), "section.diff")
    assert text_of(one(diff, "h2")) == "De la version 1 à la version 2"
    # Title: « moderne et » removed, nothing added; unchanged words stay plain.
    title = _diff_block(diff, "Titre")
    assert _marked(title, "del") == [("moderne et", "[supprimé : moderne et ]")]
    assert title.find_all("ins") == []
    for mark in title.find_all("del"):
        mark.extract()
    assert text_of(title) == "Faire entrer Besançon dans l'art contemporain"
    body = _diff_block(diff, "Texte")
    assert body.find_all("del")
    assert "Un tout nouveau paragraphe sur" in " ".join(seen for seen, _read in _marked(body, "ins"))
    assert "lumière" in visible_text(body)
    # Relations: the removed theme is listed.
    themes = next(h3 for h3 in diff.find_all("h3") if text_of(h3) == "Thèmes").find_next_sibling("ul")
    assert [seen for seen, _read in _marked(themes, "del")] == ["Cadre de vie et centre-ville"]
    assert _marked(themes, "del")[0][1].startswith("[supprimé : Cadre de vie")


def test_default_comparison_is_last_against_previous(client, proposal):
    edit_and_publish(proposal, summary="Version deux.")
    edit_and_publish(proposal, summary="Version trois.")
    diff = one(soup(_history(client, proposal)), "section.diff")
    assert text_of(one(diff, "h2")) == "De la version 2 à la version 3"
    summary = _diff_block(diff, "Chapeau")
    assert _marked(summary, "del") == [("deux", "[supprimé : deux ]")]
    assert _marked(summary, "ins") == [("trois", "[ajouté : trois ]")]


@pytest.mark.parametrize(
    "params",
    [{"de": "abc"}, {"a": "0"}, {"de": "99"}, {"de": "-1"}, {"a": "1e9"}, {"de": "\x00"}, {"a": "9" * 400}],
)
def test_bad_version_numbers_give_a_clear_400(client, proposal, params):
    response = _history(client, proposal, **params)
    assert response.status_code == 400
    assert "version" in text_of(one(soup(response), '[role="alert"]')).lower()


def test_history_of_unpublished_proposal_is_404(client, proposal):
    url = proposal.url + "historique/"
    proposal.unpublish()
    assert client.get(url).status_code == 404


def test_word_diff_unit():
    diff = WordDiff(["Le chat dort sur le tapis."], ["Le chien dort sur le tapis rouge."])
    assert diff.has_changes
    assert diff.added_words == 2 and diff.removed_words == 1
    paragraph = one(soup(str(diff.as_html())), "p")
    assert paragraph.contents[0] == "Le " and paragraph.contents[1].name == "del"
    assert _marked(paragraph, "del") == [("chat", "[supprimé : chat ]")]
    assert [seen for seen, _read in _marked(paragraph, "ins")] == ["chien", "rouge"]
    assert visible_text(paragraph) == "Le chatchien dort sur le tapis rouge."
    assert not WordDiff(["même texte"], ["même  texte"]).has_changes


def test_word_diff_keeps_paragraphs_and_escapes():
    diff = WordDiff(["Premier.", "<b>Deuxième</b>"], ["Premier.", "<b>Deuxième</b>", "Troisième."])
    html = str(diff.as_html())
    paragraphs = soup(html).find_all("p")
    assert [visible_text(p) for p in paragraphs] == ["Premier.", "<b>Deuxième</b>", "Troisième."]
    assert soup(html).find_all("b") == []  # escaped, not markup
    assert _marked(paragraphs[2], "ins") == [("Troisième.", "[ajouté : Troisième. ]")]
    assert paragraphs[0].find_all(["ins", "del"]) == [] and paragraphs[1].find_all(["ins", "del"]) == []


# That the history never names a related proposal that is not public: tests/test_leaks.py.


def test_history_names_a_related_proposal_that_is_public(client, proposal, axis, make_proposal):
    from programme.models import RelatedProposal

    shown = make_proposal(axis, "Proposition publique liée")
    live = ProposalPage.objects.get(pk=proposal.pk)
    live.related_links = [RelatedProposal(target=shown)]
    live.save_revision().publish()
    assert "Proposition publique liée" in _history(client, proposal).content.decode()
