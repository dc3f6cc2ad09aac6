"""What the sections show on the home page, without the home app naming any of them.

A section registers a Wagtail hook ``home_page_panels`` (in its ``wagtail_hooks.py``) that takes
the home page and the request and returns a :class:`HomePanel`, or ``None`` when it has nothing
to show. The home page renders the panels in the hooks' ``order``; the home app's own panel
(the sections of the site) has order 40, after the quartiers (5), the programme (10) and the news (30).
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from wagtail import hooks

HOOK_NAME = "home_page_panels"


@dataclass
class HomePanel:
    template: str
    context: dict
    stylesheets: list = field(default_factory=list)

    def render(self, request):
        return render_to_string(self.template, self.context, request=request)


def home_page(page, request):
    """The home page's context (``HomePage.page_context``): ``panels``, ``[(panel, html)]``."""
    from django.utils import translation
    from wagtail.models import Site

    from . import cache

    site = Site.find_for_request(request) if request is not None else None

    def build():
        # Kept without their contexts (querysets): the template reads only the stylesheets.
        panels = home_page_panels(page, request)
        return [(HomePanel(panel.template, {}, panel.stylesheets), html) for panel, html in panels]

    # The panels change only when something is published: rendered once per generation.
    panels = cache.cached("home-panels", build, page.pk, getattr(site, "pk", None), translation.get_language())
    return {"panels": panels}


def home_children(page, request=None):
    """The home page's live, public children (plain pages), read once for all the panels (no
    query when routing read them: ``home.cache.home_children``): each section's panel finds its
    index among them (:func:`section_index`), the sections panel lists those shown in the menus."""
    if not hasattr(page, "_live_children"):
        from . import cache

        found = cache.home_children(request, page) if request is not None else None
        page._live_children = found if found is not None else list(page.get_children().live().public())
    return page._live_children


def section_index(page, model, request=None):
    """The live, public page of type ``model`` below the home page ``page``: a child of the home
    page with no query of its own (its own fields deferred: a panel links it and calls its
    methods), else the first one further down."""
    for child in home_children(page, request):
        if child.specific_class is not None and issubclass(child.specific_class, model):
            return child.specific_deferred
    return model.objects.live().public().descendant_of(page).first()


def home_page_panels(page, request):
    """``[(panel, html)]`` of every registered panel that has something to show."""
    panels = []
    for make_panel in hooks.get_hooks(HOOK_NAME):
        panel = make_panel(page, request)
        if panel is not None:
            panels.append((panel, panel.render(request)))
    return panels
