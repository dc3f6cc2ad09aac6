"""The question form's fields become translatable with their page (label, help text, choices).

Existing rows get the locale of their page, and a translation key derived from their page's
and their own name, so that a field and its copy in a translated page share one key.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

NAMESPACE = uuid.UUID("7d0f7c6e-2f4e-4b57-9a38-2b8f6e1c0a11")


def bootstrap(apps, schema_editor):
    ContactFormField = apps.get_model("home", "ContactFormField")
    rows = ContactFormField.objects.values_list("pk", "page__locale_id", "page__translation_key", "clean_name", "sort_order")
    for pk, locale_id, page_key, clean_name, sort_order in rows:
        key = uuid.uuid5(NAMESPACE, f"{page_key}:{clean_name or sort_order}")
        ContactFormField.objects.filter(pk=pk).update(locale_id=locale_id, translation_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_news_and_themes_move_out"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.RunPython(bootstrap, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(name="contactformfield", unique_together={("translation_key", "locale")}),
    ]
