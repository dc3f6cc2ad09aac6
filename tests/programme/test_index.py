"""The programme index: a plain GET form filtering by axis, theme, quartier, place and flagship.

What each filter should select is worked out from the seed (programme/demo_data/programme.yaml),
not from the site's relations."""

import re

import pytest

from programme.forms import ProposalFilterForm
from programme.listing import Facet, Option, ProposalListing
from tests.html import AUTOCOMPLETE_SCRIPT, one, soup, text_of, texts
from tests.seed import seed_proposals, seed_questions

pytestmark = pytest.mark.django_db

URL = "/fr/programme/"


def _page(client, params=None):
    response = client.get(URL, params or {})
    assert response.status_code == 200
    return soup(response)


def _references(page):
    """The references of the listed proposals, in order."""
    references = []
    for span in page.select("main span.reference"):
        assert texts(span.select(".visually-hidden")) == ["Référence"]
        references.append("".join(span.find_all(string=True, recursive=False)).strip())
    return references


def _option_counts(page, name):
    select = one(page, f'select#filtre-{name}[name="{name}"]')
    return {
        option["value"]: int(re.search(r"\((\d+)\)$", text_of(option)).group(1))
        for option in select.find_all("option")
        if option["value"]
    }


def _expected(**filters):
    """The references a filter combination should select, according to the seed."""
    result = set()
    for proposal in seed_proposals():
        if "axe" in filters and proposal["axis"] != filters["axe"]:
            continue
        if "theme" in filters and filters["theme"] not in proposal["themes"]:
            continue
        if "quartier" in filters and filters["quartier"] not in proposal["quartiers"]:
            continue
        if "lieu" in filters and filters["lieu"] not in proposal["places"]:
            continue
        if "phare" in filters and proposal["flagship"] != (filters["phare"] == "oui"):
            continue
        result.add(proposal["reference"])
    return result


def test_the_seed_has_nineteen_proposals_and_four_questions():
    assert [proposal["reference"] for proposal in seed_proposals()] == [f"P-{n:02d}" for n in range(1, 20)]
    assert len(seed_questions()) == 4


def test_index_lists_every_proposal_and_the_open_questions(client):
    page = _page(client)
    assert _references(page) == [f"P-{n:02d}" for n in range(1, 20)]
    main = text_of(one(page, "main"))
    assert "19 propositions" in main
    titles = [question["title"] for question in seed_questions()]
    assert "Faire de la Citadelle le phare du Grand Besançon" in titles
    assert "Une politique sportive de haut niveau" in titles
    for title in titles:
        assert " ".join(title.split()) in main, title


def test_filter_form_works_without_javascript(client):
    page = _page(client)
    form = one(page, "form.filter-form")
    assert (form["method"], form["action"]) == ("get", "/fr/programme/")  # a plain GET form to the index
    for name in ("axe", "theme", "quartier", "lieu", "phare"):
        assert text_of(one(form, f'label[for="filtre-{name}"]')), name
        assert one(form, f"select#filtre-{name}")["name"] == name
    assert one(form, 'button[type="submit"]')
    # No script but the search box's autocompletion, a progressive enhancement.
    assert [script.get("src") for script in page.find_all("script")] == [AUTOCOMPLETE_SCRIPT]
    assert page.select("[style]") == []


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
    page = _page(client, filters)
    expected = _expected(**filters)
    assert expected, "each combination selects something in the demo content"
    assert set(_references(page)) == expected
    assert len(_references(page)) == len(expected)
    for name, value in filters.items():
        assert one(page, f'select[name="{name}"] option[selected]')["value"] == value
    # The selection is a shareable URL: the same page again, and the exports carry the filters.
    assert [meta["content"] for meta in page.select('meta[name="robots"]')] == ["noindex, follow"]
    csv = one(page, 'link[rel="alternate"][type="text/csv"]')["href"]
    assert csv.startswith("/fr/programme/export/csv/?")
    for name, value in filters.items():
        assert f"{name}={value}" in csv


@pytest.mark.parametrize(
    "filters",
    [{}, {"theme": "jeunesse"}, {"axe": "avec-et-pour-les-citoyens", "phare": "non"}, {"quartier": "planoise"}],
)
def test_counts_per_filter_value_keep_the_other_filters(client, filters):
    page = _page(client, filters)
    for name, values in {
        "axe": ["une-ville-rayonnante", "avec-et-pour-les-citoyens"],
        "theme": ["culture-et-patrimoine", "jeunesse", "proximite-et-solidarite", "sport", "environnement"],
        "quartier": ["planoise", "battant"],
        "lieu": ["cite-des-arts", "citadelle", "cite-des-savoirs"],
        "phare": ["oui", "non"],
    }.items():
        counts = _option_counts(page, name)
        others = {k: v for k, v in filters.items() if k != name}
        for value in values:
            assert counts[value] == len(_expected(**others, **{name: value})), (name, value)


def test_known_counts_without_filter(client):
    page = _page(client)
    assert _option_counts(page, "phare") == {"oui": 6, "non": 13}
    assert _option_counts(page, "axe") == {"une-ville-rayonnante": 5, "avec-et-pour-les-citoyens": 14}
    assert _option_counts(page, "quartier")["planoise"] == 4


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
    page = soup(response)
    alerts = page.select('[role="alert"]')
    if set(query) & {"theme", "axe", "quartier", "phare", "lieu"} and not isinstance(query.get("theme"), list):
        assert len(alerts) == 1
        assert "Ce filtre est ignoré." in text_of(alerts[0])
    assert _references(page), "the proposals are still listed"


def test_unknown_value_is_ignored_and_others_apply(client):
    page = _page(client, {"theme": "inconnu", "phare": "oui"})
    assert "Le thème « inconnu » n'existe pas." in text_of(one(page, '[role="alert"]'))
    assert set(_references(page)) == _expected(phare="oui") == {"P-06", "P-07", "P-08", "P-09", "P-10", "P-11"}


def test_index_links_its_feeds_and_exports(client):
    page = _page(client, {"quartier": "planoise"})
    alternates = {link["href"]: link.get("title") for link in page.select('link[rel="alternate"][type]')}
    assert alternates["/fr/programme/flux/atom/"] == "Toutes les propositions (Atom)"
    assert alternates["/fr/programme/export/csv/?quartier=planoise"] == "Les propositions (CSV)"
    hrefs = {link["href"] for link in page.select("[href]")}
    assert {"/fr/programme/flux/rss/?quartier=planoise", "/fr/programme/export/json/?quartier=planoise"} <= hrefs


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
