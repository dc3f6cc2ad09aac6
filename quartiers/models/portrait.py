"""A quartier's portrait: the Indicator model (one figure per row) and its IndicatorTheme groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField


class IndicatorTheme(models.TextChoices):
    """The groups of a portrait, in the order the pages show them."""

    DEMOGRAPHY = "demographie", _("Démographie")
    SOCIAL = "situation-sociale", _("Situation sociale")
    HOUSING = "logement", _("Logement")
    EDUCATION = "education", _("Éducation")
    EMPLOYMENT = "emploi", _("Emploi")


class Indicator(TranslatableMixin, Orderable):
    """One figure of a quartier's portrait.

    ``code`` names the measure the same way in every quartier (``population``,
    ``median-disposable-income``…): it lines the quartiers up in the comparison table and in the
    exports. Numbers, code and year are synchronised to translations, never translated.
    """

    page = ParentalKey("quartiers.QuartierPage", on_delete=models.CASCADE, related_name="indicators")
    theme = models.CharField(_("thème"), max_length=20, choices=IndicatorTheme.choices)
    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("Identifiant de la mesure, identique d'un quartier à l'autre (ex. « population »)."),
    )
    label = models.CharField(_("libellé"), max_length=255)
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    unit = models.CharField(
        _("unité"), max_length=40, blank=True, help_text=_("Ex. habitants, %, €, €/m², logements, élèves, rang.")
    )
    besancon_value = models.DecimalField(
        _("valeur pour Besançon"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    gbm_value = models.DecimalField(
        _("valeur pour Grand Besançon Métropole"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=200)
    year = models.CharField(_("année"), max_length=20, help_text=_("Ex. 2021, ou 2020-2021 pour une année scolaire."))
    note = models.CharField(_("précision"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("theme"), FieldPanel("code")]),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("besancon_value"), FieldPanel("gbm_value")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("year")]),
        FieldPanel("note"),
    ]
    # Figures are facts: copied to every translation, and translators cannot override them.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("theme", "code", "value", "besancon_value", "gbm_value", "year")
    ]
    api_fields = [
        APIField("theme"),
        APIField("code"),
        APIField("label"),
        APIField("value"),
        APIField("unit"),
        APIField("besancon_value"),
        APIField("gbm_value"),
        APIField("source"),
        APIField("year"),
        APIField("note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("chiffre du portrait")
        verbose_name_plural = _("chiffres du portrait")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.label} : {self.value} {self.unit}".strip()

    def admin_title(self):
        """The row's title in the editor: theme, label and year, so that one figure of 54 is found."""
        return f"{self.get_theme_display()} · {self.label} ({self.year})"

    @property
    def has_comparison(self):
        return self.besancon_value is not None or self.gbm_value is not None

    @property
    def is_rank(self):
        """A national ranking (« rank » in its code): shown in tables, not drawn as a bar."""
        return "rank" in self.code.split("-")
