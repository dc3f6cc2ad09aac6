"""The search API against the demo content: /api/search/, /api/search/suggest/ and the
OpenAPI document that describes them.

Expected pages come from the demo data's YAML (tests/seed.py) or are written down here.
"""

import json
import math
import re

import pytest
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import TranslationSource

from home.models import StandardPage
from programme.models import ProposalPage
from tests.seed import read_seed, seed_proposals, seed_questions
from tests.translating import add_french_page

pytestmark = pytest.mark.django_db

SEARCH = "/api/search/"
SUGGEST = "/api/search/suggest/"
OPENAPI = "/api/search/openapi.json"
PAGE_TYPES = ["proposal", "question", "quartier", "place", "news", "page"]
RESULT_KEYS = {"title", "url", "type", "excerpt", "locale", "reference", "last_published_at"}


def _proposal(reference):
    return next(proposal for proposal in seed_proposals() if proposal["reference"] == reference)


MAISON = _proposal("P-07")  # « Construire une nouvelle Maison des associations »


def _get(client, url=SEARCH, expect=200, **params):
    response = client.get(url, params)
    assert response.status_code == expect, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _search(client, **params):
    return _get(client, **params)


def _urls(data):
    return [result["url"] for result in data["results"]]


def _all_results(client, **params):
    """Every result of a query, page after page."""
    first = _search(client, **params)
    results = list(first["results"])
    for number in range(2, first["pages"] + 1):
        results += _search(client, page=number, **params)["results"]
    return first, results


# -- finding pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["P-07", "p-07", "p07", "P 07"])
def test_a_proposal_is_found_by_its_reference(client, query):
    data = _search(client, q=query)
    first = data["results"][0]
    assert (first["url"], first["title"], first["reference"], first["type"]) == (
        MAISON["url"],
        MAISON["title"],
        "P-07",
        "proposal",
    )


def test_a_result_carries_what_a_script_needs(client):
    data = _search(client, q="maison des associations")
    result = next(result for result in data["results"] if result["url"] == MAISON["url"])
    assert set(result) == RESULT_KEYS
    assert result["locale"] == "fr"
    assert "<mark>" in result["excerpt"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)", result["last_published_at"])
    assert data["query"] == "maison des associations"
    assert data["suggestion"] is None


def test_type_restricts_and_its_facet_counts_the_others(client):
    everything = _search(client, q="Besançon")
    assert everything["count"] > 10
    # Each page has one type: the type facet adds up to the count.
    assert sum(everything["facets"]["type"].values()) == everything["count"]
    assert set(everything["facets"]["type"]) <= set(PAGE_TYPES)
    assert len(everything["facets"]["type"]) >= 3
    for page_type, count in everything["facets"]["type"].items():
        restricted = _search(client, q="Besançon", type=page_type)
        assert restricted["count"] == count, page_type
        assert {result["type"] for result in restricted["results"]} == {page_type}
    # Repeated or comma-separated: pages of either type.
    both = _search(client, q="Besançon", type="proposal,question")
    assert both == _search(client, q="Besançon", type=["proposal", "question"])
    facet = everything["facets"]["type"]
    assert both["count"] == facet.get("proposal", 0) + facet.get("question", 0)


def test_theme_and_axis_keep_the_pages_the_demo_data_gives_them(client):
    programme = seed_proposals() + seed_questions()
    associative = {page["url"] for page in programme if "vie-associative" in page["themes"]}
    first, results = _all_results(client, q="associations", theme="vie-associative")
    assert MAISON["url"] in associative
    assert MAISON["url"] in {result["url"] for result in results}
    assert {result["url"] for result in results} <= associative
    assert first["facets"]["theme"]["vie-associative"] == first["count"] == len(results)
    first, results = _all_results(client, q="associations", axis="avec-et-pour-les-citoyens")
    assert results and all(r["url"].startswith("/fr/programme/avec-et-pour-les-citoyens/") for r in results)
    assert first["count"] == len(results)


