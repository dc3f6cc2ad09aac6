"""The culture index page: the map and list of the cultural places (``culture.context``)."""

from django.utils.translation import gettext_lazy as _

from home.models import BasePage

from .place import CulturalPlacePage


class CultureIndexPage(BasePage):
    """« Culture »: map and list of cultural places, filterable by kind and status."""

    page_context = "culture.context.culture_index_page"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["culture.CulturalPlacePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index des lieux culturels")
        verbose_name_plural = _("index des lieux culturels")

    def places(self):
        """Live, public places under this index, in the editors' order."""
        return CulturalPlacePage.objects.child_of(self).live().public().order_by("path")
