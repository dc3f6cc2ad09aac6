"""Demo content of what the whole site shares: the home page, the site and its settings, the
standard pages, the question form and, once the sections have created their index pages, the
menus and the order of the home page's children. Data: ``home/demo_data/site.yaml``.
"""

from wagtail.models import Page, Site

from home.blocks import paragraphs_to_body
from home.models import ContactFormField, ContactPage, HomePage, SiteSettings, SiteTexts, StandardPage
from home.site_address import apply_to

#: The site settings the demo fills (``site.yaml``, ``settings``).
PUBLISHER_FIELDS = ["publisher", "publication_director", "host_name", "host_address", "contact_email", "postal_address"]


def load(loader):
    data = loader.read_data("home", "site.yaml")
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
    apply_to(site)  # in production, the public address of WAGTAILADMIN_BASE_URL
    site.site_name = data["site"]["name"]
    site.root_page = loader.home
    site.save()
    # Wagtail's placeholder « Welcome » page, created by its first migration.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()

    site_settings = SiteSettings.for_site(site)
    for name in PUBLISHER_FIELDS:
        setattr(site_settings, name, data["settings"][name])
    site_settings.save()


def finish(loader):
    """After the sections: standard pages, the question form, the order of the home page's
    children (the sections first, in ``section_order``) and the menus."""
    data = loader.read_data("home", "site.yaml")
    _order_sections(loader.home, data["section_order"])

    for page_data in data["standard_pages"]:
        loader.upsert_page(
            loader.home,
            StandardPage,
            page_data["slug"],
            title=page_data["title"],
            summary=page_data.get("summary", ""),
            body=paragraphs_to_body(page_data["body"]),
            show_publisher=page_data.get("show_publisher", False),
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
        contact.form_fields = [ContactFormField(locale=contact.locale, **field) for field in contact_data["fields"]]
        loader.publish(contact)

    # The accessibility statement's status (« non conforme »: no full audit yet), shown in every
    # page's footer with a link to the statement.
    site_settings = SiteSettings.for_site(loader.home.get_site())
    statement = loader.find_child(loader.home, data["settings"]["accessibility_statement"])
    if loader.assign(
        site_settings,
        accessibility_status=data["settings"]["accessibility_status"],
        accessibility_statement=statement,
    ):
        site_settings.save()

    texts = SiteTexts.objects.filter(locale=loader.locale).order_by("pk").first() or SiteTexts(locale=loader.locale)
    menus = {
        menu: [
            ("link", {"page": loader.find_child(loader.home, slug), "url": "", "text": ""})
            for slug in data["navigation"][menu]
        ]
        for menu in ("main_menu", "footer_menu")
    }
    if loader.assign(texts, footer_text=" ".join(data["settings"]["footer_text"].split()), **menus) or not texts.live:
        texts.save()
        texts.save_revision().publish()


def _order_sections(home, slugs):
    """Put the pages ``slugs`` first under ``home``, in that order (a no-op once they are)."""
    current = [page for page in home.get_children().order_by("path") if page.slug in slugs]
    by_slug = {page.slug: page for page in current}
    wanted = [by_slug[slug] for slug in slugs if slug in by_slug]
    if current == wanted:
        return
    for page in reversed(wanted):
        page.refresh_from_db()
        page.move(home, pos="first-child")
    home.refresh_from_db()
