"""The quartiers' translatable snippets: the shared objectives (« socle commun ») and the social centres.

Like pages, they have drafts and go through the « Relecture » workflow (``home.editorial``): a
visitor only sees a live one (``live=True``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from ..blocks import ObjectiveStreamBlock


class SocialCentreKind(models.TextChoices):
    CENTRE = "centre-social", _("centre social")
    LIVING_SPACE = "espace-de-vie-sociale", _("espace de vie sociale")


@register_snippet
class SharedObjectives(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model):
    """The « socle commun »: objectives every quartier project of the Contrat de Ville shares.

    Written and translated once, shown on every quartier page.
    """

    title = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    axes = StreamField(ObjectiveStreamBlock(), verbose_name=_("axes et objectifs"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("introduction"), FieldPanel("axes"), PublishingPanel()]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("socle commun des projets de quartier")
        verbose_name_plural = _("socles communs des projets de quartier")

    def __str__(self):
        return self.title


@register_snippet
class SocialCentre(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model
):
    """A social centre or « espace de vie sociale » (Contrat de Ville, article 11).

    Centres sociaux hold the « animation globale » approval of the Caf du Doubs, espaces de vie
    sociale the « animation locale » one. One centre may serve several quartiers.
    """

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=SocialCentreKind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("website"),
        PublishingPanel(),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("centre social ou espace de vie sociale")
        verbose_name_plural = _("centres sociaux et espaces de vie sociale")
        ordering = ["name"]

    def __str__(self):
        return self.name
