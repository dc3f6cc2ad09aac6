"""Resolving translatable objects (pages, snippets) to the reader's language, in one query.

wagtail-localize copies a page's relation rows into each translation unchanged, so an English
proposal still links to the French theme or quartier page, and the menus point at French pages.
These helpers find the version of each object in the wanted locale, falling back to the object
itself or to the default (source) locale when it has not been translated yet.
"""

from wagtail.models import Locale

from home.locales import active_locale_id


def default_locale():
    return Locale.get_default()


def by_translation_key(queryset, locale, keys=None, fallback=None):
    """Map ``translation_key`` → the object of ``queryset`` in ``locale``, else in ``fallback``.

    ``fallback`` defaults to the default locale. One query.
    """
    fallback = fallback or default_locale()
    rows = queryset.filter(locale_id__in={locale.pk, fallback.pk})
    if keys is not None:
        keys = set(keys)
        if not keys:
            return {}
        rows = rows.filter(translation_key__in=keys)
    result = {}
    for obj in rows:
        if obj.locale_id == locale.pk or obj.translation_key not in result:
            result[obj.translation_key] = obj
    return result


def localize_list(objects, queryset, locale, fallback=None):
    """``objects`` (with translation keys), each replaced by its version in ``locale``.

    Objects that ``queryset`` does not hold in ``locale`` nor in the fallback locale (a page
    that is not live any more, for instance) are left out. Order and uniqueness are kept.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return []
    mapping = by_translation_key(queryset, locale, {obj.translation_key for obj in objects}, fallback)
    result, seen = [], set()
    for obj in objects:
        found = mapping.get(obj.translation_key)
        if found is not None and found.translation_key not in seen:
            seen.add(found.translation_key)
            result.append(found)
    return result



def localized(objects, queryset, locale_id=None):
    """``objects``, each swapped for its version in ``queryset`` in the active language.

    An object with no such version (not translated yet, or not live when ``queryset`` holds live
    pages only) stays as it is. Order is kept. One query, none when all are in that language.
    """
    objects = list(objects)
    locale_id = locale_id or active_locale_id()
    keys = {obj.translation_key for obj in objects if obj.locale_id != locale_id}
    if not keys:
        return objects
    found = {obj.translation_key: obj for obj in queryset.filter(translation_key__in=keys, locale_id=locale_id)}
    return [found.get(obj.translation_key, obj) if obj.locale_id != locale_id else obj for obj in objects]
