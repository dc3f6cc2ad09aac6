from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import get_page_models

from .base import BasePage


class HomePage(BasePage):
    """The root of each language tree: who we are and the way into each section.

    It names no section: each section's index declares the home page as its parent, and what
    the home page shows of a section comes from that section's ``home_page_panels`` hook.
    """

    page_context = "home.panels.home_page"
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    @classmethod
    def clean_subpage_models(cls):
        """The page types that name the home page among their ``parent_page_types`` (the
        sections' indexes, the standard and contact pages): Wagtail's ``subpage_types``, without
        the home page having to name them."""
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = [
                model
                for model in get_page_models()
                if getattr(model, "parent_page_types", None) is not None and cls in model.clean_parent_page_models()
            ]
        return cls._clean_subpage_models


class StandardPage(BasePage):
    """A page of text: legal notice, accessibility statement, privacy, about us."""

    show_publisher = models.BooleanField(
        _("afficher l'éditeur et l'hébergeur"),
        default=False,
        help_text=_(
            "Ajoute à la page l'éditeur, le directeur de la publication, l'hébergeur et les "
            "coordonnées saisis dans les réglages du site (mentions légales, données personnelles)."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("show_publisher")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")
