"""The city's priority (QPV) and fragile quartiers, with their portraits."""

from django.utils.translation import gettext_lazy as _

from home.models import BasePage


class QuartierIndexPage(BasePage):
    """« Les quartiers »: map and list of the quartiers of the Contrat de Ville."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["quartiers.QuartierPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index des quartiers")
        verbose_name_plural = _("index des quartiers")


class QuartierPage(BasePage):
    """One quartier: its portrait, its project's priorities, its social centres."""

    parent_page_types = ["quartiers.QuartierIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")
