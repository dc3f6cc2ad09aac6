from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.snippets.models import register_snippet

from home.blocks import LinkBlock
from home.localization import active_locale_id, source_locale


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Réseau"), max_length=50)
    url = blocks.URLBlock(label=_("Adresse"))

    class Meta:
        icon = "link-external"
        label = _("Réseau social")


#: The RGAA's three compliance statuses (« non conforme » until a full audit says otherwise).
ACCESSIBILITY_STATUSES = [
    ("non-conforme", _("non conforme")),
    ("partiellement-conforme", _("partiellement conforme")),
    ("totalement-conforme", _("totalement conforme")),
]


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who publishes the site and how to reach them, the same in every language.

    French law (LCEN art. 6) asks a site to name its publisher, its publication director and its
    host; the team fills them here once, and the footer and the legal pages read them, so no page
    repeats (or contradicts) them. The texts are :class:`SiteTexts`.
    """

    publisher = models.CharField(
        _("éditeur du site"),
        max_length=255,
        blank=True,
        help_text=_("La personne ou l'organisation qui publie le site (nom, forme juridique)."),
    )
    publication_director = models.CharField(_("directeur ou directrice de la publication"), max_length=255, blank=True)
    host_name = models.CharField(_("hébergeur"), max_length=255, blank=True)
    host_address = models.TextField(_("adresse de l'hébergeur"), blank=True)
    contact_email = models.EmailField(_("adresse électronique de contact"), blank=True)
    postal_address = models.TextField(_("adresse postale"), blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], verbose_name=_("réseaux sociaux"), blank=True)
    accessibility_status = models.CharField(
        _("état de conformité au RGAA"),
        max_length=30,
        choices=ACCESSIBILITY_STATUSES,
        default="non-conforme",
        help_text=_(
            "Celui de la déclaration d'accessibilité, après un audit complet ; « non conforme » tant "
            "qu'aucun audit n'a été réalisé. Le pied de chaque page l'affiche."
        ),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("déclaration d'accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("publication_director"),
                FieldPanel("host_name"),
                FieldPanel("host_address"),
            ],
            heading=_("Éditeur et hébergeur (mentions légales)"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("postal_address"),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [FieldPanel("accessibility_status"), FieldPanel("accessibility_statement")],
            heading=_("Accessibilité (RGAA)"),
        ),
    ]

    class Meta:
        verbose_name = _("réglages du site")

    @classmethod
    def for_site(cls, site):
        """Read once per generation (home.cache), not on every request: every page's footer
        shows them, and saving them starts a new generation."""
        from home import cache

        found = cache.site_settings(site)
        if found is not None:
            return found
        return cache.cached("site-settings", lambda: super(SiteSettings, cls).for_site(site), getattr(site, "pk", None))


@register_snippet
class SiteTexts(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model):
    """The footer's sentence and the menus: written once in French and translated like a page.

    A snippet rather than a site setting because a setting is one row per site, which
    wagtail-localize cannot translate. One per language; links to pages follow the visitor's
    language (``home.localization``), a label left empty takes the page's title.
    """

    footer_text = models.TextField(
        _("texte du pied de page"),
        blank=True,
        help_text=_("Une ou deux phrases : qui publie ce site, et pourquoi."),
    )
    main_menu = StreamField([("link", LinkBlock())], verbose_name=_("menu principal"), blank=True)
    footer_menu = StreamField([("link", LinkBlock())], verbose_name=_("liens du pied de page"), blank=True)

    panels = [FieldPanel("footer_text"), FieldPanel("main_menu"), FieldPanel("footer_menu"), PublishingPanel()]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("textes du site")
        verbose_name_plural = _("textes du site")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        """The live texts in the active language, else the French ones (at most two queries)."""
        live = cls.objects.filter(live=True)
        texts = live.filter(locale_id=active_locale_id()).first()
        if texts is None:
            texts = live.filter(locale=source_locale()).first()
        return texts
