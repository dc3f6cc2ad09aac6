"""The city's priority (QPV) and fragile quartiers, with their portraits.

A quartier's **portrait** is structured data: one :class:`Indicator` per figure, with its
theme, unit, comparison values for Besançon and Grand Besançon Métropole, source and year.
Labels, units, sources and notes go to translators; numbers, codes and years are copied
unchanged into every translation (``override_translatable_fields``). The pages draw charts and
tables from these rows and the index exports them as CSV and JSON.

The « socle commun » of objectives shared by every quartier project is one translatable snippet
(:class:`SharedObjectives`) that every :class:`QuartierPage` points to; social centres are
translatable snippets (:class:`SocialCentre`) linked to the quartiers they serve.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from home.locales import active_locale_id
from home.models import BasePage

from .blocks import ObjectiveStreamBlock, PriorityStreamBlock


class QuartierKind(models.TextChoices):
    PRIORITY = "qpv", _("quartier prioritaire de la politique de la ville")
    FRAGILE = "fragile", _("quartier fragile")


class IndicatorTheme(models.TextChoices):
    """The groups of a portrait, in the order the pages show them."""

    DEMOGRAPHY = "demographie", _("Démographie")
    SOCIAL = "situation-sociale", _("Situation sociale")
    HOUSING = "logement", _("Logement")
    EDUCATION = "education", _("Éducation")
    EMPLOYMENT = "emploi", _("Emploi")


class SocialCentreKind(models.TextChoices):
    CENTRE = "centre-social", _("centre social")
    LIVING_SPACE = "espace-de-vie-sociale", _("espace de vie sociale")


def localized_all(objects):
    """The translations of translatable ``objects`` in the active language, in one query.

    An object not translated yet stays in its own language. ``objects`` share one model.
    """
    objects = list(objects)
    locale_id = active_locale_id()
    missing = [obj.translation_key for obj in objects if obj.locale_id != locale_id]
    if not missing:
        return objects
    model = type(objects[0])
    translations = {
        obj.translation_key: obj
        for obj in model.objects.filter(translation_key__in=missing, locale_id=locale_id)
    }
    return [translations.get(obj.translation_key, obj) for obj in objects]


@register_snippet
class SharedObjectives(TranslatableMixin, models.Model):
    """The « socle commun »: objectives every quartier project of the Contrat de Ville shares.

    Written and translated once, shown on every quartier page.
    """

    title = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    axes = StreamField(ObjectiveStreamBlock(), verbose_name=_("axes et objectifs"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("introduction"), FieldPanel("axes")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("socle commun des projets de quartier")
        verbose_name_plural = _("socles communs des projets de quartier")

    def __str__(self):
        return self.title


@register_snippet
class SocialCentre(TranslatableMixin, index.Indexed, models.Model):
    """A social centre or « espace de vie sociale » (Contrat de Ville, article 11).

    Centres sociaux hold the « animation globale » approval of the Caf du Doubs, espaces de vie
    sociale the « animation locale » one. One centre may serve several quartiers.
    """

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=SocialCentreKind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("description"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("centre social ou espace de vie sociale")
        verbose_name_plural = _("centres sociaux et espaces de vie sociale")
        ordering = ["name"]

    def __str__(self):
        return self.name


class QuartierIndexPage(RoutablePageMixin, BasePage):
    """« Les quartiers »: map and list of the quartiers of the Contrat de Ville, a table comparing
    the priority quartiers, and the portrait figures as open data (CSV and JSON)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["quartiers.QuartierPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index des quartiers")
        verbose_name_plural = _("index des quartiers")

    def quartier_pages(self):
        """The live, public quartier pages below this index, their indicators prefetched."""
        return (
            QuartierPage.objects.child_of(self)
            .live()
            .public()
            .order_by("path")
            .prefetch_related("indicators")
        )

    def get_context(self, request, *args, **kwargs):
        from .views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context

    @path("donnees/csv/", name="data_csv")
    def data_csv(self, request):
        from .exports import csv_response

        return csv_response(self, request)

    @path("donnees/json/", name="data_json")
    def data_json(self, request):
        from .exports import json_response

        return json_response(self, request)

    def data_urls(self, request=None):
        base = self.get_url(request=request)
        if base is None:
            raise Http404
        return {
            "csv": base + self.reverse_subpage("data_csv"),
            "json": base + self.reverse_subpage("data_json"),
        }


