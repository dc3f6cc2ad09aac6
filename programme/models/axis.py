"""An axis of the programme, the parent of its proposals and open questions."""

from django.utils.translation import gettext_lazy as _

from home.models import BasePage


class AxisPage(BasePage):
    """An axis of the programme, e.g. « Une ville rayonnante »; its body is the introduction."""

    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = ["programme.ProposalPage", "programme.QuestionPage"]

    class Meta:
        verbose_name = _("axe du programme")
        verbose_name_plural = _("axes du programme")

    def get_context(self, request, *args, **kwargs):
        from ..queries import decorate_proposals
        from .index import ProgrammeIndexPage
        from .proposal import ProposalPage
        from .question import QuestionPage

        context = super().get_context(request, *args, **kwargs)
        proposals = ProposalPage.objects.live().public().child_of(self).order_by("path")
        context["proposals"] = decorate_proposals(proposals, self.locale)
        context["questions"] = QuestionPage.objects.live().public().child_of(self).order_by("path")
        context["programme_index"] = ProgrammeIndexPage.objects.ancestor_of(self).first()
        return context
