"""RSS and Atom feeds of the news (``/fr/actualites/flux/rss/`` and ``flux/atom/``)."""

from django.utils import translation
from django.utils.translation import gettext as _

from home.cache import cached
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
        # Kept per generation (a new article is a publish, which moves it on).
        return cached("news-feed-items", lambda: list(index.articles()[:50]), index.pk, translation.get_language())

    def item_pubdate(self, item):
        return item.dated_at

    def item_updateddate(self, item):
        # The article's own date, not the day the site last saved it: a 2013 article re-saved
        # in 2026 is still news of 2013.
        return item.dated_at
