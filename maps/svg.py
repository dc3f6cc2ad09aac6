"""The site's own map of Besançon: inline, accessible SVG built on the server.

Why this exists: citizens must find places (cultural places, quartiers) on a map, and every page
of the site must be self-contained — no map tiles, scripts or fonts from another host, and a page
that works without JavaScript. So the map is a small schematic plan of the city drawn here (the
Doubs and its loop, the Citadel hill, a few landmarks) on which points are projected, rendered as
inline SVG by ``templates/maps/svg_map.html``.

API
---
Build a map in a view or a page's ``get_context``, then include the template::

    from maps.svg import MapPoint, build_map

    points = [
        MapPoint(label="Citadelle", url=place.url, latitude=place.latitude,
                 longitude=place.longitude, kind="Site patrimonial", status="open"),
        ...
    ]
    context["map"] = build_map(points, title=_("Carte des lieux culturels"),
                               description=_("…what the map shows, for screen readers…"))

    {% include "maps/svg_map.html" with map=map %}

- :class:`MapPoint` — one thing to place: a label (its accessible name), an optional URL (the
  point becomes a link), WGS84 latitude/longitude (float, Decimal or str), and optional ``kind``
  and ``status`` shown in the accessible name. ``status="planned"`` draws a dashed ring instead
  of a filled disc, so planned things never look like existing ones, even without colour.
- :func:`build_map` — validates every point against ``bounds`` (raises
  :class:`PointOutsideBoundsError`: a point outside the city is a data error, never silently
  dropped), projects them, numbers them in the given order or by their ``number`` (the same
  numbers must appear in the page's text list, which is the map's text equivalent), moves apart
  markers that would overlap (a thin leader line joins a moved marker to its true position) and
  returns an :class:`SvgMap`.
  ``highlight`` (a point, or its index) draws one point larger: the current page's point.
- :data:`BESANCON_BOUNDS` (the whole city) and :data:`CENTRE_BOUNDS` (the Boucle and its banks)
  are ready-made frames.
- :class:`Landmark` — a non-interactive name on the map (a quartier, « La Boucle »). Landmarks
  outside the frame are skipped, not errors.

The geometry of the river and of the Citadel hill is a simplified tracing (a few dozen points),
good enough to recognise the city, not a survey: the maps say « plan schématique ».

Accessibility: a map without links is ``role="img"`` named by its ``<title>`` and described by
its ``<desc>``. A map whose points are links is ``role="group"`` instead (children of an ``img``
are presentational, which would hide the links from assistive technology); each link carries an
``aria-label`` (« 3. Cité des Arts — pôle culturel, ouvert ») and a ``<title>`` tooltip.
Decorative shapes are ``aria-hidden``. The pages that use a map always list the same points as
text next to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BESANCON_BOUNDS",
    "CENTRE_BOUNDS",
    "DEFAULT_LANDMARKS",
    "default_landmarks_except",
    "GeoBounds",
    "Landmark",
    "MapLabel",
    "MapPoint",
    "PlacedPoint",
    "PointOutsideBoundsError",
    "SvgMap",
    "build_map",
    "to_degrees",
]


class PointOutsideBoundsError(ValueError):
    """A point lies outside the frame of the map (bad or mistyped coordinates)."""


def to_degrees(value) -> float:
    """Return ``value`` (float, int, Decimal or numeric string) as a finite float of degrees."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"Not a coordinate: {value!r}")
    try:
        number = float(Decimal(str(value)))
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"Not a coordinate: {value!r}") from error
    if not math.isfinite(number):
        raise ValueError(f"Not a coordinate: {value!r}")
    return number


@dataclass(frozen=True)
class GeoBounds:
    """A latitude/longitude rectangle (WGS84 decimal degrees)."""

    south: float
    west: float
    north: float
    east: float

    def __post_init__(self):
        if not (self.south < self.north and self.west < self.east):
            raise ValueError("GeoBounds needs south < north and west < east")

    def contains(self, latitude, longitude) -> bool:
        try:
            lat, lon = to_degrees(latitude), to_degrees(longitude)
        except ValueError:
            return False
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def including(self, points, margin: float = 0.03, *, every_point: bool = False) -> GeoBounds:
        """This frame, stretched to keep ``margin`` degrees around each point that lies outside
        it (around every point with ``every_point``: no point near an edge either)."""
        south, west, north, east = self.south, self.west, self.north, self.east
        for point in points:
            if not every_point and self.contains(point.latitude, point.longitude):
                continue
            lat, lon = to_degrees(point.latitude), to_degrees(point.longitude)
            south, north = min(south, lat - margin), max(north, lat + margin)
            west, east = min(west, lon - margin), max(east, lon + margin)
        return GeoBounds(south=south, west=west, north=north, east=east)

    @property
    def centre_latitude(self) -> float:
        return (self.south + self.north) / 2


