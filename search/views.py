"""The search page: ``/fr/recherche/``, ``/en/search/``, ``/de/suche/``."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.utils import translation

from home.cache import cached, read_site_pages
from search.forms import SearchForm
from search.promotions import record_query
from search.service import FACETS
from search.service import search as run_search


def page_url(params, **changes):
    """The page's address with some parameters changed (``None`` removes one)."""
    values = {"q": params.query, **{name: list(params.filters.get(name, ())) for name in FACETS}}
    if params.sort != "relevance":
        values["sort"] = params.sort
    values.update(changes)
    pairs = []
    for name, value in values.items():
        if value in (None, "", []):
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, item))
    return "?" + urlencode(pairs)


def facet_links(outcome):
    """Each facet value with the address that adds it to the filters, or removes it."""
    params = outcome.params
    links = []
    for name in FACETS:
        values = []
        for value in outcome.facets.get(name, []):
            chosen = list(params.filters.get(name, ()))
            chosen = [v for v in chosen if v != value.value] if value.selected else [*chosen, value.value]
            values.append({"value": value, "url": page_url(params, **{name: chosen, "page": None})})
        if values:
            links.append({"name": name, "values": values})
    return links


def section_indexes(language):
    """The programme, quartiers and culture indexes in the visitor's language, for a search
    that found nothing."""
    from culture.models import CultureIndexPage
    from programme.models import ProgrammeIndexPage
    from quartiers.models import QuartierIndexPage

    pages = []
    for model in (ProgrammeIndexPage, QuartierIndexPage, CultureIndexPage):
        candidates = list(
            model.objects.live().public().filter(locale__language_code__in={language, "fr"}).select_related("locale")
        )
        candidates.sort(key=lambda page: page.locale.language_code != language)
        if candidates:
            pages.append(candidates[0])
    return pages


def search(request):
    # What routing reads for a page of the site (the menus' pages, the private sections, the
    # site's root paths), read in one query: the search page is not routed.
    read_site_pages(request)
    language = translation.get_language() or "fr"
    form = SearchForm(request.GET, language=language)
    valid = form.is_valid()
    params = form.params()
    outcome = run_search(params) if params.query else None
    if outcome is not None and params.page == 1 and not params.filters:
        record_query(params.query, outcome.count)
    context = {
        "form": form,
        "search_query": params.query,
        "outcome": outcome,
        "facet_links": facet_links(outcome) if outcome else [],
        "sort_links": [
            {"key": key, "url": page_url(params, sort=key if key != "relevance" else None, page=None)}
            for key in ("relevance", "date")
        ],
        "previous_url": page_url(params, page=outcome.page - 1) if outcome and outcome.page > 1 else "",
        "next_url": page_url(params, page=outcome.page + 1) if outcome and outcome.page < outcome.pages else "",
        "suggestion_url": page_url(params, q=outcome.suggestion, page=None) if outcome and outcome.suggestion else "",
    }
    if outcome is not None and not outcome.count:
        # The same for every search that finds nothing, until the next publish.
        context["sections"] = cached("search-section-indexes", lambda: section_indexes(language), language)
    return TemplateResponse(request, "search/search.html", context, status=200 if valid else 400)
