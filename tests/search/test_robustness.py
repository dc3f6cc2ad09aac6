"""Whatever anyone sends, the search page and the search API answer, and never echo markup.

Property-based (hypothesis, strategies and profiles in tests/fuzzing.py): query texts made of
search-engine syntax (quotes, brackets, ``*``, ``:``, ``^``, FTS5's ``NEAR(`` and ``col:``),
control characters with NUL, markup, emoji, right-to-left text and 10,000-character runs, and
any values for any parameters. The page and the API answer 200, or 400 naming a parameter that
was sent, never a 500; the HTML holds no script but the site's own files and no event-handler
attribute; the JSON is JSON.
"""

import json
import unicodedata
from urllib.parse import urlencode

import pytest
from hypothesis import strategies as st

from tests.fuzzing import check_answer, fuzz, parameters, queries

pytestmark = pytest.mark.django_db

SEARCH_PAGE = "/fr/recherche/"
SEARCH_API = "/api/search/"
SUGGEST_API = "/api/search/suggest/"
PARAMETER_NAMES = ["q", "type", "axis", "theme", "quartier", "sort", "page", "lang"]
VALID_VALUES = [
    "", "proposal", "question,place", "page", "une-ville-rayonnante", "avec-et-pour-les-citoyens",
    "vie-associative", "planoise", "relevance", "date", "1", "2", "999", "fr", "en", "de",
]
search_parameters = parameters(PARAMETER_NAMES, VALID_VALUES)


def _without_controls(text):
    return not any(unicodedata.category(ch) == "Cc" for ch in text)


def _check_html(response, what):
    assert response["Content-Type"].startswith("text/html")
    check_answer(response, what)


def _check_json(response, sent):
    assert response["Content-Type"].startswith("application/json")
    check_answer(response, sent)
    data = json.loads(response.content.decode("utf-8"))
    if response.status_code == 400:
        assert data["error"]
        # The parameter named is one that was sent (its name cut at 50 characters).
        assert any(name[:50] == data["parameter"] for name in sent), (data, sent)
    return data


@fuzz(300, query=queries)
def test_any_query_text_is_answered_on_the_page_and_by_the_api(client, query):
    page = client.get(SEARCH_PAGE, {"q": query})
    assert page.status_code == 200, query
    _check_html(page, query)
    for url in (SEARCH_API, SUGGEST_API):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query, response.content[:300])
        data = _check_json(response, {"q"})
        # The query given back is the cleaned one: no control character, at most 200 characters.
        assert len(data["query"]) <= 200 and _without_controls(data["query"])


@fuzz(300, params=search_parameters)
def test_any_parameters_are_answered_200_or_400_naming_one(client, params):
    page = client.get(SEARCH_PAGE, params)
    assert page.status_code in (200, 400), (params, page.status_code)
    if page.status_code == 200:
        _check_html(page, params)
    response = client.get(SEARCH_API, params)
    assert response.status_code in (200, 400), (params, response.status_code, response.content[:300])
    data = _check_json(response, set(params))
    if response.status_code == 200:
        assert set(data) >= {"query", "count", "page", "pages", "results", "facets", "suggestion"}
        assert 0 <= len(data["results"]) <= 10 and data["count"] >= len(data["results"])


@fuzz(75, params=search_parameters, method=st.sampled_from(["post", "put", "patch", "delete", "options"]))
def test_other_methods_are_refused_whatever_the_parameters(client, params, method):
    response = getattr(client, method)(SEARCH_API + "?" + urlencode(params, doseq=True))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json.loads(response.content)["error"]

