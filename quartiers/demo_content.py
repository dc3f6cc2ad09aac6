"""Demo content of the quartiers section, from ``quartiers/demo_data/quartiers.yaml``.

Called by ``manage.py load_demo_content`` (see ``demo/loader.py``) after the home page exists;
creates the quartiers index. Builds the « socle commun » snippet, the social centres, and one
page per quartier with its portrait figures. Idempotent: snippets are found by their name,
pages by their slug, and a page gets a new revision only when its data changed.
"""

import re
from decimal import Decimal

from home.blocks import paragraphs_to_body

from .models import Indicator, QuartierIndexPage, QuartierPage, QuartierSocialCentre, SharedObjectives, SocialCentre

INDICATOR_FIELDS = ("theme", "code", "label", "value", "unit", "besancon_value", "gbm_value", "source", "year", "note")


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _normalised(value):
    """Compare Decimals by value (``5.70`` from the database equals ``5.7`` from YAML)."""
    return value.normalize() if isinstance(value, Decimal) else value


def first_sentence(text):
    match = re.match(r"(.+?[.!?])(\s|$)", " ".join(text.split()))
    return match.group(1) if match else text


def _shared_objectives_axes(axes):
    return [
        (
            "axis",
            {
                "title": axis["title"],
                "objectives": [
                    {"title": objective["title"], "actions": list(objective.get("actions") or [])}
                    for objective in axis["objectives"]
                ],
            },
        )
        for axis in axes
    ]


def load_shared_objectives(loader, data):
    objectives = SharedObjectives.objects.filter(locale=loader.locale).order_by("pk").first()
    if objectives is None:
        objectives = SharedObjectives(locale=loader.locale)
    changed = loader.assign(
        objectives,
        title=data["title"],
        introduction=" ".join(data["introduction"].split()),
        axes=_shared_objectives_axes(data["axes"]),
    )
    if changed or objectives.pk is None:
        objectives.save()
    return objectives


def load_social_centres(loader, data):
    """The social centres, and for each quartier slug the centres that serve it."""
    by_quartier = {}
    for item in data:
        centre = SocialCentre.objects.filter(locale=loader.locale, name=item["name"]).first()
        if centre is None:
            centre = SocialCentre(locale=loader.locale, name=item["name"])
        if centre.kind != item["kind"] or centre.pk is None:
            centre.kind = item["kind"]
            centre.save()
        for slug in item["quartiers"]:
            by_quartier.setdefault(slug, []).append(centre)
    return by_quartier


def _priorities_data(stream):
    return [
        (block.block_type, {"title": block.value["title"], "priorities": list(block.value["priorities"])})
        for block in stream
    ]


def _indicator_values(item):
    return {
        "theme": item["theme"],
        "code": item["code"],
        "label": item["label"],
        "value": _decimal(item["value"]),
        "unit": item.get("unit", ""),
        "besancon_value": _decimal(item.get("besancon")),
        "gbm_value": _decimal(item.get("gbm")),
        "source": item["source"],
        "year": str(item["year"]),
        "note": item.get("note", ""),
    }


def _sync_relations(loader, page, indicators, centres):
    """Replace the page's indicators and social-centre links when they differ from the data."""
    current = [
        tuple(_normalised(getattr(indicator, name)) for name in INDICATOR_FIELDS)
        for indicator in page.indicators.order_by("sort_order", "pk")
    ]
    wanted = [tuple(_normalised(values[name]) for name in INDICATOR_FIELDS) for values in indicators]
    current_centres = [link.social_centre_id for link in page.social_centre_links.order_by("sort_order", "pk")]
    wanted_centres = [centre.pk for centre in centres]
    if current == wanted and current_centres == wanted_centres:
        return
    # An explicit sort order: without it PostgreSQL returns the rows in any order.
    page.indicators = [
        Indicator(locale=page.locale, sort_order=position, **values) for position, values in enumerate(indicators)
    ]
    page.social_centre_links = [
        QuartierSocialCentre(social_centre=centre, sort_order=position) for position, centre in enumerate(centres)
    ]
    loader.publish(page)


def load(loader):
    data = loader.read_data("quartiers", "quartiers.yaml")
    index = loader.upsert_section_index(QuartierIndexPage, data["index"])
    objectives = load_shared_objectives(loader, data["socle_commun"])
    centres_by_quartier = load_social_centres(loader, data["social_centres"])

    for item in data["quartiers"]:
        project = item.get("project") or {}
        fields = {
            "title": item["name"],
            "summary": first_sentence(item["presentation"]),
            "body": paragraphs_to_body([" ".join(item["presentation"].split())]),
            "kind": item["kind"],
            "commune": item["commune"],
            "latitude": _decimal(item.get("latitude")),
            "longitude": _decimal(item.get("longitude")),
            "project_title": project.get("title", ""),
            "project_introduction": " ".join(project.get("introduction", "").split()),
            "shared_objectives": objectives,
        }
        priorities = [
            ("group", {"title": group["title"], "priorities": list(group["priorities"])})
            for group in project.get("groups", [])
        ]
        existing = loader.find_child(index, item["slug"])
        # List items carry random block ids: compare the texts, not the stored JSON.
        if existing is None or _priorities_data(existing.priorities) != priorities:
            fields["priorities"] = priorities
        page = loader.upsert_page(index, QuartierPage, item["slug"], **fields)
        _sync_relations(
            loader,
            page,
            [_indicator_values(indicator) for indicator in item.get("indicators", [])],
            centres_by_quartier.get(item["slug"], []),
        )
