"""Showing translatable objects (pages, snippets) in the reader's language: the one place where
the rule "not translated yet ⇒ show the source" lives.

wagtail-localize copies a page's relation rows into each translation unchanged, so an English
proposal still links to the French theme or quartier page, and the menus point at French pages.
Every caller resolves such objects here, by translation key, in one query per kind of object:

- :func:`localized` — a list of objects, each in the wanted language; when an object has no
  version in that language it is shown in the source language (``missing="source"``), or left
  out (``missing="drop"``, for lists of links where a page that is not live must not appear);
- :func:`translations_by_key` — ``translation_key`` → object, for a listing that resolves many
  rows against the same few objects (facets, cards) without a query per row;
- :func:`language_code_of`, :func:`active_locale_id` — locale look-ups without a query per page.
"""

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

SOURCE = "source"
DROP = "drop"

_codes_by_id = {}


def _locale_codes():
    """``{locale id: language code}``, kept per process: locales are created once, never changed."""
    if not _codes_by_id:
        _codes_by_id.update(Locale.objects.values_list("id", "language_code"))
    return _codes_by_id


def language_code_of(locale_id):
    codes = _locale_codes()
    if locale_id not in codes:
        codes.clear()
        codes = _locale_codes()
    return codes.get(locale_id)


_locales = {}


def locale_of(obj):
    """``obj.locale`` without its query: the Locale object, kept per process like the codes."""
    code = language_code_of(obj.locale_id)
    locale = _locales.get(obj.locale_id)
    if locale is None or locale.language_code != code:
        locale = _locales[obj.locale_id] = Locale.objects.get(pk=obj.locale_id)
    return locale


def in_language_of(obj, function):
    """``function()`` with ``obj``'s language active, e.g. to index choice labels in the page's
    language rather than in the editor's."""
    with translation.override(language_code_of(obj.locale_id) or settings.LANGUAGE_CODE):
        return function()


def active_locale_id():
    """The id of the Locale of the active language (the default one if it has none)."""
    language = translation.get_language()
    for attempt in range(2):
        for locale_id, code in _locale_codes().items():
            if code == language:
                return locale_id
        if attempt == 0:
            _codes_by_id.clear()
    return source_locale().pk


_source = {}


def source_locale():
    """The locale content is written in (French), the fallback of every other one; kept per
    process like the language codes (``Locale.get_default()`` ran its query two or three times
    per page)."""
    locale = _source.get("locale")
    if locale is None or _locale_codes().get(locale.pk) != locale.language_code:
        locale = _source["locale"] = Locale.get_default()
    return locale


def _locale_id(locale):
    if locale is None:
        return active_locale_id()
    return getattr(locale, "pk", locale)


def translations_by_key(queryset, locale=None, keys=None):
    """``translation_key`` → the object of ``queryset`` in ``locale``, else in the source locale.

    ``locale`` is a Locale or its id (default: the active language); ``keys`` limits the
    look-up. One query (none when ``keys`` is empty).
    """
    locale_id = _locale_id(locale)
    rows = queryset.filter(locale_id__in={locale_id, source_locale().pk})
    if keys is not None:
        keys = set(keys)
        if not keys:
            return {}
        rows = rows.filter(translation_key__in=keys)
    return by_key_in_language(rows, locale_id)


def by_key_in_language(rows, locale=None):
    """``translation_key`` → the row in ``locale``, else the one in the source locale, of rows
    already read (in those two locales)."""
    locale_id = _locale_id(locale)
    result = {}
    for obj in rows:
        if obj.locale_id == locale_id or obj.translation_key not in result:
            result[obj.translation_key] = obj
    return result


def localized(objects, queryset=None, locale=None, missing=SOURCE, translations=None):
    """``objects``, each replaced by its version of ``queryset`` in ``locale``.

    Without a version in ``locale``, an object is shown in the source locale:
    ``missing="source"`` keeps one entry per object (the object itself when ``queryset`` has no
    version of it at all, e.g. a page that is not live: the caller decides); ``missing="drop"``
    leaves out objects that ``queryset`` does not hold, and duplicates. Order is kept.
    ``translations`` (from :func:`translations_by_key`) saves the query.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return []
    if translations is None:
        locale_id = _locale_id(locale)
        if missing == SOURCE:
            # Only the objects in another language are looked up, in the wanted one only.
            keys = {obj.translation_key for obj in objects if obj.locale_id != locale_id}
            rows = queryset.filter(locale_id=locale_id, translation_key__in=keys) if keys else []
            translations = {obj.translation_key: obj for obj in rows}
        else:
            translations = translations_by_key(queryset, locale_id, {obj.translation_key for obj in objects})
    if missing == SOURCE:
        return [translations.get(obj.translation_key, obj) for obj in objects]
    result, seen = [], set()
    for obj in objects:
        found = translations.get(obj.translation_key)
        if found is not None and found.translation_key not in seen:
            seen.add(found.translation_key)
            result.append(found)
    return result
