"""The site search as JSON, for scripts and journalists: ``/api/search/`` (the search page's
results, facets and suggestion), ``/api/search/suggest/`` (titles for the search box's
autocompletion) and ``/api/search/openapi.json`` (their description).

Read-only public data: ``GET`` and ``HEAD`` only, any origin may read it (CORS ``*``), caches may
keep an answer a minute. Every parameter is checked before the search runs: an unknown, repeated
or invalid one is answered 400 with ``{"error": …, "parameter": …}``, the message in the language
of ``lang`` when it is valid, else in the one the browser asks for (``Accept-Language``), French
by default. Nothing a visitor can type gives a 500.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Locale, Page

from home.cache import read_site_pages
from home.search_terms import clean_query, terms_for_engine

from . import facets, service
from .forms import SearchForm
from .openapi import openapi_document

logger = logging.getLogger(__name__)

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
SEARCH_PARAMETERS = ("q", "type", "axis", "theme", "quartier", "sort", "page", "lang")
SUGGEST_PARAMETERS = ("q", "lang")
# Parameters that hold a list: repeated (``type=a&type=b``) or comma-separated (``type=a,b``).
LIST_PARAMETERS = service.FACETS
SUGGEST_MIN_LENGTH = 2
SUGGEST_LIMIT = 8
MAX_SHOWN_VALUE = 50  # characters of a rejected value quoted back in the error message
ALLOWED_METHODS = ("GET", "HEAD")
CACHE_CONTROL = "public, max-age=60"


class InvalidParameter(Exception):
    """A query parameter the API refuses: answered 400, naming it."""

    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _shown(value):
    return value[:MAX_SHOWN_VALUE]


def _unknown_value(name, value, accepted):
    return InvalidParameter(
        name,
        _("Valeur inconnue pour %(name)s : « %(value)s ». Valeurs acceptées : %(accepted)s.")
        % {"name": name, "value": _shown(value), "accepted": ", ".join(accepted)},
    )


def _check_names(query, accepted):
    """No NUL character (but in ``q``, free text that is cleaned), no unknown parameter,
    single-valued ones given once."""
    for name, values in query.lists():
        if "\x00" in name or (name != "q" and any("\x00" in value for value in values)):
            raise InvalidParameter(
                _shown(name),
                _("Le paramètre %(name)s ne peut pas contenir de caractère NUL.") % {"name": _shown(name)},
            )
    for name in query:
        if name not in accepted:
            raise InvalidParameter(
                _shown(name),
                _("Paramètre inconnu : « %(name)s ». Paramètres acceptés : %(accepted)s.")
                % {"name": _shown(name), "accepted": ", ".join(accepted)},
            )
    for name, values in query.lists():
        if name not in LIST_PARAMETERS and len(values) > 1:
            raise InvalidParameter(
                name, _("Le paramètre %(name)s ne peut être donné qu'une fois.") % {"name": name}
            )


def _language(query):
    language = query.get("lang", "") or "fr"
    if language not in LANGUAGE_CODES:
        raise _unknown_value("lang", language, LANGUAGE_CODES)
    return language


def search_params(query):
    """The ``SearchParams`` of an API request's query string (a QueryDict), or
    ``InvalidParameter``: the names checked here, the values by the search page's form (one set
    of rules and messages)."""
    _check_names(query, SEARCH_PARAMETERS)
    language = _language(query)
    form = SearchForm(query, language=language)
    if not form.is_valid():
        name = next(name for name in SEARCH_PARAMETERS if name in form.errors)
        raise InvalidParameter(name, str(form.errors[name][0]))
    return form.params()


def _path(url):
    """An absolute path, whether the page gave a path or a full URL (several sites)."""
    parts = urlsplit(url or "")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _hit_data(hit):
    published = hit.last_published_at
    return {
        "title": hit.title,
        "url": _path(hit.url),
        "type": hit.type,
        "excerpt": str(hit.excerpt),
        "locale": hit.locale,
        "reference": hit.reference or None,
        "last_published_at": published.isoformat() if published else None,
    }


def _no_results(params):
    """The answer to a query without a word to look for: nothing found, nothing counted."""
    return {
        "query": params.query,
        "count": 0,
        "page": params.page,
        "pages": 1,
        "results": [],
        "facets": {name: {} for name in service.FACETS},
        "suggestion": None,
        "corrected": False,
    }


def search_data(params):
    """The JSON answer to ``params``. A page past the last answers no results, with the real
    number of pages."""
    if not terms_for_engine(params.query):
        return _no_results(params)
    with translation.override(params.language):  # not Accept-Language: the answer is the same for all
        outcome = service.search(params)
    past_the_end = outcome.page != params.page  # the service shows the last page instead
    return {
        "query": params.query,
        "count": outcome.count,
        "page": params.page,
        "pages": outcome.pages,
        "results": [] if past_the_end else [_hit_data(hit) for hit in outcome.hits],
        "facets": {
            name: {value.value: value.count for value in outcome.facets.get(name, [])} for name in service.FACETS
        },
        "suggestion": outcome.suggestion or None,
        "corrected": bool(outcome.corrected),
    }


def suggestions(query, language, request=None):
    """At most ``SUGGEST_LIMIT`` live public pages of ``language`` (or French ones not translated
    yet) whose title has words starting with what was typed, through the backend's
    autocompletion. A French page whose translation is live is left to its translation."""
    terms = terms_for_engine(query)
    if len(terms.replace(" ", "")) < SUGGEST_MIN_LENGTH:
        return []
    locales = dict(Locale.objects.filter(language_code__in={language, "fr"}).values_list("language_code", "pk"))
    pages = Page.objects.live().public().filter(locale_id__in=locales.values())
    try:
        found = list(pages.autocomplete(terms, operator="and")[: SUGGEST_LIMIT * 3])
    except DatabaseError:
        logger.exception("Autocompletion failed for %r", terms)
        return []
    copies = {}
    if language != "fr" and language in locales:
        # In the visitor's tree: a translation, or the synchronised copy of a French page.
        in_tree = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                locale_id=locales[language], translation_key__in=[page.translation_key for page in found]
            )
        }
        translated = {key for key, page in in_tree.items() if page.alias_of_id is None}
        copies = {key: page for key, page in in_tree.items() if page.alias_of_id is not None}
        found = [
            page for page in found if page.locale_id == locales[language] or page.translation_key not in translated
        ]
    types = facets.type_of_content_type()
    with translation.override(language):
        return [
            {
                "title": page.title,
                "url": _path(copies.get(page.translation_key, page).get_url(request=request)),
                "type": facets.page_type(page.content_type_id, types),
            }
            for page in found[:SUGGEST_LIMIT]
        ]


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status in (200, 400):
        response["Cache-Control"] = CACHE_CONTROL
        # An error message follows Accept-Language when ``lang`` is missing or invalid.
        patch_vary_headers(response, ("Accept-Language",))
    return response


def _error(error):
    return _json({"error": error.message, "parameter": error.parameter}, status=400)


def _wanted_language(query):
    """The language of ``lang`` when it is one of the site's, else None (Accept-Language)."""
    values = query.getlist("lang")
    return values[0] if len(values) == 1 and values[0] in LANGUAGE_CODES else None


