"""« Recherches des visiteurs »: what visitors searched for lately, and what they did not find,
so that editors write the missing pages or pin the right one to a query. Counts only."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.search_promotions.models import Query

from .models import UnansweredQuery

#: The report's period, today included.
DAYS = 30
#: Rows in each table.
TOP = 50
PERMISSION = "search.view_unansweredquery"


def period_start(today=None):
    """The first day the report counts."""
    return (today or timezone.localdate()) - datetime.timedelta(days=DAYS - 1)


def _most_frequent(rows, hits, limit):
    """``[(query, count)]`` of ``rows``, their ``hits`` summed per query, most frequent first."""
    rows = rows.values("query_string").annotate(count=Sum(hits)).order_by("-count", "query_string")[:limit]
    return [(row["query_string"], row["count"]) for row in rows]


def frequent_queries(since, limit=TOP):
    """The most frequent queries since ``since``."""
    return _most_frequent(Query.objects.filter(daily_hits__date__gte=since), "daily_hits__hits", limit)


def unanswered_queries(since, limit=TOP):
    """The queries that found nothing since ``since``, most frequent first."""
    return _most_frequent(UnansweredQuery.objects.filter(date__gte=since), "hits", limit)


class SearchStatisticsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Recherches des visiteurs")
    header_icon = "search"
    template_name = "search/admin/statistics.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin URLs already turn anonymous visitors away (to the login page); this
        # turns away those who may enter the admin but not see the report (to the dashboard).
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        since = period_start()
        return super().get_context_data(
            days=DAYS,
            since=since,
            frequent=frequent_queries(since),
            unanswered=unanswered_queries(since),
            **kwargs,
        )
