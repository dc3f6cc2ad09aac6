"""Editors create and edit proposals in the Wagtail admin, with their relations."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from programme.models import ProposalPage, Theme
from quartiers.models import QuartierPage
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editeur", "editeur@example.org", "motdepasse")
    client.force_login(user)
    return client


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
