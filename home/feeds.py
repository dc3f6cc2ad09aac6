"""RSS and Atom feeds of the news (``/fr/actualites/flux/rss/`` and ``flux/atom/``)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
FEED_MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


class SiteFeed(Feed):
    """A feed of one object (a news index, a filtered list of proposals) in RSS or Atom.

    Django's ``Feed`` is a view configured by its class; ours are built per request around the
    object the routable page already holds, and keep the request to build absolute URLs.
    """

    def __init__(self, source, kind):
        super().__init__()
        self.source = source
        self.kind = kind
        self.feed_type = FEED_TYPES[kind]

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.source


class ArticleFeed(SiteFeed):
    """The live articles of one news index, newest first."""

    def title(self, index):
        return _("%(title)s — Nous sommes tous Besançon") % {"title": index.title}

    def link(self, index):
        return index.get_url(request=self.request)

    def feed_url(self, index):
        return index.get_url(request=self.request) + index.reverse_subpage(f"feed_{self.kind}")

    def description(self, index):
        return index.summary

    def items(self, index):
        return index.articles()[:50]

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


def feed_links(index, request=None):
    """``<link rel="alternate">`` entries (Atom, RSS) of a news index, as dicts."""
    base = index.get_url(request=request)
    return [
        {"type": FEED_MIME_TYPES[kind], "href": base + index.reverse_subpage(f"feed_{kind}"), "kind": kind}
        for kind in ("atom", "rss")
    ]
