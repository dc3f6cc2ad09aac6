from wagtail import hooks

from home.panels import HOOK_NAME, HomePanel

from .queries import flagship_proposals


@hooks.register(HOOK_NAME, order=10)
def flagship_proposals_panel(page, request):
    """« Nos propositions phares » on the home page, in the home page's language."""
    proposals = flagship_proposals(page.locale)
    if not proposals:
        return None
    return HomePanel(
        "programme/includes/home_flagship_panel.html",
        {"flagship_proposals": proposals},
        stylesheets=["programme/programme.css"],
    )
