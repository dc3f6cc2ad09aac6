"""The programme index's filters also lead to the open questions (issue 11: « Sport » gave
« 0 propositions » although an open question carries the theme)."""

import pytest

from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


def test_the_sport_theme_leads_to_its_open_question(client):
    page = soup(client.get("/fr/programme/?theme=sport"))
    assert text_of(one(page, "#results-title")) == "0 propositions"
    assert text_of(page.select(".programme-results .notice p")[0]) == (
        "Aucune proposition ne correspond à ces filtres. Mais 1 question ouverte y correspond : "
        "elle est présentée ci-dessous."
    )
    assert text_of(one(page, "#questions-title")) == "1 question ouverte pour cette sélection"
    links = one(page, ".programme-questions").select("a[href]")
    assert [a["href"] for a in links] == ["/fr/programme/une-ville-rayonnante/sport-de-haut-niveau/"]


def test_without_filters_every_open_question_is_listed(client):
    page = soup(client.get("/fr/programme/"))
    assert text_of(one(page, "#questions-title")) == "Les questions que nous voulons travailler avec vous"
    assert len(one(page, ".programme-questions").select("a[href]")) == 4


def test_flagship_only_lists_no_open_question(client):
    page = soup(client.get("/fr/programme/?phare=oui"))
    assert page.select(".programme-questions") == []
