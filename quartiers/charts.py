"""Bar charts of a portrait, computed here and drawn as inline SVG by a template.

Why on the server: the charts must work without JavaScript, under a strict Content Security
Policy, with no library or font from another host. This module only does arithmetic (where
each bar and text goes); ``templates/quartiers/includes/indicator_chart.html`` writes the SVG,
so every text is escaped by Django.

One chart per theme of the portrait. Each figure is a row: its label, then one bar for the
quartier and, where the seed gives them, one for Besançon and one for Grand Besançon
Métropole, each named in text beside the bar (the colours are never the only cue). Rows of the
same unit share one scale (percentages always run from 0 to 100), so bars can be compared
within a unit; the value is written at the end of every bar. National rankings are not bars
(a rank is not a quantity): they stay in the table, and the text alternative says so.
"""

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .formatting import format_value

WIDTH = 720
NAME_RIGHT = 190  # series names end here (text-anchor: end)
PLOT_LEFT = 200
PLOT_RIGHT = WIDTH - 160  # room for the value written after the longest bar
LABEL_LINE = 20  # height of a line of the figure's label
LABEL_WRAP = 82  # characters per line of label
BAR_HEIGHT = 20
BAR_GAP = 6
ROW_GAP = 22
PADDING = 8

#: Series colours (SVG presentation attributes; each passes 4.5:1 on white).
COLOURS = {"quartier": "#7a1f2b", "besancon": "#4d4d55", "gbm": "#0b4f8a"}


@dataclass
class ChartBar:
    series: str
    name: str
    value_text: str
    x: float
    y: float
    width: float
    text_x: float
    fill: str
    height: float = BAR_HEIGHT

    @property
    def middle(self):
        return round(self.y + self.height / 2, 1)


@dataclass
class ChartRow:
    label_lines: list[tuple[float, str]]
    bars: list[ChartBar]
    zero_x: float
    top: float
    bottom: float


@dataclass
class IndicatorChart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    rows: list[ChartRow] = field(default_factory=list)

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def title_id(self):
        return f"{self.chart_id}-titre"

    @property
    def desc_id(self):
        return f"{self.chart_id}-description"


def is_change(indicator) -> bool:
    """Changes over time are written with their sign (« +6,4 % »)."""
    return "change" in indicator.code.split("-")


def display_value(indicator, value) -> str:
    return format_value(value, indicator.unit, signed=is_change(indicator))


def _scales(indicators):
    """Per unit: the (low, high) of the axis shared by every row of that unit."""
    values_by_unit = {}
    for indicator in indicators:
        values = [v for v in (indicator.value, indicator.besancon_value, indicator.gbm_value) if v is not None]
        values_by_unit.setdefault(indicator.unit, []).extend(Decimal(v) for v in values)
    scales = {}
    for unit, values in values_by_unit.items():
        low = min([Decimal(0), *values])
        high = max(values)
        if unit.strip() == "%":
            high = max(high, Decimal(100))
        if high <= low:
            high = low + 1
        scales[unit] = (low, high)
    return scales


def _x(value, scale) -> float:
    low, high = scale
    span = PLOT_RIGHT - PLOT_LEFT
    return round(PLOT_LEFT + float((Decimal(value) - low) / (high - low)) * span, 1)


def build_chart(quartier_name, theme_key, theme_label, indicators):
    """The chart of one theme of a portrait, or ``None`` when nothing in it is a quantity."""
    drawable = [indicator for indicator in indicators if not indicator.is_rank]
    if not drawable:
        return None
    scales = _scales(drawable)
    rows = []
    sentences = []
    y = PADDING
    for indicator in drawable:
        top = y
        lines = []
        for line in textwrap.wrap(indicator.label, LABEL_WRAP) or [indicator.label]:
            y += LABEL_LINE
            lines.append((round(y - 5, 1), line))
        y += 4
        series = [("quartier", quartier_name, indicator.value)]
        if indicator.besancon_value is not None:
            series.append(("besancon", _("Besançon"), indicator.besancon_value))
        if indicator.gbm_value is not None:
            series.append(("gbm", _("Grand Besançon Métropole"), indicator.gbm_value))
        scale = scales[indicator.unit]
        zero_x = _x(0, scale)
        bars = []
        parts = []
        for key, name, value in series:
            end_x = _x(value, scale)
            left, right = min(zero_x, end_x), max(zero_x, end_x)
            text = display_value(indicator, value)
            bars.append(
                ChartBar(
                    series=key,
                    name=str(name),
                    value_text=text,
                    x=left,
                    y=round(y, 1),
                    width=round(right - left, 1),
                    text_x=round(right + 6, 1),
                    fill=COLOURS[key],
                )
            )
            parts.append(f"{name} {text}")
            y += BAR_HEIGHT + BAR_GAP
        rows.append(ChartRow(lines, bars, zero_x, round(top, 1), round(y - BAR_GAP, 1)))
        sentences.append(f"{indicator.label} : {', '.join(parts)}.")
        y += ROW_GAP - BAR_GAP
    omitted = len(indicators) - len(drawable)
    if omitted:
        sentences.append(_("Les rangs nationaux des établissements figurent dans le tableau, pas dans le graphique."))
    has_comparison = any(indicator.has_comparison for indicator in drawable)
    if has_comparison:
        title = _("%(theme)s : %(quartier)s comparé à Besançon et à Grand Besançon Métropole") % {
            "theme": theme_label,
            "quartier": quartier_name,
        }
    else:
        title = _("%(theme)s : les chiffres de %(quartier)s") % {"theme": theme_label, "quartier": quartier_name}
    return IndicatorChart(
        chart_id=f"graphique-{theme_key}",
        title=title,
        description=" ".join(sentences),
        width=WIDTH,
        height=int(y + PADDING),
        rows=rows,
    )