#: Grand Besançon Métropole, Novillars and the other communes of the Contrat de Ville included:
#: the area where a point of the site may lie (``maps.models.GeoPointMixin``).
GRAND_BESANCON_BOUNDS = GeoBounds(south=47.15, west=5.85, north=47.35, east=6.25)
#: The city of Besançon, forest of Chailluz included.
BESANCON_BOUNDS = GeoBounds(south=47.20, west=5.93, north=47.30, east=6.08)
#: The Boucle, the Citadel and the nearby banks of the Doubs.
CENTRE_BOUNDS = GeoBounds(south=47.2265, west=6.0110, north=47.2480, east=6.0430)


@dataclass(frozen=True)
class MapPoint:
    """One place to show. ``url`` empty: drawn, but not a link. ``number``: the point's number
    in the page's list, when two maps of one page (city and centre) must share the numbering;
    by default points are numbered in order from 1."""

    label: str
    url: str = ""
    latitude: float | Decimal | str = 0.0
    longitude: float | Decimal | str = 0.0
    kind: str = ""
    status: str = ""
    number: int | None = None


@dataclass(frozen=True)
class Landmark:
    """A name written on the map, for orientation only (not a link, hidden from AT)."""

    label: str
    latitude: float
    longitude: float


#: Names that help a reader find their way; a page may pass its own (e.g. the quartiers).
DEFAULT_LANDMARKS: tuple[Landmark, ...] = (
    Landmark("La Boucle", 47.2392, 6.0245),
    Landmark("Battant", 47.2447, 6.0170),
    Landmark("Bregille", 47.2392, 6.0440),
    Landmark("Velotte", 47.2215, 6.0030),
    Landmark("Planoise", 47.2190, 5.9620),
    Landmark("Forêt de Chailluz", 47.2930, 6.0450),
)


def default_landmarks_except(names) -> list[Landmark]:
    """The default landmarks whose name is not in ``names`` (places the map shows as points)."""
    shown = {str(name).casefold() for name in names}
    return [landmark for landmark in DEFAULT_LANDMARKS if landmark.label.casefold() not in shown]

# The Doubs through Besançon, upstream (north-east) to downstream (south-west): it runs down to
# Rivotte, rounds the Boucle (Bregille, Battant, Chamars) and leaves past Tarragnoz, the Citadel
# closing the neck of the loop. Simplified tracing: (latitude, longitude). The loop's northern
# arc passes Pont Battant at about 47.240 N: Battant (47.242 N) lies across the river, on its
# north bank, as the Battant page says; tests/maps/test_svg.py checks which side each place is on.
DOUBS_COURSE: tuple[tuple[float, float], ...] = (
    (47.2990, 6.1650), (47.2900, 6.1400), (47.2800, 6.1150), (47.2720, 6.0950), (47.2640, 6.0800),
    (47.2560, 6.0660), (47.2480, 6.0560),
    (47.2410, 6.0470), (47.2360, 6.0410), (47.2342, 6.0372), (47.2352, 6.0350),
    (47.2372, 6.0345), (47.2394, 6.0338), (47.2408, 6.0318), (47.2415, 6.0288),
    (47.2413, 6.0252), (47.2404, 6.0220), (47.2389, 6.0184), (47.2370, 6.0162),
    (47.2346, 6.0162), (47.2324, 6.0192), (47.2306, 6.0240),
    (47.2294, 6.0282), (47.2272, 6.0262), (47.2250, 6.0170), (47.2236, 6.0040),
    (47.2205, 5.9880), (47.2140, 5.9730), (47.2060, 5.9580), (47.1960, 5.9440),
    (47.1880, 5.9300), (47.1800, 5.9120),
)

# Mont Saint-Étienne, the Citadel's hill: centre and half-axes in degrees.
CITADEL_HILL = (47.2313, 6.0324, 0.0026, 0.0030)

