"""Editors create and edit proposals in the Wagtail admin, with their relations."""

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from programme.models import ProposalPage, Theme
from quartiers.models import QuartierPage
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


def test_edit_views_render(admin_client, proposal, axis):
    for url in (
        f"/admin/pages/{proposal.pk}/edit/",
        f"/admin/pages/add/programme/proposalpage/{axis.pk}/",
        f"/admin/pages/add/programme/questionpage/{axis.pk}/",
        f"/admin/pages/{axis.pk}/edit/",
        f"/admin/pages/{axis.get_parent().pk}/edit/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert soup(response).select('form [name="title"]'), url


def test_create_and_publish_a_proposal_with_relations(admin_client, axis, locale_fr):
    theme = Theme.objects.get(slug="sport", locale=locale_fr)
    quartier = QuartierPage.objects.get(slug="planoise", locale=locale_fr)
    target = ProposalPage.objects.get(reference="P-01", locale=locale_fr)
    data = nested_form_data(
        {
            "title": "Un gymnase ouvert le dimanche",
            "slug": "gymnase-ouvert-le-dimanche",
            "summary": "Ouvrir un gymnase par quartier le dimanche.",
            "body": streamfield([("paragraph", rich_text("<p>Le sport pour tous, aussi le dimanche.</p>"))]),
            "flagship": "on",
            "theme_links": inline_formset([{"theme": theme.pk}]),
            "quartier_links": inline_formset([{"quartier": quartier.pk}]),
            "place_links": inline_formset([]),
            "related_links": inline_formset([{"target": target.pk}]),
            "milestones": inline_formset([]),
            "indicator_links": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/programme/proposalpage/{axis.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ProposalPage.objects.get(slug="gymnase-ouvert-le-dimanche", locale__language_code="fr")
    assert page.live and page.flagship
    assert page.reference == "P-20"
    assert [link.theme for link in page.theme_links.all()] == [theme]
    assert [link.quartier_id for link in page.quartier_links.all()] == [quartier.pk]
    assert [link.target_id for link in page.related_links.all()] == [target.pk]
    # The index lists it under its quartier and theme.
    listing = soup(admin_client.get("/fr/programme/", {"quartier": "planoise", "theme": "sport"}))
    link = one(listing, 'main a[href="/fr/programme/une-ville-rayonnante/gymnase-ouvert-le-dimanche/"]')
    assert text_of(link) == "Un gymnase ouvert le dimanche"


def test_themes_quartiers_and_places_are_chosen_several_at_once_rows_titled_by_what_they_link(
    admin_client, make_proposal, axis
):
    page = make_proposal(axis, themes=["economie-et-innovation", "sport"], quartiers=["planoise"], publish=False)
    form = soup(admin_client.get(f"/admin/pages/{page.pk}/edit/"))
    # Wagtail's multiple chooser: one button opens a chooser whose rows have checkboxes.
    assert text_of(one(form, "#id_theme_links-OPEN_MODAL")) == "Ajouter des thèmes"
    assert text_of(one(form, "#id_quartier_links-OPEN_MODAL")) == "Ajouter des quartiers"
    assert text_of(one(form, "#id_place_links-OPEN_MODAL")) == "Ajouter des lieux culturels"
    assert text_of(one(form, "#id_related_links-ADD")) == "Ajouter une proposition liée"
    titles = [row["data-inline-row-title"] for row in form.select("#id_theme_links-FORMS > [data-inline-row-title]")]
    assert titles == ["Économie et innovation", "Sport"]
    assert [
        row["data-inline-row-title"] for row in form.select("#id_quartier_links-FORMS > [data-inline-row-title]")
    ] == ["Planoise"]
    assert "Ajouter un(e)" not in text_of(form)


def test_the_theme_chooser_sorts_accented_names_as_a_french_reader_does(admin_client):
    # The chooser modal answers JSON holding its HTML.
    response = admin_client.get("/admin/snippets/choose/programme/theme/", {"locale": "fr"})
    chooser = BeautifulSoup(response.json()["html"], "html.parser")
    names = [text_of(cell) for cell in chooser.select("table tbody td.title")]
    # The demo's ten themes (programme/demo_data), « Économie » among the E, not after « Vie ».
    assert names == [
        "Cadre de vie et centre-ville",
        "Culture et patrimoine",
        "Démocratie et citoyenneté",
        "Économie et innovation",
        "Environnement",
        "Jeunesse",
        "Proximité et solidarité",
        "Savoirs et numérique",
        "Sport",
        "Vie associative",
    ]
    response = admin_client.get("/admin/snippets/choose/programme/theme/", {"locale": "fr", "multiple": "1"})
    chooser = BeautifulSoup(response.json()["html"], "html.parser")
    assert len(chooser.select('table tbody input[type="checkbox"]')) == 10


def test_a_draft_never_published_has_no_reference_to_cite_in_its_preview(admin_client, make_proposal, axis):
    draft = make_proposal(axis, "Un brouillon à prévisualiser", publish=False)
    preview = soup(admin_client.get(f"/admin/pages/{draft.pk}/view_draft/"))
    assert text_of(one(preview, ".reference")) == "Brouillon : référence attribuée à la publication"
    assert not preview.select(".citation")
    assert "version publiée le" not in text_of(preview)
    published = ProposalPage.objects.get(reference="P-01", locale__language_code="fr")
    live = soup(admin_client.get(f"/admin/pages/{published.pk}/view_draft/"))
    assert text_of(one(live, ".proposal__kicker .reference")) == "Référence P-01"
    assert text_of(one(live, "#citation-title")) == "Citer cette proposition"
