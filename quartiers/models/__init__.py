"""The city's priority (QPV) and fragile quartiers, with their portraits.

A quartier's **portrait** is structured data: one :class:`Indicator` per figure, with its
theme, unit, comparison values for Besançon and Grand Besançon Métropole, source and year.
Labels, units, sources and notes go to translators; numbers, codes and years are copied
unchanged into every translation (``override_translatable_fields``). The pages draw charts and
tables from these rows and the index exports them as CSV and JSON.

The « socle commun » of objectives shared by every quartier project is one translatable snippet
(:class:`SharedObjectives`) that every :class:`QuartierPage` points to; social centres are
translatable snippets (:class:`SocialCentre`) linked to the quartiers they serve.

The models live in one module per kind of thing (``snippets``, ``pages``, ``portrait``); every
public name is re-exported here. Translations are resolved by ``home.localization``.
"""

from .pages import QuartierIndexPage, QuartierKind, QuartierPage, QuartierSocialCentre
from .portrait import Indicator, IndicatorTheme
from .snippets import SharedObjectives, SocialCentre, SocialCentreKind

__all__ = [
    "Indicator",
    "IndicatorTheme",
    "QuartierIndexPage",
    "QuartierKind",
    "QuartierPage",
    "QuartierSocialCentre",
    "SharedObjectives",
    "SocialCentre",
    "SocialCentreKind",
]
