"""The programme: its axes, their proposals and open questions.

Tree: ``ProgrammeIndexPage`` → ``AxisPage`` → ``ProposalPage`` / ``QuestionPage``.

A proposal's themes, quartiers, cultural places and related proposals are inline relation models
(``Orderable`` + ``ParentalKey``): they are saved in the page's revisions, so they appear in its
public history, and wagtail-localize copies them into each translation (synchronised fields).
The copies keep pointing at the source-language theme or page; ``programme.localization``
resolves them to the reader's language at display time, by translation key, in one query per
kind of object.

Each quartier and cultural place lists the proposals that concern it through the reverse
relation ``proposal_links`` (and the open questions through ``question_links``); prefer
``programme.queries.proposals_concerning(page)``, which also handles translations and drafts.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.models import BasePage

REFERENCE_PATTERN = re.compile(r"^P-(\d{2,4})$")


class ProgrammeIndexPage(RoutablePageMixin, BasePage):
    """« Le programme »: every proposal, filterable, exportable and followable by feed.

    Sub-URLs (French, stable): ``export/csv/`` and ``export/json/`` (the proposals the index's
    filters select, see docs/open-data.md), ``flux/rss/`` and ``flux/atom/`` (the same, as feeds),
    and ``P-07/``, the permalink of a proposal, which survives a change of its title or slug.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programme.AxisPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index du programme")
        verbose_name_plural = _("index du programme")

    def get_context(self, request, *args, **kwargs):
        from .listing import ProposalListing

        context = super().get_context(request, *args, **kwargs)
        listing = ProposalListing(self, request.GET if request is not None else {})
        context["listing"] = listing
        context["proposals"] = listing.decorated_proposals(request)
        context["questions"] = listing.questions()
        return context

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        from .exports import csv_response

        return csv_response(self, request)

    @path("export/json/", name="export_json")
    def export_json(self, request):
        from .exports import json_response

        return json_response(self, request)

    @path("flux/rss/", name="feed_rss")
    def feed_rss(self, request):
        from .feeds import feed_response

        return feed_response(self, request, "rss")

    @path("flux/atom/", name="feed_atom")
    def feed_atom(self, request):
        from .feeds import feed_response

        return feed_response(self, request, "atom")

    @re_path(r"^(?P<reference>[Pp]-\d{1,4})/$", name="permalink")
    def permalink(self, request, reference):
        """Redirect a permanent reference (``P-07``) to the proposal's current address."""
        proposal = (
            ProposalPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(reference__iexact=reference)
            .first()
        )
        if proposal is None:
            raise Http404(_("Aucune proposition ne porte la référence %(reference)s.") % {"reference": reference})
        return redirect(proposal.get_url(request=request))

    def permalink_url(self, reference, request=None):
        return self.get_full_url(request=request) + self.reverse_subpage("permalink", args=[reference])


class AxisPage(BasePage):
    """An axis of the programme, e.g. « Une ville rayonnante »; its body is the introduction."""

    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = ["programme.ProposalPage", "programme.QuestionPage"]

    class Meta:
        verbose_name = _("axe du programme")
        verbose_name_plural = _("axes du programme")

    def get_context(self, request, *args, **kwargs):
        from .queries import decorate_proposals

        context = super().get_context(request, *args, **kwargs)
        proposals = ProposalPage.objects.live().public().child_of(self).order_by("path")
        context["proposals"] = decorate_proposals(proposals, self.locale)
        context["questions"] = QuestionPage.objects.live().public().child_of(self).order_by("path")
        context["programme_index"] = ProgrammeIndexPage.objects.ancestor_of(self).first()
        return context


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

    parent_page_types = ["programme.AxisPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("reference", read_only=True), FieldPanel("flagship")],
            heading=_("Référence et mise en avant"),
        ),
        InlinePanel("theme_links", label=_("Thèmes"), heading=_("Thèmes")),
        InlinePanel("quartier_links", label=_("Quartier concerné"), heading=_("Quartiers concernés")),
        InlinePanel("place_links", label=_("Lieu culturel concerné"), heading=_("Lieux culturels concernés")),
        InlinePanel("related_links", label=_("Proposition liée"), heading=_("Propositions liées")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("reference", boost=5),
        index.AutocompleteField("reference"),
        index.FilterField("reference"),
        index.FilterField("flagship"),
    ]
    api_fields = [
        APIField("reference"),
        APIField("flagship"),
        *BasePage.api_fields,
    ]
    # The reference and the flagship flag are facts about the proposal, not text to translate.
    override_translatable_fields = [SynchronizedField("reference"), SynchronizedField("flagship")]

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
        return super().save(*args, **kwargs)

    # -- pages ------------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from .queries import proposal_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(proposal_page_context(self, request))
        return context

    @path("historique/", name="history")
    def history(self, request):
        from .history import history_response

        return history_response(self, request)


