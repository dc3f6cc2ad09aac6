"""What a public page says about its translation."""

from django import template
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

register = template.Library()


def has_machine_strings(page):
    """True when a translated page still shows text a machine wrote and no person has edited.

    wagtail-localize records, for each string of a translation, whether a machine or a person
    wrote it; a person editing a string in the translation editor makes it « manual ». Only the
    strings of the current version of the French page count (older ones are no longer shown).
    One query.
    """
    current_segments = StringSegment.objects.filter(
        string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
    )
    return (
        StringTranslation.objects.filter(
            locale_id=page.locale_id,
            context__object_id=page.translation_key,
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        )
        .filter(Exists(current_segments))
        .exists()
    )


@register.simple_tag(takes_context=True)
def is_machine_translated(context, page=None):
    """``{% is_machine_translated page as machine %}``: see :func:`has_machine_strings`.

    No query on a French page (the source: nothing is translated there) nor on an untranslated
    page (an alias shows the French text); at most one on a translated page.
    """
    page = page if page is not None else context.get("page")
    # ``page`` may be something else in a view's context (a page of search results).
    if not isinstance(page, Page) or not page.pk or page.alias_of_id:
        return False
    if translation.get_language() == settings.LANGUAGE_CODE:
        return False
    return has_machine_strings(page)
