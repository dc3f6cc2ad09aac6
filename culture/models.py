"""The city's cultural places, existing or planned by the programme.

``CultureIndexPage`` (/fr/culture/) shows every place on the site's own map (``home.maps``) with
the list as its text equivalent, filterable by kind and status with a plain GET form.
``CulturalPlacePage`` holds what a visitor needs: what the place is and whether it exists yet,
where it is, how to get there, its accessibility, and the proposals that concern it.

The relation to proposals is stored once, on the programme side (a link model whose foreign key
to ``CulturalPlacePage`` has ``related_name="proposal_links"``): a place lists its proposals by
following that relation back, so nobody types the same fact twice.
"""

import logging
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import ImageWithCaptionBlock
from home.maps import BESANCON_BOUNDS, CENTRE_BOUNDS, DEFAULT_LANDMARKS, Landmark, MapPoint, build_map
from home.models import BasePage

logger = logging.getLogger(__name__)

TEXT_FEATURES = ["bold", "italic", "link", "ul"]


class PlaceKind(models.TextChoices):
    """What a place is. Stored in English, shown in the visitor's language."""

    HERITAGE_SITE = "heritage_site", _("site patrimonial")
    MONUMENT = "monument", _("monument")
    MUSEUM = "museum", _("musée")
    ART_CENTRE = "art_centre", _("centre d'art")
    CULTURAL_CENTRE = "cultural_centre", _("pôle culturel")
    SCHOOL_OF_ART = "school_of_art", _("école d'art")
    LIBRARY = "library", _("bibliothèque")
    EXHIBITION_SPACE = "exhibition_space", _("lieu d'exposition")
    VENUE = "venue", _("salle de spectacle")
    NATURE_CENTRE = "nature_centre", _("lieu de découverte de la nature")


class PlaceStatus(models.TextChoices):
    """Whether the place exists. A planned place must never read as an existing one."""

    OPEN = "open", _("existe aujourd'hui")
    PLANNED = "planned", _("en projet")


class StepFreeAccess(models.TextChoices):
    YES = "yes", _("accessible sans marche")
    PARTIAL = "partial", _("accessible en partie")
    NO = "no", _("non accessible sans marche")
    UNKNOWN = "unknown", _("non renseigné")


def _degree_validators(low, high):
    return [MinValueValidator(Decimal(str(low))), MaxValueValidator(Decimal(str(high)))]


class CultureIndexPage(BasePage):
    """« Culture »: map and list of cultural places, filterable by kind and status."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["culture.CulturalPlacePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index des lieux culturels")
        verbose_name_plural = _("index des lieux culturels")

    def places(self):
        """Live, public places under this index, in the editors' order."""
        return CulturalPlacePage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_places = list(self.places())
        form = PlaceFilterForm(request.GET or None, places=all_places)
        kind, status = form.selected()
        places = [
            place
            for place in all_places
            if (not kind or place.kind == kind) and (not status or place.status == status)
        ]
        entries = [PlaceEntry(place, number) for number, place in enumerate(places, start=1)]
        mapped = [entry for entry in entries if entry.on_map]
        context.update(
            filter_form=form,
            filters_active=bool(kind or status),
            entries=entries,
            total_count=len(all_places),
            city_map=self._map(mapped, _("Carte des lieux culturels de Besançon"), BESANCON_BOUNDS),
            centre_map=self._map(
                [e for e in mapped if CENTRE_BOUNDS.contains(e.place.latitude, e.place.longitude)],
                _("Carte du centre : la Boucle et la Citadelle"),
                CENTRE_BOUNDS,
            ),
        )
        return context

    @cached_property
    def map_landmarks(self):
        """Orientation names for the maps: the quartiers of the site when they have a position
        (the quartiers section), plus the default names that are not quartiers."""
        try:
            from quartiers.models import QuartierPage
        except ImportError:  # pragma: no cover - the quartiers app is part of the project
            return list(DEFAULT_LANDMARKS)
        quartiers = [
            Landmark(quartier.title, quartier.latitude, quartier.longitude)
            for quartier in QuartierPage.objects.live().public().filter(locale_id=self.locale_id)
            if getattr(quartier, "latitude", None) is not None and getattr(quartier, "longitude", None) is not None
        ]
        names = {landmark.label.casefold() for landmark in quartiers}
        return quartiers + [landmark for landmark in DEFAULT_LANDMARKS if landmark.label.casefold() not in names]

    def _map(self, entries, title, bounds):
        if not entries:
            return None
        count = len(entries)
        description = ngettext(
            "Plan schématique de Besançon avec le Doubs et la colline de la Citadelle. "
            "%(count)d lieu culturel y est placé ; il est repris dans la liste qui suit, "
            "avec le même numéro.",
            "Plan schématique de Besançon avec le Doubs et la colline de la Citadelle. "
            "%(count)d lieux culturels y sont placés ; ils sont repris dans la liste qui suit, "
            "avec les mêmes numéros.",
            count,
        ) % {"count": count}
        return build_map(
            [entry.map_point for entry in entries],
            title=title,
            description=description,
            bounds=bounds,
            landmarks=self.map_landmarks,
            map_id="carte-centre" if bounds is CENTRE_BOUNDS else "carte-ville",
        )


class PlaceEntry:
    """One place in the index's list, with its number on the maps."""

    def __init__(self, place, number):
        self.place = place
        self.number = number

    @cached_property
    def on_map(self):
        return self.place.has_valid_coordinates

    @cached_property
    def map_point(self):
        return self.place.map_point(number=self.number)


class PlaceFilterForm(forms.Form):
    """The index's filters, as a plain GET form that needs no JavaScript.

    A value that is not a known choice (mistyped, old or forged URL) is reported to the visitor
    and ignored; it never causes an error page.
    """

    type = forms.ChoiceField(label=_("Type de lieu"), required=False)
    statut = forms.ChoiceField(label=_("Statut"), required=False)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        kinds = {place.kind for place in places}
        kind_counts = {value: sum(1 for p in places if p.kind == value) for value in kinds}
        status_counts = {value: sum(1 for p in places if p.status == value) for value, _l in PlaceStatus.choices}
        self.fields["type"].choices = [("", _("Tous les types"))] + [
            (value, f"{label} ({kind_counts[value]})")
            for value, label in PlaceKind.choices
            if value in kinds
        ]
        self.fields["statut"].choices = [("", _("Tous les statuts"))] + [
            (value, f"{label} ({status_counts[value]})") for value, label in PlaceStatus.choices
        ]

    def selected(self):
        """(kind, status), each empty when not chosen or not valid."""
        if not self.is_bound:
            return "", ""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("type", ""), cleaned.get("statut", "")


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
