"""The read-only API answers 400 with a JSON message naming the parameter, never 500
(issue 13: every one of these was a server error on SQLite or PostgreSQL)."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v2/pages/", "/api/v2/images/"]
REFUSED = [
    # (query parameters, a word the message must contain)
    ({"search": "culture\x00"}, "search"),
    ({"locale": "fr\x00"}, "locale"),
    ({"offset": "²"}, "offset"),
    ({"offset": "①"}, "offset"),
    ({"offset": "9" * 40}, "offset"),
    ({"offset": "9" * 5000}, "offset"),
    ({"limit": "9" * 5000}, "limit"),
    ({"limit": "21"}, "limit"),
    ({"limit": "٣"}, "limit"),
    ({"search": "culture", "search_operator": "xx"}, "search_operator"),
    ({"search": " \t "}, "search"),
    ({"search": "\x01\x02"}, "search"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("params, name", REFUSED, ids=[repr(p)[:40] for p, _n in REFUSED])
def test_a_bad_parameter_is_refused_with_a_message_that_names_it(client, endpoint, params, name):
    response = client.get(endpoint, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert name in response.json()["message"]


@pytest.mark.parametrize("value", ["", "abc", "12a", "²", "1" * 19])
def test_find_refuses_an_id_that_is_not_a_whole_number(client, value):
    response = client.get("/api/v2/pages/find/", {"id": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "id must be a whole number" in response.json()["message"]


def test_find_by_id_still_answers_a_public_page(client):
    page = Page.objects.live().public().filter(depth__gt=1).first()
    response = client.get("/api/v2/pages/find/", {"id": str(page.pk)})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == f"/api/v2/pages/{page.pk}/"


def test_find_refuses_a_nul_in_html_path(client):
    response = client.get("/api/v2/pages/find/", {"html_path": "/fr/\x00"})
    assert response.status_code == 400
    assert "html_path" in response.json()["message"]


@pytest.mark.parametrize(
    "query", ['"Saint-Jacques', "title:citadelle", "citadelle >", "(IA) AND NOT *", "mot " * 300, "é" * 5000]
)
def test_search_syntax_of_the_engines_is_plain_text(client, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200
    assert "items" in response.json()


def test_a_cleaned_search_still_finds_its_page(client):
    response = client.get(
        "/api/v2/pages/", {"search": 'Citadelle" OR', "search_operator": "or", "type": "culture.CulturalPlacePage"}
    )
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Citadelle de Besançon" in titles


@pytest.mark.parametrize(
    ("html_path", "title"),
    [
        ("/fr/programme/", "Le programme"),
        ("/en/programme/", "The programme"),
        ("/fr/quartiers/planoise/", "Planoise"),
        ("/fr/", "Nous sommes tous Besançon"),
    ],
)
def test_find_routes_a_public_url_with_its_language_prefix(client, html_path, title):
    response = client.get("/api/v2/pages/find/", {"html_path": html_path})
    assert response.status_code == 302
    page = client.get(response["Location"]).json()
    assert page["title"] == title
    assert page["meta"]["html_url"].endswith(html_path)


@pytest.mark.parametrize("html_path", ["/fr/nulle-part/", "/nulle-part/", "/en/quartiers/nowhere/"])
def test_find_of_no_page_is_a_json_404_not_a_redirect(client, html_path):
    response = client.get("/api/v2/pages/find/", {"html_path": html_path})
    assert response.status_code == 404
    assert response.json() == {"message": "not found"}
