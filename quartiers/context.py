"""What the quartier pages and the quartiers index put in their templates' context.

Kept out of the models so the pages stay short: portrait groups (chart + table rows), the map,
the comparison table of the priority quartiers. Every figure a template shows is formatted
here, once, in the active language.
"""

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _

from home.cache import cached_for_page, page_ancestors
from home.localization import localized
from maps.svg import BESANCON_BOUNDS, MapPoint, build_map, default_landmarks_except

from .charts import build_chart, display_value, is_change, summary_figures
from .formatting import format_number, format_signed
from .models import IndicatorTheme, QuartierKind, SharedObjectives

#: The figures of the comparison table of the index, in this order (codes of Indicator).
COMPARISON_CODES = [
    "population",
    "population-change-2013-2018",
    "share-of-qpv-population",
    "share-of-women",
    "median-disposable-income",
    "single-parent-families",
    "social-housing-share",
    "social-housing-units",
    "social-housing-vacancy",
    "social-housing-rent",
    "job-seekers",
    "job-seekers-population-share",
]

#: Margin (degrees) kept around the quartiers when the map has to extend beyond the city.
MAP_MARGIN = 0.03


@dataclass
class TableRow:
    label: str
    note: str
    unit: str
    value: str
    besancon: str
    gbm: str
    source: str
    year: str


@dataclass
class PortraitGroup:
    key: str
    label: str
    indicators: list
    chart: object = None
    rows: list = field(default_factory=list)

    @property
    def has_comparison(self):
        return any(indicator.has_comparison for indicator in self.indicators)


def _number(indicator, value):
    if value is None:
        return ""
    return format_signed(value) if is_change(indicator) else format_number(value)


def portrait_groups(quartier_name, indicators):
    """The portrait by theme, in the order of :class:`IndicatorTheme`; empty themes omitted."""
    groups = []
    for theme in IndicatorTheme:
        items = [indicator for indicator in indicators if indicator.theme == theme.value]
        if not items:
            continue
        group = PortraitGroup(key=theme.value, label=str(theme.label), indicators=items)
        group.chart = build_chart(quartier_name, theme.value, group.label, items)
        group.rows = [
            TableRow(
                label=indicator.label,
                note=indicator.note,
                unit=indicator.unit,
                value=_number(indicator, indicator.value),
                besancon=_number(indicator, indicator.besancon_value),
                gbm=_number(indicator, indicator.gbm_value),
                source=indicator.source,
                year=indicator.year,
            )
            for indicator in items
        ]
        groups.append(group)
    return groups


def map_bounds(points):
    """The city's frame, stretched to hold every point with a margin (Novillars lies east of the city)."""
    return BESANCON_BOUNDS.including(points, MAP_MARGIN, every_point=True)


def quartiers_map(quartiers, request, *, title, description, highlight=None, numbered=True):
    """The shared SVG map with one point per quartier (linked, unless one is highlighted)."""
    points = [
        MapPoint(
            label=quartier.title,
            url=quartier.get_url(request=request) if highlight is None else "",
            latitude=quartier.latitude,
            longitude=quartier.longitude,
            kind=quartier.get_kind_display(),
        )
        for quartier in quartiers
    ]
    if not points:
        return None
    bounds = map_bounds(points)
    return build_map(
        points,
        title=title,
        description=description,
        bounds=bounds,
        highlight=highlight,
        numbered=numbered,
        landmarks=default_landmarks_except(quartier.title for quartier in quartiers),
    )


#: Where the Contrat de Ville 2024-2030 is published: Grand Besançon Métropole's site. A link
#: for the reader to check the figures at their source; the site does not serve the document.
#: The seeds (../shared/seeds/004_*.txt, the CCAS deliberation and the contract) give no address
#: of the document itself: replace this by the document's own URL once it is known.
CONTRACT_URL = "https://www.grandbesancon.fr/"


def _quartier_data(page, request=None):
    """What a quartier page reads from the database: its figures, the shared objectives and
    social centres in its language (live ones only), its index."""
    shared = page.shared_objectives if page.shared_objectives_id and page.shared_objectives.live else None
    if page.pk and not getattr(request, "is_preview", False):
        # Kept on the page: the programme's part of it (the proposals for this quartier, by its
        # figures) reads them too. Not for a preview, whose figures are the editor's, in memory.
        prefetch_related_objects([page], "indicators")
    return {
        "indicators": list(page.indicators.all()),
        "shared_objectives": localized([shared], SharedObjectives.objects.filter(live=True))[0] if shared else None,
        "social_centres": page.get_social_centres(),
        "index": _parent(page, request),
    }