class QuartierPage(BasePage):
    """One quartier: its presentation (the body), its portrait, its project's priorities, its
    social centres and the programme's proposals that concern it."""

    kind = models.CharField(
        _("type de quartier"), max_length=10, choices=QuartierKind.choices, default=QuartierKind.PRIORITY
    )
    commune = models.CharField(_("commune"), max_length=100, default="Besançon")
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("Un point représentatif du quartier, en degrés décimaux (ex. 47.22140)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("En degrés décimaux (ex. 5.96810). Laissez les deux champs vides si le point n'est pas connu."),
    )
    project_title = models.CharField(_("titre du projet de quartier"), max_length=200, blank=True)
    project_introduction = models.TextField(_("introduction du projet de quartier"), blank=True)
    priorities = StreamField(
        PriorityStreamBlock(), verbose_name=_("priorités du projet de quartier"), blank=True
    )
    shared_objectives = models.ForeignKey(
        SharedObjectives,
        verbose_name=_("socle commun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Les objectifs communs à tous les projets de quartier, affichés sous les priorités."),
    )

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
        InlinePanel("indicators", heading=_("Portrait : les chiffres"), label=_("chiffre")),
        MultiFieldPanel(
            [
                FieldPanel("project_title"),
                FieldPanel("project_introduction"),
                FieldPanel("priorities"),
                FieldPanel("shared_objectives"),
            ],
            heading=_("Projet de quartier"),
        ),
        InlinePanel("social_centre_links", heading=_("Centres sociaux"), label=_("centre social")),
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

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Indiquez la latitude et la longitude, ou aucune des deux.")}
            )

    @property
    def is_priority(self):
        return self.kind == QuartierKind.PRIORITY

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def get_proposals(self):
        """The live proposals of the programme that concern this quartier, in its language.

        The programme app owns the relation (``proposal_links`` on this page, each with a
        ``proposal``) and the query that resolves translations; without them this is empty.
        """
        if not self.pk:
            return []
        try:
            from programme.queries import proposals_concerning
        except ImportError:
            return self._linked_pages("proposal_links", "proposal")
        return list(proposals_concerning(self))

    def get_questions(self):
        """The programme's live open questions that concern this quartier, in its language."""
        if not self.pk:
            return []
        try:
            from programme.queries import questions_concerning
        except ImportError:
            return self._linked_pages("question_links", "question")
        return list(questions_concerning(self))

    def _linked_pages(self, relation, field):
        """Fallback while the programme has no query of its own: raw reverse links, localised."""
        if not hasattr(self, relation):
            return []
        links = getattr(self, relation).select_related(field).order_by(f"{field}__path")
        return localized_pages([getattr(link, field) for link in links if getattr(link, field).live])

    def get_social_centres(self):
        links = self.social_centre_links.all()
        if self.pk and hasattr(links, "select_related"):
            links = links.select_related("social_centre")
        centres = [link.social_centre for link in links if link.social_centre_id]
        return localized_all(centres) if centres else []

    def get_context(self, request, *args, **kwargs):
        from .views import quartier_context

        context = super().get_context(request, *args, **kwargs)
        context.update(quartier_context(self, request))
        return context

    @cached_property
    def index_page(self):
        parent = self.get_parent()
        return parent.specific if parent else None


def localized_pages(pages):
    """Pages in the active language where a live translation exists, in one query."""
    if not pages:
        return []
    from wagtail.models import Page

    locale_id = active_locale_id()
    keys = [page.translation_key for page in pages if page.locale_id != locale_id]
    if not keys:
        return pages
    translations = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale_id=locale_id).live().specific()
    }
    return [translations.get(page.translation_key, page) for page in pages]


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


class Indicator(TranslatableMixin, Orderable):
    """One figure of a quartier's portrait.

    ``code`` names the measure the same way in every quartier (``population``,
    ``median-disposable-income``…): it lines the quartiers up in the comparison table and in the
    exports. Numbers, code and year are synchronised to translations, never translated.
    """

    page = ParentalKey(QuartierPage, on_delete=models.CASCADE, related_name="indicators")
    theme = models.CharField(_("thème"), max_length=20, choices=IndicatorTheme.choices)
    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("Identifiant de la mesure, identique d'un quartier à l'autre (ex. « population »)."),
    )
    label = models.CharField(_("libellé"), max_length=255)
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    unit = models.CharField(
        _("unité"), max_length=40, blank=True, help_text=_("Ex. habitants, %, €, €/m², logements, élèves, rang.")
    )
    besancon_value = models.DecimalField(
        _("valeur pour Besançon"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    gbm_value = models.DecimalField(
        _("valeur pour Grand Besançon Métropole"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=200)
    year = models.CharField(_("année"), max_length=20, help_text=_("Ex. 2021, ou 2020-2021 pour une année scolaire."))
    note = models.CharField(_("précision"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("theme"), FieldPanel("code")]),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("besancon_value"), FieldPanel("gbm_value")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("year")]),
        FieldPanel("note"),
    ]
    # Figures are facts: copied to every translation, and translators cannot override them.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("theme", "code", "value", "besancon_value", "gbm_value", "year")
    ]
    api_fields = [
        APIField("theme"),
        APIField("code"),
        APIField("label"),
        APIField("value"),
        APIField("unit"),
        APIField("besancon_value"),
        APIField("gbm_value"),
        APIField("source"),
        APIField("year"),
        APIField("note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("chiffre du portrait")
        verbose_name_plural = _("chiffres du portrait")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.label} : {self.value} {self.unit}".strip()

    @property
    def has_comparison(self):
        return self.besancon_value is not None or self.gbm_value is not None

    @property
    def is_rank(self):
        """A national ranking (« rank » in its code): shown in tables, not drawn as a bar."""
        return "rank" in self.code.split("-")
