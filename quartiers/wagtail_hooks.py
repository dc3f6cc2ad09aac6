from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from home.panels import HOOK_NAME, HomePanel, section_index

from .context import quartiers_map
from .models import QuartierIndexPage, QuartierKind


@hooks.register(HOOK_NAME, order=5)
def find_my_quartier_panel(page, request):
    """« Trouver mon quartier » on the home page: the quartiers as links (no JavaScript needed)
    beside the map of those that are placed, in the home page's language."""
    index = section_index(page, QuartierIndexPage, request)
    if index is None:
        return None
    # Their names and points only: not their figures.
    quartiers = list(index.quartier_pages().prefetch_related(None))
    if not quartiers:
        return None
    priority = [quartier for quartier in quartiers if quartier.kind == QuartierKind.PRIORITY]
    fragile = [quartier for quartier in quartiers if quartier.kind != QuartierKind.PRIORITY]
    placed = [quartier for quartier in priority + fragile if quartier.has_point]
    return HomePanel(
        "quartiers/includes/home_quartiers_panel.html",
        {
            "quartier_index": index,
            "priority_quartiers": priority,
            "fragile_quartiers": fragile,
            "quartier_count": len(quartiers),
            "home_map": quartiers_map(
                placed,
                request,
                title=_("Plan des quartiers du Contrat de Ville"),
                description=_(
                    "Plan schématique de Besançon : un point par quartier, avec son nom ; chaque "
                    "point mène à la page du quartier."
                ),
                numbered=False,
            ),
        },
        stylesheets=["maps/map.css"],
    )
