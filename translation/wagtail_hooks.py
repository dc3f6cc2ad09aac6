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


@hooks.register("construct_homepage_panels")
def add_outdated_translations_panel(request, panels):
    """The dashboard's « Traductions à synchroniser »: sources published again since their
    translations were last synchronised (two queries, at most ``LIMIT`` rows)."""
    from django.db.models import Exists, F, OuterRef, Subquery
    from wagtail.models import Page
    from wagtail_localize.models import Translation, TranslationSource

    from home.admin_dashboard import LIMIT, ListPanel, Row

    source_pages = Page.objects.filter(translation_key=OuterRef("object_id"), locale_id=OuterRef("locale_id"))
    outdated = list(
        TranslationSource.objects.filter(Exists(Translation.objects.filter(source=OuterRef("pk"), enabled=True)))
        .annotate(
            page_id=Subquery(source_pages.values("pk")[:1]),
            published_at=Subquery(source_pages.values("last_published_at")[:1]),
        )
        .filter(published_at__gt=F("last_updated_at"))
        .order_by("-published_at")
        .values_list("page_id", flat=True)[:LIMIT]
    )
    pages = Page.objects.in_bulk(outdated)
    rows = [
        Row(pages[pk].title, reverse("wagtailadmin_pages:edit", args=[pk]), _("republiée depuis la synchronisation"))
        for pk in outdated
        if pk in pages
    ]
    panels.append(
        ListPanel(
            "outdated-translations",
            _("Traductions à synchroniser"),
            rows,
            _("Toutes les traductions sont à jour de leur source."),
            order=310,
        )
    )
