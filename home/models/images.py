from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class SiteImage(AbstractImage):
    """An image whose alternative text cannot be left empty (RGAA 1.1, 1.2)."""

    description = models.CharField(
        _("texte alternatif"),
        max_length=255,
        help_text=_(
            "Décrivez ce que l'image apporte au lecteur, en une phrase. "
            "Il est lu par les lecteurs d'écran et affiché si l'image ne charge pas."
        ),
    )
    credit = models.CharField(_("crédit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        return self.description


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
