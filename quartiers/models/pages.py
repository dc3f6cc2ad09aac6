"""The quartier pages: QuartierIndexPage, QuartierPage (with its QuartierKind) and its social-centre links."""

from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.admin_panels import TitledInlinePanel
from home.localization import localized
from home.models import BasePage, SectionIndexPage
from maps.models import GeoPointMixin

from ..blocks import PriorityStreamBlock
from .portrait import Indicator
from .snippets import SharedObjectives, SocialCentre


class QuartierKind(models.TextChoices):
    PRIORITY = "qpv", _("quartier prioritaire de la politique de la ville")
    FRAGILE = "fragile", _("quartier fragile")


class QuartierIndexPage(RoutablePageMixin, SectionIndexPage):
    """« Les quartiers »: map and list of the quartiers of the Contrat de Ville, a table comparing
    the priority quartiers, and the portrait figures as open data (CSV and JSON)."""

    page_context = "quartiers.context.quartier_index_page"
    subpage_types = ["quartiers.QuartierPage"]

    class Meta:
        verbose_name = _("index des quartiers")
        verbose_name_plural = _("index des quartiers")

    def quartier_pages(self):
        """The live, public quartier pages below this index, their indicators prefetched."""
        return QuartierPage.objects.child_of(self).live().public().order_by("path").prefetch_related("indicators")

    @path(pgettext_lazy("URL", "donnees/csv/"), name="data_csv")
    def data_csv(self, request):
        from ..exports import csv_response

        return csv_response(self, request)

    @path(pgettext_lazy("URL", "donnees/json/"), name="data_json")
    def data_json(self, request):
        from ..exports import json_response

        return json_response(self, request)

    def data_urls(self, request=None):
        base = self.get_url(request=request)
        if base is None:
            raise Http404
        return {
            "csv": base + self.reverse_subpage("data_csv"),
            "json": base + self.reverse_subpage("data_json"),
        }


class QuartierPage(GeoPointMixin, BasePage):
    """One quartier: its presentation (the body), its portrait, its project's priorities, its
    social centres and the programme's proposals that concern it."""

    # Read with the page when a visitor's request is routed to it (home.cache).
    route_select_related = ("shared_objectives",)

    kind = models.CharField(
        _("type de quartier"), max_length=10, choices=QuartierKind.choices, default=QuartierKind.PRIORITY
    )
    commune = models.CharField(_("commune"), max_length=100, default="Besançon")
    project_title = models.CharField(_("titre du projet de quartier"), max_length=200, blank=True)
    project_introduction = models.TextField(_("introduction du projet de quartier"), blank=True)
    priorities = StreamField(PriorityStreamBlock(), verbose_name=_("priorités du projet de quartier"), blank=True)
    shared_objectives = models.ForeignKey(
        SharedObjectives,
        verbose_name=_("socle commun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Les objectifs communs à tous les projets de quartier, affichés sous les priorités."),
    )

    page_context = "quartiers.context.quartier_page"
    parent_page_types = ["quartiers.QuartierIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Le quartier"),
        ),
        TitledInlinePanel(
            "indicators",
            heading=_("Portrait : les chiffres"),
            label=_("chiffre"),
            add_label=_("Ajouter un chiffre"),
            row_title=Indicator.admin_title,
            filterable=True,
        ),
        MultiFieldPanel(
            [
                FieldPanel("project_title"),
                FieldPanel("project_introduction"),
                FieldPanel("priorities"),
                FieldPanel("shared_objectives"),
            ],
            heading=_("Projet de quartier"),
        ),
        TitledInlinePanel(
            "social_centre_links",
            heading=_("Centres sociaux"),
            label=_("centre social"),
            add_label=_("Ajouter un centre social"),
            row_title=lambda link: str(link.social_centre),
        ),
    ]

    # The commune is a proper name: copied to translations, like the coordinates and the kind,
    # which translators cannot override.
    override_translatable_fields = [
        SynchronizedField("commune"),
        *(SynchronizedField(name, overridable=False) for name in ("kind", "latitude", "longitude")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("project_title"),
        index.SearchField("project_introduction"),
        index.SearchField("priorities"),
        index.SearchField("search_figures"),
        index.FilterField("kind"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("kind"),
        APIField("commune"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("project_title"),
        APIField("priorities"),
        APIField("indicators"),
    ]

    class Meta:
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")

    def search_figures(self):
        """The portrait's labels and values: « demandeurs d'emploi », « revenu médian »."""
        figures = self.indicators.all()
        return " ; ".join(f"{figure.label} {figure.value.normalize():f} {figure.unit}" for figure in figures)

    def get_social_centres(self):
        links = self.social_centre_links.all()
        if self.pk and hasattr(links, "select_related"):
            links = links.select_related("social_centre")
        centres = [link.social_centre for link in links if link.social_centre_id and link.social_centre.live]
        return localized(centres, SocialCentre.objects.filter(live=True))

    @cached_property
    def index_page(self):
        parent = self.get_parent()
        return parent.specific if parent else None


class QuartierSocialCentre(Orderable):
    """Links a quartier page to a social centre that serves it."""

    page = ParentalKey(QuartierPage, on_delete=models.CASCADE, related_name="social_centre_links")
    social_centre = models.ForeignKey(
        SocialCentre,
        verbose_name=_("centre social ou espace de vie sociale"),
        on_delete=models.CASCADE,
        related_name="quartier_links",
    )

    panels = [FieldPanel("social_centre")]

    class Meta(Orderable.Meta):
        verbose_name = _("centre social du quartier")
        verbose_name_plural = _("centres sociaux du quartier")
