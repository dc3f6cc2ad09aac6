from wagtail import hooks

from .panels import HOOK_NAME, HomePanel


@hooks.register(HOOK_NAME, order=20)
def site_sections_panel(page, request):
    """« Parcourir le site »: the home page's children shown in the menus."""
    sections = page.get_children().live().public().in_menu().specific()
    if not sections:
        return None
    return HomePanel("home/includes/sections_panel.html", {"sections": sections})