#: Width of every map in SVG user units; the height follows the frame's proportions.
MAP_WIDTH = 600
#: The narrowest width a map is drawn at: a 390 px phone less the page's margins. Text and
#: markers are sized for it, in CSS pixels, then converted to the map's units, so that a label
#: is never under 12 px and a marker never under 24 px on a phone (wider screens show more).
PHONE_WIDTH = 358
LABEL_PX = 13
MARKER_PX = 12.5  # radius: a 25 px target
HIGHLIGHT_PX = 15
#: Characters per line of a label (longer names wrap on two lines, then are cut).
LABEL_WRAP = 18
#: Average advance of a character of Source Sans 3, in ems (bold: a little wider); over-estimated
#: on purpose, so that the collision check errs on the side of space.
CHAR_EM = {"bold": 0.56, "regular": 0.52}
LINE_EM, BOX_EM, ASCENT_EM = 1.2, 1.45, 1.05


@dataclass
class PlacedPoint:
    """A :class:`MapPoint` projected on the map. ``x``/``y``: where the marker is drawn;
    ``anchor_x``/``anchor_y``: the true position (they differ when markers were moved apart)."""

    point: MapPoint
    number: int
    x: float
    y: float
    anchor_x: float
    anchor_y: float
    radius: float
    highlighted: bool = False

    @property
    def label(self) -> str:
        return self.point.label

    @property
    def url(self) -> str:
        return self.point.url

    @property
    def status(self) -> str:
        return self.point.status

    @property
    def planned(self) -> bool:
        return self.point.status == "planned"

    @property
    def moved(self) -> bool:
        return math.hypot(self.x - self.anchor_x, self.y - self.anchor_y) > 0.5

    @property
    def accessible_name(self) -> str:
        details = ", ".join(str(part) for part in (self.point.kind, self.status_label) if part)
        name = f"{self.number}. {self.point.label}"
        return f"{name} — {details}" if details else name

    @property
    def status_label(self) -> str:
        return {"open": _("ouvert"), "planned": _("en projet")}.get(self.point.status, "")


@dataclass
class MapLabel:
    """A name written on the map: a point's (with a leader line when set apart from its marker)
    or a landmark's. ``x``/``y``: the first line's baseline start (``text-anchor: start``);
    ``box``: (left, top, right, bottom), what the collision check keeps free."""

    lines: list[str]
    x: float
    y: float
    box: tuple[float, float, float, float]
    landmark: bool = False
    leader: tuple[float, float, float, float] | None = None

    @property
    def line_ys(self) -> list[tuple[float, str]]:
        height = self.box[3] - self.box[1]
        lines = max(len(self.lines), 1)
        step = (height / (BOX_EM + (lines - 1) * LINE_EM)) * LINE_EM if lines > 1 else 0
        return [(round(self.y + i * step, 1), line) for i, line in enumerate(self.lines)]


@dataclass
class SvgMap:
    """Everything the template needs to draw one map."""

    title: str
    description: str
    map_id: str
    width: int
    height: int
    river_path: str
    hill: tuple[float, float, float, float]  # cx, cy, rx, ry
    points: list[PlacedPoint] = field(default_factory=list)
    landmarks: list[tuple[str, float, float]] = field(default_factory=list)
    bounds: GeoBounds = BESANCON_BOUNDS
    numbered: bool = True
    #: (x, y, length in SVG units, text) of a scale bar in the lower left corner.
    scale_bar: tuple[float, float, float, str] = (0, 0, 0, "")
    #: Names written on the map, placed by :func:`_place_labels`: every point's, then the
    #: landmarks that found room.
    labels: list[MapLabel] = field(default_factory=list)
    font_size: float = 16
    #: Scale of the map's units to CSS pixels at its narrowest (phone) width.
    units_per_px: float = 1.0

    @property
    def halo_width(self) -> float:
        return round(self.units_per_px * 3.5, 1)

    @property
    def compass(self) -> tuple[float, float, float, float]:
        """The north arrow: its x, the y of its foot, its length, the baseline of its « N »."""
        u = self.units_per_px
        return (round(self.width - 20 * u, 1), round(30 * u, 1), round(24 * u, 1), round(46 * u, 1))

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def interactive(self) -> bool:
        return any(placed.url for placed in self.points)

    @property
    def role(self) -> str:
        return "group" if self.interactive else "img"

    @property
    def has_planned(self) -> bool:
        return any(placed.planned for placed in self.points)

    @property
    def has_existing(self) -> bool:
        """Some point is explicitly ``status="open"`` (points without a status get no legend)."""
        return any(placed.status == "open" for placed in self.points)

    @property
    def title_id(self) -> str:
        return f"{self.map_id}-titre"

    @property
    def desc_id(self) -> str:
        return f"{self.map_id}-description"


