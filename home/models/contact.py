import logging

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.forms import PublicFormMixin
from home.throttling import RateLimit, retry_context, too_many_requests

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
    nothing; an invalid form (a filled honeypot, a text over its limit: ``home.forms``) answers
    400 with its errors next to each field. One client may post ``THROTTLE_RATES["public_form"]``
    times in a window; past that it gets 429, the form shown again with what it typed.
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

    def get_form_class(self):
        return type("QuestionForm", (PublicFormMixin, super().get_form_class()), {})

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            limit = RateLimit("public_form")
            if retry_after := limit.retry_after(request):
                return self.serve_rate_limited(request, retry_after)
            limit.hit(request)
        response = super().serve(request, *args, **kwargs)
        if request.method == "POST":
            form = getattr(response, "context_data", {}).get("form")
            if form is not None and form.errors:
                response.status_code = 400
        return response

    def serve_rate_limited(self, request, retry_after):
        """429: nothing stored, the form shown again with the visitor's text, and when to retry."""
        context = self.get_context(request)
        context["form"] = self.get_form(request.POST, page=self, user=request.user)
        context.update(retry_context(retry_after))
        return too_many_requests(TemplateResponse(request, self.get_template(request), context), retry_after)
