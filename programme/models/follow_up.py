"""The follow-up of a proposal: its status, the milestones that carry it out, the figures it aims to move.

The status and its justification are fields of ``ProposalPage`` and the milestones and indicator
links are inline rows (``ParentalKey``): a status change is a page change like any other, so it
goes through the « Relecture » workflow, is saved in the page's revisions (its public history,
``programme.history``) and reaches visitors only once published. The list of statuses is fixed
and documented in docs/open-data.md.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail_localize.fields import SynchronizedField

from quartiers.models import Indicator


class ProposalStatus(models.TextChoices):
    """Where a proposal stands; the values are stable (exports, API, filters), the labels are French."""

    UNDER_STUDY = "under-study", _("À l'étude")
    COMMITTED = "committed", _("Engagée")
    IN_PROGRESS = "in-progress", _("En cours")
    DONE = "done", _("Réalisée")
    PARTLY_DONE = "partly-done", _("Partiellement réalisée")
    POSTPONED = "postponed", _("Reportée")
    ABANDONED = "abandoned", _("Abandonnée")


class ProposalMilestone(Orderable):
    """A dated step of a proposal: planned until its actual date is given, then done.

    Dates, links and documents are facts copied to translations; title, text and alt text are
    translated.
    """

    proposal = ParentalKey("programme.ProposalPage", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("titre"), max_length=200)
    text = models.TextField(_("texte"), blank=True, max_length=1000)
    planned_date = models.DateField(_("date prévue"), null=True, blank=True)
    actual_date = models.DateField(
        _("date de réalisation"),
        null=True,
        blank=True,
        help_text=_("À remplir quand l'étape est franchie ; sans elle, l'étape est affichée comme prévue."),
    )
    evidence_url = models.URLField(
        _("lien vers la preuve"),
        blank=True,
        help_text=_("Ex. une délibération du conseil municipal, un communiqué de presse."),
    )
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document de preuve"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "home.SiteImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("texte alternatif de la photo"),
        max_length=255,
        blank=True,
        help_text=_("Ce que montre la photo, pour qui ne la voit pas. Obligatoire avec une photo."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("planned_date"), FieldPanel("actual_date")]),
        FieldRowPanel([FieldPanel("evidence_url"), FieldPanel("evidence_document")]),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
    ]
    api_fields = [
        APIField("title"),
        APIField("text"),
        APIField("planned_date"),
        APIField("actual_date"),
        APIField("is_done"),
        APIField("evidence_url"),
        APIField("evidence_document"),
        APIField("photo"),
        APIField("photo_alt"),
    ]
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("planned_date", "actual_date", "evidence_url", "evidence_document", "photo")
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if not self.planned_date and not self.actual_date:
            errors["planned_date"] = _("Donnez au moins une date : prévue, ou de réalisation.")
        if self.photo_id and not self.photo_alt.strip():
            errors["photo_alt"] = _("Décrivez la photo : le texte alternatif est obligatoire avec une photo.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_done(self):
        return self.actual_date is not None

    @property
    def date(self):
        """The date the timeline shows: when it was done, else when it is planned."""
        return self.actual_date or self.planned_date


def timeline(milestones):
    """Milestones in the order of their dates (done or planned), undated last, then the editor's order."""
    return sorted(milestones, key=lambda m: (m.date is None, m.date or datetime.date.max, m.sort_order or 0))


class ProposalIndicator(Orderable):
    """A figure of the quartiers' portraits that the proposal aims to move, by its ``code``.

    The quartier page shows, next to the proposal, the quartier's own figure with that code.
    """

    proposal = ParentalKey("programme.ProposalPage", on_delete=models.CASCADE, related_name="indicator_links")
    code = models.SlugField(
        _("code du chiffre"),
        max_length=80,
        help_text=_("Le code d'un chiffre des portraits de quartier (ex. « job-seekers »)."),
    )

    panels = [FieldPanel("code")]
    api_fields = [APIField("code")]
    override_translatable_fields = [SynchronizedField("code", overridable=False)]

    class Meta(Orderable.Meta):
        verbose_name = _("chiffre visé")
        verbose_name_plural = _("chiffres visés")

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        if self.code and not Indicator.objects.filter(code=self.code).exists():
            raise ValidationError(
                {
                    "code": _("Aucun chiffre des portraits de quartier ne porte le code « %(code)s ».")
                    % {"code": self.code}
                }
            )
