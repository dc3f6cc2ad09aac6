"""The search's parameters, as the page and the API accept them: one form, one set of messages.

``q``, ``type`` (repeated or comma-separated page types), ``axis``, ``theme``, ``quartier``
(slugs in the visitor's language, or in French), ``sort`` (``relevance`` or ``date``), ``page``
(a positive integer). An invalid value is a field error that names it.
"""

from django import forms
from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from home.search_terms import clean_query
from programme.models import AxisPage, Theme
from quartiers.models import QuartierPage
from search import catalogue
from search.service import FACETS, PAGE_TYPES, SORTS, SearchParams

MAX_VALUES = 20
MAX_PAGE = 10_000
MESSAGES = {
    "type": _("Le type de page « %(value)s » n'existe pas."),
    "axis": _("L'axe « %(value)s » n'existe pas."),
    "theme": _("Le thème « %(value)s » n'existe pas."),
    "quartier": _("Le quartier « %(value)s » n'existe pas."),
    "sort": _("Le tri « %(value)s » n'existe pas (relevance ou date)."),
}


class ListField(forms.MultipleChoiceField):
    """Values given as ``?type=a&type=b`` or ``?type=a,b``."""

    def to_python(self, value):
        values = []
        for item in value or ():
            values.extend(part.strip() for part in str(item).split(","))
        return [value[:200] for value in values if value][:MAX_VALUES]

    def validate(self, value):
        for item in value:
            if not self.valid_value(item):
                raise forms.ValidationError(self.error_messages["invalid_choice"], params={"value": item})


_known_slugs = {}


def _all_slugs(language):
    """``{filter: {accepted slug: the slug of the visitor's language}}`` of the axis, theme and
    quartier filters, read once per version of the content (``search.catalogue``) in one
    ``UNION ALL`` query: a French slug is accepted in every language (links and bookmarks made on
    /fr/ keep working) and means its translation's."""
    cache_key = (catalogue.current_version(), language)
    if cache_key not in _known_slugs:
        if len(_known_slugs) > 64:
            _known_slugs.clear()
        filters = {
            "axis": AxisPage.objects.live(),
            "theme": Theme.objects.filter(live=True),
            "quartier": QuartierPage.objects.live(),
        }
        branches = [
            queryset.filter(locale__language_code__in={language, "fr"})
            .order_by()
            .annotate(filter=Value(name))
            .values_list("slug", "translation_key", "locale__language_code", "filter")
            for name, queryset in filters.items()
        ]
        rows = list(branches[0].union(*branches[1:], all=True))
        found = {}
        for name in filters:
            mine = [(slug, key, code) for slug, key, code, kind in rows if kind == name]
            local = {key: slug for slug, key, code in mine if code == language}
            found[name] = {slug: local.get(key, slug) for slug, key, _code in mine}
        _known_slugs[cache_key] = found
    return _known_slugs[cache_key]


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Rechercher"))
    type = ListField(required=False, choices=[(key, key) for key in PAGE_TYPES])
    axis = ListField(required=False)
    theme = ListField(required=False)
    quartier = ListField(required=False)
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS])
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data, *, language="fr"):
        data = data.copy() if hasattr(data, "copy") else dict(data)
        super().__init__(data)
        self.language = language
        self.aliases = dict(_all_slugs(language))
        for name, slugs in self.aliases.items():
            self.fields[name].choices = [(slug, slug) for slug in sorted(slugs)]
        # A NUL character is dropped from the query (clean_q), not refused.
        self.fields["q"].validators = []
        for name, message in MESSAGES.items():
            self.fields[name].error_messages["invalid_choice"] = message
        self.fields["page"].error_messages["invalid"] = _("Le numéro de page doit être un nombre entier positif.")
        self.fields["page"].error_messages["min_value"] = _("Le numéro de page doit être un nombre entier positif.")

    def clean_q(self):
        return clean_query(self.cleaned_data.get("q") or "")

    def full_clean(self):
        if hasattr(self.data, "getlist"):
            self.data = {
                name: self.data.getlist(name) if name in ("type", *FACETS) else self.data.get(name)
                for name in self.data
            }
        super().full_clean()

    def params(self):
        """The ``SearchParams`` of the valid parameters (an invalid one is left out)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        raw = self.data
        query = clean_query(data.get("q") if "q" in data else (raw.get("q") or ""))
        filters = {
            name: list(dict.fromkeys(self.aliases[name].get(value, value) for value in data[name]))
            if name in self.aliases
            else data[name]
            for name in FACETS
            if data.get(name)
        }
        return SearchParams(
            query=query,
            language=self.language,
            filters=filters,
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
        )
