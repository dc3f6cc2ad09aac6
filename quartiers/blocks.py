"""StreamField blocks of the quartiers section: lists of priorities and of shared objectives.

Both are nested lists (a heading, then items) that editors reorder and translators translate
item by item, which is why they are blocks rather than rich text.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PriorityGroupBlock(blocks.StructBlock):
    """A heading of a quartier project and the priorities listed under it."""

    title = blocks.CharBlock(label=_("Intitulé"), max_length=200)
    priorities = blocks.ListBlock(
        blocks.CharBlock(label=_("Priorité"), max_length=300),
        label=_("Priorités"),
    )

    class Meta:
        icon = "list-ul"
        label = _("Groupe de priorités")
        description = _("Un intitulé du projet de quartier et les priorités qui le composent.")
        preview_value = {
            "title": "Un quartier porté par sa jeunesse",
            "priorities": ["Permettre aux jeunes d'accéder à la formation"],
        }


class PriorityStreamBlock(blocks.StreamBlock):
    group = PriorityGroupBlock()


class ObjectiveBlock(blocks.StructBlock):
    """One objective of the « socle commun » and the actions that put it into practice."""

    title = blocks.CharBlock(label=_("Objectif"), max_length=300)
    actions = blocks.ListBlock(
        blocks.CharBlock(label=_("Action"), max_length=300),
        label=_("Actions"),
        required=False,
    )


class ObjectiveAxisBlock(blocks.StructBlock):
    """An axis of the « socle commun » (e.g. « Améliorer la qualité et le cadre de vie »)."""

    title = blocks.CharBlock(label=_("Axe"), max_length=300)
    objectives = blocks.ListBlock(ObjectiveBlock(), label=_("Objectifs"))

    class Meta:
        icon = "list-ol"
        label = _("Axe")
        description = _("Un axe du socle commun, ses objectifs et leurs actions.")


class ObjectiveStreamBlock(blocks.StreamBlock):
    axis = ObjectiveAxisBlock()