def test_quartier_keeps_the_proposals_that_concern_it(client):
    planoise = {page["url"] for page in seed_proposals() + seed_questions() if "planoise" in page["quartiers"]}
    assert planoise
    _first, results = _all_results(client, q="Planoise", quartier="planoise", type="proposal,question")
    assert results
    assert {result["url"] for result in results} <= planoise


def test_pages_follow_each_other_without_repeats(client):
    first, results = _all_results(client, q="Besançon")
    assert first["page"] == 1 and len(first["results"]) == 10
    assert first["pages"] == math.ceil(first["count"] / 10) >= 2
    urls = [result["url"] for result in results]
    assert len(urls) == len(set(urls)) == first["count"]
    # Past the last page: no results, the real number of pages.
    beyond = _search(client, q="Besançon", page=first["pages"] + 1)
    assert (beyond["results"], beyond["page"], beyond["pages"], beyond["count"]) == (
        [],
        first["pages"] + 1,
        first["pages"],
        first["count"],
    )


def test_a_query_without_a_word_finds_nothing(client):
    for query in ("", "   ", "***", '"()"'):
        data = _search(client, q=query)
        assert (data["count"], data["results"], data["pages"]) == (0, [], 1)
        assert data["facets"] == {"type": {}, "axis": {}, "theme": {}, "quartier": {}}


# -- languages -------------------------------------------------------------------------------


@pytest.fixture
def english_maison():
    """P-07 translated into English and published."""
    proposal = ProposalPage.objects.get(reference="P-07", locale__language_code="fr")
    english = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(proposal)
    source.create_or_update_translation(english, copy_parent_pages=True, fallback=True)
    page = proposal.get_translation(english)
    page.title = "Build a new House of Associations"
    page.summary = "A new House of Associations so that the 1,400 associations of Besançon can grow."
    page.save_revision().publish()
    return ProposalPage.objects.get(pk=page.pk)


def test_english_finds_french_pages_not_translated_yet(client, home_page):
    add_french_page(home_page, StandardPage(title="Permanence des élus", slug="permanence", summary="Chaque samedi."))
    data = _search(client, q="permanence", lang="en")
    result = next(result for result in data["results"] if result["title"] == "Permanence des élus")
    # French text (labelled so), at its address in the English tree.
    assert (result["locale"], result["url"]) == ("fr", "/en/permanence/")


def test_english_finds_the_translation_instead_of_its_source(client, english_maison):
    data = _search(client, q="P-07", lang="en")
    assert [(r["title"], r["locale"]) for r in data["results"] if r["reference"] == "P-07"] == [
        ("Build a new House of Associations", "en")
    ]
    assert data["results"][0]["url"] == english_maison.url
    french = _search(client, q="P-07")
    assert [(r["title"], r["locale"]) for r in french["results"] if r["reference"] == "P-07"] == [
        (MAISON["title"], "fr")
    ]


# -- what is not public ----------------------------------------------------------------------


def test_a_draft_is_not_found_until_published(client):
    page = ProposalPage.objects.get(reference="P-07", locale__language_code="fr")
    page.summary = "Un chapeau brouillon zorglubesque."
    page.save_revision()
    assert _search(client, q="zorglubesque")["count"] == 0
    assert _get(client, SUGGEST, q="zorglubesque")["suggestions"] == []
    ProposalPage.objects.get(pk=page.pk).get_latest_revision().publish()
    assert _urls(_search(client, q="zorglubesque")) == [MAISON["url"]]


def test_a_page_never_published_is_not_found(client, home_page):
    from home.models import StandardPage

    draft = StandardPage(title="Brouillon cryptozoologique", slug="brouillon-cryptozoologique", live=False)
    home_page.add_child(instance=draft)
    draft.save_revision()
    assert _search(client, q="cryptozoologique")["count"] == 0
    assert _get(client, SUGGEST, q="cryptozoo")["suggestions"] == []


