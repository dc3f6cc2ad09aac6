from django.utils.translation import gettext_lazy as _

from home.panels import home_page_panels

from .base import BasePage


class HomePage(BasePage):
    """The root of each language tree: who we are and the way into each section.

    It names no section: each section's index declares the home page as its parent, and what
    the home page shows of a section comes from that section's ``home_page_panels`` hook.
    """

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["panels"] = home_page_panels(self, request)
        return context


class StandardPage(BasePage):
    """A page of text: legal notice, accessibility statement, privacy, about us."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")
