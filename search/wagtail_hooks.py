"""The search in the admin: the « Recherches des visiteurs » report, and who may see it."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PERMISSION, SearchStatisticsView


class SearchStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_search_statistics_url():
    return [path("reports/search-statistics/", SearchStatisticsView.as_view(), name="search_statistics")]


@hooks.register("register_reports_menu_item")
def register_search_statistics_menu_item():
    return SearchStatisticsMenuItem(
        _("Recherches des visiteurs"),
        reverse("search_statistics"),
        name="search-statistics",
        icon_name="search",
        order=1290,
    )


@hooks.register("register_permissions")
def register_search_statistics_permission():
    """Lets administrators give the report to a group from the admin's group form."""
    app_label, codename = PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("construct_homepage_panels")
def add_unanswered_searches_panel(request, panels):
    """The dashboard's « Recherches sans résultat » (30 days), for whoever may see the report."""
    import datetime

    from django.db.models import Sum
    from django.utils import timezone

    from home.admin_dashboard import LIMIT, ListPanel, Row

    from .models import UnansweredQuery

    if not request.user.has_perm(PERMISSION):
        return
    since = timezone.localdate() - datetime.timedelta(days=30)
    queries = (
        UnansweredQuery.objects.filter(date__gte=since)
        .values("query_string")
        .annotate(total=Sum("hits"))
        .order_by("-total", "query_string")[:LIMIT]
    )
    rows = [
        Row(query["query_string"], "", _("%(count)s fois") % {"count": query["total"]}) for query in queries
    ]
    panels.append(
        ListPanel(
            "unanswered-searches",
            _("Recherches sans résultat (30 jours)"),
            rows,
            _("Aucune recherche sans résultat ces 30 derniers jours."),
            order=320,
        )
    )
