"""Wagtail's read-only API under /api/v2/: live public pages and images only.

Every query parameter is checked before it reaches the database, and a bad one is answered 400
with a JSON message that names it: NUL characters (PostgreSQL refuses them), offsets and limits
that are not plain ASCII numbers or too large, an ``id`` that is not one, a ``search_operator``
other than ``and``/``or``.
``search`` goes through the site search's cleaning (``home.search_terms``).
"""

import re

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

from home.search_terms import clean_query, terms_for_engine

# Far beyond any real listing, and inside every database's integer range.
MAX_OFFSET = 1_000_000
WHOLE_NUMBER = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() takes « ² » and « ① »
SEARCH_OPERATORS = {"and", "or"}
MAX_ID_DIGITS = 18  # inside a 64-bit integer


def checked_parameters(query):
    """A copy of ``query`` (a QueryDict) fit for the database, or ``BadRequestError``."""
    query = query.copy()
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            raise BadRequestError(f"{name[:50]!r}: a query parameter cannot contain a NUL character")
    for name in ("offset", "limit"):
        if name in query:
            value = query[name]
            if not WHOLE_NUMBER.fullmatch(value):
                raise BadRequestError(f"{name} must be a whole number written with the digits 0-9")
            largest = MAX_OFFSET if name == "offset" else getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
            if len(value) > len(str(MAX_OFFSET)) or int(value) > largest:
                raise BadRequestError(f"{name} must be at most {largest}")
    # ``find/?id=`` reaches the database as it is: « » or « abc » was a 500.
    if "id" in query and not (WHOLE_NUMBER.fullmatch(query["id"]) and len(query["id"]) <= MAX_ID_DIGITS):
        raise BadRequestError(f"id must be a whole number of at most {MAX_ID_DIGITS} digits 0-9")
    if "search_operator" in query and query["search_operator"] not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    if "search" in query:
        terms = terms_for_engine(clean_query(query["search"]))
        if not terms:
            raise BadRequestError("search must contain at least one word (letters or digits)")
        query["search"] = terms
    return query


class CheckedParametersMixin:
    """Check and clean the query string before Wagtail's filters read it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        request._request.GET = checked_parameters(request._request.GET)


class PublicPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    def find_object(self, queryset, request):
        """``html_path`` is a public URL with its language prefix (« /en/programme/ »).

        Wagtail routes it from the site's root page, which knows nothing of the prefix: the prefix
        chooses the tree (the root page's translation in that language) and the rest is routed in it.
        """
        path = request.GET.get("html_path")
        language = translation.get_language_from_path(path or "")
        site = Site.find_for_request(request)
        if not language or site is None:
            return super().find_object(queryset, request)
        components = [component for component in path.split("/") if component][1:]
        with translation.override(language):
            root = site.root_page.localized.specific
            try:
                page, _, _ = root.route(request, components)
            except Http404:
                return None
        return queryset.filter(id=page.id).first()


class PublicImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
