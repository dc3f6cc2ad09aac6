"""Inline relations of proposals and questions: themes, quartiers, cultural places, related proposals."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .proposal import ProposalPage
from .question import QuestionPage


class ProposalTheme(Orderable):
    proposal = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "programme.Theme", on_delete=models.CASCADE, related_name="proposal_links", verbose_name=_("thème")
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
        "programme.Theme", on_delete=models.CASCADE, related_name="question_links", verbose_name=_("thème")
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
