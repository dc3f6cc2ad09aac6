"""Translating pages in tests the way the communications team does, through wagtail-localize.

The English and German trees hold a synchronised copy (an alias) of every French page: a
translation replaces that copy, it is never a second page beside it.
"""

from wagtail.models import Locale
from wagtail_localize.models import TranslationSource
from wagtail_localize.synctree import create_aliases_for_new_page


def add_french_page(parent, page):
    """Publish a new French page under ``parent`` and give it its copies in the other trees, as
    creating it in the admin does (wagtail-localize's ``after_create_page`` hook)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    return page


def translate(obj, language_code, publish=True, **fields):
    """``obj`` (a page or a snippet) translated into ``language_code`` with wagtail-localize,
    the French text kept where ``fields`` gives no translation; published unless ``publish`` is
    False (the translation then waits as a draft)."""
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.update_or_create_from_instance(obj)
    translated, _created = source.create_or_update_translation(
        locale, publish=False, fallback=True, copy_parent_pages=True
    )
    for name, value in fields.items():
        setattr(translated, name, value)
    if hasattr(translated, "save_revision"):
        revision = translated.save_revision()
        if publish:
            revision.publish()
    else:
        translated.save()
    return translated
