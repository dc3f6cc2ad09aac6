"""One tree of pages per language, kept in sync with the French one by wagtail-localize.

Each non-source locale has a ``LocaleSynchronization`` from the source locale: wagtail-localize
then gives every French page an alias in that locale's tree (a synchronised copy, marked as not
translated, updated on each publication of the French page), creates one for each French page
added in the admin, and moves them with it. Translating a page turns its alias into a real
translation.
"""

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


def ensure_locales():
    """Every language of ``LANGUAGES`` has its Locale; returns the source (French) one."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def synchronised_locales():
    """The locales whose tree follows the source one (English, German)."""
    source = ensure_locales()
    return list(Locale.objects.exclude(pk=source.pk).order_by("language_code"))


def ensure_synchronised_trees():
    """Every other locale synchronised from French, and its tree complete now.

    Pages created outside the admin (the demo loader, a script) get no alias from
    wagtail-localize's ``after_create_page`` hook: running the synchronisation again fills the
    gaps. Safe to run again. Returns ``{language code: pages in that tree}``.
    """
    source = ensure_locales()
    counts = {}
    for locale in synchronised_locales():
        # Saving a new synchronisation runs it (wagtail-localize's post_save receiver); an
        # existing one is run again for the pages added since.
        _sync, created = LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        if not created:
            synchronize_tree(source, locale)
        counts[locale.language_code] = Page.objects.filter(locale=locale).count()
    return counts
