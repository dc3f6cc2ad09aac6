from django.utils.translation import gettext_lazy as _

from .base import BasePage


class HomePage(BasePage):
    """The root of each language tree: who we are and the way into each section."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "programme.ProgrammeIndexPage",
        "quartiers.QuartierIndexPage",
        "culture.CultureIndexPage",
        "home.NewsIndexPage",
        "home.StandardPage",
        "home.ContactPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        from programme.queries import flagship_proposals

        from .news import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        context["flagship_proposals"] = flagship_proposals(self.locale)
        context["sections"] = self.get_children().live().public().in_menu().specific()
        context["latest_articles"] = (
            ArticlePage.objects.live().public().descendant_of(self).order_by("-date")[:3]
        )
        return context


class StandardPage(BasePage):
    """A page of text: legal notice, accessibility statement, privacy, about us."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")