class _Projection:
    """Equirectangular projection of ``bounds`` onto a ``MAP_WIDTH``-wide box: at a city's
    scale this is indistinguishable from Web Mercator and keeps the code obvious."""

    def __init__(self, bounds: GeoBounds, width: int):
        self.bounds = bounds
        self.scale_x = math.cos(math.radians(bounds.centre_latitude))
        self.units_per_degree = width / ((bounds.east - bounds.west) * self.scale_x)
        self.width = width
        self.height = round((bounds.north - bounds.south) * self.units_per_degree)

    def __call__(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = (longitude - self.bounds.west) * self.scale_x * self.units_per_degree
        y = (self.bounds.north - latitude) * self.units_per_degree
        return x, y


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _smooth_path(coords: Sequence[tuple[float, float]]) -> str:
    """An SVG path through ``coords`` (Catmull-Rom turned into cubic Béziers)."""
    if not coords:
        return ""
    parts = [f"M{_fmt(coords[0][0])} {_fmt(coords[0][1])}"]
    for i in range(len(coords) - 1):
        p0 = coords[i - 1] if i > 0 else coords[i]
        p1, p2 = coords[i], coords[i + 1]
        p3 = coords[i + 2] if i + 2 < len(coords) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{_fmt(c1[0])} {_fmt(c1[1])} {_fmt(c2[0])} {_fmt(c2[1])} {_fmt(p2[0])} {_fmt(p2[1])}"
        )
    return " ".join(parts)


def _spread(placed: list[PlacedPoint], width: int, height: int, gap: float = 3.0) -> None:
    """Move overlapping markers apart, deterministically, keeping them inside the map."""
    for _round in range(200):
        moved = False
        for i, a in enumerate(placed):
            for b in placed[i + 1 :]:
                dx, dy = b.x - a.x, b.y - a.y
                distance = math.hypot(dx, dy)
                needed = a.radius + b.radius + gap
                if distance >= needed:
                    continue
                if distance < 1e-6:  # same spot: split along a fixed, index-dependent angle
                    angle = (b.number * 2.399963) % (2 * math.pi)
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (needed - distance) / 2 + 0.01
                ux, uy = dx / distance, dy / distance
                a.x, a.y = a.x - ux * push, a.y - uy * push
                b.x, b.y = b.x + ux * push, b.y + uy * push
                moved = True
        for p in placed:
            p.x = min(max(p.x, p.radius + 1), width - p.radius - 1)
            p.y = min(max(p.y, p.radius + 1), height - p.radius - 1)
        if not moved:
            return


def _scale_bar(project: _Projection, unit: float = 1.0) -> tuple[float, float, float, str]:
    """A round distance drawn about a fifth of the map's width, in its lower left corner."""
    metres_per_unit = 111_320 / project.units_per_degree  # one degree of latitude ≈ 111.32 km
    target = project.width / 5 * metres_per_unit
    metres = max((d for d in (50, 100, 200, 250, 500, 1000, 2000, 5000) if d <= target), default=50)
    text = f"{metres // 1000} km" if metres >= 1000 else f"{metres} m"
    return (round(12 * unit, 1), round(project.height - 10 * unit, 1), round(metres / metres_per_unit, 1), text)


def _wrap(text: str, width: int = LABEL_WRAP) -> list[str]:
    """A label on one to three lines; a name in brackets (« Cité des Savoirs (nouvelle …) ») keeps
    its part before the bracket, the list beside the map giving the full name."""
    text = text.split(" (")[0].strip() or text
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 3:
        lines = [*lines[:2], " ".join(lines[2:])]
        if len(lines[2]) > width:
            lines[2] = lines[2][: width - 1].rstrip() + "…"
    return lines


def _text_box(lines, font_size, bold):
    width = max(len(line) for line in lines) * font_size * CHAR_EM["bold" if bold else "regular"]
    # A text's box runs from its first line's ascender to its last line's descender: about
    # 1.45 em for one line of Source Sans 3, 1.2 em more for each further line.
    return width, (len(lines) - 1) * font_size * LINE_EM + font_size * BOX_EM


