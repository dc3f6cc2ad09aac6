"""Every live, public page as the search's facets, filters and sorting read it, kept in memory
between searches and rebuilt when the content changes.

Why: a frequent word matches most of the site; reading thousands of pages, their relations and
their facets for every search cost hundreds of milliseconds at 10,000 pages. The catalogue is
built once per version of the content (a few queries), per language; a search then reads its
matches from the index and everything else from here. The version is a cache key changed on
every publication, unpublication, move, deletion, theme, view-restriction or search promotion
change: with Redis in production, every process sees the change at its next search.
"""

import threading
import uuid
from collections import namedtuple

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from programme.models import Theme
from search import facets

VERSION_KEY = "search:catalogue:version"
FIELDS = ("id", "locale_id", "translation_key", "content_type_id", "path", "last_published_at")
# What the facets, filters and sorting read of a page: a row, not a Page (building thousands of
# Page objects cost 200 ms for a frequent word among 10,000 pages).
FoundPage = namedtuple("FoundPage", FIELDS)

_lock = threading.Lock()
_built = {}  # locale id -> Catalogue


class Catalogue:
    """The live, public pages (``pages``: id → row), the index entry of each (``entries``: entry
    id → page id), and their facet values and labels in one language."""

    def __init__(self, version, locale):
        from search.backend.common import IndexEntry

        self.version = version
        live = Page.objects.live().public().filter(alias_of__isnull=True)  # aliases are not indexed
        self.pages = {row[0]: FoundPage(*row) for row in live.values_list(*FIELDS)}
        page_types = set(get_descendants_content_types_pks(Page))
        self.entries = {
            entry_id: int(object_id)
            for entry_id, object_id, content_type_id in IndexEntry.objects.values_list(
                "id", "object_id", "content_type_id"
            )
            if content_type_id in page_types and object_id.isdigit() and int(object_id) in self.pages
        }
        # Index entry id → page row: what a search's ranked entries are read through.
        self.entry_pages = {entry_id: self.pages[page_id] for entry_id, page_id in self.entries.items()}
        self.values, self.labels = facets.describe(list(self.pages.values()), locale)
        # Each page's (facet, value) pairs: counting the facets of thousands of pages is then
        # one Counter over them.
        self.pairs = {
            page_id: tuple((name, value) for name, chosen in values.items() for value in chosen)
            for page_id, values in self.values.items()
        }
        self._keys = {}
        self._promotions = None

    def promotions(self):
        """The editors' search promotions (``search.promotions.all_promotions``), read once."""
        if self._promotions is None:
            from search.promotions import all_promotions

            self._promotions = all_promotions()
        return self._promotions

    def translation_keys(self, locale_id):
        """The translation keys of the live, public pages of a locale."""
        if locale_id not in self._keys:
            pages = self.pages.values()
            self._keys[locale_id] = {page.translation_key for page in pages if page.locale_id == locale_id}
        return self._keys[locale_id]


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


def catalogue(locale):
    """The catalogue of the current content, in ``locale``'s language."""
    version = current_version()
    built = _built.get(locale.pk)
    if built is None or built.version != version:
        with _lock:
            built = _built.get(locale.pk)
            if built is None or built.version != version:
                built = _built[locale.pk] = Catalogue(version, locale)
    return built


def content_changed(**kwargs):
    """A new version: every process rebuilds its catalogue at its next search."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(content_changed, dispatch_uid=f"search-catalogue-{id(signal)}")
post_delete.connect(content_changed, sender=Page, dispatch_uid="search-catalogue-page-deleted")
for model in (PageViewRestriction, Theme, SearchPromotion):
    post_save.connect(content_changed, sender=model, dispatch_uid=f"search-catalogue-{model.__name__}-saved")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"search-catalogue-{model.__name__}-deleted")


def forget():
    """Drop this process's catalogues (tests roll the database back without any signal)."""
    _built.clear()
