"""A proposal of the programme and its permanent reference (``P-07``)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.admin_panels import TitledInlinePanel
from home.models import BasePage

from ..admin_forms import ProposalPageForm
from .concerns import concerns_text
from .follow_up import ProposalStatus
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

    # -- the follow-up (see programme/models/follow_up.py) -----------------------------------------
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.UNDER_STUDY,
        db_index=True,
    )
    status_date = models.DateField(
        _("date du statut"),
        null=True,
        blank=True,
        help_text=_(
            "Le jour où la proposition a pris ce statut ; aujourd'hui si vous changez le statut sans la donner."
        ),
    )
    status_justification = models.TextField(
        _("justification du statut"),
        blank=True,
        max_length=600,
        help_text=_(
            "Pourquoi ce statut, en une ou deux phrases : elle est publiée avec lui et obligatoire à chaque changement."
        ),
    )
    progress_value = models.DecimalField(
        _("avancement : valeur atteinte"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    progress_target = models.DecimalField(
        _("avancement : valeur visée"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    progress_unit = models.CharField(
        _("avancement : unité"),
        max_length=120,
        blank=True,
        help_text=_("Ex. « quartiers dotés d'un budget participatif » pour « 3 sur 6 quartiers dotés… »."),
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
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("status_date")]),
                FieldPanel("status_justification"),
                FieldRowPanel(
                    [FieldPanel("progress_value"), FieldPanel("progress_target"), FieldPanel("progress_unit")]
                ),
            ],
            heading=_("Suivi : statut et avancement"),
        ),
        TitledInlinePanel(
            "milestones",
            label=_("Étape"),
            heading=_("Suivi : étapes"),
            add_label=_("Ajouter une étape"),
            row_title=lambda milestone: milestone.title,
        ),
        TitledInlinePanel(
            "indicator_links",
            label=_("Chiffre visé"),
            heading=_("Chiffres des quartiers visés"),
            add_label=_("Ajouter un chiffre visé"),
            row_title=str,
        ),
    ]
    base_form_class = ProposalPageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("reference", boost=5),
        index.SearchField("search_concerns", boost=2),
        index.AutocompleteField("reference"),
        index.FilterField("reference"),
        index.FilterField("flagship"),
        index.FilterField("status"),
    ]
    api_fields = [
        APIField("reference"),
        APIField("flagship"),
        APIField("status"),
        APIField("status_label"),
        APIField("status_date"),
        APIField("status_justification"),
        APIField("progress_value"),
        APIField("progress_target"),
        APIField("progress_unit"),
        APIField("milestones"),
        APIField("indicator_links"),
        *BasePage.api_fields,
    ]
    # The reference and the flagship flag are facts about the proposal, not text to translate.
    # So are the status, its date and the progress figures; the justification and unit are translated.
    override_translatable_fields = [
        SynchronizedField("reference"),
        SynchronizedField("flagship"),
        *(
            SynchronizedField(name, overridable=False)
            for name in ("status", "status_date", "progress_value", "progress_target")
        ),
    ]

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
        errors = {}
        if self.progress_value is not None and not self.progress_unit.strip():
            errors["progress_unit"] = _("Dites ce que compte l'avancement (ex. « quartiers dotés d'un budget »).")
        if self.progress_target is not None and self.progress_value is None:
            errors["progress_value"] = _("Une valeur visée demande la valeur atteinte (0 si rien n'est fait).")
        if (
            self.progress_target is not None
            and self.progress_value is not None
            and self.progress_value > self.progress_target
        ):
            errors["progress_value"] = _("La valeur atteinte dépasse la valeur visée.")
        if errors:
            raise ValidationError(errors)

    @property
    def status_label(self):
        return str(self.get_status_display())

    @property
    def follow_up_date(self):
        """The date of the last update of the follow-up: the status date, else the first publication."""
        if self.status_date:
            return self.status_date
        return self.first_published_at.date() if self.first_published_at else None

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
        if self.status_date is None and kwargs.get("update_fields") is None:
            self.status_date = timezone.localdate()
        return super().save(*args, **kwargs)

    # -- pages ------------------------------------------------------------------------------------

    @path(pgettext_lazy("URL", "historique/"), name="history")
    def history(self, request):
        from ..history import history_response

        return history_response(self, request)
