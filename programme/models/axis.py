"""An axis of the programme, the parent of its proposals and open questions."""

from django.utils.translation import gettext_lazy as _

from home.models import BasePage


class AxisPage(BasePage):
    """An axis of the programme, e.g. « Une ville rayonnante »; its body is the introduction."""

    page_context = "programme.context.axis_page"
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = ["programme.ProposalPage", "programme.QuestionPage"]

    class Meta:
        verbose_name = _("axe du programme")
        verbose_name_plural = _("axes du programme")