def _overlap(a, b) -> float:
    """Area shared by two boxes (left, top, right, bottom)."""
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def _inside(box, width, height, margin) -> bool:
    return box[0] >= margin and box[1] >= margin and box[2] <= width - margin and box[3] <= height - margin


def _label_at(lines, cx, cy, text_w, text_h, font_size, landmark=False, leader=None) -> MapLabel:
    """A label whose box is centred on (cx, cy)."""
    left, top = cx - text_w / 2, cy - text_h / 2
    return MapLabel(
        lines=lines,
        x=round(left, 1),
        y=round(top + font_size * ASCENT_EM, 1),
        box=(round(left, 1), round(top, 1), round(left + text_w, 1), round(top + text_h, 1)),
        landmark=landmark,
        leader=leader,
    )


def _place_labels(placed, landmarks, width, height, font_size, unit, reserved=()) -> list[MapLabel]:
    """Write every point's name beside its marker and the landmarks where there is room.

    A collision check, greedy and deterministic: each point's label tries positions around its
    marker (right, left, above, below, the corners), then the same farther out with a leader line,
    and takes the first that stays inside the map and overlaps neither a marker nor a label
    written before (or, when the map is too crowded, the one that overlaps least: a point is
    never left unnamed). A landmark is only orientation: it is written at its place, or a line
    above or below it, or not at all.
    """
    pad = 3 * unit
    obstacles = [tuple(box) for box in reserved]
    for p in placed:
        r = p.radius + pad
        obstacles.append((p.x - r, p.y - r, p.x + r, p.y + r))
    labels: list[MapLabel] = []
    for p in sorted(placed, key=lambda q: (not q.highlighted, q.number)):
        lines = _wrap(p.label)
        text_w, text_h = _text_box(lines, font_size, bold=True)
        best, best_cost = None, None
        for ring, distance in enumerate(p.radius + step * unit for step in (4, 26, 52, 80, 110)):
            dx, dy = distance + text_w / 2, distance + text_h / 2
            for ox, oy in ((dx, 0), (-dx, 0), (0, -dy), (0, dy), (dx, -dy), (-dx, -dy), (dx, dy), (-dx, dy)):
                cx, cy = p.x + ox, p.y + oy
                leader = None
                if ring:
                    # From the marker's edge towards the label's nearest edge.
                    length = math.hypot(ox, oy) or 1
                    edge_x = min(max(p.x, cx - text_w / 2), cx + text_w / 2)
                    edge_y = min(max(p.y, cy - text_h / 2), cy + text_h / 2)
                    leader = (
                        round(p.x + ox / length * p.radius, 1),
                        round(p.y + oy / length * p.radius, 1),
                        round(edge_x, 1),
                        round(edge_y, 1),
                    )
                label = _label_at(lines, cx, cy, text_w, text_h, font_size, leader=leader)
                if not _inside(label.box, width, height, 2 * unit):
                    continue
                cost = sum(_overlap(label.box, box) for box in obstacles + [lab.box for lab in labels])
                cost += ring * 0.5  # nearer is better, other things equal
                if best_cost is None or cost < best_cost:
                    best, best_cost = label, cost
                if cost < 1:
                    break
            if best_cost is not None and best_cost < 1:
                break
        if best is None:  # nowhere inside the map: clamp the first position
            cx = min(max(p.x + p.radius + text_w / 2, text_w / 2 + 2), width - text_w / 2 - 2)
            cy = min(max(p.y, text_h / 2 + 2), height - text_h / 2 - 2)
            best = _label_at(lines, cx, cy, text_w, text_h, font_size)
        labels.append(best)
    for name, lx, ly in landmarks:
        lines = _wrap(name)
        text_w, text_h = _text_box(lines, font_size, bold=False)
        for oy in (0, -text_h, text_h):
            label = _label_at(lines, lx, ly + oy, text_w, text_h, font_size, landmark=True)
            if not _inside(label.box, width, height, 2 * unit):
                continue
            if all(_overlap(label.box, box) == 0 for box in obstacles + [lab.box for lab in labels]):
                labels.append(label)
                break
    return labels


