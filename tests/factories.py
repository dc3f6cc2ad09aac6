"""Factories for the pages tests build themselves (wagtail-factories, on factory_boy).

Pages go under the demo site by default: ``StandardPageFactory()`` is a live standard page
under the French home page, ``ArticlePageFactory()`` a live article in the French news index.
Pass ``parent=`` to put them elsewhere, ``live=False`` for a draft. Models are named by label
("app.Model"), not imported, so the factories follow the models without an import to change.
"""

import datetime

import factory
import wagtail_factories
from wagtail.models import Page, Site


def _home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def _news_index():
    return Page.objects.child_of(_home_page()).type(_model("news.NewsIndexPage")).get().specific


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def paragraphs(*texts):
    """StreamField data for a body of plain paragraphs."""
    return [("paragraph", f"<p>{text}</p>") for text in texts]


class BasePageFactory(wagtail_factories.PageFactory):
    """A page of the site (``home.models.BasePage``): title, slug, summary and body."""

    title = factory.Sequence(lambda n: f"Page de test {n}")
    summary = factory.LazyAttribute(lambda page: f"Chapeau de « {page.title} ».")
    body = factory.LazyAttribute(lambda page: paragraphs(f"Premier paragraphe de « {page.title} »."))
    parent = factory.LazyFunction(_home_page)

    class Meta:
        abstract = True


class StandardPageFactory(BasePageFactory):
    class Meta:
        model = "home.StandardPage"


class ArticlePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Article de test {n}")
    date = factory.LazyFunction(datetime.date.today)
    parent = factory.LazyFunction(_news_index)

    class Meta:
        model = "news.ArticlePage"
