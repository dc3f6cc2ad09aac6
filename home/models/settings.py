from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from home.blocks import LinkBlock


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("réseau"), max_length=50)
    url = blocks.URLBlock(label=_("adresse"))

    class Meta:
        icon = "link-external"
        label = _("Réseau social")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact details and footer text, edited once for the whole site."""

    contact_email = models.EmailField(_("adresse électronique de contact"), blank=True)
    postal_address = models.TextField(_("adresse postale"), blank=True)
    footer_text = models.TextField(
        _("texte du pied de page"),
        blank=True,
        help_text=_("Une ou deux phrases : qui publie ce site, et pourquoi."),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("réseaux sociaux"), blank=True
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("postal_address"),
        FieldPanel("footer_text"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("réglages du site")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The menus, chosen by the editors; links to pages follow the visitor's language."""

    main_menu = StreamField([("link", LinkBlock())], verbose_name=_("menu principal"), blank=True)
    footer_menu = StreamField(
        [("link", LinkBlock())], verbose_name=_("liens du pied de page"), blank=True
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_menu")]

    class Meta:
        verbose_name = _("navigation")
