"""The programme: its axes, their proposals and open questions.

Tree: ``ProgrammeIndexPage`` → ``AxisPage`` → ``ProposalPage`` / ``QuestionPage``.

A proposal's themes, quartiers, cultural places and related proposals are inline relation models
(``Orderable`` + ``ParentalKey``): they are saved in the page's revisions, so they appear in its
public history, and wagtail-localize copies them into each translation (synchronised fields).
The copies keep pointing at the source-language theme or page; ``home.localization``
resolves them to the reader's language at display time, by translation key, in one query per
kind of object.

Each quartier and cultural place page lists the proposals and open questions that concern it
through the programme's template tags ``{% proposals_concerning page %}`` and
``{% questions_concerning page %}`` (``programme.queries``), which handle translations and drafts.

The routes of the index and proposal pages (exports, feeds, permalink, history) import their
views when called: those views read these models.
"""

# Imported in the order the models were defined in the former single module, so that Django
# and Wagtail register them (``apps.get_models()``, ``get_page_models()``) in the same order.
from .theme import Theme  # isort: skip
from .index import ProgrammeIndexPage  # isort: skip
from .axis import AxisPage  # isort: skip
from .proposal import REFERENCE_PATTERN, ProposalPage
from .question import QuestionPage

from .follow_up import ProposalIndicator, ProposalMilestone, ProposalStatus, timeline  # isort: skip
from .contribution import ContributionStatus, QuestionContribution  # isort: skip
from .relations import (
    ProposalPlace,
    ProposalQuartier,
    ProposalTheme,
    QuestionPlace,
    QuestionQuartier,
    QuestionTheme,
    RelatedProposal,
)

__all__ = [
    "AxisPage",
    "ContributionStatus",
    "ProgrammeIndexPage",
    "ProposalIndicator",
    "ProposalMilestone",
    "ProposalPage",
    "ProposalStatus",
    "ProposalPlace",
    "ProposalQuartier",
    "ProposalTheme",
    "QuestionContribution",
    "QuestionPage",
    "QuestionPlace",
    "QuestionQuartier",
    "QuestionTheme",
    "REFERENCE_PATTERN",
    "RelatedProposal",
    "Theme",
    "timeline",
]
