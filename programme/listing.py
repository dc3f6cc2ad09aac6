"""The programme index's filters: axis, theme, quartier, cultural place and flagship.

One class reads the GET parameters of the index (``?axe=…&theme=…&quartier=…&lieu=…&phare=…&statut=…``),
and gives the selected proposals and, for each filter, the number of proposals each of its
values would select with the other filters kept (faceted counts). The exports and the feeds use
the same class, so a filtered index and its CSV, JSON and feeds always agree.

Filter values are slugs in the index's language; the slugs of the default language are accepted
too. The parameters are parsed and validated by ``programme.forms.ProposalFilterForm``; an unknown
value is reported in ``errors`` (the index ignores it and says so; exports and feeds answer 400).
The number of SQL queries does not depend on the number of proposals.
"""

import unicodedata
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, Prefetch, Q, Value, When, prefetch_related_objects
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from culture.models import CulturalPlacePage
from home.cache import cached
from home.localization import by_key_in_language, locale_of, source_locale, translations_by_key
from home.pagination import CachedListing
from quartiers.models import QuartierPage

from .forms import ProposalFilterForm
from .models import (
    AxisPage,
    ProposalMilestone,
    ProposalPage,
    ProposalPlace,
    ProposalQuartier,
    ProposalStatus,
    ProposalTheme,
    QuestionPage,
    QuestionPlace,
    QuestionQuartier,
    QuestionTheme,
    Theme,
    timeline,
)

PARAMETERS = ("axe", "theme", "quartier", "lieu", "phare", "statut")
FLAGSHIP_VALUES = {"oui": True, "non": False}


@dataclass
class Option:
    value: str
    label: str
    key: object = None
    obj: object = None
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    all_label: str
    options: list = field(default_factory=list)

    @property
    def selected(self):
        return next((option for option in self.options if option.selected), None)

    @property
    def field_id(self):
        return f"filtre-{self.name}"


def _sorted_options(objects_by_key, label_attribute):
    """One option per object (by slug), sorted by ``_sort_key``."""
    return sorted(
        (Option(obj.slug, getattr(obj, label_attribute), key=key, obj=obj) for key, obj in objects_by_key.items()),
        key=_sort_key,
    )


