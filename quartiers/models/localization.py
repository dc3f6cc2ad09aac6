"""Helpers that swap translatable snippets and pages for their translation in the active language."""

from home.locales import active_locale_id


def localized_all(objects):
    """The translations of translatable ``objects`` in the active language, in one query.

    An object not translated yet stays in its own language. ``objects`` share one model.
    """
    objects = list(objects)
    locale_id = active_locale_id()
    missing = [obj.translation_key for obj in objects if obj.locale_id != locale_id]
    if not missing:
        return objects
    model = type(objects[0])
    translations = {
        obj.translation_key: obj
        for obj in model.objects.filter(translation_key__in=missing, locale_id=locale_id)
    }
    return [translations.get(obj.translation_key, obj) for obj in objects]


def localized_pages(pages):
    """Pages in the active language where a live translation exists, in one query."""
    if not pages:
        return []
    from wagtail.models import Page

    locale_id = active_locale_id()
    keys = [page.translation_key for page in pages if page.locale_id != locale_id]
    if not keys:
        return pages
    translations = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale_id=locale_id).live().specific()
    }
    return [translations.get(page.translation_key, page) for page in pages]
