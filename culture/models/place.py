"""The cultural place page: what a place is, where it is, its access and related proposals."""

import logging

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import ImageWithCaptionBlock
from home.maps import BESANCON_BOUNDS, CENTRE_BOUNDS, MapPoint, build_map
from home.models import BasePage

from .choices import PlaceKind, PlaceStatus, StepFreeAccess, _degree_validators

logger = logging.getLogger(__name__)

TEXT_FEATURES = ["bold", "italic", "link", "ul"]


class CulturalPlacePage(BasePage):
    """A cultural place: what it is, whether it exists yet, where it is, how to get there, its
    accessibility, and the proposals that concern it. Its presentation is the page's body."""

    kind = models.CharField(_("type de lieu"), max_length=32, choices=PlaceKind.choices)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=PlaceStatus.choices,
        default=PlaceStatus.OPEN,
        help_text=_(
            "« En projet » pour un lieu que le programme propose de créer ou qui est en chantier : "
            "la page le dit en tête et la carte le dessine autrement."
        ),
    )
    status_detail = models.CharField(
        _("précision sur le statut"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : « Bibliothèque en chantier »."),
    )
    address = models.CharField(
        _("adresse"),
        max_length=255,
        help_text=_("Adresse postale, ou le site envisagé pour un lieu en projet."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        validators=_degree_validators(BESANCON_BOUNDS.south, BESANCON_BOUNDS.north),
        help_text=_("En degrés décimaux (WGS84), par exemple 47.231372. Doit être dans Besançon."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=_degree_validators(BESANCON_BOUNDS.west, BESANCON_BOUNDS.east),
        help_text=_("En degrés décimaux (WGS84), par exemple 6.032460. Doit être dans Besançon."),
    )
    coordinates_approximate = models.BooleanField(
        _("position indicative"),
        default=False,
        help_text=_("À cocher quand l'emplacement n'est pas arrêté ou que la position est estimée."),
    )
    access = RichTextField(
        _("comment s'y rendre"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("Transports en commun, à pied, à vélo, stationnement."),
    )
    step_free_access = models.CharField(
        _("accès sans marche"),
        max_length=16,
        choices=StepFreeAccess.choices,
        default=StepFreeAccess.UNKNOWN,
    )
    accessibility = RichTextField(
        _("accessibilité"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("Ce que l'on sait de l'accès en fauteuil roulant, des aides proposées, des contacts."),
    )
    opening_hours = models.TextField(
        _("horaires d'ouverture"),
        blank=True,
        help_text=_("Seulement quand ils sont sûrs ; une ligne par période."),
    )
    website = models.URLField(_("site officiel"), blank=True)
    images = StreamField(
        [("image", ImageWithCaptionBlock())],
        verbose_name=_("images"),
        blank=True,
        help_text=_("Photographies du lieu ; chacune avec son texte alternatif."),
    )

    parent_page_types = ["culture.CultureIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldPanel("status_detail"),
            ],
            heading=_("Le lieu"),
        ),
        *BasePage.content_panels[1:],
        FieldPanel("images"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("coordinates_approximate"),
            ],
            heading=_("Où se trouve-t-il ?"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access"),
                FieldPanel("step_free_access"),
                FieldPanel("accessibility"),
                FieldPanel("opening_hours"),
                FieldPanel("website"),
            ],
            heading=_("Accès, accessibilité, horaires"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("address"),
        index.SearchField("access"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("kind"),
        APIField("status"),
        APIField("status_detail"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("coordinates_approximate"),
        APIField("access"),
        APIField("step_free_access"),
        APIField("accessibility"),
        APIField("opening_hours"),
        APIField("website"),
        APIField("images"),
    ]
    # Texts are translated; what is a fact about the place stays the same in every language.
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("status"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("coordinates_approximate"),
        SynchronizedField("step_free_access"),
        SynchronizedField("website"),
        TranslatableField("status_detail"),
        TranslatableField("address"),
        TranslatableField("access"),
        TranslatableField("accessibility"),
        TranslatableField("opening_hours"),
        TranslatableField("images"),
    ]

    class Meta:
        verbose_name = _("lieu culturel")
        verbose_name_plural = _("lieux culturels")

    @property
    def is_planned(self):
        return self.status == PlaceStatus.PLANNED

    @property
    def has_valid_coordinates(self):
        return (
            self.latitude is not None
            and self.longitude is not None
            and BESANCON_BOUNDS.contains(self.latitude, self.longitude)
        )

    def map_point(self, *, number=None, linked=True):
        return MapPoint(
            label=self.title,
            url=self.url if linked else "",
            latitude=self.latitude,
            longitude=self.longitude,
            kind=self.get_kind_display(),
            status=self.status,
            number=number,
        )

    def location_map(self):
        """A small map of this place alone: the centre when it lies there, else the city."""
        if not self.has_valid_coordinates:
            logger.warning("Cultural place %s has no valid coordinates", self.pk)
            return None
        bounds = CENTRE_BOUNDS if CENTRE_BOUNDS.contains(self.latitude, self.longitude) else BESANCON_BOUNDS
        if self.coordinates_approximate:
            description = _("Plan schématique de Besançon, avec le Doubs et la colline de la Citadelle ; "
                            "le point indique la position approximative de « %(name)s ».")
        else:
            description = _("Plan schématique de Besançon, avec le Doubs et la colline de la Citadelle ; "
                            "le point indique l'emplacement de « %(name)s ».")
        return build_map(
            [self.map_point(linked=False)],
            title=_("Où se trouve « %(name)s »") % {"name": self.title},
            description=description % {"name": self.title},
            bounds=bounds,
            highlight=0,
            numbered=False,
            map_id="carte-lieu",
            width=480,
        )

    def related_proposals(self):
        """The live, public proposals that concern this place (``ProposalPlace`` links)."""
        return self._programme_pages("proposal_links", "proposal")

    def related_questions(self):
        """The live, public open questions of the programme that concern this place."""
        return self._programme_pages("question_links", "question")

    def _programme_pages(self, relation_name, page_attribute):
        """Pages of the programme linked to this place through ``relation_name``, in the
        visitor's language when translated, in the programme's order.

        The links are stored on the programme side and may point to any translation of this
        place (a translated proposal keeps its link to the French place), so the links of every
        translation are followed. Without the relation (programme not installed), nothing.
        """
        try:
            relation = self._meta.get_field(relation_name)
        except FieldDoesNotExist:
            return []
        link_model, place_field = relation.related_model, relation.field.name
        linked_ids = set(
            link_model.objects.filter(
                **{f"{place_field}__translation_key": self.translation_key}
            ).values_list(f"{page_attribute}_id", flat=True)
        )
        if not linked_ids:
            return []
        keys = Page.objects.filter(pk__in=linked_ids).values_list("translation_key", flat=True)
        chosen = {}
        for page in Page.objects.live().public().filter(translation_key__in=list(keys)).specific():
            current = chosen.get(page.translation_key)
            if (
                current is None
                or page.locale_id == self.locale_id
                or (current.locale_id != self.locale_id and page.pk in linked_ids)
            ):
                chosen[page.translation_key] = page
        return sorted(chosen.values(), key=lambda page: page.path)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["location_map"] = self.location_map()
        context["proposals"] = self.related_proposals()
        context["questions"] = self.related_questions()
        return context
