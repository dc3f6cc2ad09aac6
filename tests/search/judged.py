"""The judged query set of the site search and how its answers are scored: one place for the
relevance test (``tests/search/test_relevance.py``) and the relevance benchmark
(``benchmarks/search_relevance.py``).

``judged_queries.yaml`` lists what visitors type and the pages that should come first. A query's
reciprocal rank is 1/rank of the first expected page among the first ``DEPTH`` hits (0 when none
is there); a query expecting nothing (nonsense) scores 1 when nothing is found, else 0. MRR is
their mean; success@k the share of queries whose reciprocal rank is at least 1/k.
"""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

JUDGED_QUERIES = Path(__file__).with_name("judged_queries.yaml")
KINDS = (
    "title",
    "accents-dropped",
    "plural",
    "elision",
    "synonym",
    "partial-word",
    "typo",
    "quartier",
    "reference",
    "figure",
    "multi-word",
    "english",
    "german",
    "nonsense",
)
LANGUAGES = ("fr", "en", "de")
# Hits read per query: a page beyond the first page of results counts as not found.
DEPTH = 10


@dataclass(frozen=True)
class JudgedQuery:
    query: str
    kind: str
    language: str
    expected: tuple  # URL paths, any of which should come first; empty: nothing should be found
    why: str


def load(path=JUDGED_QUERIES):
    """The judged queries, checked: a known kind and language, a reason, URL paths."""
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["queries"]
    judged = []
    for entry in entries:
        item = JudgedQuery(
            query=str(entry["query"]),
            kind=entry["kind"],
            language=entry.get("language", "fr"),
            expected=tuple(entry["expected"]),
            why=" ".join(str(entry["why"]).split()),
        )
        problems = [
            f"kind {item.kind!r} is not one of {KINDS}" if item.kind not in KINDS else "",
            f"language {item.language!r}" if item.language not in LANGUAGES else "",
            "no why" if not item.why else "",
            "expected must be URL paths (/fr/…/)"
            if any(not (url.startswith("/") and url.endswith("/")) for url in item.expected)
            else "",
            "nonsense expects nothing, the others something" if (item.kind == "nonsense") != (not item.expected) else "",
        ]
        problems = [problem for problem in problems if problem]
        if problems:
            raise ValueError(f"{path}: query {item.query!r}: {'; '.join(problems)}")
        judged.append(item)
    return judged


def reciprocal_rank(expected, found, depth=DEPTH):
    """1/rank of the first of ``expected`` among the first ``depth`` of ``found`` (URL paths), 0
    when none is there; for a query expecting nothing, 1 when nothing was found, else 0."""
    found = list(found)[:depth]
    if not expected:
        return 0.0 if found else 1.0
    for rank, url in enumerate(found, start=1):
        if url in expected:
            return 1.0 / rank
    return 0.0


@dataclass(frozen=True)
class Result:
    judged: JudgedQuery
    found: tuple  # (URL path, title) of the hits, best first, at most DEPTH
    reciprocal_rank: float

    def succeeds_at(self, k):
        return self.reciprocal_rank >= 1.0 / k


@dataclass(frozen=True)
class Summary:
    queries: int
    mrr: float
    success_at_1: float
    success_at_3: float


def summarise(results):
    results = list(results)
    if not results:
        raise ValueError("no results to summarise")
    count = len(results)
    return Summary(
        queries=count,
        mrr=sum(result.reciprocal_rank for result in results) / count,
        success_at_1=sum(result.succeeds_at(1) for result in results) / count,
        success_at_3=sum(result.succeeds_at(3) for result in results) / count,
    )


def evaluate(judged, run):
    """Each judged query through ``run(query, language) -> [(url, title)]``, scored."""
    results = []
    for item in judged:
        found = tuple((path_of(url), title) for url, title in run(item.query, item.language))[:DEPTH]
        urls = [url for url, _title in found]
        results.append(Result(item, found, reciprocal_rank(item.expected, urls)))
    return results


def path_of(url):
    """``https://host/fr/culture/`` and ``/fr/culture/`` are the same page."""
    return urlsplit(url).path or "/"


def report(results, backend=""):
    """The figures, overall and per kind, then the queries not answered first, with what came."""
    results = list(results)
    lines = [f"Backend: {backend}"] if backend else []
    lines.append(f"{'':<16} {'queries':>7} {'MRR':>6} {'s@1':>6} {'s@3':>6}")

    def row(label, summary):
        return (
            f"{label:<16} {summary.queries:>7} {summary.mrr:>6.3f} "
            f"{summary.success_at_1:>6.3f} {summary.success_at_3:>6.3f}"
        )

    lines.append(row("overall", summarise(results)))
    per_kind = defaultdict(list)
    for result in results:
        per_kind[result.judged.kind].append(result)
    lines += [row(kind, summarise(per_kind[kind])) for kind in KINDS if per_kind[kind]]
    failing = [result for result in results if result.reciprocal_rank < 1.0]
    lines.append(f"\nNot first ({len(failing)}):")
    for result in failing:
        item = result.judged
        lines.append(f"- [{item.kind}] {item.query!r} ({item.language}): RR {result.reciprocal_rank:.2f}")
        lines.append(f"    expected: {', '.join(item.expected) or 'nothing'}")
        if not result.found:
            lines.append("    found nothing")
        for rank, (url, title) in enumerate(result.found[:3], start=1):
            mark = " (expected)" if url in item.expected else ""
            lines.append(f"    {rank}. {url}  {title}{mark}")
    return "\n".join(lines)


# -- how a query is run ------------------------------------------------------------------------


def service_search(query, language):
    """The site's search (``search.service``), its first page of hits."""
    from search.service import SearchParams, search

    outcome = search(SearchParams(query=query, language=language, per_page=DEPTH))
    return [(hit.url, hit.title) for hit in outcome.hits]


def legacy_search(query, language):
    """What ``search/views.py`` did before ``search.service``: Wagtail's search of the live
    public pages of the visitor's language (the figures of « before »)."""
    from django.utils import translation
    from wagtail.models import Locale, Page

    from home.search_terms import clean_query, terms_for_engine

    terms = terms_for_engine(clean_query(query))
    if not terms:
        return []
    with translation.override(language):
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(terms)
        return [(page.url, page.title) for page in pages[:DEPTH]]
