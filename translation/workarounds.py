"""Workaround: wagtail-localize 1.14 lets a machine translator's exception through as a 500 page.

Its two views that call the machine translator (« Translate with… » in the translation editor,
and « Use machine translation » when syncing translated pages) catch nothing, so a service that
is slow, down, rate-limited or answers nonsense gives the editor a server error. This module
puts each of them behind a wrapper, at the same admin URL, registered before wagtail-localize's
own: :class:`~translation.machine_translators.MachineTranslationError` becomes an error message
on the page the editor came from (a redirect, as wagtail-localize does on success). Nothing is
lost: the translator fails before anything is saved, and the sync view's transaction is rolled
back.

The whole workaround is this module, and the wrapper around the sync view in
``translation/wagtail_hooks.py`` (which serves that address with :mod:`translation.review`'s
view): delete both once wagtail-localize reports translator errors itself.
"""

import functools
import logging

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.views import edit_translation

from .machine_translators import MachineTranslationError

logger = logging.getLogger(__name__)

NOTHING_LOST = _("Aucune traduction n'a été enregistrée ; les traductions déjà saisies sont inchangées.")


def _back_to_next_url(request):
    # Where wagtail-localize's machine_translate view goes after a success.
    return get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")


def back_to_same_page(request):
    # The sync form again, with its checkboxes, to try without machine translation.
    return request.get_full_path()


def reporting_translator_errors(view, back_to):
    """``view``, with a machine translation failure shown to the editor instead of a 500 page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MachineTranslationError as error:
            logger.warning("Machine translation failed on %s: %s", request.path, error, exc_info=error.__cause__)
            messages.error(request, f"{error} {NOTHING_LOST}")
            return redirect(back_to(request))

    return wrapped


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    """The same path as wagtail-localize's (``localize/`` in its hook), matched first; the sync
    view's is registered, wrapped, with :mod:`translation.review`'s view."""
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            reporting_translator_errors(edit_translation.machine_translate, _back_to_next_url),
        ),
    ]
