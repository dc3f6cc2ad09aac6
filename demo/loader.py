"""The demo-content loader shared by every app's ``demo_content`` module.

An app's ``demo_content.load(loader)`` reads its YAML with ``loader.read_data(app_label,
filename)`` and builds its pages with ``loader.upsert_page``; a section creates its own index
page under ``loader.home``. Running the command again changes only what the data files changed
and never duplicates anything: pages are found by their slug under their parent.
"""

import importlib
import json
from pathlib import Path

import yaml
from django.apps import apps
from django.db import transaction
from wagtail.blocks import StreamValue

from home.blocks import paragraphs_to_body
from home.editorial import ensure_editorial_setup
from translation.trees import ensure_locales, ensure_synchronised_trees

from . import translations

#: libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _without_ids(data):
    """StreamField data without its block ids, which are new random ones on every load."""
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    return data


def _comparable(value):
    """A value in a form that compares equal across loads (StreamField block ids dropped)."""
    if isinstance(value, StreamValue):
        raw = value.stream_block.get_prep_value(value)
        return json.dumps(_without_ids(raw), sort_keys=True, default=str)
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], tuple):
        return None  # raw stream data: compared after assignment
    return value


class DemoLoader:
    """What the apps' loaders share: data files, idempotent pages, the counts they report."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0
        self.updated = 0
        self.locale = None
        self.home = None

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def read_data(self, app_label, filename):
        path = Path(apps.get_app_config(app_label).path) / "demo_data" / filename
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SafeLoader)

    def find_child(self, parent, slug):
        child = parent.get_children().filter(slug=slug).first()
        return child.specific if child else None

    def upsert_page(self, parent, model, slug, **fields):
        """Create the page ``slug`` under ``parent``, or update it if its data changed.

        Each creation or change is saved as a published revision, as an editor's would be.
        Returns the page (specific instance).
        """
        page = self.find_child(parent, slug)
        if page is None:
            page = model(slug=slug, locale=parent.locale, **fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1
            return page
        if not isinstance(page, model):
            raise TypeError(f"{page.url_path} is a {type(page).__name__}, expected {model.__name__}")
        if self.assign(page, **fields) or not page.live:
            page.save_revision().publish()
            self.updated += 1
        return page

    @staticmethod
    def assign(obj, **fields):
        """Set ``fields`` on ``obj``; True if a value changed (StreamField block ids aside, so
        that loading the same data again changes nothing, not even a translation source)."""
        changed = False
        for name, value in fields.items():
            before = _comparable(getattr(obj, name))
            setattr(obj, name, value)
            if _comparable(getattr(obj, name)) != before:
                changed = True
        return changed

    def upsert_section_index(self, model, data):
        """A section's index page under the home page, shown in the menus (``data``: its
        ``slug``, ``title``, ``summary`` and optional ``body`` paragraphs)."""
        if self.home is None:
            raise RuntimeError("The home page must be loaded before the sections.")
        return self.upsert_page(
            self.home,
            model,
            data["slug"],
            title=data["title"],
            summary=data["summary"],
            body=paragraphs_to_body(data.get("body")),
            show_in_menus=True,
        )

    def publish(self, page):
        """Publish a page whose relations (inline panels) were changed by an app's loader."""
        page.save_revision().publish()
        self.updated += 1


def demo_modules(app_labels=None):
    """The ``demo_content`` module of each installed app (or of ``app_labels``), in order."""
    modules = []
    for config in apps.get_app_configs():
        if app_labels is not None and config.label not in app_labels:
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.demo_content"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo_content":
                raise
    return modules


@transaction.atomic
def load_all(stdout=None, app_labels=None):
    loader = DemoLoader(stdout)
    loader.locale = ensure_locales()
    modules = demo_modules(app_labels)
    for module in modules:
        loader.log(f"Chargement du contenu de démonstration : {module.__name__.split('.')[0]}")
        module.load(loader)
    for module in modules:
        if hasattr(module, "finish"):
            module.finish(loader)
    ensure_synchronised_trees()
    ensure_editorial_setup()  # after the trees: « Traduction » is given the translated ones
    for code, coverage in translations.translate().items():
        loader.log(
            f"Traduction {code} : {coverage.translated} objet(s) traduit(s), {len(coverage.changed)} mis à jour, "
            f"{len(coverage.incomplete)} incomplet(s)"
        )
        for obj, missing in coverage.incomplete:
            loader.log(f"  {obj} : {missing} chaîne(s) sans traduction ({code}) : laissé tel quel")
    reindex_pages()
    return loader


def reindex_pages():
    """Index every live page again: the loaders add a page's relations (its figures, themes,
    quartiers) after its first publication, which indexed it without them."""
    from wagtail.models import Page
    from wagtail.search import index

    for page in Page.objects.live().specific().iterator():
        index.insert_or_update_object(page)