class ProposalListing:
    """The proposals of one programme index, as selected by the index's filters."""

    def __init__(self, index, params):
        self.index = index
        self.scope = ProposalPage.objects.live().public().descendant_of(index)

        base = cached("programme-listing-base", lambda: _base(index), index.pk, translation.get_language())
        # The index's locale from the cache too (the page itself was fetched without it).
        index.locale = self.locale = base["locale"]
        axes, themes, quartiers, places = base["axes"], base["themes"], base["quartiers"], base["places"]
        self.axis_path_length = len(axes[0].path) if axes else 0
        self.axes_by_path = {axis.path: axis for axis in axes}
        self.themes, self.quartiers, self.places = themes, quartiers, places

        self.facets = {
            "axe": Facet(
                "axe",
                _("Axe"),
                _("Tous les axes"),
                [Option(axis.slug, axis.title, key=axis.path, obj=axis) for axis in axes],
            ),
            "theme": Facet(
                "theme",
                _("Thème"),
                _("Tous les thèmes"),
                _sorted_options(themes, "name"),
            ),
            "quartier": Facet(
                "quartier",
                _("Quartier"),
                _("Tous les quartiers"),
                _sorted_options(quartiers, "title"),
            ),
            "lieu": Facet(
                "lieu",
                _("Lieu culturel"),
                _("Tous les lieux"),
                _sorted_options(places, "title"),
            ),
            "phare": Facet(
                "phare",
                _("Propositions phares"),
                _("Toutes les propositions"),
                [
                    Option("oui", _("Propositions phares seulement"), key=True),
                    Option("non", _("Autres propositions seulement"), key=False),
                ],
            ),
            "statut": Facet(
                "statut",
                _("Statut"),
                _("Tous les statuts"),
                [Option(value, label, key=value) for value, label in ProposalStatus.choices],
            ),
        }
        self.errors = []
        self.selected = {}
        self._parse(params)
        self._counted = False

    # -- parameters ---------------------------------------------------------------------------

    def _aliases(self, name):
        """Slugs accepted for each option: its own, and that of its default-language version."""
        facet = self.facets[name]
        aliases = {option.value: option for option in facet.options}
        if name in ("theme", "quartier", "lieu"):
            source = {"theme": self.themes, "quartier": self.quartiers, "lieu": self.places}[name]
            for option in facet.options:
                obj = source.get(option.key)
                if obj is not None:
                    aliases.setdefault(obj.slug, option)
        return aliases

    def _parse(self, params):
        """Validate ``params`` with ``ProposalFilterForm``: its errors, and the selected options."""
        aliases = {name: self._aliases(name) for name in PARAMETERS}
        self.form = ProposalFilterForm(
            params,
            facets=self.facets,
            aliases={
                name: {alias: option.value for alias, option in options.items()} for name, options in aliases.items()
            },
        )
        self.errors = self.form.error_list(PARAMETERS)
        for name in PARAMETERS:
            value = self.form.cleaned_data.get(name)
            if not value:
                continue
            option = aliases[name][value]
            option.selected = True
            self.selected[name] = option

    @property
    def selection_key(self):
        """The validated filters, in a fixed order: what a cached value of the listing is kept by
        (never the raw query string)."""
        return ",".join(f"{name}={self.selected[name].value}" for name in PARAMETERS if name in self.selected)

    def cached(self, name, build, *parts):
        """``build()`` once per generation for this index, language and selection."""
        return cached(
            f"programme-listing-{name}", build, self.index.pk, translation.get_language(), self.selection_key, *parts
        )

    def paged_proposals(self):
        """The selected proposals, decorated, for ``paginate``: each page read from the cache."""
        return CachedListing(
            "programme-listing-pages",
            self.proposals,
            lambda proposals: self.decorated_proposals(None, proposals, with_timeline=False),
            self.index.pk,
            self.selection_key,
            count=self.total,
        )

    def total(self):
        """How many proposals the filters select: counted with the facets (no query of its own)."""
        self.count_facets()
        return self._total

    @property
    def is_filtered(self):
        return bool(self.selected)

    def query_string(self, **overrides):
        """The query string of the current filters (without unknown values), for links."""
        params = {name: option.value for name, option in self.selected.items()}
        params.update(overrides)
        params = {name: value for name, value in params.items() if value}
        return f"?{urlencode(params)}" if params else ""

    @property
    def active_filters(self):
        return [(self.facets[name], option) for name, option in self.selected.items()]

    # -- queries ------------------------------------------------------------------------------

    def filtered(self, exclude=None):
        """The live proposals matching every selected filter except ``exclude``."""
        queryset = self.scope
        for name, option in self.selected.items():
            if name == exclude:
                continue
            if name == "axe":
                queryset = queryset.filter(path__startswith=option.key)
            elif name == "phare":
                queryset = queryset.filter(flagship=option.key)
            elif name == "statut":
                queryset = queryset.filter(status=option.key)
            elif name == "theme":
                links = ProposalTheme.objects.filter(theme__translation_key=option.key)
                queryset = queryset.filter(pk__in=links.values("proposal_id"))
            elif name == "quartier":
                links = ProposalQuartier.objects.filter(quartier__translation_key=option.key)
                queryset = queryset.filter(pk__in=links.values("proposal_id"))
            elif name == "lieu":
                links = ProposalPlace.objects.filter(place__translation_key=option.key)
                queryset = queryset.filter(pk__in=links.values("proposal_id"))
        return queryset

    def proposals(self):
        """The selected proposals, in the order of the programme."""
        return self.filtered().order_by("path")

    def decorated_proposals(self, request=None, proposals=None, with_timeline=True):
        """``proposals()`` (or the given ones, e.g. one page of them) with ``axis``, ``themes``,
        ``quartiers`` and ``places`` attached, and their milestones as ``timeline`` unless
        ``with_timeline`` is false (the cards of the index and the feeds do not show them).

        The linked objects are given in the index's language (or the default language when not
        translated); links to pages that are not live are left out.
        """
        proposals = list(self.proposals() if proposals is None else proposals)
        self._attach_links(proposals, "proposal_id", (ProposalTheme, ProposalQuartier, ProposalPlace))
        if with_timeline:
            milestones = ProposalMilestone.objects.select_related("evidence_document", "photo")
            prefetch_related_objects(proposals, Prefetch("milestones", queryset=milestones))
        for proposal in proposals:
            proposal.axis = self.axes_by_path.get(proposal.path[: self.axis_path_length])
            if with_timeline:
                proposal.timeline = timeline(proposal.milestones.all())
        return proposals

    def _attach_links(self, pages, page_field, relations):
        """``themes``, ``quartiers`` and ``places`` on each of ``pages``, in the listing's
        language (live ones only, each once, in the editor's order), from the translation keys
        their relation rows point at: one ``UNION ALL`` query over the three kinds of rows."""
        targets = {
            "theme": ("themes", self.themes),
            "quartier": ("quartiers", self.quartiers),
            "place": ("places", self.places),
        }
        ids = [page.pk for page in pages]
        keys = {}
        if ids:
            branches = []
            for relation, target in zip(relations, targets, strict=True):
                branches.append(
                    relation.objects.filter(**{f"{page_field}__in": ids})
                    .order_by()
                    .annotate(
                        kind=Value(target),
                        page=F(page_field),
                        key=Cast(f"{target}__translation_key", CharField()),
                        position=Coalesce("sort_order", 0),
                        row=F("pk"),
                    )
                    .values_list("kind", "page", "key", "position", "row")
                )
            for kind, page_id, key, position, row in branches[0].union(*branches[1:], all=True):
                keys.setdefault((kind, page_id), []).append((position, row, uuid.UUID(key)))
        for page in pages:
            for kind, (attribute, translations) in targets.items():
                found = []
                for *_order, key in sorted(keys.get((kind, page.pk), [])):
                    obj = translations.get(key)
                    if obj is not None and obj not in found:
                        found.append(obj)
                setattr(page, attribute, found)

    def questions(self):
        """The open questions the same filters select (an open question is never « phare »).

        Shown under the proposals, so that a theme only open questions carry (« Sport ») leads
        somewhere instead of to « 0 propositions ».
        """
        queryset = QuestionPage.objects.live().public().descendant_of(self.index).order_by("path")
        relations = {"theme": QuestionTheme, "quartier": QuestionQuartier, "lieu": QuestionPlace}
        targets = {"theme": "theme", "quartier": "quartier", "lieu": "place"}
        for name, option in self.selected.items():
            if name == "axe":
                queryset = queryset.filter(path__startswith=option.key)
            elif name == "phare":
                if option.key:
                    return queryset.none()
            elif name not in relations:
                # An open question has no follow-up status: a status filter selects none.
                return queryset.none()
            else:
                links = relations[name].objects.filter(**{f"{targets[name]}__translation_key": option.key})
                queryset = queryset.filter(pk__in=links.values("question_id"))
        return queryset

    def decorated_questions(self, request=None, questions=None):
        """``questions()`` (or the given ones) with ``axis``, ``themes``, ``quartiers`` and
        ``places`` attached, as ``decorated_proposals`` does for the proposals."""
        questions = list(self.questions() if questions is None else questions)
        self._attach_links(questions, "question_id", (QuestionTheme, QuestionQuartier, QuestionPlace))
        for question in questions:
            question.axis = self.axes_by_path.get(question.path[: self.axis_path_length])
        return questions

    # -- counts -------------------------------------------------------------------------------

    def count_facets(self):
        """Fill in each option's ``count``: the proposals it selects, other filters kept."""
        if self._counted:
            return
        self._counted = True
        counts = self.cached("counts", self._count_rows)
        self._total = counts.get("total", {}).get("", 0)
        for name, facet in self.facets.items():
            for option in facet.options:
                option.count = counts.get(name, {}).get(option.key, 0)

    def _count_rows(self):
        """``{facet name: {option key: number of proposals}}``, every facet in one query (a
        ``UNION ALL`` of one grouped count per facet, each key as text), and under ``"total"``
        the number of proposals every filter selects."""
        branches = [self.filtered().order_by().annotate(key=Value(""))]
        for name, facet in self.facets.items():
            if not facet.options:
                continue
            base = self.filtered(exclude=name).order_by()
            if name == "axe":
                branch = base.annotate(key=Substr("path", 1, self.axis_path_length))
            elif name == "phare":
                branch = base.annotate(key=Case(When(flagship=True, then=Value("1")), default=Value("0")))
            elif name == "statut":
                branch = base.annotate(key=Cast("status", CharField()))
            else:
                model, target = {
                    "theme": (ProposalTheme, "theme"),
                    "quartier": (ProposalQuartier, "quartier"),
                    "lieu": (ProposalPlace, "place"),
                }[name]
                branch = (
                    model.objects.filter(proposal__in=base.values("pk"))
                    .order_by()
                    .annotate(key=Cast(f"{target}__translation_key", CharField()))
                )
            branches.append(branch)
        names = ["total", *(name for name, facet in self.facets.items() if facet.options)]
        rows = [
            branch.annotate(facet=Value(name))
            .values("facet", "key")
            .annotate(n=Count("pk" if branch.model is ProposalPage else "proposal_id", distinct=True))
            .values_list("facet", "key", "n")
            for name, branch in zip(names, branches, strict=True)
        ]
        counts = {}
        for name, key, n in rows[0].union(*rows[1:], all=True):
            counts.setdefault(name, {})[_option_key(name, key)] = n
        return counts

    def visible_facets(self):
        """The facets to show: those with at least one option, counted."""
        self.count_facets()
        return [facet for facet in self.facets.values() if facet.options]


