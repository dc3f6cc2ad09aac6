from wagtail import hooks

from home.panels import HOOK_NAME, HomePanel

from .models import ArticlePage


@hooks.register(HOOK_NAME, order=30)
def latest_news_panel(page, request):
    """« Dernières actualités » on the home page: the three latest articles of its tree."""
    articles = list(ArticlePage.objects.live().public().descendant_of(page).order_by("-date")[:3])
    if not articles:
        return None
    return HomePanel("news/home_news_panel.html", {"latest_articles": articles})