def _parent(page, request):
    """The quartier's index, from the ancestors routing read (no query) when it did."""
    ancestors = page_ancestors(page, request) if page.pk else []
    return ancestors[-1].specific_deferred if ancestors else page.index_page


def quartier_page(page, request):
    data = cached_for_page("quartier-page", lambda: _quartier_data(page, request), page, request)
    indicators, index = data["indicators"], data["index"]
    # The figures sit in the page's text: a quartier shown in French under /en/ (not translated
    # yet) writes « 13 080 € », not « 13,080 € ».
    with translation.override(page.language_code):
        portrait = portrait_groups(page.title, indicators)
        summary = summary_figures(indicators)
    context = {
        "portrait": portrait,
        "summary": summary,
        "shared_objectives": data["shared_objectives"],
        "social_centres": data["social_centres"],
        "data_urls": index.data_urls(request) if index is not None and index.live else None,
        "quartier_map": None,
        "contract_url": CONTRACT_URL,
    }
    if page.has_point:
        context["quartier_map"] = quartiers_map(
            [page],
            request,
            title=_("%(quartier)s sur le plan de Besançon") % {"quartier": page.title},
            description=_("Un plan schématique de la ville, le Doubs et sa boucle, avec un point pour %(quartier)s.")
            % {"quartier": page.title},
            highlight=0,
            numbered=False,
        )
    return context


@dataclass
class ComparisonRow:
    label: str
    unit: str
    cells: list  # one per quartier: (value text, "source année") or None


def comparison_rows(quartiers):
    """The main figures of ``quartiers`` side by side (rows: figures; columns: quartiers)."""
    by_quartier = [{indicator.code: indicator for indicator in quartier.indicators.all()} for quartier in quartiers]
    rows = []
    for code in COMPARISON_CODES:
        found = [figures.get(code) for figures in by_quartier]
        first = next((indicator for indicator in found if indicator is not None), None)
        if first is None:
            continue
        cells = [
            (_number(indicator, indicator.value), f"{indicator.source} {indicator.year}") if indicator else None
            for indicator in found
        ]
        rows.append(ComparisonRow(label=first.label, unit=first.unit, cells=cells))
    return rows


def _index_data(page):
    """The quartiers with their population, and the comparison of the priority ones: computed
    once per generation and language (a page rendered again does not read every figure of every
    quartier out of the cache: what it costs stays the same as quartiers gain figures)."""
    quartiers = list(page.quartier_pages())
    priority = [quartier for quartier in quartiers if quartier.kind == QuartierKind.PRIORITY]
    for quartier in quartiers:
        figures = {indicator.code: indicator for indicator in quartier.indicators.all()}
        population = figures.get("population")
        quartier.population_text = display_value(population, population.value) if population else ""
    rows = comparison_rows(priority)
    for quartier in quartiers:
        quartier._prefetched_objects_cache = {}  # the figures are not kept with the pages
    return {"quartiers": quartiers, "comparison_rows": rows}


def quartier_index_page(page, request):
    data = cached_for_page("quartier-index", lambda: _index_data(page), page, request)
    quartiers = data["quartiers"]
    priority = [quartier for quartier in quartiers if quartier.kind == QuartierKind.PRIORITY]
    fragile = [quartier for quartier in quartiers if quartier.kind != QuartierKind.PRIORITY]
    placed = [quartier for quartier in priority + fragile if quartier.has_point]
    unplaced = [quartier for quartier in priority + fragile if not quartier.has_point]
    return {
        "priority_quartiers": priority,
        "fragile_quartiers": fragile,
        "placed_quartiers": placed,
        "unplaced_quartiers": unplaced,
        "quartiers_map": quartiers_map(
            placed,
            request,
            title=_("Carte des quartiers du Contrat de Ville"),
            description=_(
                "Plan schématique de Besançon et de ses environs : un point numéroté par quartier "
                "prioritaire ou fragile, dans l'ordre de la liste qui suit la carte."
            ),
        ),
        "comparison_rows": data["comparison_rows"],
        "data_urls": page.data_urls(request),
    }
