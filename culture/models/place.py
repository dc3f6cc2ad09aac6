"""The cultural place page: what a place is, where it is, its access and related proposals."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import ImageWithCaptionBlock
from home.localization import in_language_of
from home.models import BasePage
from maps.models import GeoPointMixin
from maps.svg import MapPoint

from .choices import PlaceKind, PlaceStatus, StepFreeAccess

TEXT_FEATURES = ["bold", "italic", "link", "ul"]


class CulturalPlacePage(GeoPointMixin, BasePage):
    """A cultural place: what it is, whether it exists yet, where it is, how to get there, its
    accessibility, and the proposals that concern it. Its presentation is the page's body."""

    coordinates_required = True

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

    page_context = "culture.context.cultural_place_page"
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
        index.SearchField("search_kind", boost=2),
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
        SynchronizedField("address"),
        TranslatableField("status_detail"),
        TranslatableField("access"),
        TranslatableField("accessibility"),
        TranslatableField("opening_hours"),
        TranslatableField("images"),
    ]

    class Meta:
        verbose_name = _("lieu culturel")
        verbose_name_plural = _("lieux culturels")

    @property
    def search_kind(self):
        """The kind and the status, in the page's language: « musée », « en projet »."""
        return in_language_of(self, lambda: f"{self.get_kind_display()} {self.get_status_display()}")

    def is_planned(self):
        return self.status == PlaceStatus.PLANNED

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
