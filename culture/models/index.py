"""The culture index page: the map and list of the cultural places (``culture.context``)."""

from django.utils.translation import gettext_lazy as _

from home.models import SectionIndexPage

from .place import CulturalPlacePage


class CultureIndexPage(SectionIndexPage):
    """« Culture »: map and list of cultural places, filterable by kind and status."""

    page_context = "culture.context.culture_index_page"
    subpage_types = ["culture.CulturalPlacePage"]

    class Meta:
        verbose_name = _("index des lieux culturels")
        verbose_name_plural = _("index des lieux culturels")

    def places(self):
        """Live, public places under this index, in the editors' order."""
        return CulturalPlacePage.objects.child_of(self).live().public().order_by("path")
