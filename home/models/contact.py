import logging

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .base import BasePage

logger = logging.getLogger(__name__)


class ContactFormField(TranslatableMixin, AbstractFormField):
    """A field of the question form: its label, help text and choices are translated with the
    page; its kind, whether it is required and its name in the stored submissions
    (``clean_name``, the same in every language) are synchronised."""

    page = ParentalKey("home.ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class ContactPage(EmailFormMixin, FormMixin, BasePage):
    """« Posez-nous une question »: the question form, built by the editors.

    Every submission is stored before the e-mail is sent, so a mail server that is down loses
    nothing; an invalid form answers 400 with its errors next to each field.
    """

    thank_you_text = models.TextField(
        _("message de remerciement"),
        help_text=_("Affiché après l'envoi du formulaire."),
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label=_("champs du formulaire")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Courriel envoyé à l'équipe"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    # Where the questions go is the same in every language, and not text to translate.
    override_translatable_fields = [SynchronizedField("to_address"), SynchronizedField("from_address")]

    class Meta:
        verbose_name = _("formulaire de contact")
        verbose_name_plural = _("formulaires de contact")

    def send_mail(self, form):
        try:
            super().send_mail(form)
        except Exception:  # the submission is already stored: tell the logs, not the visitor
            logger.exception("The question form's e-mail could not be sent (page %s)", self.pk)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.method == "POST":
            form = getattr(response, "context_data", {}).get("form")
            if form is not None and form.errors:
                response.status_code = 400
        return response
