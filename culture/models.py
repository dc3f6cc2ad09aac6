"""The city's cultural places, existing or planned by the programme."""

from django.utils.translation import gettext_lazy as _

from home.models import BasePage


class CultureIndexPage(BasePage):
    """« Culture »: map and list of cultural places."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["culture.CulturalPlacePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index des lieux culturels")
        verbose_name_plural = _("index des lieux culturels")


class CulturalPlacePage(BasePage):
    """A cultural place: where it is, how to get there, the proposals that concern it."""

    parent_page_types = ["culture.CultureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lieu culturel")
        verbose_name_plural = _("lieux culturels")
