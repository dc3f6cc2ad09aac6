"""What the site adds to wagtail-localize's admin so that a translator submits, never publishes.

wagtail-localize's translation editor only offers « Publish », to those who may publish, and its
« Sync translated pages » offers « Publish immediately » to anyone who may submit translations.
Here: the sync view with that choice closed to those who may not publish every translation it
updates (:class:`SyncTranslationsView`, at wagtail-localize's own address), and « Soumettre à la
relecture » (:class:`SubmitForReviewView`): the translation as it stands, saved as a draft
revision and sent to the « Relecture » workflow, approved and published by « Validation ».
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.models import DraftStateMixin, Page, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from home.editorial import may_change_language


def may_edit(user, instance):
    """Whether ``user`` may change this page or snippet (its language included)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance))) and may_change_language(
        user, instance.locale_id
    )


def may_publish(user, instance):
    """Whether ``user`` may publish this page or snippet; saving a snippet without drafts publishes it."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    return user.has_perm(get_permission_name(action, type(instance))) and may_change_language(
        user, instance.locale_id
    )


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])


def translation_in_progress(instance):
    """The synchronised translation whose target is ``instance``, if any."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
    ).first()


class SyncTranslationsView(UpdateTranslationsView):
    """« Sync translated pages »: « Publish immediately » only for who may publish every
    translation it updates; for anyone else the translations stay drafts."""

    @cached_property
    def may_publish_translations(self):
        for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not may_publish(self.request.user, target):
                return False
        return True

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_translations:
            field = form.fields["publish_translations"]
            # A disabled field keeps its initial value (unticked), whatever the request sends.
            field.disabled = True
            field.help_text = _("Les traductions restent des brouillons : l'équipe Validation les publie.")
        return form


class SubmitForReviewView(TemplateView):
    """« Soumettre à la relecture »: asks (GET), then saves the translation as a draft revision
    and starts the workflow (POST); the live page or snippet is left as it is."""

    template_name = "translation/admin/submit_for_review.html"

    def dispatch(self, request, *args, **kwargs):
        self.translation = get_object_or_404(Translation, pk=kwargs["translation_id"], enabled=True)
        try:
            self.instance = self.translation.get_target_instance()
        except ObjectDoesNotExist as error:
            raise PermissionDenied from error
        if not may_edit(request.user, self.instance):
            raise PermissionDenied
        self.workflow = self.instance.get_workflow()
        if self.workflow is None:
            messages.error(request, _("Aucun circuit de relecture ne s'applique à ce contenu."))
            return redirect(edit_url(self.instance))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            instance=self.instance,
            locale=self.translation.target_locale,
            workflow=self.workflow,
            back_url=edit_url(self.instance),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        draft = self.translation.source.get_ephemeral_translated_instance(
            self.translation.target_locale, fallback=True
        )
        try:
            draft.save_revision(user=request.user, log_action=True)
        except ValidationError as error:
            messages.error(
                request,
                _("La traduction n'a pas pu être soumise : %(errors)s") % {"errors": " ".join(error.messages)},
            )
            return redirect(edit_url(self.instance))
        state = draft.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(request.user)
        else:
            if state is not None:
                state.cancel(user=request.user)
            self.workflow.start(draft, request.user)
        messages.success(
            request,
            _("« %(object)s » (%(language)s) est soumis au circuit « %(workflow)s ».")
            % {
                "object": draft,
                "language": self.translation.target_locale.get_display_name(),
                "workflow": self.workflow.name,
            },
        )
        return redirect(edit_url(self.instance))
