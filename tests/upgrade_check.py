"""Upgrade a database from the schema before the apps were split (themes and news in ``home``)
to the current one, and check that nothing is lost. Run by ``tests/test_migrations.py`` in a
throw-away database (``SQLITE_PATH`` or ``DATABASE_URL``); prints one line per check.

The old content is written with the historical models of the migrations, as the code of that
time would have stored it: a theme, a news index and an article, a proposal linked to the theme,
a quartier and a cultural place with their coordinates.
"""

import os
import sys
from decimal import Decimal
from pathlib import Path

# The repository, not tests/ (whose html.py would stand for the standard library's html).
sys.path[0] = str(Path(__file__).resolve().parents[1])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

#: The last migration of each app before the split.
BEFORE = [
    ("home", "0002_contact_page"),
    ("quartiers", "0002_portraits_projects_social_centres"),
    ("culture", "0002_place_details"),
    ("programme", "0002_proposal_relations"),
]


def write_old_content():
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state(BEFORE).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    Locale = old.get_model("wagtailcore", "Locale")
    Page = old.get_model("wagtailcore", "Page")
    locale = Locale.objects.get_or_create(language_code="fr")[0]
    root = Page.objects.get(depth=1)

    def add_page(app_label, model_name, number, parent_path, **fields):
        model = old.get_model(app_label, model_name)
        content_type = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())[0]
        return model.objects.create(
            path=f"{parent_path}{number:04d}",
            depth=len(parent_path) // 4 + 1,
            numchild=0,
            content_type=content_type,
            locale=locale,
            live=True,
            url_path=f"/{fields['slug']}/",
            draft_title=fields["title"],
            **fields,
        )

    base = root.path
    news = add_page("home", "NewsIndexPage", 90, base, title="Actualités", slug="actualites-old")
    article = add_page("home", "ArticlePage", 1, news.path, title="Un article", slug="un-article", date="2013-03-12")
    proposal = add_page("programme", "ProposalPage", 91, base, title="Une proposition", slug="p", reference="P-01")
    quartier = add_page(
        "quartiers", "QuartierPage", 92, base, title="Planoise", slug="planoise-old",
        latitude=Decimal("47.22140"), longitude=Decimal("5.96810"),
    )
    place = add_page(
        "culture", "CulturalPlacePage", 93, base, title="Citadelle", slug="citadelle-old", kind="heritage",
        address="99 rue des Fusillés", latitude=Decimal("47.231372"), longitude=Decimal("6.032460"),
    )
    Theme = old.get_model("home", "Theme")
    theme = Theme.objects.create(name="Culture et patrimoine", slug="culture-et-patrimoine", locale=locale)
    old.get_model("programme", "ProposalTheme").objects.create(proposal_id=proposal.pk, theme_id=theme.pk, sort_order=0)
    theme_type = ContentType.objects.get(app_label="home", model="theme").pk
    return {
        "news": news.pk, "article": article.pk, "proposal": proposal.pk, "quartier": quartier.pk,
        "place": place.pk, "theme": theme.pk, "theme_type": theme_type,
    }


def check(label, condition):
    print(("ok   " if condition else "FAIL ") + label)
    return bool(condition)


def main():
    for app_label, name in BEFORE:
        call_command("migrate", app_label, name, verbosity=0)
    ids = write_old_content()
    call_command("migrate", verbosity=0)

    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from culture.models import CulturalPlacePage
    from news.models import ArticlePage, NewsIndexPage
    from programme.models import ProposalTheme, Theme
    from quartiers.models import QuartierPage

    ContentType.objects.clear_cache()  # the halfway migrations above cached content types in this process
    results = [
        check("the news index is a news.NewsIndexPage", Page.objects.get(pk=ids["news"]).specific_class is NewsIndexPage),
        check("the article keeps its date", str(ArticlePage.objects.get(pk=ids["article"]).date) == "2013-03-12"),
        check("the article is a child of the news index",
              ArticlePage.objects.child_of(NewsIndexPage.objects.get(pk=ids["news"])).count() == 1),
        check("the theme is a programme.Theme", Theme.objects.get(pk=ids["theme"]).slug == "culture-et-patrimoine"),
        check("the theme keeps its content type id",
              ContentType.objects.get_for_model(Theme).pk == ids["theme_type"]),
        check("no content type is left in home for moved models",
              not ContentType.objects.filter(app_label="home", model__in=["theme", "newsindexpage", "articlepage"])
              .exists()),
        check("the proposal still links its theme",
              ProposalTheme.objects.get(proposal_id=ids["proposal"]).theme.name == "Culture et patrimoine"),
        check("the quartier keeps its coordinates",
              (QuartierPage.objects.get(pk=ids["quartier"]).latitude,
               QuartierPage.objects.get(pk=ids["quartier"]).longitude) == (Decimal("47.2214"), Decimal("5.9681"))),
        check("the place keeps its coordinates",
              CulturalPlacePage.objects.get(pk=ids["place"]).latitude == Decimal("47.231372")),
    ]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
