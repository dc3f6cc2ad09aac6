"""Locale look-ups without a query per page.

Locales are created once (by the loader or an administrator) and never change code, so their
id → language-code map is kept per process and refreshed when an unknown id shows up.
"""

from django.utils import translation
from wagtail.models import Locale

_codes_by_id = {}


def language_code_of(locale_id):
    if locale_id not in _codes_by_id:
        _codes_by_id.clear()
        _codes_by_id.update(Locale.objects.values_list("id", "language_code"))
    return _codes_by_id.get(locale_id)


def active_locale_id():
    """The id of the Locale of the active language (the default one if it has none)."""
    language = translation.get_language()
    for attempt in range(2):
        for locale_id, code in _codes_by_id.items():
            if code == language:
                return locale_id
        if attempt == 0:
            _codes_by_id.clear()
            _codes_by_id.update(Locale.objects.values_list("id", "language_code"))
    return Locale.get_default().pk
