"""The feed base every section's RSS and Atom feeds share.

Django's ``Feed`` is a view configured by its class; ours are built per request around the
object the routable page already holds (a news index, a filtered list of proposals), keep the
request to build absolute URLs, and read items' dates from Wagtail's publication dates.
A routable page that serves feeds names its routes ``feed_rss`` and ``feed_atom``.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
FEED_MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


class SiteFeed(Feed):
    """A feed of one object in RSS (``kind="rss"``) or Atom (``kind="atom"``) whose items are pages."""

    def __init__(self, source, kind):
        super().__init__()
        self.source = source
        self.kind = kind
        self.feed_type = FEED_TYPES[kind]

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.source

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


def feed_url(page, kind, request=None, query_string=""):
    """The address of ``page``'s feed of ``kind`` (``rss`` or ``atom``); ``None`` if not routable."""
    base = page.get_url(request=request)
    if base is None:
        return None
    return base + page.reverse_subpage(f"feed_{kind}") + query_string


def feed_links(page, request=None, **filters):
    """``<link rel="alternate">`` entries (Atom, then RSS) of ``page``'s feeds, as dicts."""
    if page is None:
        return []
    query = {name: value for name, value in filters.items() if value}
    query_string = f"?{urlencode(query)}" if query else ""
    links = []
    for kind in ("atom", "rss"):
        href = feed_url(page, kind, request, query_string)
        if href is None:
            return []
        links.append({"type": FEED_MIME_TYPES[kind], "href": href, "kind": kind})
    return links
