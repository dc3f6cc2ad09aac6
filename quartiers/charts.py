"""The charts of a portrait, computed here and laid out in HTML by a template.

Why HTML and not one big SVG: a drawing scaled down to a phone's width shrinks its text to a few
pixels. Here every name and value is ordinary text at the body size; only the bars are drawn,
each in a small SVG whose lengths are percentages of its track (no inline style: the Content
Security Policy forbids it). ``templates/quartiers/includes/indicator_chart.html`` writes it.

What is drawn, and why:

- a figure given for the quartier *and* for Besançon or Grand Besançon Métropole is a row of
  bars: the same measure in the three places, like with like, on the row's own scale, from the
  lowest value or zero to the highest value or zero, so the gaps show; the value is written
  beside every bar, and a zero axis splits negative bars (drawn to its left) from positive ones;
- a figure given for the quartier alone is a key figure (its value, written large), not a bar:
  a lone bar filling its track says nothing, and bars of unrelated counts side by side mislead;
  a theme shows its first four (the page stays short on a phone), its table all of them;
- national rankings are neither (a rank is not a quantity): they stay in the table.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .formatting import format_value

#: Series colours (SVG presentation attributes; each passes 4.5:1 on white).
COLOURS = {"quartier": "#7a1f2b", "besancon": "#4d4d55", "gbm": "#0b4f8a"}


@dataclass
class ChartBar:
    series: str
    name: str
    value_text: str
    left: float  # percentage of the track where the bar starts
    width: float  # percentage of the track the bar covers
    fill: str
    negative: bool = False


@dataclass
class ChartRow:
    label: str
    bars: list[ChartBar]
    zero: float  # percentage of the track where zero lies

    @property
    def has_negative(self):
        return any(bar.negative for bar in self.bars)


@dataclass
class KeyFigure:
    label: str
    value_text: str
    comparison: str = ""  # « Besançon : 19 890 € », for the « en bref »

    @property
    def number(self):
        """The number alone, written large; the unit follows at the body size (a long unit,
        « habitants », then wraps instead of breaking a word on a phone)."""
        return self.value_text.split("\u00a0", 1)[0]

    @property
    def unit(self):
        parts = self.value_text.split("\u00a0", 1)
        return parts[1] if len(parts) > 1 else ""


#: A theme shows its first key figures; all of them are in its table, one click away.
KEY_FIGURES_PER_THEME = 4


@dataclass
class IndicatorChart:
    chart_id: str
    title: str
    rows: list[ChartRow] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)

    @property
    def title_id(self):
        return f"{self.chart_id}-titre"


def is_change(indicator) -> bool:
    """Changes over time are written with their sign (« +6,4 % »)."""
    return "change" in indicator.code.split("-")


def display_value(indicator, value) -> str:
    return format_value(value, indicator.unit, signed=is_change(indicator))


def row_scale(values) -> tuple[Decimal, Decimal]:
    """The (low, high) of one row: zero and every value inside, nothing more."""
    values = [Decimal(value) for value in values]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    if high == low:
        high = low + 1
    return low, high


def _percent(value, scale) -> float:
    low, high = scale
    return round(float((Decimal(value) - low) / (high - low)) * 100, 2)


def comparison_row(quartier_name, indicator) -> ChartRow:
    """One figure in the quartier, Besançon and Grand Besançon Métropole, as bars from zero."""
    series = [("quartier", quartier_name, indicator.value)]
    if indicator.besancon_value is not None:
        series.append(("besancon", _("Besançon"), indicator.besancon_value))
    if indicator.gbm_value is not None:
        series.append(("gbm", _("Grand Besançon Métropole"), indicator.gbm_value))
    scale = row_scale(value for _key, _name, value in series)
    zero = _percent(0, scale)
    bars = []
    low, high = scale
    for key, name, value in series:
        width = round(float(abs(Decimal(value)) / (high - low)) * 100, 2)
        bars.append(
            ChartBar(
                series=key,
                name=str(name),
                value_text=display_value(indicator, value),
                left=round(zero - width, 2) if Decimal(value) < 0 else zero,
                width=width,
                fill=COLOURS[key],
                negative=Decimal(value) < 0,
            )
        )
    return ChartRow(label=indicator.label, bars=bars, zero=zero)


def build_chart(quartier_name, theme_key, theme_label, indicators):
    """The chart of one theme of a portrait, or ``None`` when nothing in it is a quantity."""
    drawable = [indicator for indicator in indicators if not indicator.is_rank]
    if not drawable:
        return None
    rows = [comparison_row(quartier_name, i) for i in drawable if i.has_comparison]
    key_figures = [KeyFigure(i.label, display_value(i, i.value)) for i in drawable if not i.has_comparison]
    key_figures = key_figures[:KEY_FIGURES_PER_THEME]
    if rows:
        title = _("%(theme)s : %(quartier)s comparé à Besançon et à Grand Besançon Métropole") % {
            "theme": theme_label,
            "quartier": quartier_name,
        }
    else:
        title = _("%(theme)s : les chiffres de %(quartier)s") % {"theme": theme_label, "quartier": quartier_name}
    return IndicatorChart(chart_id=f"graphique-{theme_key}", title=title, rows=rows, key_figures=key_figures)


#: Figures of the « en bref », in this order, after the population: the ones the seed compares
#: with Besançon first, then the quartier's own where fewer than four could be compared.
SUMMARY_CODES = [
    "median-disposable-income",
    "single-parent-families",
    "social-housing-share",
    "job-seekers-population-share",
    "third-grade-delay",
    "social-housing-vacancy",
    "social-housing-rent",
    "social-housing-turnover",
    "social-housing-units",
    "job-seekers",
]
SUMMARY_MIN, SUMMARY_MAX = 4, 6


def summary_figures(indicators) -> list[KeyFigure]:
    """The « en bref » of a quartier: 4 to 6 key figures, each against Besançon where known."""
    by_code = {indicator.code: indicator for indicator in indicators if not indicator.is_rank}
    figures = []
    population = by_code.get("population")
    if population is not None:
        share = by_code.get("share-of-besancon-population")
        comparison = (
            _("%(share)s des Bisontins") % {"share": display_value(share, share.value)} if share is not None else ""
        )
        figures.append(KeyFigure(population.label, display_value(population, population.value), comparison))
    known = [by_code[code] for code in SUMMARY_CODES if code in by_code]
    compared = [indicator for indicator in known if indicator.besancon_value is not None]
    alone = [indicator for indicator in known if indicator.besancon_value is None]
    for indicator in compared:
        figures.append(
            KeyFigure(
                indicator.label,
                display_value(indicator, indicator.value),
                _("Besançon : %(value)s") % {"value": display_value(indicator, indicator.besancon_value)},
            )
        )
    for indicator in alone:
        if len(figures) >= SUMMARY_MIN:
            break
        figures.append(KeyFigure(indicator.label, display_value(indicator, indicator.value)))
    return figures[:SUMMARY_MAX]
