"""Pages of a listing that grows with the content (the programme, an axis, the news).

``?page=2`` picks a page, ``?tout=1`` shows everything as long as it stays under
``LISTING_SHOW_ALL_MAX`` items (a bounded « tout afficher »); other parameters (the filters) are
kept in every link. A page number out of range or not a number shows the nearest page, as the
search does, rather than an error.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.http import urlencode


@dataclass
class ListingPage:
    items: list
    number: int
    pages: int
    count: int
    previous_url: str = ""
    next_url: str = ""
    show_all_url: str = ""
    paged_url: str = ""

    @property
    def is_paginated(self):
        return self.pages > 1 or bool(self.paged_url)


def _url(params, **changes):
    """A link to the same listing with ``changes`` (page 1 goes without its number)."""
    params = {**params, **changes}
    if params.get("page") == 1:
        del params["page"]
    params = {name: value for name, value in params.items() if value not in (None, "")}
    return f"?{urlencode(params)}" if params else "?"


def paginate(request, queryset, per_page=None):
    """The page of ``queryset`` the request asks for; counts with one query, fetches one page."""
    per_page = per_page or settings.LISTING_PAGE_SIZE
    given = request.GET.items() if request is not None else []
    params = {name: value for name, value in given if name not in ("page", "tout")}
    paginator = Paginator(queryset, per_page)
    wants_all = request is not None and request.GET.get("tout") == "1"
    if wants_all and paginator.count <= settings.LISTING_SHOW_ALL_MAX:
        return ListingPage(
            list(queryset), 1, 1, paginator.count, paged_url=_url(params) if paginator.count > per_page else ""
        )
    page = paginator.get_page(request.GET.get("page") if request is not None else 1)
    listing = ListingPage(list(page.object_list), page.number, paginator.num_pages, paginator.count)
    if page.has_previous():
        listing.previous_url = _url(params, page=page.previous_page_number())
    if page.has_next():
        listing.next_url = _url(params, page=page.next_page_number())
    if paginator.num_pages > 1 and paginator.count <= settings.LISTING_SHOW_ALL_MAX:
        listing.show_all_url = _url(params, tout="1")
    return listing


class CachedListing:
    """A listing for :func:`paginate` whose count and pages are read from the shared cache
    (``home.cache.cached``, until the next publish): the database is asked once per generation.

    ``queryset`` is a function giving the (live, public) queryset, ``decorate`` one that turns a
    list of its items into what the template shows (called inside the cached build, so what it
    reads is cached too); ``parts`` name the listing (a page's pk, the language, the validated
    filters), never a raw request value. The page bounds come from ``Paginator``, validated.
    """

    ordered = True

    def __init__(self, name, queryset, decorate=list, *parts, count=None):
        from django.utils import translation

        self.name, self.queryset, self.decorate = name, queryset, decorate
        self.parts = (*parts, translation.get_language())
        # How many items: ``count()`` when the caller knows it already (the programme index
        # counts its proposals with its facets), else a query.
        self._count = count

    def _cached(self, suffix, build, *parts):
        from .cache import cached

        return cached(f"{self.name}:{suffix}", build, *self.parts, *parts)

    def count(self):
        if self._count is not None:
            return self._count()
        return self._cached("count", lambda: self.queryset().count())

    def __len__(self):
        return self.count()

    def __getitem__(self, bounds):
        if not isinstance(bounds, slice):
            return self[bounds : bounds + 1][0]
        return self._cached("slice", lambda: self.decorate(list(self.queryset()[bounds])), bounds.start, bounds.stop)

    def __iter__(self):
        return iter(self._cached("all", lambda: self.decorate(list(self.queryset()))))
