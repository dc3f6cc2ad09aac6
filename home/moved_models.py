"""A migration operation for models that move from one app to another with their tables.

Used by the migrations that took the news pages and the themes out of ``home``; keep it as it
is, or copy it into those migrations before changing it: migrations run it as written.
"""

from django.db import migrations


def _forget_content_types():
    """The process's content type cache may hold the one just deleted (filled by an earlier
    ``migrate`` in the same process): a permission created after would point at nothing."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def move_content_types(models, old_app, new_app):
    """Point the content types of moved models at their new app: pages, revisions, permissions
    and translation sources keep their content type id, so nothing else has to change. A content
    type already made for the new app (by a ``migrate`` run halfway) holds nothing yet: it goes."""

    def move(apps, source, target):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            moved = ContentType.objects.filter(app_label=source, model=model).first()
            if moved is not None:
                ContentType.objects.filter(app_label=target, model=model).exclude(pk=moved.pk).delete()
                moved.app_label = target
                moved.save(update_fields=["app_label"])

    def forwards(apps, schema_editor):
        move(apps, old_app, new_app)
        _forget_content_types()

    def backwards(apps, schema_editor):
        move(apps, new_app, old_app)
        _forget_content_types()

    return migrations.RunPython(forwards, backwards)
