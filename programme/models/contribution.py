"""Citizens' contributions to an open question, published only once a reviewer approves them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .question import QuestionPage


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("à relire")
    APPROVED = "approved", _("approuvée")
    REJECTED = "rejected", _("refusée")


class QuestionContribution(models.Model):
    """What a citizen answers to an open question (``QuestionPage``).

    Stored as sent, « à relire »; a reviewer approves or refuses it in the admin (Extraits ›
    Contributions). Only approved ones are shown, on every language's version of the question,
    each in the language it was written in.
    """

    question = models.ForeignKey(
        QuestionPage, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("question")
    )
    author_name = models.CharField(_("nom ou pseudonyme"), max_length=100)
    quartier = models.ForeignKey(
        "quartiers.QuartierPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quartier"),
    )
    message = models.TextField(_("message"))
    language_code = models.CharField(_("langue"), max_length=10, default="fr")
    consent = models.BooleanField(_("accepte la publication"), default=False)
    status = models.CharField(
        _("statut"), max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("relue le"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("relue par"),
    )

    panels = [
        FieldPanel("status"),
        FieldPanel("question", read_only=True),
        FieldPanel("author_name", read_only=True),
        FieldPanel("quartier", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("submitted_at", read_only=True),
        FieldPanel("reviewed_at", read_only=True),
        FieldPanel("reviewed_by", read_only=True),
    ]

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("contribution à une question ouverte")
        verbose_name_plural = _("contributions aux questions ouvertes")

    def __str__(self):
        return f"{self.author_name} — {self.question.title}"

    @classmethod
    def published_for(cls, question):
        """The approved contributions to ``question`` in any of its languages, oldest first."""
        return (
            cls.objects.filter(
                status=ContributionStatus.APPROVED,
                question__translation_key=question.translation_key,
            )
            .select_related("quartier")
            .order_by("submitted_at", "pk")
        )