def _api_view(answer):
    """A read-only JSON endpoint: ``answer(request)`` gives the data or raises InvalidParameter;
    other methods than GET and HEAD are answered 405, errors in the wanted language."""

    @csrf_exempt  # POST is refused with a 405, not a CSRF failure
    def view(request):
        language = _wanted_language(request.GET) or translation.get_language()
        with translation.override(language):
            if request.method not in ALLOWED_METHODS:
                response = _json(
                    {
                        "error": _("Méthode %(method)s non autorisée : cette adresse ne répond qu'à GET et HEAD.")
                        % {"method": _shown(request.method)},
                        "parameter": None,
                    },
                    status=405,
                )
                response["Allow"] = ", ".join(ALLOWED_METHODS)
                return response
            try:
                return _json(answer(request))
            except InvalidParameter as error:
                return _error(error)

    view.__name__ = answer.__name__
    view.__doc__ = answer.__doc__
    return view


@_api_view
def search_api(request):
    """``/api/search/``: results, facets and suggestion of the site search."""
    # The results' addresses need Wagtail's site root paths and the private sections: read with
    # the site's shared pages in one query, the first time in a generation.
    read_site_pages(request)
    return search_data(search_params(request.GET))


@_api_view
def suggest_api(request):
    """``/api/search/suggest/``: page titles for the search box's autocompletion."""
    _check_names(request.GET, SUGGEST_PARAMETERS)
    language = _language(request.GET)
    query = clean_query(request.GET.get("q", ""))
    return {"query": query, "suggestions": suggestions(query, language, request)}


@_api_view
def openapi_api(request):
    """``/api/search/openapi.json``: the OpenAPI 3.1 description of the two endpoints."""
    _check_names(request.GET, ())
    return openapi_document()
