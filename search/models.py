"""What the search keeps about visitors' queries: counts per query and per day, nothing else.

Wagtail's ``search_promotions`` counts every query (``Query`` / ``QueryDailyHits``); this model
counts those that found nothing, so that editors see what visitors look for in vain. No IP
address, no user, no session: a query string, a date and a number.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_QUERY_STRING_LENGTH = 255
MAX_OBJECT_ID_LENGTH = 64


class UnansweredQuery(models.Model):
    """How many times, on one day, a (normalised) query found no page."""

    query_string = models.CharField(_("recherche"), max_length=MAX_QUERY_STRING_LENGTH)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("recherche sans résultat")
        verbose_name_plural = _("recherches sans résultat")
        constraints = [
            models.UniqueConstraint(fields=["query_string", "date"], name="unique_unanswered_query_per_day"),
        ]
        indexes = [models.Index(fields=["date"], name="unanswered_query_date")]

    def __str__(self):
        return self.query_string

    @classmethod
    def garbage_collect(cls, days=None):
        """Forget the days older than ``WAGTAILSEARCH_HITS_MAX_AGE``, as Wagtail does its hits."""
        days = getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 30) if days is None else days
        cls.objects.filter(date__lt=timezone.localdate() - datetime.timedelta(days=days)).delete()


class PendingIndexUpdate(models.Model):
    """An object the search engine missed while it was down: indexed again (or removed) when it
    answers again (``search.engine``, ``replay_index_updates``), so that its index does not
    silently fall behind the database."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=MAX_OBJECT_ID_LENGTH)
    queued_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mise à jour de l’index en attente")
        verbose_name_plural = _("mises à jour de l’index en attente")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_pending_index_update"),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


def _forget_vocabulary(**kwargs):
    """A theme changed: the spelling suggestions' vocabulary is built again (pages change its
    cache key themselves, themes do not)."""
    from .suggest import forget_vocabulary

    forget_vocabulary()


# Connected here, with the model named lazily, so that search's app config stays as it is.
post_save.connect(_forget_vocabulary, sender="programme.Theme", dispatch_uid="search-vocabulary-theme-saved")
post_delete.connect(_forget_vocabulary, sender="programme.Theme", dispatch_uid="search-vocabulary-theme-deleted")
