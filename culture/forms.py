"""The culture index's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PlaceKind, PlaceStatus


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
            (value, f"{label} ({kind_counts[value]})") for value, label in PlaceKind.choices if value in kinds
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
