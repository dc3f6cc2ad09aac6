"""Inline relations of proposals and questions: themes, quartiers, cultural places, related proposals.

Each row is an ``Orderable`` with a ``ParentalKey`` to its page, so it is saved in the page's
revisions (and shown in its public history) and copied into translations. The rows differ only
by what they link: :func:`link_to` builds the shared part, a foreign key and its panel.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .proposal import ProposalPage
from .question import QuestionPage


def link_to(target, field_name, verbose_name, related_name):
    """An abstract relation row whose ``field_name`` points at ``target`` (the reverse relation
    of the target is ``related_name``, e.g. ``quartier.proposal_links``)."""

    class Meta(Orderable.Meta):
        abstract = True

    attributes = {
        field_name: models.ForeignKey(
            target, on_delete=models.CASCADE, related_name=related_name, verbose_name=verbose_name
        ),
        "panels": [FieldPanel(field_name)],
        "Meta": Meta,
        "__module__": __name__,
    }
    return type(f"{field_name.capitalize()}Link_{related_name}", (Orderable,), attributes)


def _parent(model, related_name):
    return ParentalKey(model, on_delete=models.CASCADE, related_name=related_name)


class ProposalTheme(link_to("programme.Theme", "theme", _("thème"), "proposal_links")):
    proposal = _parent(ProposalPage, "theme_links")

    class Meta(Orderable.Meta):
        verbose_name = _("thème de la proposition")


class ProposalQuartier(link_to("quartiers.QuartierPage", "quartier", _("quartier"), "proposal_links")):
    """A quartier a proposal concerns; ``quartier.proposal_links`` lists them back."""

    proposal = _parent(ProposalPage, "quartier_links")

    class Meta(Orderable.Meta):
        verbose_name = _("quartier concerné")


class ProposalPlace(link_to("culture.CulturalPlacePage", "place", _("lieu culturel"), "proposal_links")):
    """A cultural place a proposal concerns; ``place.proposal_links`` lists them back."""

    proposal = _parent(ProposalPage, "place_links")

    class Meta(Orderable.Meta):
        verbose_name = _("lieu culturel concerné")


class RelatedProposal(link_to(ProposalPage, "target", _("proposition"), "related_from")):
    """A link to another proposal; shown on both proposals."""

    proposal = _parent(ProposalPage, "related_links")

    class Meta(Orderable.Meta):
        verbose_name = _("proposition liée")


class QuestionTheme(link_to("programme.Theme", "theme", _("thème"), "question_links")):
    question = _parent(QuestionPage, "theme_links")

    class Meta(Orderable.Meta):
        verbose_name = _("thème de la question")


class QuestionQuartier(link_to("quartiers.QuartierPage", "quartier", _("quartier"), "question_links")):
    question = _parent(QuestionPage, "quartier_links")

    class Meta(Orderable.Meta):
        verbose_name = _("quartier concerné")


class QuestionPlace(link_to("culture.CulturalPlacePage", "place", _("lieu culturel"), "question_links")):
    question = _parent(QuestionPage, "place_links")

    class Meta(Orderable.Meta):
        verbose_name = _("lieu culturel concerné")
