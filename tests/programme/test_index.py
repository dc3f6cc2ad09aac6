"""The programme index: a plain GET form filtering by axis, theme, quartier, place and flagship."""

import re

import pytest
from django.utils.html import escape

from programme.forms import ProposalFilterForm
from programme.listing import Facet, Option, ProposalListing
from programme.models import ProposalPage

pytestmark = pytest.mark.django_db

URL = "/fr/programme/"


def _references(html):
    return re.findall(r'<span class="visually-hidden">Référence </span>(P-\d+)</span>', html)


def _option_counts(html, name):
    select = re.search(rf'<select id="filtre-{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
    return {
        value: int(count)
        for value, count in re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>', select)
    }


def _expected(**filters):
    """The references a filter combination should select, computed from the relations."""
    pages = ProposalPage.objects.live().filter(locale__language_code="fr")
    result = set()
    for page in pages:
        if "axe" in filters and page.get_parent().slug != filters["axe"]:
            continue
        if "theme" in filters and filters["theme"] not in {l.theme.slug for l in page.theme_links.all()}:
            continue
        if "quartier" in filters and filters["quartier"] not in {l.quartier.slug for l in page.quartier_links.all()}:
            continue
        if "lieu" in filters and filters["lieu"] not in {l.place.slug for l in page.place_links.all()}:
            continue
        if "phare" in filters and page.flagship != (filters["phare"] == "oui"):
            continue
        result.add(page.reference)
    return result


def test_index_lists_every_proposal_and_the_open_questions(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert _references(html) == [f"P-{n:02d}" for n in range(1, 20)]
    assert "19 propositions" in html
    for title in ("Faire de la Citadelle le phare du Grand Besançon", "Une politique sportive de haut niveau"):
        assert escape(title) in html


def test_filter_form_works_without_javascript(client):
    html = client.get(URL).content.decode()
    form = re.search(r'<form class="filter-form" method="get" action="/fr/programme/">(.*?)</form>', html, re.S)
    assert form, "a plain GET form to the index itself"
    for name in ("axe", "theme", "quartier", "lieu", "phare"):
        assert f'<label for="filtre-{name}">' in form.group(1)
        assert f'<select id="filtre-{name}" name="{name}">' in form.group(1)
    assert '<button type="submit">' in form.group(1)
    assert "<script" not in html
    assert 'style="' not in html


@pytest.mark.parametrize(
    "filters",
    [
        {"axe": "une-ville-rayonnante"},
        {"axe": "avec-et-pour-les-citoyens"},
        {"theme": "culture-et-patrimoine"},
        {"theme": "democratie-et-citoyennete"},
        {"quartier": "planoise"},
        {"lieu": "cite-des-arts"},
        {"phare": "oui"},
        {"phare": "non"},
        {"theme": "proximite-et-solidarite", "phare": "non"},
        {"axe": "avec-et-pour-les-citoyens", "theme": "jeunesse", "quartier": "battant"},
    ],
)
def test_filters_select_the_right_proposals(client, filters):
    response = client.get(URL, filters)
    html = response.content.decode()
    expected = _expected(**filters)
    assert expected, "each combination selects something in the demo content"
    assert set(_references(html)) == expected
    assert len(_references(html)) == len(expected)
    for name, value in filters.items():
        assert re.search(rf'<option value="{value}" selected>', html)
    # The selection is a shareable URL: the same page again, and the exports carry the filters.
    assert '<meta name="robots" content="noindex, follow">' in html
    assert "export/csv/?" in html


@pytest.mark.parametrize(
    "filters",
    [{}, {"theme": "jeunesse"}, {"axe": "avec-et-pour-les-citoyens", "phare": "non"}, {"quartier": "planoise"}],
)
def test_counts_per_filter_value_keep_the_other_filters(client, filters):
    html = client.get(URL, filters).content.decode()
    for name, values in {
        "axe": ["une-ville-rayonnante", "avec-et-pour-les-citoyens"],
        "theme": ["culture-et-patrimoine", "jeunesse", "proximite-et-solidarite", "sport", "environnement"],
        "quartier": ["planoise", "battant"],
        "lieu": ["cite-des-arts", "citadelle", "cite-des-savoirs"],
        "phare": ["oui", "non"],
    }.items():
        counts = _option_counts(html, name)
        others = {k: v for k, v in filters.items() if k != name}
        for value in values:
            assert counts[value] == len(_expected(**others, **{name: value})), (name, value)


def test_known_counts_without_filter(client):
    html = client.get(URL).content.decode()
    assert _option_counts(html, "phare") == {"oui": 6, "non": 13}
    assert _option_counts(html, "axe") == {"une-ville-rayonnante": 5, "avec-et-pour-les-citoyens": 14}
    assert _option_counts(html, "quartier")["planoise"] == 4


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "n-existe-pas"},
        {"axe": "'; DROP TABLE wagtailcore_page; --"},
        {"quartier": "x" * 5000},
        {"phare": "peut-être"},
        {"lieu": "\x00\x01"},
        {"theme": ["culture-et-patrimoine", "jeunesse"]},
        {"page": "abc", "tri": "??"},
    ],
)
def test_bad_filter_values_never_fail(client, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    if set(query) & {"theme", "axe", "quartier", "phare", "lieu"} and not isinstance(query.get("theme"), list):
        assert 'role="alert"' in html
        assert "Ce filtre est ignoré." in html


def test_unknown_value_is_ignored_and_others_apply(client):
    html = client.get(URL, {"theme": "inconnu", "phare": "oui"}).content.decode()
    assert "Le thème « inconnu » n&#x27;existe pas." in html
    assert set(_references(html)) == _expected(phare="oui")


def test_index_links_its_feeds_and_exports(client):
    html = client.get(URL, {"quartier": "planoise"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml" title="Toutes les propositions (Atom)" href="/fr/programme/flux/atom/">' in html
    assert 'href="/fr/programme/flux/rss/?quartier=planoise"' in html
    assert 'href="/fr/programme/export/json/?quartier=planoise"' in html
    assert '<link rel="alternate" type="text/csv" title="Les propositions (CSV)" href="/fr/programme/export/csv/?quartier=planoise">' in html


def test_listing_accepts_uppercase_and_spaces(programme_index):
    listing = ProposalListing(programme_index, {"theme": "  Jeunesse ", "phare": "OUI"})
    assert not listing.errors
    assert set(listing.selected) == {"theme", "phare"}


# -- the filter form ---------------------------------------------------------------------------

def _form(data):
    """A filter form on hand-made facets, without the database."""
    facets = {
        "theme": Facet("theme", "Thème", "Tous les thèmes", [
            Option("culture-et-patrimoine", "Culture et patrimoine"),
            Option("sport", "Sport"),
        ]),
        "phare": Facet("phare", "Propositions phares", "Toutes", [Option("oui", "Oui"), Option("non", "Non")]),
    }
    aliases = {
        "theme": {
            "culture-et-patrimoine": "culture-et-patrimoine",
            "culture-and-heritage": "culture-et-patrimoine",
            "sport": "sport",
        },
    }
    return ProposalFilterForm(data, facets=facets, aliases=aliases)


def test_form_choices_are_the_facet_options():
    form = _form({})
    assert list(form.fields["theme"].choices) == [("culture-et-patrimoine", "Culture et patrimoine"), ("sport", "Sport")]
    assert list(form.fields["phare"].choices) == [("oui", "Oui"), ("non", "Non")]


def test_form_accepts_an_alias_in_any_case_and_gives_the_option_value():
    form = _form({"theme": "  Culture-And-HERITAGE ", "phare": "NON"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"theme": "culture-et-patrimoine", "phare": "non"}


def test_form_leaves_empty_values_unselected():
    form = _form({"theme": "   "})
    assert form.is_valid()
    assert form.cleaned_data == {"theme": "", "phare": ""}


def test_form_unknown_values_give_the_exact_messages():
    form = _form({"theme": " inconnu ", "phare": "peut-être"})
    assert not form.is_valid()
    assert form.errors["theme"] == ["Le thème « inconnu » n'existe pas."]
    assert form.errors["phare"] == ["La valeur « peut-être » n'est pas permise pour « phare » (oui ou non)."]
    assert form.error_list() == [
        "Le thème « inconnu » n'existe pas.",
        "La valeur « peut-être » n'est pas permise pour « phare » (oui ou non).",
    ]
    assert "theme" not in form.cleaned_data


def test_form_cuts_values_to_200_characters():
    form = _form({"theme": "y" * 250})
    assert form.errors["theme"] == ["Le thème « " + "y" * 200 + " » n'existe pas."]


def test_listing_errors_come_from_the_form(programme_index):
    listing = ProposalListing(programme_index, {"axe": "nulle-part", "lieu": "Cite-Des-Arts", "quartier": "x"})
    assert listing.errors == [
        "L'axe « nulle-part » n'existe pas.",
        "Le quartier « x » n'existe pas.",
    ]
    assert listing.form.errors["axe"] == ["L'axe « nulle-part » n'existe pas."]
    assert listing.form.cleaned_data["lieu"] == "cite-des-arts"
    assert [name for name in listing.selected] == ["lieu"]
    assert listing.selected["lieu"].value == "cite-des-arts"
    assert listing.query_string() == "?lieu=cite-des-arts"


def test_uppercase_value_selects_on_the_index(client):
    html = client.get(URL, {"theme": "CULTURE-ET-PATRIMOINE"}).content.decode()
    assert 'role="alert"' not in html
    assert '<option value="culture-et-patrimoine" selected>' in html


def test_export_400_names_the_bad_values(client):
    response = client.get(URL + "export/csv/", {"theme": "Inexistant", "phare": "xx"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Filtre refusé :\n"
        "Le thème « Inexistant » n'existe pas.\n"
        "La valeur « xx » n'est pas permise pour « phare » (oui ou non).\n"
        "Voir docs/open-data.md pour les valeurs permises.\n"
    )
