"""The programme: its axes, their proposals and open questions."""

from django.utils.translation import gettext_lazy as _

from home.models import BasePage


class ProgrammeIndexPage(BasePage):
    """« Le programme »: every proposal, filterable."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programme.AxisPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index du programme")
        verbose_name_plural = _("index du programme")


class AxisPage(BasePage):
    """An axis of the programme, e.g. « Une ville rayonnante »."""

    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = ["programme.ProposalPage", "programme.QuestionPage"]

    class Meta:
        verbose_name = _("axe du programme")
        verbose_name_plural = _("axes du programme")


class ProposalPage(BasePage):
    """One proposal of the programme."""

    parent_page_types = ["programme.AxisPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")


class QuestionPage(BasePage):
    """An open question of the programme, with its lines of thought."""

    parent_page_types = ["programme.AxisPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("question ouverte")
        verbose_name_plural = _("questions ouvertes")
