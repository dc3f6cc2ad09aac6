"""The news pages and the themes leave ``home`` (state only: ``news`` and ``programme`` now own
their tables, see ``news/migrations/0001_initial.py`` and ``programme/migrations/0003``)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0002_contact_page"),
        ("news", "0001_initial"),
        ("programme", "0003_theme_moves_from_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ArticlePage"),
                migrations.DeleteModel(name="NewsIndexPage"),
                migrations.DeleteModel(name="Theme"),
            ],
            database_operations=[],
        ),
    ]