def _base(index):
    """What every listing of ``index`` starts from: its locale, axes and the themes, quartiers
    and places in its language (live ones only), by translation key. The axes, quartiers and
    places are plain ``Page`` objects (their title, slug and address are all a listing shows of
    them), read together in one query."""
    locale = locale_of(index)
    types = ContentType.objects.get_for_models(AxisPage, QuartierPage, CulturalPlacePage)
    axis, quartier, place = (types[model].pk for model in (AxisPage, QuartierPage, CulturalPlacePage))
    pages = Page.objects.all()
    rows = list(
        pages.filter(
            (Q(content_type_id=axis) & Q(path__startswith=index.path, depth=index.depth + 1) & ~pages.private_q())
            | Q(content_type_id__in=[quartier, place], locale_id__in={locale.pk, source_locale().pk}),
            live=True,
        ).order_by("path")
    )
    return {
        "locale": locale,
        "axes": [row for row in rows if row.content_type_id == axis],
        "themes": translations_by_key(Theme.objects.filter(live=True), locale),
        "quartiers": by_key_in_language([row for row in rows if row.content_type_id == quartier], locale),
        "places": by_key_in_language([row for row in rows if row.content_type_id == place], locale),
    }


def _option_key(facet, text):
    """An option's key (``Option.key``) from its text in the counting query: a translation key
    is written with dashes by PostgreSQL, without by SQLite."""
    if facet == "phare":
        return text == "1"
    if facet in ("theme", "quartier", "lieu"):
        return uuid.UUID(text)
    return text


def _sort_key(option):
    """Alphabetical order that ignores accents (« Économie » sorts under E)."""
    return unicodedata.normalize("NFKD", str(option.label)).encode("ascii", "ignore").decode().casefold()
