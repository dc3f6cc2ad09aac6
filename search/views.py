import logging

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from home.search_terms import clean_query, terms_for_engine

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10


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
