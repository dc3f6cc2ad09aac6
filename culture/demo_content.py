"""Demo content of the culture section: the places of ``demo_data/culture.yaml``.

Called by ``manage.py load_demo_content`` (see ``demo.loader``) after the home page exists, and
before the programme, whose proposals link to these places.
Idempotent: places are found again by their slug; a second run publishes only what changed.
"""

from decimal import Decimal

from home.blocks import paragraphs_to_body

from .models import CulturalPlacePage, CultureIndexPage

COORDINATE_PLACES = Decimal("0.000001")


def _rich_text(text):
    text = " ".join((text or "").split())
    return f"<p>{text}</p>" if text else ""


def _degrees(value):
    """YAML floats as the Decimal the database gives back, so reloading changes nothing."""
    return Decimal(str(value)).quantize(COORDINATE_PLACES)


def place_fields(data):
    """The ``CulturalPlacePage`` fields of one place of the YAML file."""
    return {
        "title": data["name"],
        "kind": data["kind"],
        "status": data["status"],
        "status_detail": data.get("status_detail", ""),
        "summary": " ".join(data["summary"].split()),
        "body": paragraphs_to_body(data["presentation"]),
        "address": data["address"],
        "latitude": _degrees(data["latitude"]),
        "longitude": _degrees(data["longitude"]),
        "coordinates_approximate": bool(data.get("coordinates_approximate", False)),
        "access": _rich_text(data.get("access")),
        "step_free_access": data.get("step_free_access", "unknown"),
        "accessibility": _rich_text(data.get("accessibility")),
        "opening_hours": (data.get("opening_hours") or "").strip(),
        "website": data.get("website", ""),
    }


def load(loader):
    data = loader.read_data("culture", "culture.yaml")
    index = loader.upsert_section_index(CultureIndexPage, data["index"])
    for place in data["places"]:
        fields = place_fields(place)
        validate(CulturalPlacePage, fields)
        loader.upsert_page(index, CulturalPlacePage, place["slug"], **fields)


def validate(model, fields):
    """Check the typed fields as the admin form would (choices, coordinates inside the city):
    the demo data obeys the same rules as an editor. Raises ``ValidationError``."""
    for name in ("kind", "status", "step_free_access", "latitude", "longitude", "website"):
        field = model._meta.get_field(name)
        field.clean(fields[name], None)
