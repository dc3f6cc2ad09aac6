"""Coordinates of a page (a quartier, a cultural place), with one precision and one rule."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .svg import GRAND_BESANCON_BOUNDS, GeoBounds


def _between(low, high):
    return [MinValueValidator(Decimal(str(low))), MaxValueValidator(Decimal(str(high)))]


class GeoPointMixin(models.Model):
    """A point in WGS84 decimal degrees to the micro-degree (about 10 cm), inside the area the
    site's maps draw (:data:`maps.svg.GRAND_BESANCON_BOUNDS`); both coordinates or neither.

    A model whose pages must be on the map sets ``coordinates_required = True``.
    """

    AREA: GeoBounds = GRAND_BESANCON_BOUNDS
    coordinates_required = False

    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=_between(AREA.south, AREA.north),
        help_text=_("En degrés décimaux (WGS84), par exemple 47.231372 ; dans le Grand Besançon."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=_between(AREA.west, AREA.east),
        help_text=_("En degrés décimaux (WGS84), par exemple 6.032460 ; dans le Grand Besançon."),
    )

    class Meta:
        abstract = True

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def coordinates_text(self):
        """« 47.231372,6.03246 »: dots, no grouping, whatever the language (for links)."""
        if not self.has_point:
            return ""
        return f"{self.latitude.normalize():f},{self.longitude.normalize():f}"

    @property
    def geo_uri(self):
        """A ``geo:`` URI (RFC 5870): a phone opens it in the reader's own map application."""
        return f"geo:{self.coordinates_text}" if self.has_point else ""

    @property
    def openstreetmap_url(self):
        """The place on openstreetmap.org, for a full map (an ordinary link: nothing is loaded
        from there by the page itself)."""
        if not self.has_point:
            return ""
        lat, lon = (f"{value.normalize():f}" for value in (self.latitude, self.longitude))
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Indiquez la latitude et la longitude, ou aucune des deux.")})
        if self.coordinates_required and not self.has_point:
            raise ValidationError({"latitude": _("Indiquez la position du lieu : sa latitude et sa longitude.")})
