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

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Indiquez la latitude et la longitude, ou aucune des deux.")})
        if self.coordinates_required and not self.has_point:
            raise ValidationError({"latitude": _("Indiquez la position du lieu : sa latitude et sa longitude.")})