def test_a_private_page_is_not_found(client, home_page):
    from home.models import StandardPage

    page = StandardPage(title="Réunion ornithorynque", slug="reunion-ornithorynque")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    # Public, it is found: the search can see the word.
    assert _urls(_search(client, q="ornithorynque")) == ["/fr/reunion-ornithorynque/"]
    assert [s["url"] for s in _get(client, SUGGEST, q="ornithor")["suggestions"]] == ["/fr/reunion-ornithorynque/"]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    assert _search(client, q="ornithorynque")["count"] == 0
    assert _get(client, SUGGEST, q="ornithor")["suggestions"] == []


# -- refused parameters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"q": "budget", "limit": "5"}, "limit"),
        ({"search": "budget"}, "search"),
        ({"q": "budget", "type": "proposals"}, "type"),
        ({"q": "budget", "type": "proposal,bogus"}, "type"),
        ({"q": "budget", "axis": "une-ville-triste"}, "axis"),
        ({"q": "budget", "theme": "cuisine"}, "theme"),
        ({"q": "budget", "quartier": "paris"}, "quartier"),
        ({"q": "budget", "theme": "planoise"}, "theme"),  # a quartier's slug is not a theme
        ({"q": "budget", "sort": "newest"}, "sort"),
        ({"q": "budget", "page": "0"}, "page"),
        ({"q": "budget", "page": "-1"}, "page"),
        ({"q": "budget", "page": "deux"}, "page"),
        ({"q": "budget", "page": "²"}, "page"),
        ({"q": "budget", "page": "9" * 40}, "page"),
        ({"q": "budget", "lang": "es"}, "lang"),
        ({"q": "budget", "lang": "\x00"}, "lang"),
        ({"q": ["budget", "culture"]}, "q"),
        ({"q": "budget", "page": ["1", "2"]}, "page"),
    ],
)
def test_invalid_parameters_are_refused_naming_them(client, params, parameter):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    data = json.loads(response.content)
    assert set(data) == {"error", "parameter"}
    assert data["parameter"] == parameter
    assert data["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_errors_say_what_is_wrong_in_french_by_default(client):
    assert _get(client, expect=400, q="budget", type="proposals") == {
        "error": "Le type de page « proposals » n'existe pas.",
        "parameter": "type",
    }
    assert _get(client, expect=400, q="budget", theme="cuisine")["error"] == "Le thème « cuisine » n'existe pas."
    assert _get(client, expect=400, q="budget", limit="5")["error"] == (
        "Paramètre inconnu : « limit ». Paramètres acceptés : q, type, axis, theme, quartier, sort, page, lang."
    )
    assert _get(client, expect=400, q="budget", lang="es")["error"] == (
        "Valeur inconnue pour lang : « es ». Valeurs acceptées : fr, en, de."
    )


FRENCH_UNKNOWN_PARAMETER = "Paramètre inconnu : « %(name)s ». Paramètres acceptés : %(accepted)s."


@pytest.mark.parametrize("language", ["en", "de"])
def test_errors_speak_the_language_asked_for(client, language):
    with translation.override(language):
        if translation.gettext(FRENCH_UNKNOWN_PARAMETER) == FRENCH_UNKNOWN_PARAMETER:
            pytest.skip(f"the API's messages are not translated into {language} yet (locale/{language})")
    french = _get(client, expect=400, q="budget", limit="5")["error"]
    by_lang = client.get(SEARCH, {"q": "budget", "limit": "5", "lang": language})
    by_header = client.get(SEARCH, {"q": "budget", "limit": "5"}, HTTP_ACCEPT_LANGUAGE=language)
    for response in (by_lang, by_header):
        assert response.status_code == 400
        error = json.loads(response.content)["error"]
        assert "limit" in error and error != french
    assert "Accept-Language" in by_header["Vary"]


def test_slugs_of_the_french_pages_are_accepted_in_every_language(client):
    for language in ("fr", "en", "de"):
        data = _search(client, q="associations", theme="vie-associative", axis="avec-et-pour-les-citoyens", lang=language)
        assert "P-07" in [result["reference"] for result in data["results"]], language


# -- HTTP ------------------------------------------------------------------------------------


def test_answers_are_public_cacheable_and_readable_from_any_site(client):
    response = client.get(SEARCH, {"q": "budget"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Access-Control-Allow-Origin"] == "*"
    head = client.head(SEARCH, {"q": "budget"})
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("method", ["post", "put", "delete", "options", "patch"])
@pytest.mark.parametrize("url", [SEARCH, SUGGEST, OPENAPI])
def test_only_get_and_head_are_answered(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json.loads(response.content)["parameter"] is None


# -- autocompletion --------------------------------------------------------------------------


def test_suggestions_are_titles_starting_with_what_was_typed(client):
    data = _get(client, SUGGEST, q="maison")
    assert data["query"] == "maison"
    assert {"title": MAISON["title"], "url": MAISON["url"], "type": "proposal"} in data["suggestions"]
    assert 1 <= len(data["suggestions"]) <= 8
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"title", "url", "type"}
    citadelle = next(place for place in read_seed("culture")["places"] if place["slug"] == "citadelle")
    titles = [s["title"] for s in _get(client, SUGGEST, q="citad")["suggestions"]]
    assert citadelle["name"] in titles
    assert all(re.search(r"\bcitad", title, re.I) for title in titles)


def test_suggestions_are_at_most_eight(client):
    titles = [page["title"] for page in seed_proposals() + seed_questions()]
    assert len([title for title in titles if re.search(r"\bde", title, re.I)]) > 8
    assert len(_get(client, SUGGEST, q="de")["suggestions"]) == 8


def test_suggestions_need_two_characters(client):
    assert _get(client, SUGGEST, q="m")["suggestions"] == []
    assert _get(client, SUGGEST, q="é ")["suggestions"] == []
    assert _get(client, SUGGEST, q="ma")["suggestions"] != []


def test_suggestions_in_english_prefer_the_translation(client, english_maison):
    titles = [s["title"] for s in _get(client, SUGGEST, q="maison", lang="en")["suggestions"]]
    assert MAISON["title"] not in titles  # translated: its French title is not offered
    assert "Build a new House of Associations" in [s["title"] for s in _get(client, SUGGEST, q="house", lang="en")["suggestions"]]
    # Other French pages, not translated yet, are.
    assert "Citadelle de Besançon" in [s["title"] for s in _get(client, SUGGEST, q="citad", lang="en")["suggestions"]]


@pytest.mark.parametrize(
    "params, parameter",
    [({"q": "ma", "type": "proposal"}, "type"), ({"q": "ma", "lang": "it"}, "lang"), ({"q": ["ma", "mo"]}, "q")],
)
def test_suggest_refuses_what_it_does_not_know(client, params, parameter):
    assert _get(client, SUGGEST, expect=400, **params)["parameter"] == parameter


# -- the OpenAPI document --------------------------------------------------------------------


def schema_ref_parts(ref):
    assert ref.startswith("#/")
    return ref[2:].split("/")


TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


def conforms(document, schema, value, where="$"):
    """The mistakes of ``value`` against a JSON Schema of the document (the subset it uses:
    $ref, type (one or a list), enum, required, properties, additionalProperties, items,
    minimum, maxItems, pattern)."""
    if "$ref" in schema:
        target = document
        for part in schema_ref_parts(schema["$ref"]):
            target = target[part]
        return conforms(document, target, value, where)
    errors = []
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        ok = any(
            isinstance(value, TYPES[name]) and not (name == "integer" and isinstance(value, bool)) for name in types
        )
        if not ok:
            return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{where}: {name} missing" for name in schema.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                errors += conforms(document, properties[name], item, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: {name} not documented")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += conforms(document, schema["additionalProperties"], item, f"{where}.{name}")
    if isinstance(value, list):
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{where}: more than {schema['maxItems']} items")
        for index, item in enumerate(value):
            errors += conforms(document, schema.get("items", {}), item, f"{where}[{index}]")
    return errors


@pytest.fixture
def document(client):
    return _get(client, OPENAPI)


def _operation(document, path):
    return document["paths"][path]["get"]


def _response_schema(document, path, status):
    return _operation(document, path)["responses"][status]["content"]["application/json"]["schema"]


def test_the_checker_finds_mistakes(document):
    """The conformance check below can fail: a wrong answer is caught."""
    schema = _response_schema(document, SEARCH, "200")
    assert conforms(document, schema, {"query": "x"}) != []
    good = {"query": "", "count": 0, "page": 1, "pages": 1, "results": [], "suggestion": None, "corrected": False,
            "facets": {"type": {}, "axis": {}, "theme": {}, "quartier": {}}}
    assert conforms(document, schema, good) == []
    assert conforms(document, schema, {**good, "count": "3"}) != []
    assert conforms(document, schema, {**good, "extra": 1}) != []
    bad_result = dict.fromkeys(RESULT_KEYS, "x") | {"type": "article", "url": "/x/"}
    assert conforms(document, schema, {**good, "results": [bad_result]}) != []


def test_the_document_is_openapi_3_with_both_endpoints(document):
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {SEARCH, SUGGEST}
    search = _operation(document, SEARCH)
    names = [parameter["name"] for parameter in search["parameters"]]
    assert names == ["q", "type", "axis", "theme", "quartier", "sort", "page", "lang"]
    by_name = {parameter["name"]: parameter for parameter in search["parameters"]}
    assert by_name["type"]["schema"]["items"]["enum"] == PAGE_TYPES
    assert by_name["sort"]["schema"]["enum"] == ["relevance", "date"]
    assert by_name["lang"]["schema"]["enum"] == ["fr", "en", "de"]
    assert by_name["page"]["schema"]["type"] == "integer"
    for path in (SEARCH, SUGGEST):
        responses = _operation(document, path)["responses"]
        assert set(responses) == {"200", "400", "405"}
        error = _response_schema(document, path, "400")
        example = responses["400"]["content"]["application/json"]["example"]
        assert conforms(document, error, example) == []
        success = responses["200"]["content"]["application/json"]
        assert conforms(document, success["schema"], success["example"]) == []


def _valid_value(parameter):
    schema = parameter["schema"]
    if "example" in parameter:
        value = parameter["example"]
        return value[0] if isinstance(value, list) else value
    if schema.get("type") == "array":
        return schema["items"]["enum"][0]
    return schema.get("default", (schema.get("enum") or ["x"])[0])


@pytest.mark.parametrize("path", [SEARCH, SUGGEST])
def test_every_documented_parameter_is_accepted_and_no_other(client, document, path):
    parameters = _operation(document, path)["parameters"]
    assert parameters
    for parameter in parameters:
        response = client.get(path, {parameter["name"]: _valid_value(parameter)})
        assert response.status_code == 200, (parameter["name"], response.content)
    everything = {parameter["name"]: _valid_value(parameter) for parameter in parameters}
    assert client.get(path, everything).status_code == 200
    refused = client.get(path, {**everything, "limit": "5"})
    assert refused.status_code == 400 and json.loads(refused.content)["parameter"] == "limit"


def test_real_answers_follow_the_documented_schemas(client, document):
    answers = [
        (SEARCH, "200", _search(client, q="associations")),
        (SEARCH, "200", _search(client, q="Besançon", page=2, sort="date", lang="de")),
        (SEARCH, "200", _search(client, q="")),
        (SEARCH, "400", _get(client, expect=400, q="x", sort="best")),
        (SUGGEST, "200", _get(client, SUGGEST, q="maison")),
        (SUGGEST, "400", _get(client, SUGGEST, expect=400, q="maison", page="1")),
    ]
    assert answers[0][2]["results"] and answers[4][2]["suggestions"]
    for path, status, data in answers:
        assert conforms(document, _response_schema(document, path, status), data) == [], (path, status)
