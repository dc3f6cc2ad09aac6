"""The city's cultural places, existing or planned by the programme.

``CultureIndexPage`` (/fr/culture/) shows every place on the site's own map (``maps.svg``) with
the list as its text equivalent, filterable by kind and status with a plain GET form.
``CulturalPlacePage`` holds what a visitor needs: what the place is and whether it exists yet,
where it is, how to get there, its accessibility, and the proposals that concern it.

The relation to proposals is stored once, on the programme side (a link model whose foreign key
to ``CulturalPlacePage`` has ``related_name="proposal_links"``), so nobody types the same fact
twice; the culture section does not know the programme: the place page's template lists the
proposals with the programme's ``{% proposals_concerning page %}`` tag.
"""

from .choices import PlaceKind, PlaceStatus, StepFreeAccess
from .index import CultureIndexPage
from .place import TEXT_FEATURES, CulturalPlacePage

__all__ = [
    "TEXT_FEATURES",
    "CulturalPlacePage",
    "CultureIndexPage",
    "PlaceKind",
    "PlaceStatus",
    "StepFreeAccess",
]
