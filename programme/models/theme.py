"""The themes of the programme: a translatable snippet shared by proposals and questions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.sorting import french_sort_key


@register_snippet
class Theme(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model
):
    """A theme of the programme, shared by proposals and translated once.

    Drafts and the « Relecture » workflow as for pages (``home.editorial``): visitors see live themes.
    """

    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(
        _("identifiant d'URL"),
        max_length=100,
        help_text=_("Utilisé dans les adresses des filtres et des flux, ex. « culture-et-patrimoine »."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), PublishingPanel()]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        db_table = "home_theme"  # created by the home app, before themes moved to the programme
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        # « Économie et innovation » before « Vie associative » (home.sorting).
        ordering = [french_sort_key("name")]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale"),
        ]

    def __str__(self):
        return self.name
