"""The programme index's filter form: one choice per facet, as parsed by ``ProposalListing``.

The parameters are ``?axe=…&theme=…&quartier=…&lieu=…&phare=…&statut=…``. Each field's choices are the
options of its facet (the value is the slug in the index's language); a value is stripped and cut
to ``MAX_LENGTH`` characters, then an accepted alias (any case) is replaced by its option's value.
An unknown value is a field error whose message names it; the index shows these errors and
ignores the filter, the exports and feeds answer 400 with them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 200

MESSAGES = {
    "axe": _("L'axe « %(value)s » n'existe pas."),
    "theme": _("Le thème « %(value)s » n'existe pas."),
    "quartier": _("Le quartier « %(value)s » n'existe pas."),
    "lieu": _("Le lieu culturel « %(value)s » n'existe pas."),
    "phare": _("La valeur « %(value)s » n'est pas permise pour « phare » (oui ou non)."),
    "statut": _("Le statut « %(value)s » n'existe pas."),
}


class FacetChoiceField(forms.ChoiceField):
    """An optional choice among a facet's options, that also takes the options' aliases.

    ``aliases`` maps each accepted value (lower case or not) to the value of its option. A value
    matches an alias exactly, else in lower case.
    """

    def __init__(self, *, aliases=None, **kwargs):
        self.aliases = dict(aliases or {})
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()[:MAX_LENGTH]
        if not value:
            return ""
        return self.aliases.get(value) or self.aliases.get(value.lower()) or value


class ProposalFilterForm(forms.Form):
    """The filters of a programme index, built from the listing's facets.

    ``facets`` maps each parameter name to its ``Facet`` (in parameter order); ``aliases`` maps
    a parameter name to ``{accepted value: option value}`` (by default, the option values).
    ``cleaned_data[name]`` is then the value of the selected option, or ``""``.
    """

    def __init__(self, data, *, facets, aliases=None):
        super().__init__(data)
        aliases = aliases or {}
        for name, facet in facets.items():
            self.fields[name] = FacetChoiceField(
                label=facet.label,
                choices=[(option.value, option.label) for option in facet.options],
                aliases=aliases.get(name, {option.value: option.value for option in facet.options}),
                error_messages={"invalid_choice": MESSAGES[name]},
            )

    def error_list(self, names=None):
        """The error messages of the fields ``names`` (all by default), in field order, as text."""
        names = list(self.fields) if names is None else names
        return [str(message) for name in names for message in self.errors.get(name, [])]
