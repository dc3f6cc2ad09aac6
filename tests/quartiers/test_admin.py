"""Editors can edit quartiers, their figures and the shared snippets in the Wagtail admin."""

import pytest
from django.urls import reverse

from quartiers.models import SharedObjectives, SocialCentre
from tests.html import one, soup, text_of

from .utils import seed, seed_quartiers

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaction", "r@example.org", "x")
    client.force_login(user)
    return client


def test_quartier_edit_form_shows_portrait_and_project(admin_client, planoise):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[planoise.pk]))
    assert response.status_code == 200
    page = soup(response)
    assert "Portrait : les chiffres" in text_of(page)
    assert "Projet de quartier" in text_of(page)
    # One form per figure and per social centre of the seed.
    figures = len(seed_quartiers()["planoise"]["indicators"])
    centres = len([centre for centre in seed()["social_centres"] if "planoise" in centre["quartiers"]])
    assert (figures, centres) == (54, 3)
    assert one(page, 'input[name="indicators-TOTAL_FORMS"]')["value"] == "54"
    assert one(page, 'input[name="social_centre_links-TOTAL_FORMS"]')["value"] == "3"


def test_a_quartier_can_be_added_under_the_index(admin_client, quartiers_index):
    url = reverse("wagtailadmin_pages:add", args=["quartiers", "quartierpage", quartiers_index.pk])
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("model", [SharedObjectives, SocialCentre])
def test_shared_snippets_are_editable(admin_client, model):
    instance = model.objects.first()
    assert instance is not None
    url = reverse(f"wagtailsnippets_quartiers_{model._meta.model_name}:edit", args=[instance.pk])
    assert admin_client.get(url).status_code == 200


def test_each_figure_row_is_titled_by_its_theme_label_and_year_under_a_search_box(admin_client, planoise):
    page = soup(admin_client.get(reverse("wagtailadmin_pages:edit", args=[planoise.pk])))
    rows = page.select("#id_indicators-FORMS > [data-inline-panel-child]")
    first = seed_quartiers()["planoise"]["indicators"][0]
    assert (first["label"], first["year"]) == ("Population", "2018")
    assert len(rows) == 54
    assert rows[0]["data-inline-row-title"] == "Démographie · Population (2018)"
    assert "Démographie · Population (2018)" in text_of(one(rows[0], "[data-panel-heading-text]"))
    # Saved rows start collapsed: the form is a list of titles, not 54 open forms.
    assert all("collapsed" in one(row, "section.w-panel")["class"] for row in rows)
    search = one(page, "#id_indicators-FILTER")
    assert search["type"] == "search"
    assert text_of(one(page, 'label[for="id_indicators-FILTER"]')) == "Trouver un chiffre"
    # Without JavaScript the box stays hidden (it filters nothing then).
    assert search.find_parent(attrs={"data-inline-filter-for": "id_indicators-FORMS"}).has_attr("hidden")
    assert text_of(one(page, "#id_indicators-ADD")) == "Ajouter un chiffre"
    assert text_of(one(page, "#id_social_centre_links-ADD")) == "Ajouter un centre social"
