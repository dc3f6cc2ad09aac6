"""The site search answers the judged queries (judged_queries.yaml) well enough: a floor on MRR
and success@3 over the demo site, so that a change that ranks worse fails. The figures per kind
and per backend: benchmarks/search_relevance.py.
"""

import pytest
from wagtail.models import Page

from tests.search.judged import (
    DEPTH,
    KINDS,
    JudgedQuery,
    Result,
    evaluate,
    load,
    reciprocal_rank,
    report,
    service_search,
    summarise,
)

# Raise them as the ranking improves (the issue's target: MRR ≥ 0.9, success@3 ≥ 0.95).
# Measured 0.995 and 1.000 on SQLite and PostgreSQL (benchmarks/search_relevance.py): a floor
# below that, so that a regression fails while a new demo page may move one query.
MRR_FLOOR = 0.95
SUCCESS_AT_3_FLOOR = 0.97

# The queries the issue names: they must stay in the judged set.
ISSUE_EXAMPLES = [
    "culture",
    "culturel",
    "association",
    "médiateur",
    "photo",
    "citad",
    "IA",
    "chômage",
    "l'économie de l'espace",
    "demandeurs d'emploi",
    "revenu médian",
    "citadelle",
    "Cité des Arts",
    "planoize",
    "bibliotheque",
    "citadele",
    "P-07",
    "p07",
    "P 07",
]

A, B, C = "/fr/a/", "/fr/b/", "/fr/c/"


def test_reciprocal_rank_is_one_over_the_rank_of_the_first_expected_page():
    assert reciprocal_rank((A,), [A, B]) == 1.0
    assert reciprocal_rank((C, B), [A, B, C]) == 0.5
    assert reciprocal_rank((A,), [B, C]) == 0.0
    assert reciprocal_rank((A,), [B] * DEPTH + [A]) == 0.0  # beyond the first page: not found
    assert reciprocal_rank((), []) == 1.0  # nonsense, nothing found
    assert reciprocal_rank((), [A]) == 0.0


def test_summary_counts_success_at_1_and_at_3():
    def result(rr):
        return Result(JudgedQuery("q", "title", "fr", (A,), "why"), (), rr)

    summary = summarise([result(1.0), result(1 / 3), result(0.25), result(0.0)])
    assert summary.queries == 4
    assert summary.mrr == pytest.approx((1 + 1 / 3 + 0.25) / 4)
    assert summary.success_at_1 == 0.25
    assert summary.success_at_3 == 0.5


def test_evaluate_scores_the_url_paths_of_the_hits():
    judged = [
        JudgedQuery("found second", "title", "fr", (B,), "why"),
        JudgedQuery("nonsense", "nonsense", "fr", (), "why"),
    ]
    answers = {"found second": [("http://testserver/fr/a/", "A"), ("/fr/b/", "B")], "nonsense": []}
    results = evaluate(judged, lambda query, language: answers[query])
    assert [result.reciprocal_rank for result in results] == [0.5, 1.0]
    assert results[0].found == ((A, "A"), (B, "B"))
    assert "'found second' (fr): RR 0.50" in report(results)


def test_the_judged_set_covers_every_kind_and_the_issue_examples():
    judged = load()
    assert len(judged) >= 60
    kinds = {item.kind for item in judged}
    assert kinds == set(KINDS)
    queries = {item.query for item in judged}
    assert [query for query in ISSUE_EXAMPLES if query not in queries] == []
    assert {item.language for item in judged} == {"fr", "en", "de"}
    assert sum(item.kind == "nonsense" for item in judged) >= 3


@pytest.mark.django_db
def test_every_expected_page_is_a_live_page_of_the_demo_site():
    live = {page.url for page in Page.objects.live().public().specific()}
    expected = {url for item in load() for url in item.expected}
    assert len(expected) > 40
    assert sorted(expected - live) == []


@pytest.mark.django_db
def test_the_search_answers_the_judged_queries():
    results = evaluate(load(), service_search)
    summary = summarise(results)
    details = report(results, "search.service on the demo site")
    assert summary.mrr >= MRR_FLOOR, details
    assert summary.success_at_3 >= SUCCESS_AT_3_FLOOR, details
