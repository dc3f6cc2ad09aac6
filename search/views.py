import logging
import re
import unicodedata

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Characters that full-text engines read as syntax (quotes, brackets, *, ^, :…); words, digits,
# apostrophes (elisions: « l'art ») and hyphens (Saint-Jacques) are kept.
ENGINE_SYNTAX = re.compile(r"[^\w\s'’-]")


def clean_query(raw):
    """The query as shown back to the visitor: no control characters, trimmed."""
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def terms_for_engine(query):
    """The words of the query, lower-cased so no word reads as an operator (AND, OR, NOT)."""
    return " ".join(ENGINE_SYNTAX.sub(" ", query).lower().split())


def search(request):
    query = clean_query(request.GET.get("q", ""))
    terms = terms_for_engine(query)
    results = Page.objects.none()
    if terms:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(terms)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage:
        page_of_results = paginator.page(paginator.num_pages)
    except DatabaseError:
        logger.exception("Search failed for %r", terms)
        paginator = Paginator([], RESULTS_PER_PAGE)
        page_of_results = paginator.page(1)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_of_results, "paginator": paginator},
    )
