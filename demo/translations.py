"""The demo content's English and German translations, through wagtail-localize's own machinery.

Each app keeps, beside its French data file, one PO file per language
(``<app>/demo_data/locale/<language>.po``): the French strings of its pages and snippets as
wagtail-localize extracts them (``msgid``), with their translation (``msgstr``). These files are
a translation memory, written by people, not generated: a string is found again by its French
text wherever it is used (a title, a paragraph, a slug), so a page's StreamField block ids,
which change on every load, do not matter.

:func:`translate` gives every French page and snippet a wagtail-localize translation source,
exports the PO file of each of its translations, fills it from the memory, imports it back
(``Translation.import_po``) and saves the translated page (``save_target``) when every string
has a translation; a page with a string missing stays a synchronised French copy. Running it
again changes only what the PO files or the French content changed.

:func:`update_catalogues` is the demo's ``makemessages``: it adds the strings of the French
content that the PO files do not have yet (``manage.py demo_translations``).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource, get_schema_version

from translation.trees import ensure_locales, synchronised_locales


@dataclass
class Coverage:
    """What :func:`translate` did for one language."""

    translated: int = 0
    changed: list = field(default_factory=list)  # the objects saved again
    incomplete: list = field(default_factory=list)  # (object, strings without a translation)


def catalogue_path(app_label, language_code):
    return Path(apps.get_app_config(app_label).path) / "demo_data" / "locale" / f"{language_code}.po"


def read_memory(app_label, language_code):
    """``{French string: translation}`` of an app's PO file (empty when it has none)."""
    path = catalogue_path(app_label, language_code)
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr and not entry.obsolete}


def source_objects():
    """Every French page (the tree's root excepted) and translatable snippet, parents first."""
    source = ensure_locales()
    pages = Page.objects.filter(locale=source, depth__gt=1, alias_of__isnull=True).order_by("path")
    snippets = [
        obj
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin)
        for obj in model.objects.filter(locale=source).order_by("pk")
    ]
    return snippets + [page.specific for page in pages]


def _label(obj):
    return f"{type(obj).__name__} {getattr(obj, 'slug', None) or obj.pk}"


def translate(objects=None):
    """Translate the demo content into every synchronised language. Returns ``{code: Coverage}``."""
    objects = source_objects() if objects is None else objects
    memories = {}
    sources = {}
    result = {}
    for locale in synchronised_locales():
        coverage = result.setdefault(locale.language_code, Coverage())
        for obj in objects:
            app_label = obj._meta.app_label
            key = (app_label, locale.language_code)
            if key not in memories:
                memories[key] = read_memory(app_label, locale.language_code)
            if (obj._meta.label, obj.pk) not in sources:
                sources[obj._meta.label, obj.pk] = _current_source(obj)
            _translate_one(obj, *sources[obj._meta.label, obj.pk], locale, memories[key], coverage)
    return result


def _current_source(obj):
    """``(source, changed)``: the object's translation source, brought up to date only when its
    content changed. Extracting an unchanged page's segments again (``update_from_db``) was most
    of the time of loading the demo content a second time."""
    source, created = TranslationSource.get_or_create_from_instance(obj)
    if created:
        return source, True
    instance = source.get_source_instance()
    if isinstance(instance, ClusterableModel):
        content = instance.to_json()
    else:
        content = json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
    if content == source.content_json and source.schema_version == get_schema_version(instance._meta.app_label):
        return source, False
    source.update_from_db()
    return source, True


def _translate_one(obj, source, source_changed, locale, memory, coverage):
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing, changed = 0, False
    for entry in po:
        wanted = memory.get(entry.msgid, "")
        if not wanted:
            missing += 1
        elif entry.msgstr != wanted:
            entry.msgstr = wanted
            changed = True
    if missing:
        coverage.incomplete.append((obj, missing))
        return
    if changed:
        translation.import_po(po)
    target = obj.get_translation_or_none(locale)
    is_copy = target is None or (isinstance(target, Page) and target.alias_of_id is not None)
    if changed or source_changed or is_copy:
        _save_translation(source, locale)
        coverage.changed.append(obj)
    coverage.translated += 1


def _save_translation(source, locale):
    """``Translation.save_target``, with the page published now rather than when the
    transaction commits (wagtail-localize's ``on_commit``), so that the loader's last steps
    (search index, counts) see it."""
    translated, _created = source.create_or_update_translation(
        locale, publish=not issubclass(source.specific_content_type.model_class(), Page), fallback=True
    )
    if isinstance(translated, Page):
        translated.get_latest_revision().publish()


def update_catalogues(objects=None):
    """Add the French strings the PO files lack; mark those no longer used as obsolete.

    Returns ``{(app label, language code): (strings, of which new)}``.
    """
    objects = source_objects() if objects is None else objects
    uses = defaultdict(lambda: defaultdict(list))  # app label → French string → where it is used
    for obj in objects:
        source, _created = TranslationSource.get_or_create_from_instance(obj)
        source.update_from_db()
        for segment in source.stringsegment_set.select_related("string", "context").order_by("order"):
            uses[obj._meta.app_label][segment.string.data].append(f"{_label(obj)} {segment.context.path.split('.')[0]}")
    summary = {}
    for app_label, strings in uses.items():
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            path = catalogue_path(app_label, code)
            path.parent.mkdir(parents=True, exist_ok=True)
            po = polib.pofile(str(path)) if path.exists() else polib.POFile(wrapwidth=0)
            po.metadata = {
                "Project-Id-Version": f"demo content: {app_label}",
                "Language": code,
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
            }
            known = {entry.msgid: entry for entry in po}
            new = 0
            for text, where in strings.items():
                entry = known.get(text)
                if entry is None:
                    entry = polib.POEntry(msgid=text, msgstr="")
                    po.append(entry)
                    new += 1
                entry.obsolete = False
                entry.comment = "; ".join(sorted(set(where))[:3])
            for entry in po:
                if entry.msgid not in strings:
                    entry.obsolete = True
            po.wrapwidth = 0
            po.save(str(path))
            summary[(app_label, code)] = (len(strings), new)
    return summary
