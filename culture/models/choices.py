"""Choices for cultural places: kind, status, step-free access."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
