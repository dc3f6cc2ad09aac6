"""The news pages move from ``home`` to their own app; their tables keep their names."""

import datetime
import django.db.models.deletion
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

from home.moved_models import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('home', '0002_contact_page'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='ArticlePage',
                fields=[
                    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                    ('summary', models.TextField(blank=True, help_text='Deux ou trois phrases qui résument la page ; reprises dans les listes et la recherche.', max_length=600, verbose_name='chapeau')),
                    ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('quote', 6), ('image', 9), ('key_figure', 14), ('link_list', 21), ('call_to_action', 24)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'titre', 'max_length': 150}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Titre de section (h2)'), ('h3', 'Sous-titre (h3)')], 'label': 'niveau'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('home.blocks.ParagraphBlock', (), {}), 4: ('wagtail.blocks.TextBlock', (), {'label': 'citation'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'auteur ou source', 'max_length': 150, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('quote', 4), ('attribution', 5)]], {}), 7: ('wagtail.images.blocks.ImageBlock', [], {'label': 'image'}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'légende', 'max_length': 250, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('image', 7), ('caption', 8)]], {}), 10: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 2, 'label': 'valeur'}), 11: ('wagtail.blocks.CharBlock', (), {'label': 'unité', 'max_length': 30, 'required': False}), 12: ('wagtail.blocks.CharBlock', (), {'label': 'ce que mesure le chiffre', 'max_length': 200}), 13: ('wagtail.blocks.CharBlock', (), {'label': 'source et année', 'max_length': 200, 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('value', 10), ('unit', 11), ('label', 12), ('source', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'titre de la liste', 'max_length': 150, 'required': False}), 16: ('wagtail.blocks.PageChooserBlock', (), {'label': 'page du site', 'required': False}), 17: ('wagtail.blocks.URLBlock', (), {'label': 'ou adresse externe', 'required': False}), 18: ('wagtail.blocks.CharBlock', (), {'help_text': 'Laissez vide pour reprendre le titre de la page.', 'label': 'texte du lien', 'max_length': 150, 'required': False}), 19: ('wagtail.blocks.StructBlock', [[('page', 16), ('url', 17), ('text', 18)]], {}), 20: ('wagtail.blocks.ListBlock', (19,), {'label': 'liens'}), 21: ('wagtail.blocks.StructBlock', [[('title', 15), ('links', 20)]], {}), 22: ('wagtail.blocks.CharBlock', (), {'label': "phrase d'appel", 'max_length': 200}), 23: ('wagtail.blocks.StructBlock', [[('page', 16), ('url', 17), ('text', 18)]], {'label': 'lien'}), 24: ('wagtail.blocks.StructBlock', [[('text', 22), ('link', 23)]], {})}, verbose_name='contenu')),
                    ('exclude_from_sitemap', models.BooleanField(default=False, help_text="La page n'apparaît plus dans sitemap.xml et porte la balise « noindex ».", verbose_name='exclure du plan du site et des moteurs de recherche')),
                    ('date', models.DateField(default=datetime.date.today, verbose_name='date de publication')),
                    ('source_name', models.CharField(blank=True, max_length=200, verbose_name='source')),
                    ('social_image', models.ForeignKey(blank=True, help_text='Affichée quand la page est partagée sur un réseau social (1200 × 630 conseillé).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='home.siteimage', verbose_name='image de partage')),
                ],
                options={
                    'verbose_name': 'article',
                    'verbose_name_plural': 'articles',
                    'db_table': 'home_articlepage',
                },
                bases=('wagtailcore.page',),
            ),
            migrations.CreateModel(
                name='NewsIndexPage',
                fields=[
                    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                    ('summary', models.TextField(blank=True, help_text='Deux ou trois phrases qui résument la page ; reprises dans les listes et la recherche.', max_length=600, verbose_name='chapeau')),
                    ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('quote', 6), ('image', 9), ('key_figure', 14), ('link_list', 21), ('call_to_action', 24)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'titre', 'max_length': 150}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Titre de section (h2)'), ('h3', 'Sous-titre (h3)')], 'label': 'niveau'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('home.blocks.ParagraphBlock', (), {}), 4: ('wagtail.blocks.TextBlock', (), {'label': 'citation'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'auteur ou source', 'max_length': 150, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('quote', 4), ('attribution', 5)]], {}), 7: ('wagtail.images.blocks.ImageBlock', [], {'label': 'image'}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'légende', 'max_length': 250, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('image', 7), ('caption', 8)]], {}), 10: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 2, 'label': 'valeur'}), 11: ('wagtail.blocks.CharBlock', (), {'label': 'unité', 'max_length': 30, 'required': False}), 12: ('wagtail.blocks.CharBlock', (), {'label': 'ce que mesure le chiffre', 'max_length': 200}), 13: ('wagtail.blocks.CharBlock', (), {'label': 'source et année', 'max_length': 200, 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('value', 10), ('unit', 11), ('label', 12), ('source', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'titre de la liste', 'max_length': 150, 'required': False}), 16: ('wagtail.blocks.PageChooserBlock', (), {'label': 'page du site', 'required': False}), 17: ('wagtail.blocks.URLBlock', (), {'label': 'ou adresse externe', 'required': False}), 18: ('wagtail.blocks.CharBlock', (), {'help_text': 'Laissez vide pour reprendre le titre de la page.', 'label': 'texte du lien', 'max_length': 150, 'required': False}), 19: ('wagtail.blocks.StructBlock', [[('page', 16), ('url', 17), ('text', 18)]], {}), 20: ('wagtail.blocks.ListBlock', (19,), {'label': 'liens'}), 21: ('wagtail.blocks.StructBlock', [[('title', 15), ('links', 20)]], {}), 22: ('wagtail.blocks.CharBlock', (), {'label': "phrase d'appel", 'max_length': 200}), 23: ('wagtail.blocks.StructBlock', [[('page', 16), ('url', 17), ('text', 18)]], {'label': 'lien'}), 24: ('wagtail.blocks.StructBlock', [[('text', 22), ('link', 23)]], {})}, verbose_name='contenu')),
                    ('exclude_from_sitemap', models.BooleanField(default=False, help_text="La page n'apparaît plus dans sitemap.xml et porte la balise « noindex ».", verbose_name='exclure du plan du site et des moteurs de recherche')),
                    ('social_image', models.ForeignKey(blank=True, help_text='Affichée quand la page est partagée sur un réseau social (1200 × 630 conseillé).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='home.siteimage', verbose_name='image de partage')),
                ],
                options={
                    'verbose_name': 'index des actualités',
                    'verbose_name_plural': 'index des actualités',
                    'db_table': 'home_newsindexpage',
                },
                bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
            ),
            ],
            database_operations=[],
        ),
        move_content_types(["newsindexpage", "articlepage"], "home", "news"),
    ]
