"""What every page of the site shares: the base page, images, settings, the home, standard and contact pages."""

from .base import BasePage, SectionIndexPage
from .contact import ContactFormField, ContactPage
from .images import SiteImage, SiteRendition
from .pages import HomePage, StandardPage
from .settings import SiteSettings, SiteTexts

__all__ = [
    "BasePage",
    "SectionIndexPage",
    "ContactFormField",
    "ContactPage",
    "HomePage",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "SiteTexts",
    "StandardPage",
]
