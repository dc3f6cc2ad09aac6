"""A proposal of the programme and its permanent reference (``P-07``)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.admin_panels import TitledInlinePanel
from home.models import BasePage

from .concerns import concerns_text
from .panels import relation_panels

REFERENCE_PATTERN = re.compile(r"^P-(\d{2,4})$")



class ProposalPage(RoutablePageMixin, BasePage):
    """One proposal of the programme, with a permanent reference (``P-07``).

    The reference is given once, when the page is first saved, and never changes afterwards:
    journalists cite it, the permalink ``/fr/programme/P-07/`` resolves it and search accepts it.
    Translations share their source's reference.
    """

    reference = models.CharField(
        _("référence"),
        max_length=8,
        blank=True,
        db_index=True,
        help_text=_("Attribuée automatiquement (P-01, P-02…) et jamais modifiée ensuite."),
    )
    flagship = models.BooleanField(
        _("proposition phare"),
        default=False,
        help_text=_("Mise en avant sur la page d'accueil et filtrable dans le programme."),
    )

    page_context = "programme.context.proposal_page"
    parent_page_types = ["programme.AxisPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("reference", read_only=True), FieldPanel("flagship")],
            heading=_("Référence et mise en avant"),
        ),
        *relation_panels(),
        TitledInlinePanel(
            "related_links",
            label=_("Proposition liée"),
            heading=_("Propositions liées"),
            add_label=_("Ajouter une proposition liée"),
            row_title=lambda link: str(link.target),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("reference", boost=5),
        index.SearchField("search_concerns", boost=2),
        index.AutocompleteField("reference"),
        index.FilterField("reference"),
        index.FilterField("flagship"),
    ]
    api_fields = [
        APIField("reference"),
        APIField("flagship"),
        *BasePage.api_fields,
    ]
    # The reference and the flagship flag are facts about the proposal, not text to translate.
    override_translatable_fields = [SynchronizedField("reference"), SynchronizedField("flagship")]

    def search_concerns(self):
        return concerns_text(self)

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")

    def __str__(self):
        return f"{self.reference} {self.title}".strip() if self.reference else self.title

    # -- the permanent reference ---------------------------------------------------------------

    @classmethod
    def next_reference(cls):
        numbers = [
            int(match.group(1))
            for match in map(REFERENCE_PATTERN.match, cls.objects.values_list("reference", flat=True))
            if match
        ]
        return f"P-{max(numbers, default=0) + 1:02d}"

    def clean(self):
        super().clean()
        if self.reference and not REFERENCE_PATTERN.match(self.reference):
            raise ValidationError({"reference": _("Une référence a la forme P-07.")})

    def save(self, *args, **kwargs):
        if self.pk:
            stored = ProposalPage.objects.filter(pk=self.pk).values_list("reference", flat=True).first()
            if stored:
                self.reference = stored  # never changes once given
        if (
            not self.reference
            or ProposalPage.objects.filter(reference=self.reference)
            .exclude(translation_key=self.translation_key)
            .exists()
        ):
            # New page, or a copy of another proposal: a reference of its own.
            self.reference = self.next_reference()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "reference" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "reference"]
        return super().save(*args, **kwargs)

    # -- pages ------------------------------------------------------------------------------------

    @path(pgettext_lazy("URL", "historique/"), name="history")
    def history(self, request):
        from ..history import history_response

        return history_response(self, request)
