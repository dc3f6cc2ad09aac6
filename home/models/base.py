from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.module_loading import import_string
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.localization import language_code_of

META_DESCRIPTION_LENGTH = 160


class BasePage(Page):
    """What every page of the site shares.

    A summary (« chapeau ») and a body; SEO title and description (Wagtail's own fields) with a
    description derived from the summary when left empty; a sharing image for OpenGraph; an
    opt-out of the sitemap that also asks search engines not to index the page. In search, the
    title weighs more than the summary, which weighs more than the body.

    ``page_context``: the dotted path of a function ``(page, request) -> dict`` that assembles
    what the page's template shows beyond the page itself (each section's ``context.py``), so
    that models hold fields, panels, routes and validation only.
    """

    page_context = None

    summary = models.TextField(
        _("chapeau"),
        blank=True,
        max_length=600,
        help_text=_("Deux ou trois phrases qui résument la page ; reprises dans les listes et la recherche."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)
    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image de partage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Affichée quand la page est partagée sur un réseau social (1200 × 630 conseillé)."),
    )
    exclude_from_sitemap = models.BooleanField(
        _("exclure du plan du site et des moteurs de recherche"),
        default=False,
        help_text=_("La page n'apparaît plus dans sitemap.xml et porte la balise « noindex »."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("exclude_from_sitemap")],
            heading=_("Partage et référencement"),
        ),
    ]
    # Page already indexes the title with boost 2: summary 1.5, body 1.
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("social_image"),
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.page_context:
            context.update(import_string(self.page_context)(self, request))
        return context

    @classmethod
    def get_indexed_objects(cls):
        """Aliases (the synchronised copies of pages not translated yet) are not indexed: they
        repeat their French page, which the search shows in the visitor's tree instead."""
        return super().get_indexed_objects().filter(alias_of__isnull=True)

    def get_indexed_instance(self):
        return None if self.alias_of_id else super().get_indexed_instance()

    def get_meta_description(self):
        """The SEO description, else the summary, else the start of the body."""
        text = self.search_description or self.summary
        if not text and self.body:
            text = " ".join(
                strip_tags(str(block.value.source if hasattr(block.value, "source") else block.value))
                for block in self.body
                if block.block_type == "paragraph"
            )
        return Truncator(" ".join((text or "").split())).chars(META_DESCRIPTION_LENGTH)

    def get_sitemap_urls(self, request=None):
        if self.exclude_from_sitemap:
            return []
        return super().get_sitemap_urls(request)

    @cached_property
    def language_code(self):
        """The language of this page's content: an alias (a synchronised copy, not translated
        yet) is in the language of the page it copies."""
        if self.alias_of_id:
            source = Page.objects.filter(pk=self.alias_of_id).values_list("locale_id", flat=True)
            return language_code_of(source.first())
        return language_code_of(self.locale_id)

    @property
    def is_shown_in_another_language(self):
        """True when the visitor asked for a language this page is not (yet) translated into:
        the template says so and marks the content with its real language."""
        return self.language_code != translation.get_language()


class SectionIndexPage(BasePage):
    """The index of a section of the site (programme, quartiers, culture, news): directly under
    the home page of its language tree, once per tree."""

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


def with_summaries(pages):
    """``pages`` (plain ``Page`` objects, as a card list shows them: title, URL, summary) each
    with its ``summary``, read in one ``UNION ALL`` query over the tables of their types:
    ``.specific()`` costs a query per type (the home page's sections: five)."""
    ids_by_model = {}
    for page in pages:
        model = page.specific_class
        if model is not None and issubclass(model, BasePage):
            ids_by_model.setdefault(model, []).append(page.pk)
    branches = [
        model.objects.filter(pk__in=ids).order_by().values_list("pk", "summary") for model, ids in ids_by_model.items()
    ]
    summaries = dict(branches[0].union(*branches[1:], all=True)) if branches else {}
    for page in pages:
        page.summary = summaries.get(page.pk, "")
    return pages
