"""``Theme`` moves from ``home`` to the programme; its table ``home_theme`` stays as it is."""

import django.db.models.deletion
import modelsearch.index
import uuid
from django.db import migrations, models

from home.moved_models import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0002_proposal_relations'),
        ('home', '0002_contact_page'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Theme',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                    ('name', models.CharField(max_length=100, verbose_name='nom')),
                    ('slug', models.SlugField(help_text='Utilisé dans les adresses des filtres et des flux, ex. « culture-et-patrimoine ».', max_length=100, verbose_name="identifiant d'URL")),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ],
                options={
                    'verbose_name': 'thème',
                    'verbose_name_plural': 'thèmes',
                    'db_table': 'home_theme',
                    'ordering': ['name'],
                    'abstract': False,
                    'constraints': [models.UniqueConstraint(fields=('slug', 'locale'), name='unique_theme_slug_per_locale')],
                    'unique_together': {('translation_key', 'locale')},
                },
                bases=(modelsearch.index.Indexed, models.Model),
            ),
            migrations.AlterField(
                model_name='proposaltheme',
                name='theme',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposal_links', to='programme.theme', verbose_name='thème'),
            ),
            migrations.AlterField(
                model_name='questiontheme',
                name='theme',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='question_links', to='programme.theme', verbose_name='thème'),
            ),
            ],
            database_operations=[],
        ),
        move_content_types(["theme"], "home", "programme"),
    ]