def _visible_course(
    course: Sequence[tuple[float, float]], bounds: GeoBounds
) -> list[tuple[float, float]]:
    """The stretch of ``course`` that crosses ``bounds``, with one point beyond each end so the
    line leaves the frame instead of stopping short."""
    inside = [i for i, (lat, lon) in enumerate(course) if bounds.contains(lat, lon)]
    if not inside:
        return []
    return list(course[max(inside[0] - 1, 0) : inside[-1] + 2])


def build_map(
    points: Iterable[MapPoint],
    *,
    title: str,
    description: str,
    bounds: GeoBounds = BESANCON_BOUNDS,
    highlight: MapPoint | int | None = None,
    landmarks: Iterable[Landmark] | None = None,
    map_id: str | None = None,
    numbered: bool = True,
    width: int = MAP_WIDTH,
) -> SvgMap:
    """Project ``points`` onto a schematic plan of Besançon framed by ``bounds``.

    Raises :class:`PointOutsideBoundsError` for a point outside ``bounds`` and ``ValueError``
    for a coordinate that is not a number. Points are numbered from 1 in the given order
    (``numbered=False`` hides the numbers, for a map of a single place).
    ``map_id`` (default: from the title) must be unique on a page: it prefixes SVG ids.
    """
    points = list(points)
    project = _Projection(bounds, width)
    unit = width / PHONE_WIDTH  # map units per CSS pixel on a phone
    marker_radius = round(MARKER_PX * unit, 1)
    highlight_radius = round(HIGHLIGHT_PX * unit, 1)
    font_size = round(LABEL_PX * unit, 1)
    placed: list[PlacedPoint] = []
    for index, point in enumerate(points):
        lat, lon = to_degrees(point.latitude), to_degrees(point.longitude)
        if not bounds.contains(lat, lon):
            raise PointOutsideBoundsError(
                f"{point.label!r} ({lat}, {lon}) is outside the map "
                f"({bounds.south}–{bounds.north} N, {bounds.west}–{bounds.east} E)"
            )
        is_highlight = highlight is not None and (
            highlight == index if isinstance(highlight, int) else highlight == point
        )
        x, y = project(lat, lon)
        placed.append(
            PlacedPoint(
                point=point,
                number=point.number if point.number is not None else index + 1,
                x=x,
                y=y,
                anchor_x=x,
                anchor_y=y,
                radius=highlight_radius if is_highlight else marker_radius,
                highlighted=is_highlight,
            )
        )
    _spread(placed, project.width, project.height)
    for p in placed:
        p.x, p.y = round(p.x, 1), round(p.y, 1)
        p.anchor_x, p.anchor_y = round(p.anchor_x, 1), round(p.anchor_y, 1)

    river = _smooth_path([project(lat, lon) for lat, lon in _visible_course(DOUBS_COURSE, bounds)])
    hill_lat, hill_lon, half_lat, half_lon = CITADEL_HILL
    cx, cy = project(hill_lat, hill_lon)
    rx = half_lon * project.scale_x * project.units_per_degree
    ry = half_lat * project.units_per_degree

    names = []
    for landmark in DEFAULT_LANDMARKS if landmarks is None else landmarks:
        if bounds.contains(landmark.latitude, landmark.longitude):
            lx, ly = project(to_degrees(landmark.latitude), to_degrees(landmark.longitude))
            names.append((str(landmark.label), round(lx, 1), round(ly, 1)))
    scale_bar = _scale_bar(project, unit)
    # The scale bar (lower left) and the north arrow (upper right) keep their corners.
    reserved = [
        (0, scale_bar[1] - font_size * 1.6, scale_bar[0] + max(scale_bar[2], 4 * font_size) + 4 * unit, project.height),
        (project.width - 36 * unit, 0, project.width, 60 * unit),
    ]
    labels = _place_labels(placed, names, project.width, project.height, font_size, unit, reserved)

    return SvgMap(
        title=str(title),
        description=str(description),
        map_id=map_id or f"carte-{slugify(str(title))[:40] or 'besancon'}",
        width=project.width,
        height=project.height,
        river_path=river,
        hill=(round(cx, 1), round(cy, 1), round(rx, 1), round(ry, 1)),
        points=placed,
        landmarks=[(" ".join(label.lines), label.x, label.y) for label in labels if label.landmark],
        bounds=bounds,
        numbered=numbered,
        scale_bar=scale_bar,
        labels=labels,
        font_size=font_size,
        units_per_px=round(unit, 3),
    )
