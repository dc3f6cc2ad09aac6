"""Demo content: the whole site built from data files kept in each app.

``manage.py load_demo_content`` calls ``load(loader)`` in the ``demo_content`` module of each
app of ``DEMO_APPS``, in that order (programme comes last: it links to quartiers and places).
An app's ``load`` reads its YAML with ``loader.read_data(app_label, filename)`` and builds its
pages with ``loader.upsert_page``. Running the command again changes only what the data files
changed, and never duplicates anything: pages are found by their slug under their parent.
"""

import importlib
import json
from pathlib import Path

import yaml
from django.apps import apps
from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, Site

from home.editorial import ensure_editorial_setup

DEMO_APPS = ["home", "quartiers", "culture", "programme"]
LANGUAGE_CODES = ["fr", "en", "de"]


def paragraphs_to_body(paragraphs):
    """Turn a list of plain paragraphs (or ``{type: value}`` dicts) into StreamField data."""
    body = []
    for item in paragraphs or []:
        if isinstance(item, str):
            body.append(("paragraph", f"<p>{item}</p>"))
        else:
            ((block_type, value),) = item.items()
            if block_type == "paragraph" and not str(value).lstrip().startswith("<"):
                value = f"<p>{value}</p>"
            body.append((block_type, value))
    return body


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
    """Shared helpers for the apps' demo-content loaders."""

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
            return yaml.safe_load(handle)

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
        changed = False
        for name, value in fields.items():
            before = _comparable(getattr(page, name))
            setattr(page, name, value)
            if _comparable(getattr(page, name)) != before:
                changed = True
        if changed or not page.live:
            page.save_revision().publish()
            self.updated += 1
        return page

    def publish(self, page):
        """Publish a page whose relations (inline panels) were changed by an app's loader."""
        page.save_revision().publish()
        self.updated += 1


def ensure_locales():
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code="fr")


@transaction.atomic
def load_all(stdout=None, app_labels=None):
    loader = DemoLoader(stdout)
    for app_label in app_labels or DEMO_APPS:
        try:
            module = importlib.import_module(f"{app_label}.demo_content")
        except ModuleNotFoundError as error:
            if error.name != f"{app_label}.demo_content":
                raise
            continue
        loader.log(f"Chargement du contenu de démonstration : {app_label}")
        module.load(loader)
    return loader


def load(loader):
    """The site itself: locales, home page, section indexes, standard pages, news, settings."""
    from home.models import ArticlePage, HomePage, NavigationSettings, NewsIndexPage, SiteSettings
    from home.models import ContactFormField, ContactPage, StandardPage

    data = loader.read_data("home", "site.yaml")
    loader.locale = ensure_locales()
    ensure_editorial_setup()
    root = Page.get_first_root_node()

    home_data = data["home"]
    loader.home = loader.upsert_page(
        root,
        HomePage,
        home_data["slug"],
        title=home_data["title"],
        summary=home_data["summary"],
        body=paragraphs_to_body(home_data["body"]),
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname = data["site"]["hostname"]
    site.port = data["site"]["port"]
    site.site_name = data["site"]["name"]
    site.root_page = loader.home
    site.save()
    # Wagtail's placeholder « Welcome » page, created by its first migration.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()

    section_models = {
        "programme": "programme.ProgrammeIndexPage",
        "quartiers": "quartiers.QuartierIndexPage",
        "culture": "culture.CultureIndexPage",
        "news": "home.NewsIndexPage",
    }
    for key, model_label in section_models.items():
        section = data["sections"][key]
        model = apps.get_model(model_label)
        loader.upsert_page(
            loader.home,
            model,
            section["slug"],
            title=section["title"],
            summary=section["summary"],
            body=paragraphs_to_body(section.get("body")),
            show_in_menus=True,
        )

    for page_data in data["standard_pages"]:
        loader.upsert_page(
            loader.home,
            StandardPage,
            page_data["slug"],
            title=page_data["title"],
            summary=page_data.get("summary", ""),
            body=paragraphs_to_body(page_data["body"]),
        )

    contact_data = data["contact"]
    contact = loader.upsert_page(
        loader.home,
        ContactPage,
        contact_data["slug"],
        title=contact_data["title"],
        summary=contact_data["summary"],
        thank_you_text=contact_data["thank_you_text"],
        to_address=contact_data["to_address"],
        subject=contact_data["subject"],
    )
    if not contact.form_fields.exists():
        contact.form_fields = [ContactFormField(**field) for field in contact_data["fields"]]
        loader.publish(contact)

    news_index = loader.find_child(loader.home, data["sections"]["news"]["slug"])
    assert isinstance(news_index, NewsIndexPage)
    for article in data["articles"]:
        loader.upsert_page(
            news_index,
            ArticlePage,
            article["slug"],
            title=article["title"],
            date=article["date"],
            source_name=article.get("source_name", ""),
            summary=article["summary"],
            body=paragraphs_to_body(article["body"]),
        )

    site_settings = SiteSettings.for_site(site)
    site_settings.contact_email = data["settings"]["contact_email"]
    site_settings.postal_address = data["settings"]["postal_address"]
    site_settings.footer_text = data["settings"]["footer_text"]
    site_settings.save()

    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [
        ("link", {"page": loader.find_child(loader.home, slug), "url": "", "text": ""})
        for slug in data["navigation"]["main_menu"]
    ]
    navigation.footer_menu = [
        ("link", {"page": loader.find_child(loader.home, slug), "url": "", "text": ""})
        for slug in data["navigation"]["footer_menu"]
    ]
    navigation.save()
