"""What every section of the site shares: the base page, images, themes, settings, news."""

from .base import BasePage
from .contact import ContactFormField, ContactPage
from .images import SiteImage, SiteRendition
from .news import ArticlePage, NewsIndexPage
from .pages import HomePage, StandardPage
from .settings import NavigationSettings, SiteSettings
from .snippets import Theme

__all__ = [
    "ArticlePage",
    "BasePage",
    "ContactFormField",
    "ContactPage",
    "HomePage",
    "NavigationSettings",
    "NewsIndexPage",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "StandardPage",
    "Theme",
]
