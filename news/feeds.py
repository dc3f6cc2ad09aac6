"""RSS and Atom feeds of the news (``/fr/actualites/flux/rss/`` and ``flux/atom/``)."""

from django.utils.translation import gettext as _

from home.feeds import SiteFeed, feed_url


class ArticleFeed(SiteFeed):
    """The live articles of one news index, newest first."""

    def title(self, index):
        return _("%(title)s — Nous sommes tous Besançon") % {"title": index.title}

    def link(self, index):
        return index.get_url(request=self.request)

    def feed_url(self, index):
        return feed_url(index, self.kind, self.request)

    def description(self, index):
        return index.summary

    def items(self, index):
        return index.articles()[:50]
