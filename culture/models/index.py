"""The culture index page, its filter form and the entries of its list and maps."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.maps import BESANCON_BOUNDS, CENTRE_BOUNDS, DEFAULT_LANDMARKS, Landmark, build_map
from home.models import BasePage

from .choices import PlaceKind, PlaceStatus
from .place import CulturalPlacePage


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
        from quartiers.models import QuartierPage

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
