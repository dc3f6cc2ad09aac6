"""Inline relations of proposals and questions: themes, quartiers, cultural places, related proposals.

Each row is an ``Orderable`` with a ``ParentalKey`` to its page, so it is saved in the page's
revisions (and shown in its public history) and copied into translations. The rows differ only
by what they link: :func:`relation_row` builds each one's abstract base from that.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .proposal import ProposalPage
from .question import QuestionPage


def relation_row(page, page_field, links, target, target_field, target_label, backlinks):
    """The abstract base of a relation row: ``page_field`` (a ``ParentalKey`` to ``page``, whose
    rows are ``page.<links>``) and ``target_field`` (a foreign key to ``target``, whose rows are
    ``target.<backlinks>``, e.g. ``quartier.proposal_links``), edited as one chooser."""

    class Meta(Orderable.Meta):
        abstract = True

    attributes = {
        page_field: ParentalKey(page, on_delete=models.CASCADE, related_name=links),
        target_field: models.ForeignKey(
            target, on_delete=models.CASCADE, related_name=backlinks, verbose_name=target_label
        ),
        "panels": [FieldPanel(target_field)],
        "Meta": Meta,
        "__module__": __name__,
    }
    return type(f"{page_field.capitalize()}{target_field.capitalize()}Row", (Orderable,), attributes)


THEME, QUARTIER, PLACE = "programme.Theme", "quartiers.QuartierPage", "culture.CulturalPlacePage"


class ProposalTheme(
    relation_row(ProposalPage, "proposal", "theme_links", THEME, "theme", _("thème"), "proposal_links")
):
    class Meta(Orderable.Meta):
        verbose_name = _("thème de la proposition")


class ProposalQuartier(
    relation_row(ProposalPage, "proposal", "quartier_links", QUARTIER, "quartier", _("quartier"), "proposal_links")
):
    class Meta(Orderable.Meta):
        verbose_name = _("quartier concerné")


class ProposalPlace(
    relation_row(ProposalPage, "proposal", "place_links", PLACE, "place", _("lieu culturel"), "proposal_links")
):
    class Meta(Orderable.Meta):
        verbose_name = _("lieu culturel concerné")


class RelatedProposal(
    relation_row(ProposalPage, "proposal", "related_links", ProposalPage, "target", _("proposition"), "related_from")
):
    """A link to another proposal; shown on both proposals."""

    class Meta(Orderable.Meta):
        verbose_name = _("proposition liée")


class QuestionTheme(
    relation_row(QuestionPage, "question", "theme_links", THEME, "theme", _("thème"), "question_links")
):
    class Meta(Orderable.Meta):
        verbose_name = _("thème de la question")


class QuestionQuartier(
    relation_row(QuestionPage, "question", "quartier_links", QUARTIER, "quartier", _("quartier"), "question_links")
):
    class Meta(Orderable.Meta):
        verbose_name = _("quartier concerné")


class QuestionPlace(
    relation_row(QuestionPage, "question", "place_links", PLACE, "place", _("lieu culturel"), "question_links")
):
    class Meta(Orderable.Meta):
        verbose_name = _("lieu culturel concerné")
