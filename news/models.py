"""The news: an index, newest first, with its feeds, and its articles."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from home.feeds import feed_links
from home.models import BasePage, SectionIndexPage

from .feeds import ArticleFeed


class NewsIndexPage(RoutablePageMixin, SectionIndexPage):
    """« Actualités »: the news, newest first, with its RSS and Atom feeds."""

    page_context = "news.context.news_index_page"

    subpage_types = ["news.ArticlePage"]

    class Meta:
        db_table = "home_newsindexpage"  # created by the home app, before news had an app of its own
        verbose_name = _("index des actualités")
        verbose_name_plural = _("index des actualités")

    def articles(self):
        return ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def feed_links(self, request=None):
        return feed_links(self, request)

    @path(pgettext_lazy("URL", "flux/rss/"), name="feed_rss")
    def feed_rss(self, request):
        return ArticleFeed(self, "rss")(request)

    @path(pgettext_lazy("URL", "flux/atom/"), name="feed_atom")
    def feed_atom(self, request):
        return ArticleFeed(self, "atom")(request)


class ArticlePage(BasePage):
    """A news article or a piece of context (e.g. the Besançon–Dijon pôle métropolitain)."""

    date = models.DateField(_("date de publication"), default=datetime.date.today)
    source_name = models.CharField(_("source"), max_length=200, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("date"), FieldPanel("source_name")]
    search_fields = [*BasePage.search_fields, index.FilterField("date")]
    api_fields = [*BasePage.api_fields, APIField("date"), APIField("source_name")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    def get_sitemap_urls(self, request=None):
        """The sitemap's ``lastmod`` is the article's own date, as in the feeds."""
        return [{**url, "lastmod": self.dated_at} for url in super().get_sitemap_urls(request)]

    @property
    def dated_at(self):
        """The article's date as midnight in the site's time zone (feeds and sitemap need a time)."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    class Meta:
        db_table = "home_articlepage"  # created by the home app, before news had an app of its own
        verbose_name = _("article")
        verbose_name_plural = _("articles")
