"""The admin addresses and buttons of :mod:`translation.review`, and the machine translation
workaround's (:mod:`translation.workarounds`)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from .review import SubmitForReviewView, SyncTranslationsView, may_edit, translation_in_progress
from .workarounds import back_to_same_page, reporting_translator_errors


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    """Before wagtail-localize's (order 0): its « Sync » address is served by our view, so every
    link to ``wagtail_localize:update_translations`` reaches it."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            reporting_translator_errors(SyncTranslationsView.as_view(), back_to_same_page),
            name="translation_sync",
        ),
        path(
            "traduction/<int:translation_id>/relecture/",
            SubmitForReviewView.as_view(),
            name="translation_submit_for_review",
        ),
    ]


def _submit_for_review_button(instance, user):
    translation = translation_in_progress(instance)
    if translation is None or not may_edit(user, instance):
        return None
    return Button(
        _("Soumettre à la relecture"),
        reverse("translation_submit_for_review", args=[translation.pk]),
        icon_name="resubmit",
        priority=65,
    )


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def page_submit_for_review_button(page, user, view_name=None, next_url=None):
    button = _submit_for_review_button(page, user)
    if button is not None:
        yield button


@hooks.register("register_snippet_listing_buttons")
def snippet_submit_for_review_button(snippet, user, next_url=None):
    if hasattr(snippet, "translation_key"):
        button = _submit_for_review_button(snippet, user)
        if button is not None:
            yield button
