"""Whatever anyone sends, the search page and the search API answer, and never echo markup.

Property-based (hypothesis): query texts made of search-engine syntax (quotes, brackets, ``*``,
``:``, ``^``, FTS5's ``NEAR(`` and ``col:``), control characters with NUL, markup, emoji,
right-to-left text and 10,000-character runs, and any values for any parameters. The page and
the API answer 200, or 400 naming a parameter that was sent, never a 500; the HTML holds no
script but the site's own files and no event-handler attribute; the JSON is JSON.

Profiles in tests/search/conftest.py: 150 inputs a test by default, ``make fuzz`` for 10,000.
"""

import json
import unicodedata
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.html import soup

pytestmark = pytest.mark.django_db

SEARCH_PAGE = "/fr/recherche/"
SEARCH_API = "/api/search/"
SUGGEST_API = "/api/search/suggest/"
MARKUP = "<script>alert(1)</script>"
# Pieces of syntax that search engines (SQLite FTS5, PostgreSQL tsquery, Elasticsearch's query
# string) read specially, and text that tends to break HTML or JSON.
HOSTILE_PIECES = [
    '"', "'", "’", "(", ")", "[", "]", "{", "}", "*", "^", ":", "-", "+", "~", "?", "\\", "/", "%", "_",
    "NEAR(", "NEAR(a b, 2)", "title:", "col:", "body:budget", "{title body}:", "AND", "OR", "NOT",
    "&&", "||", "!", "a*", "*a", '"maison', "maison\"", "P-07", "p07", "P 07", "Besançon", "l'art",
    MARKUP, "<img src=x onerror=alert(1)>", "</textarea>", "\"><svg onload=alert(1)>", "&amp;", "&#0;",
    "\x00", "\x1b[31m", "\r\n", "\t", "\u200b", "\u202e", "\ufeff", "\ud7ff", "😀", "👩‍👩‍👧", "مرحبا بالعالم",
    "שלום", "日本語", "ß", "İ", "ǅ", "Ⅻ", "²", "①", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]
pieces = st.sampled_from(HOSTILE_PIECES)
queries = st.one_of(
    st.text(max_size=80),  # any code points: controls, NUL, combining marks, unassigned…
    st.lists(st.one_of(pieces, st.text(max_size=6)), max_size=12).map(" ".join),
    st.lists(pieces, max_size=20).map("".join),
    st.tuples(st.sampled_from(["a", "é", "😀", '"', "NEAR(", " ", "a "]), st.integers(1000, 10_000)).map(
        lambda piece_times: piece_times[0] * (piece_times[1] // len(piece_times[0]))
    ),
)
PARAMETER_NAMES = ["q", "type", "axis", "theme", "quartier", "sort", "page", "lang"]
VALID_VALUES = [
    "", "proposal", "question,place", "page", "une-ville-rayonnante", "avec-et-pour-les-citoyens",
    "vie-associative", "planoise", "relevance", "date", "1", "2", "999", "fr", "en", "de",
]
values = st.one_of(
    st.sampled_from(VALID_VALUES), pieces, st.text(max_size=20), st.integers(-(10**30), 10**30).map(str)
)
parameters = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(min_size=1, max_size=10)),
    st.one_of(values, st.lists(values, min_size=1, max_size=3)),
    max_size=6,
)


def _without_controls(text):
    return not any(unicodedata.category(ch) == "Cc" for ch in text)


def _check_html(response):
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode("utf-8")
    assert MARKUP not in html and "<script>" not in html
    page = soup(html)
    for script in page.find_all("script"):
        assert script.get("src", "").startswith("/static/"), script
    for element in page.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element


def _check_json(response, sent):
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content.decode("utf-8"))
    if response.status_code == 400:
        assert data["error"]
        # The parameter named is one that was sent (its name cut at 50 characters).
        assert any(name[:50] == data["parameter"] for name in sent), (data, sent)
    return data


@given(query=queries)
def test_any_query_text_is_answered_on_the_page_and_by_the_api(client, query):
    page = client.get(SEARCH_PAGE, {"q": query})
    assert page.status_code == 200, query
    _check_html(page)
    for url in (SEARCH_API, SUGGEST_API):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query, response.content[:300])
        data = _check_json(response, {"q"})
        # The query given back is the cleaned one: no control character, at most 200 characters.
        assert len(data["query"]) <= 200 and _without_controls(data["query"])


@given(params=parameters)
def test_any_parameters_are_answered_200_or_400_naming_one(client, params):
    page = client.get(SEARCH_PAGE, params)
    assert page.status_code in (200, 400), (params, page.status_code)
    if page.status_code == 200:
        _check_html(page)
    response = client.get(SEARCH_API, params)
    assert response.status_code in (200, 400), (params, response.status_code, response.content[:300])
    data = _check_json(response, set(params))
    if response.status_code == 200:
        assert set(data) >= {"query", "count", "page", "pages", "results", "facets", "suggestion"}
        assert 0 <= len(data["results"]) <= 10 and data["count"] >= len(data["results"])


@given(params=parameters, method=st.sampled_from(["post", "put", "patch", "delete", "options"]))
def test_other_methods_are_refused_whatever_the_parameters(client, params, method):
    response = getattr(client, method)(SEARCH_API + "?" + urlencode(params, doseq=True))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json.loads(response.content)["error"]

