from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site commun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Page
        from wagtail.query import PageQuerySet

        from . import autosave, cache, page_urls, site_address  # noqa: F401 (site_address registers the deployment check)

        cache.connect_signals()
        autosave.install()
        page_urls.install()
        # What Wagtail looks up on every request, from home.cache until the next publish:
        # ``.public()``'s private sections, the view restrictions, the route to the page.
        PageQuerySet.private_q = cache.private_q
        Page.get_view_restrictions = cache.view_restrictions(Page.get_view_restrictions)
        Page.route_for_request = staticmethod(cache.route_for_request(Page.route_for_request))
