"""What the culture section's page templates show beyond the page itself
(``BasePage.page_context``): the index's filtered list and maps, a place's own map."""

import logging

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.cache import cached_for_page, page_parent
from maps.svg import BESANCON_BOUNDS, CENTRE_BOUNDS, Landmark, build_map, default_landmarks_except
from quartiers.models import QuartierPage

from .forms import PlaceFilterForm

logger = logging.getLogger(__name__)


class PlaceEntry:
    """One place in the index's list, with its number on the maps."""

    def __init__(self, place, number):
        self.place = place
        self.number = number

    @cached_property
    def on_map(self):
        return self.place.has_point

    @cached_property
    def map_point(self):
        return self.place.map_point(number=self.number)


def culture_index_page(page, request):
    data = cached_for_page("culture-index", lambda: _index_data(page), page, request)
    all_places = data["places"]
    form = PlaceFilterForm(request.GET or None, places=all_places)
    kind, status = form.selected()
    places = [
        place for place in all_places if (not kind or place.kind == kind) and (not status or place.status == status)
    ]
    entries = [PlaceEntry(place, number) for number, place in enumerate(places, start=1)]
    mapped = [entry for entry in entries if entry.on_map]
    landmarks = data["landmarks"]
    return {
        "filter_form": form,
        "filters_active": bool(kind or status),
        "entries": entries,
        "total_count": len(all_places),
        # Laying out the labels costs more than the rest of the page as places are added: the
        # maps are drawn once per generation, language and (validated) filter.
        **cached_for_page(
            "culture-index-maps", lambda: _maps(mapped, landmarks), page, request, kind or "", status or ""
        ),
    }


def _maps(mapped, landmarks):
    return {
        "city_map": _places_map(
            mapped,
            _("Carte des lieux culturels de Besançon"),
            BESANCON_BOUNDS.including(entry.place for entry in mapped),
            landmarks,
        ),
        "centre_map": _places_map(
            [e for e in mapped if CENTRE_BOUNDS.contains(e.place.latitude, e.place.longitude)],
            _("Carte du centre : la Boucle et la Citadelle"),
            CENTRE_BOUNDS,
            landmarks,
        ),
    }


def _index_data(page):
    """What the index reads from the database: its live, public places and the landmarks."""
    return {"places": list(page.places()), "landmarks": map_landmarks(page.locale_id)}


def map_landmarks(locale_id):
    """Orientation names for the maps: the quartiers that have a position, plus the default
    names that are not quartiers."""
    quartiers = [
        Landmark(quartier.title, quartier.latitude, quartier.longitude)
        for quartier in QuartierPage.objects.live().public().filter(locale_id=locale_id)
        if quartier.has_point
    ]
    return quartiers + default_landmarks_except(landmark.label for landmark in quartiers)


def _places_map(entries, title, bounds, landmarks):
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
        landmarks=landmarks,
        map_id="carte-centre" if bounds is CENTRE_BOUNDS else "carte-ville",
    )


def cultural_place_page(page, request):
    # The index (the « all places » link) from the cache, read once per generation.
    index = cached_for_page("culture-index-of-place", lambda: page_parent(page, request), page, request)
    return {"location_map": location_map(page), "culture_index": index}


def location_map(place):
    """A small map of this place alone: the centre when it lies there, else the city."""
    if not place.has_point:
        logger.warning("Cultural place %s has no coordinates", place.pk)
        return None
    if CENTRE_BOUNDS.contains(place.latitude, place.longitude):
        bounds = CENTRE_BOUNDS
    else:
        bounds = BESANCON_BOUNDS.including([place])
    if place.coordinates_approximate:
        description = _(
            "Plan schématique de Besançon, avec le Doubs et la colline de la Citadelle ; "
            "le point indique la position approximative de « %(name)s »."
        )
    else:
        description = _(
            "Plan schématique de Besançon, avec le Doubs et la colline de la Citadelle ; "
            "le point indique l'emplacement de « %(name)s »."
        )
    return build_map(
        [place.map_point(linked=False)],
        title=_("Où se trouve « %(name)s »") % {"name": place.title},
        description=description % {"name": place.title},
        bounds=bounds,
        highlight=0,
        numbered=False,
        map_id="carte-lieu",
        width=480,
    )