class QuestionPage(BasePage):
    """An open question of the programme, with the lines of thought it opens."""

    lines_of_thought = StreamField(
        [
            (
                "line",
                blocks.TextBlock(
                    label=_("piste"),
                    help_text=_("Une piste de réflexion, en une ou deux phrases."),
                ),
            )
        ],
        verbose_name=_("pistes de réflexion"),
        blank=True,
    )

    parent_page_types = ["programme.AxisPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("lines_of_thought"),
        InlinePanel("theme_links", label=_("Thème"), heading=_("Thèmes")),
        InlinePanel("quartier_links", label=_("Quartier concerné"), heading=_("Quartiers concernés")),
        InlinePanel("place_links", label=_("Lieu culturel concerné"), heading=_("Lieux culturels concernés")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("lines_of_thought")]
    api_fields = [*BasePage.api_fields, APIField("lines_of_thought")]

    class Meta:
        verbose_name = _("question ouverte")
        verbose_name_plural = _("questions ouvertes")

    def get_context(self, request, *args, **kwargs):
        from .queries import question_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(question_page_context(self, request))
        return context


# -- relations ---------------------------------------------------------------------------------


class ProposalTheme(Orderable):
    proposal = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "home.Theme", on_delete=models.CASCADE, related_name="proposal_links", verbose_name=_("thème")
    )
    panels = [FieldPanel("theme")]

    class Meta(Orderable.Meta):
        verbose_name = _("thème de la proposition")


class ProposalQuartier(Orderable):
    """A quartier a proposal concerns; ``quartier.proposal_links`` lists them back."""

    proposal = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="quartier_links")
    quartier = models.ForeignKey(
        "quartiers.QuartierPage",
        on_delete=models.CASCADE,
        related_name="proposal_links",
        verbose_name=_("quartier"),
    )
    panels = [FieldPanel("quartier")]

    class Meta(Orderable.Meta):
        verbose_name = _("quartier concerné")


class ProposalPlace(Orderable):
    """A cultural place a proposal concerns; ``place.proposal_links`` lists them back."""

    proposal = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="place_links")
    place = models.ForeignKey(
        "culture.CulturalPlacePage",
        on_delete=models.CASCADE,
        related_name="proposal_links",
        verbose_name=_("lieu culturel"),
    )
    panels = [FieldPanel("place")]

    class Meta(Orderable.Meta):
        verbose_name = _("lieu culturel concerné")


class RelatedProposal(Orderable):
    """A link to another proposal; shown on both proposals."""

    proposal = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        ProposalPage, on_delete=models.CASCADE, related_name="related_from", verbose_name=_("proposition")
    )
    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("proposition liée")


class QuestionTheme(Orderable):
    question = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "home.Theme", on_delete=models.CASCADE, related_name="question_links", verbose_name=_("thème")
    )
    panels = [FieldPanel("theme")]

    class Meta(Orderable.Meta):
        verbose_name = _("thème de la question")


class QuestionQuartier(Orderable):
    question = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="quartier_links")
    quartier = models.ForeignKey(
        "quartiers.QuartierPage",
        on_delete=models.CASCADE,
        related_name="question_links",
        verbose_name=_("quartier"),
    )
    panels = [FieldPanel("quartier")]

    class Meta(Orderable.Meta):
        verbose_name = _("quartier concerné")


class QuestionPlace(Orderable):
    question = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="place_links")
    place = models.ForeignKey(
        "culture.CulturalPlacePage",
        on_delete=models.CASCADE,
        related_name="question_links",
        verbose_name=_("lieu culturel"),
    )
    panels = [FieldPanel("place")]

    class Meta(Orderable.Meta):
        verbose_name = _("lieu culturel concerné")
