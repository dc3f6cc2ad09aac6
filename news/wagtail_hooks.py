from django.utils import timezone
from wagtail import hooks

from home.panels import HOOK_NAME, HomePanel

from .models import ArticlePage


@hooks.register(HOOK_NAME, order=30)
def latest_news_panel(page, request):
    """« Dernières actualités » on the home page: the three latest articles of its tree, each
    with its date and how old it is, so that an article of 2013 does not pass for news."""
    articles = list(ArticlePage.objects.live().public().descendant_of(page).order_by("-date")[:3])
    if not articles:
        return None
    today = timezone.localdate()
    for article in articles:
        article.age_in_days = (today - article.date).days
    return HomePanel("news/home_news_panel.html", {"latest_articles": articles, "today": today})
