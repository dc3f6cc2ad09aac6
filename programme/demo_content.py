"""Demo content of the programme, from ``programme/demo_data/programme.yaml``.

Called by ``manage.py load_demo_content`` after the home, quartiers and culture loaders. Builds
the themes, the two axes under ``/fr/programme/``, every proposal and every open question, with
their relations. Idempotent: themes are found by slug, proposals by their permanent reference (or
slug), questions by slug; a page is published again only when its data changed, and a new page
is published once, with all its relations (so its public history starts with one version).
Quartier and cultural-place slugs that have no page yet are skipped and linked on a later run.
"""

import json

from wagtail.blocks import StreamValue
from wagtail.models import Locale

from culture.models import CulturalPlacePage
from home.blocks import paragraphs_to_body
from quartiers.models import QuartierPage

from .models import (
    AxisPage,
    ProgrammeIndexPage,
    ProposalPage,
    ProposalPlace,
    ProposalQuartier,
    ProposalTheme,
    QuestionPage,
    QuestionPlace,
    QuestionQuartier,
    QuestionTheme,
    RelatedProposal,
    Theme,
)


def _stream_data(page, name):
    value = getattr(page, name)
    if isinstance(value, StreamValue):
        raw = value.stream_block.get_prep_value(value)
        return json.dumps([(block["type"], block["value"]) for block in raw], sort_keys=True, default=str)
    return value


def _apply_fields(page, fields):
    """Set ``fields`` on ``page``; True if anything changed."""
    changed = False
    for name, value in fields.items():
        before = _stream_data(page, name)
        setattr(page, name, value)
        if _stream_data(page, name) != before:
            changed = True
    return changed


def _apply_relations(page, relations):
    """Replace relation rows when their targets differ; True if anything changed.

    ``relations``: relation name → (row model, target attribute, list of target objects).
    """
    changed = False
    for name, (row_model, attribute, targets) in relations.items():
        current = [getattr(row, f"{attribute}_id") for row in getattr(page, name).all()]
        wanted = []
        for target in targets:
            if target.pk not in wanted:
                wanted.append(target.pk)
        if current != wanted:
            setattr(page, name, [row_model(**{f"{attribute}_id": pk, "sort_order": i}) for i, pk in enumerate(wanted)])
            changed = True
    return changed


def _load_themes(loader, data, locale):
    themes = {}
    for item in data:
        theme = Theme.objects.filter(slug=item["slug"], locale=locale).first()
        fields = {"name": item["name"], "description": item.get("description", "")}
        if theme is None:
            theme = Theme.objects.create(slug=item["slug"], locale=locale, **fields)
        elif any(getattr(theme, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(theme, key, value)
            theme.save()
        themes[item["slug"]] = theme
    return themes


def _pick(mapping, slugs, kind, missing):
    found = []
    for slug in slugs or []:
        if slug in mapping:
            found.append(mapping[slug])
        else:
            missing.add(f"{kind}:{slug}")
    return found


def load(loader):
    data = loader.read_data("programme", "programme.yaml")
    locale = loader.locale or Locale.get_default()
    index = loader.upsert_section_index(ProgrammeIndexPage, data["index"])

    themes = _load_themes(loader, data["themes"], locale)
    quartiers = {page.slug: page for page in QuartierPage.objects.filter(locale=locale)}
    places = {page.slug: page for page in CulturalPlacePage.objects.filter(locale=locale)}
    missing = set()

    # (page, is_new, changed, related references) for the second pass.
    pending = []
    by_reference = {}

    for axis_data in data["axes"]:
        axis = loader.upsert_page(
            index,
            AxisPage,
            axis_data["slug"],
            title=axis_data["title"],
            summary=axis_data.get("summary", ""),
            body=paragraphs_to_body(axis_data.get("introduction")),
        )

        for item in axis_data.get("proposals") or []:
            fields = {
                "title": item["title"],
                "summary": item["summary"],
                "body": paragraphs_to_body(item["body"]),
                "flagship": bool(item.get("flagship")),
            }
            relations = {
                "theme_links": (ProposalTheme, "theme", _pick(themes, item.get("themes"), "thème", missing)),
                "quartier_links": (
                    ProposalQuartier,
                    "quartier",
                    _pick(quartiers, item.get("quartiers"), "quartier", missing),
                ),
                "place_links": (ProposalPlace, "place", _pick(places, item.get("places"), "lieu", missing)),
            }
            page = ProposalPage.objects.filter(locale=locale, reference=item["reference"]).first()
            if page is None:
                page = loader.find_child(axis, item["slug"])
            if page is None:
                page = ProposalPage(slug=item["slug"], locale=locale, reference=item["reference"], live=False, **fields)
                _apply_relations(page, relations)
                axis.add_child(instance=page)
                if page.reference != item["reference"]:
                    loader.log(f"  {item['reference']} déjà prise : la proposition reçoit {page.reference}")
                pending.append((page, True, True, item.get("related") or []))
            else:
                changed = _apply_fields(page, fields)
                changed = _apply_relations(page, relations) or changed
                pending.append((page, False, changed, item.get("related") or []))
            by_reference[item["reference"]] = page

        for item in axis_data.get("questions") or []:
            fields = {
                "title": item["title"],
                "summary": item["summary"],
                "lines_of_thought": [("line", line) for line in item.get("lines_of_thought") or []],
            }
            relations = {
                "theme_links": (QuestionTheme, "theme", _pick(themes, item.get("themes"), "thème", missing)),
                "quartier_links": (
                    QuestionQuartier,
                    "quartier",
                    _pick(quartiers, item.get("quartiers"), "quartier", missing),
                ),
                "place_links": (QuestionPlace, "place", _pick(places, item.get("places"), "lieu", missing)),
            }
            page = loader.find_child(axis, item["slug"])
            if page is None:
                page = QuestionPage(slug=item["slug"], locale=locale, live=False, **fields)
                _apply_relations(page, relations)
                axis.add_child(instance=page)
                pending.append((page, True, True, None))
            else:
                changed = _apply_fields(page, fields)
                changed = _apply_relations(page, relations) or changed
                pending.append((page, False, changed, None))

    for page, is_new, changed, related in pending:
        if related is not None:
            targets = [by_reference[ref] for ref in related if ref in by_reference]
            changed = _apply_relations(page, {"related_links": (RelatedProposal, "target", targets)}) or changed
        if is_new:
            page.save_revision().publish()
            loader.created += 1
        elif changed or not page.live:
            page.save_revision().publish()
            loader.updated += 1

    if missing:
        loader.log("  pas encore de page pour : " + ", ".join(sorted(missing)) + " (lien fait au prochain chargement)")
