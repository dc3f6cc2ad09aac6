from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import TranslatableMixin

from .editorial import may_change_language
from .models.base import with_summaries
from .panels import HOOK_NAME, HomePanel, home_children


@hooks.register(HOOK_NAME, order=40)
def site_sections_panel(page, request):
    """« Parcourir le site »: the home page's children shown in the menus."""
    sections = with_summaries([child for child in home_children(page, request) if child.show_in_menus])
    if not sections:
        return None
    return HomePanel("home/includes/sections_panel.html", {"sections": sections})


@hooks.register("before_edit_snippet", order=-10)
def keep_snippets_to_the_editors_of_their_language(request, instance):
    """A snippet is changed only by whoever may edit its language's pages (home.editorial):
    « Traduction » edits the English and German snippets, never the French ones.

    Registered before wagtail-localize's hook, which opens its translation editor instead of
    Wagtail's; the edit view (GET and POST, every action of its menu) runs this first.
    """
    if isinstance(instance, TranslatableMixin) and not may_change_language(request.user, instance.locale_id):
        messages.error(
            request,
            _("« %(object)s » (%(language)s) : vous pouvez le traduire, pas le modifier.")
            % {"object": instance, "language": instance.locale.get_display_name()},
        )
        return redirect(instance.snippet_viewset.get_url_name("list"))


@hooks.register("construct_homepage_panels")
def add_published_this_week_panel(request, panels):
    """The dashboard's « Publié cette semaine » (the last seven days, latest first)."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone
    from django.utils.formats import date_format
    from wagtail.models import Page

    from .admin_dashboard import LIMIT, ListPanel, Row

    since = timezone.now() - datetime.timedelta(days=7)
    pages = (
        Page.objects.filter(last_published_at__gte=since, depth__gt=1)
        .select_related("locale")
        .order_by("-last_published_at")[:LIMIT]
    )
    rows = [
        Row(
            f"{page.title} ({page.locale.language_code})",
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            date_format(timezone.localtime(page.last_published_at), "j F Y, H:i"),
        )
        for page in pages
    ]
    panels.append(
        ListPanel(
            "published-this-week",
            _("Publié cette semaine"),
            rows,
            _("Rien n'a été publié ces sept derniers jours."),
            order=300,
        )
    )
