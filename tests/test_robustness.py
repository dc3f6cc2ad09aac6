"""Whatever anyone sends to the public pages, exports, feeds, APIs and forms: no 5xx, and no
markup reflected unescaped (property-based: strategies, profiles and checks in tests/fuzzing.py;
the search page and API are in tests/search/test_robustness.py).

A new surface joins ``GET_SURFACES`` (a URL, its parameters, some valid values) or ``FORMS``
(a URL, its fields, a valid answer) by one line. The number of inputs of each test is its
``fuzz(…)`` budget; ``test_the_fuzzed_inputs_add_up`` checks that they sum to at least
``TOTAL_EXAMPLES`` per run.
"""

from dataclasses import dataclass, field

import pytest
from hypothesis import strategies as st

import tests.search.test_robustness  # noqa: F401 - its budgets count in the total
from tests.fuzzing import BUDGETS, HOSTILE_PIECES, TOTAL_EXAMPLES, check_answer, fuzz, parameters, pieces, queries
from tests.seed import read_seed

pytestmark = pytest.mark.django_db

PROPOSAL = "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/"
PROGRAMME_FILTERS = ["axe", "theme", "quartier", "lieu", "phare", "page"]
PROGRAMME_VALUES = [
    "", "une-ville-rayonnante", "avec-et-pour-les-citoyens", "culture-et-patrimoine", "vie-associative",
    "planoise", "battant", "citadelle", "cite-des-savoirs", "oui", "non", "1", "2",
]
PLACE_VALUES = ["", *sorted({place["status"] for place in read_seed("culture")["places"]}), "musee", "1"]


@dataclass(frozen=True)
class Surface:
    """A public URL read with GET, the parameters it reads, and values it accepts."""

    url: str
    names: tuple
    valid: tuple = ()


GET_SURFACES = [
    Surface("/fr/programme/", PROGRAMME_FILTERS, PROGRAMME_VALUES),
    Surface("/en/programme/", PROGRAMME_FILTERS, PROGRAMME_VALUES),
    Surface("/fr/culture/", ("type", "statut"), PLACE_VALUES),
    Surface("/fr/programme/export/csv/", PROGRAMME_FILTERS, PROGRAMME_VALUES),
    Surface("/fr/programme/export/json/", PROGRAMME_FILTERS, PROGRAMME_VALUES),
    Surface("/fr/programme/flux/rss/", PROGRAMME_FILTERS, PROGRAMME_VALUES),
    Surface("/fr/programme/flux/atom/", PROGRAMME_FILTERS, PROGRAMME_VALUES),
    Surface("/fr/actualites/flux/rss/", ("page",), ("1",)),
    Surface("/fr/actualites/flux/atom/", ("page",), ("1",)),
    Surface("/fr/quartiers/donnees/csv/", ("quartier",), ("planoise",)),
    Surface("/fr/quartiers/donnees/json/", ("quartier",), ("planoise",)),
    Surface(PROPOSAL + "historique/", ("de", "a"), ("", "1", "2", "3", "0", "-1", "١")),
]

API_PARAMETERS = [
    "search", "type", "fields", "order", "limit", "offset", "child_of", "locale", "html_path",
    "search_operator", "descendant_of", "slug", "translation_of", "format",
]
API_VALUES = [
    "", "Citadelle", "budget participatif", "programme.ProposalPage", "home.HomePage", "wagtailcore.Page",
    "culture.CulturalPlacePage,programme.ProposalPage", "*", "title", "-title", "_,title", "reference", "body",
    "title,-body", "random", "id", "-first_published_at", "1", "2", "3", "10", "20", "21", "0", "fr", "en", "de",
    "/fr/", "/fr/programme/", PROPOSAL, "/en/", "and", "or", "json",
]
API_URLS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/pages/find/"]


@dataclass(frozen=True)
class PublicForm:
    """A public form: its page, the answer that it accepts, and the answer's fields."""

    url: str
    valid: dict
    extra: tuple = field(default=("site_web",))  # the honeypot


FORMS = [
    PublicForm(
        "/fr/contact/",
        {
            "votre_nom": "Camille",
            "votre_adresse_electronique": "camille@example.org",
            "votre_quartier": "Planoise",
            "votre_question": "Quand le budget participatif sera-t-il voté ?",
        },
    ),
]

field_values = st.one_of(queries, pieces, st.text(max_size=300), st.just(""), st.sampled_from(["x" * 5000]))


@st.composite
def form_answers(draw, form):
    """A valid answer with some of its fields replaced, removed or doubled, and some added."""
    answer = dict(form.valid)
    for name in list(form.valid) + list(form.extra):
        action = draw(st.sampled_from(["keep", "keep", "replace", "drop", "list"]))
        if action == "replace":
            answer[name] = draw(field_values)
        elif action == "drop":
            answer.pop(name, None)
        elif action == "list":
            answer[name] = draw(st.lists(field_values, min_size=1, max_size=3))
    answer.update(draw(st.dictionaries(st.text(min_size=1, max_size=10), field_values, max_size=3)))
    return answer


surfaces = st.sampled_from(GET_SURFACES).flatmap(
    lambda surface: st.tuples(st.just(surface), parameters(surface.names, surface.valid))
)
api_requests = st.tuples(st.sampled_from(API_URLS), parameters(API_PARAMETERS, API_VALUES, max_size=8))
form_requests = st.sampled_from(FORMS).flatmap(lambda form: st.tuples(st.just(form), form_answers(form)))


@fuzz(1100, surface_params=surfaces)
def test_pages_exports_feeds_and_history_never_fail_nor_reflect_markup(client, surface_params):
    surface, params = surface_params
    check_answer(client.get(surface.url, params), (surface.url, params))


@fuzz(2725, url_params=api_requests)
def test_the_wagtail_api_answers_200_or_a_json_400_never_a_5xx(client, url_params):
    url, params = url_params
    response = client.get(url, params)
    check_answer(response, (url, params), allowed={200, 302, 400, 404})
    if response.status_code == 400:
        assert response.json()["message"], (url, params)


@fuzz(500, form_answer=form_requests, honeypot=st.sampled_from(["", "", "", *HOSTILE_PIECES[:5]]))
def test_public_forms_answer_200_400_or_429_and_never_reflect_markup(client, settings, mailoutbox, form_answer,
                                                                     honeypot):
    form, answer = form_answer
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "public_form": (10**9, 60)}
    if honeypot:
        answer = {**answer, "site_web": honeypot}
    response = client.post(form.url, answer)
    check_answer(response, (form.url, answer), allowed={200, 302, 400, 413})
    mailoutbox.clear()


def test_the_fuzzed_inputs_add_up():
    """The budgets of every fuzzed test, each checked by ``fuzz`` as it runs, sum to ``TOTAL_EXAMPLES`` or more."""
    assert len(BUDGETS) >= 6, BUDGETS
    assert sum(BUDGETS.values()) >= TOTAL_EXAMPLES, BUDGETS
