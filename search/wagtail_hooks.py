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
